// Model summary: number and shape formatting, per-layer rows and totals for bench-net in every
// arm (BENCHNET.md counts), the Keras-style text, and the norm placeholder lines.
#include <QtTest>

#include "core/model/model_summary.h"
#include "core/model/presets.h"

using namespace normlab;

namespace {

ArmSettings armWith(NormKind kind) {
  ArmSettings arm;
  arm.norm.kind = kind;
  return arm;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class TestModelSummary : public QObject {
  Q_OBJECT
 private slots:
  void formatCount_data() {
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << qint64(0) << "0";
    QTest::newRow("999") << qint64(999) << "999";
    QTest::newRow("1000") << qint64(1000) << "1,000";
    QTest::newRow("207018") << qint64(207018) << "207,018";
    QTest::newRow("1234567") << qint64(1234567) << "1,234,567";
    QTest::newRow("-4096") << qint64(-4096) << "-4,096";
  }
  void formatCount() {
    QFETCH(qint64, count);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(normlab::formatCount(count)), text);
  }

  void formatOutputShape() {
    QCOMPARE(normlab::formatOutputShape({16, 28, 28}), std::string("(None, 16, 28, 28)"));
    QCOMPARE(normlab::formatOutputShape({128, 1, 1}), std::string("(None, 128)"));
  }

  void totals_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("trainable");
    QTest::addColumn<qint64>("nonTrainable");
    QTest::addColumn<int>("rows");
    // BENCHNET.md: 206,922 (none, lrn); 207,018 = 206,922 + 2*(16+32) for the affine norms;
    // batch norm also keeps 2*(16+32) = 96 running statistics.
    QTest::newRow("none") << int(NormKind::None) << qint64(206922) << qint64(0) << 11;
    QTest::newRow("lrn") << int(NormKind::LocalResponse) << qint64(206922) << qint64(0) << 13;
    QTest::newRow("batch") << int(NormKind::Batch) << qint64(207018) << qint64(96) << 13;
    QTest::newRow("layer") << int(NormKind::Layer) << qint64(207018) << qint64(0) << 13;
    QTest::newRow("instance") << int(NormKind::Instance) << qint64(207018) << qint64(0) << 13;
    QTest::newRow("group") << int(NormKind::Group) << qint64(207018) << qint64(0) << 13;
  }
  void totals() {
    QFETCH(int, kind);
    QFETCH(qint64, trainable);
    QFETCH(qint64, nonTrainable);
    QFETCH(int, rows);
    auto model = buildModel<float>(preset("bench-net"), armWith(NormKind(kind)), 2);
    const ModelSummary s = summarizeModel(model, "bench-net", normKindName(NormKind(kind)));
    QCOMPARE(qint64(s.trainable), trainable);
    QCOMPARE(qint64(s.nonTrainable), nonTrainable);
    QCOMPARE(qint64(s.total()), trainable + nonTrainable);
    QCOMPARE(int(s.rows.size()), rows);
    qint64 sum = 0;
    for (const auto& r : s.rows) sum += r.params();
    QCOMPARE(sum, trainable + nonTrainable);
    const std::string text = formatSummary(s);
    QVERIFY2(contains(text, "Total params: " + normlab::formatCount(trainable + nonTrainable) + "\n"), text.c_str());
    QVERIFY2(contains(text, "Trainable params: " + normlab::formatCount(trainable) + "\n"), text.c_str());
    QVERIFY2(contains(text, "Non-trainable params: " + normlab::formatCount(nonTrainable)), text.c_str());
  }

  // Layer norm with per-element affine: each norm row counts gamma and beta of C x H x W.
  void layerNormPerElementRows() {
    ArmSettings arm = armWith(NormKind::Layer);
    arm.norm.affineShape = AffineShape::Element;
    auto model = buildModel<float>(preset("bench-net"), arm, 2);
    const ModelSummary s = summarizeModel(model, "bench-net", "LN per element");
    QCOMPARE(s.rows[1].name, std::string("norm1"));
    QCOMPARE(s.rows[1].kind, std::string("layer_norm"));
    QCOMPARE(s.rows[1].trainable, std::int64_t(2 * 16 * 28 * 28));
    QCOMPARE(s.rows[5].name, std::string("norm2"));
    QCOMPARE(s.rows[5].trainable, std::int64_t(2 * 32 * 14 * 14));
    QCOMPARE(s.trainable, std::int64_t(244554));  // 206,922 + 2 * (12,544 + 6,272)
    QCOMPARE(s.nonTrainable, std::int64_t(0));
    const std::string text = formatSummary(s);
    QVERIFY2(contains(text, "Total params: 244,554\n"), text.c_str());
    QVERIFY2(contains(text, "25,088"), text.c_str());  // norm1's row
  }

  void rowsOfBenchNetWithBatchNorm() {
    auto model = buildModel<float>(preset("bench-net"), armWith(NormKind::Batch), 2);
    const ModelSummary s = summarizeModel(model, "bench-net", "batch");
    QCOMPARE(s.rows[0].name, std::string("conv1"));
    QCOMPARE(s.rows[0].kind, std::string("conv2d"));
    QCOMPARE(s.rows[0].outputShape, std::string("(None, 16, 28, 28)"));
    QCOMPARE(s.rows[0].trainable, std::int64_t(160));  // 16 * 1 * 3 * 3 + 16
    QCOMPARE(s.rows[1].name, std::string("norm1"));
    QCOMPARE(s.rows[1].kind, std::string("batch_norm"));
    QCOMPARE(s.rows[1].trainable, std::int64_t(32));     // gamma, beta: 2 * 16
    QCOMPARE(s.rows[1].nonTrainable, std::int64_t(32));  // running mean, variance: 2 * 16
    QCOMPARE(s.rows[4].trainable, std::int64_t(4640));   // conv2: 32 * 16 * 9 + 32
    QCOMPARE(s.rows[8].outputShape, std::string("(None, 1568)"));  // flatten: 32 * 7 * 7
    QCOMPARE(s.rows[9].trainable, std::int64_t(200832)); // fc1: 1568 * 128 + 128
    QCOMPARE(s.rows[12].trainable, std::int64_t(1290));  // fc2: 128 * 10 + 10
    QCOMPARE(s.rows[12].outputShape, std::string("(None, 10)"));

    const std::string text = modelSummary(model, "bench-net", "batch");
    QVERIFY2(contains(text, "Model: \"bench-net\", arm: batch\n"), text.c_str());
    QVERIFY2(contains(text, " Layer (type)"), text.c_str());
    QVERIFY2(contains(text, "Output Shape"), text.c_str());
    QVERIFY2(contains(text, "Param #"), text.c_str());
    QVERIFY2(contains(text, "====="), text.c_str());
    QVERIFY2(contains(text, "Total params: 207,114\n"), text.c_str());
    QVERIFY2(contains(text, "Non-trainable params: 96 (batch-norm running statistics)"), text.c_str());
    QVERIFY2(contains(text, " norm1 after conv1: batch norm over 16x28x28\n"), text.c_str());
    // Columns line up: every table row puts its output shape at the same column as the header.
    const auto headerCol = text.find("Output Shape") - text.rfind('\n', text.find("Output Shape")) - 1;
    const auto rowStart = text.find(" conv1 (conv2d)");
    QCOMPARE(text.find("(None, 16, 28, 28)", rowStart) - rowStart, headerCol);
    const auto fcStart = text.find(" fc2 (dense)");
    QCOMPARE(text.find("(None, 10)", fcStart) - fcStart, headerCol);
  }

  void normLinesSayWhyANormIsAbsent() {
    auto model = buildModel<float>(preset("small-cnn"), armWith(NormKind::Instance), 2);
    const std::string text = modelSummary(model, "small-cnn", "instance");
    QVERIFY2(contains(text, " norm1 after conv1: instance norm over 16x28x28\n"), text.c_str());
    QVERIFY2(contains(text, " norm2 after conv2: instance norm over 32x14x14\n"), text.c_str());
    QVERIFY2(contains(text, " norm3 after fc1: absent - instance norm has no meaning on a dense layer's output: 'fc1' outputs 128 flat features"),
             text.c_str());
    QVERIFY(!contains(text, "norm3 (")); // no table row for the absent norm
    auto none = buildModel<float>(preset("small-cnn"), armWith(NormKind::None), 2);
    QVERIFY(contains(modelSummary(none, "small-cnn", "none"), " norm3 after fc1: absent - no normalization in this arm\n"));
    auto group = buildModel<double>(preset("small-cnn"), armWith(NormKind::Group), 2);
    const std::string g = modelSummary(group, "small-cnn", "group");
    QVERIFY2(contains(g, " norm3 after fc1: group norm over 128\n"), g.c_str());
    QVERIFY2(contains(g, "norm3 (group_norm)"), g.c_str());
  }

  void unplannedNetworkIsAnError() {
    Network<float> net;
    QVERIFY_THROWS_EXCEPTION(NormLabError, summarizeModel(net, {}, "x", "y"));
  }
};

QTEST_APPLESS_MAIN(TestModelSummary)
#include "test_model_summary.moc"
