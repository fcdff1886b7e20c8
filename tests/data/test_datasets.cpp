// Dataset sources (a mistyped path is an error; only a missing default install falls back; only
// regular files are read), the "dataset" config object, subsets, validation split, preprocessing,
// the sample stream (shuffling and batching) and augmentation.
#include <QtTest>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/data/cifar10.h"
#include "core/data/data_config.h"
#include "core/base/error.h"
#include "core/data/sample_stream.h"

using namespace normlab;
using nlohmann::json;

namespace {

template <typename F>
QString errorOf(F f) {
  try {
    f();
  } catch (const NormLabError& e) {
    return e.what();
  }
  return {};
}

void writeCifarBatch(const QString& path, int records, int badLabelAt = -1) {
  std::ofstream f(path.toStdString(), std::ios::binary);
  for (int r = 0; r < records; ++r) {
    f.put(char(r == badLabelAt ? 10 : r % 10));
    for (int i = 0; i < 3072; ++i) f.put(char((r + i) & 0xFF));
  }
}

SyntheticConfig smallSynthetic() { return {10, 500, 100, 28}; }

}  // namespace

class TestDatasets : public QObject {
  Q_OBJECT
 private slots:
  void fashionMnistLoadsQuickly() {
    const char* dir = std::getenv("NORMLAB_FASHION_MNIST");
    QElapsedTimer timer;
    timer.start();
    const Dataset d = loadFashionMnist(dir ? dir : kFashionMnistDir);
    const qint64 ms = timer.elapsed();
    qInfo("Fashion-MNIST: 70,000 images loaded in %lld ms", ms);
    QCOMPARE(d.train.size(), 60000);
    QCOMPARE(d.test.size(), 10000);
    QCOMPARE(d.train.shape, (Shape{1, 28, 28}));
    QCOMPARE(d.classes, 10);
    QCOMPARE(d.classNames[9], std::string("Ankle boot"));
    QCOMPARE(d.train.labels[0], 9);  // the first training image of Fashion-MNIST is an ankle boot
  }

  void syntheticIsDeterministic() {
    const Dataset a = makeSyntheticDataset(smallSynthetic(), 1);
    const Dataset b = makeSyntheticDataset(smallSynthetic(), 1);
    const Dataset c = makeSyntheticDataset(smallSynthetic(), 2);
    QVERIFY(a.train.pixels == b.train.pixels);
    QVERIFY(a.train.labels == b.train.labels);
    QVERIFY(a.train.pixels != c.train.pixels);
    std::vector<int> counts(10, 0);
    for (int l : a.train.labels) ++counts[std::size_t(l)];
    for (int k : counts) QVERIFY2(k > 25, "every class appears");
    QCOMPARE(a.classNames.size(), std::size_t(10));
    QVERIFY(!errorOf([] { makeSyntheticDataset({11, 10, 10, 28}, 0); }).isEmpty());
  }

  void cifar10() {
    QTemporaryDir dir;
    for (int i = 1; i <= 5; ++i) writeCifarBatch(dir.filePath(QString("data_batch_%1.bin").arg(i)), 4);
    writeCifarBatch(dir.filePath("test_batch.bin"), 3);
    const Dataset d = loadCifar10(dir.path().toStdString());
    QCOMPARE(d.train.size(), 20);
    QCOMPARE(d.test.size(), 3);
    QCOMPARE(d.train.shape, (Shape{3, 32, 32}));
    QCOMPARE(int(d.train.image(1)[5]), 6);  // record 1, pixel 5 = (1 + 5) & 0xFF
    writeCifarBatch(dir.filePath("test_batch.bin"), 3, 2);
    QVERIFY(errorOf([&] { loadCifar10(dir.path().toStdString()); }).contains("label 10"));
    std::ofstream(dir.filePath("test_batch.bin").toStdString(), std::ios::app) << "x";
    QVERIFY(errorOf([&] { loadCifar10(dir.path().toStdString()); }).contains("whole number"));
    QFile::remove(dir.filePath("data_batch_3.bin"));
    QVERIFY(errorOf([&] { loadCifar10(dir.path().toStdString()); }).contains("data_batch_3.bin"));
    // A FIFO in place of a batch is refused at once (reading it would wait for ever).
    QCOMPARE(::mkfifo(dir.filePath("data_batch_3.bin").toLocal8Bit().constData(), 0600), 0);
    const QString fifo = errorOf([&] { loadCifar10(dir.path().toStdString()); });
    QVERIFY2(fifo.contains("data_batch_3.bin' is a FIFO"), qPrintable(fifo));
  }

  void badConfigs_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not an object") << "[1]" << "must be a JSON object";
    QTest::newRow("unknown key") << R"({"name": "synthetic", "colour": 1})" << "unknown key \"dataset.colour\"";
    QTest::newRow("unknown source") << R"({"name": "imagenet"})" << "dataset.name";
    QTest::newRow("wrong type") << R"({"train_subset": "ten"})" << "dataset.train_subset\" must be a whole number";
    QTest::newRow("fraction") << R"({"train_subset": 2.5})" << "whole number";
    QTest::newRow("negative") << R"({"test_subset": -1})" << "between 0";
    QTest::newRow("validation") << R"({"validation": 0.95})" << "dataset.validation";
    QTest::newRow("preprocess") << R"({"preprocess": "pca"})" << "raw, minmax, zscore";
    QTest::newRow("missing path") << R"({"name": "idx"})" << "\"dataset.path\" is required";
    QTest::newRow("synthetic key elsewhere") << R"({"name": "fashion-mnist", "classes": 3})" << "only applies";
  }
  void badConfigs() {
    QFETCH(QString, config);
    QFETCH(QString, expected);
    const QString msg = errorOf([&] { parseDataConfig(json::parse(config.toStdString())); });
    QVERIFY2(msg.contains(expected), qPrintable("got: " + msg));
  }

  void configRoundTrip() {
    const json j = json::parse(R"({"name": "synthetic", "classes": 4, "train": 100, "test": 20, "size": 16,
      "train_subset": 40, "stratified": true, "validation": 0.25, "preprocess": "minmax", "augment": true})");
    const DataConfig c = parseDataConfig(j);
    QCOMPARE(parseDataConfig(toJson(c)).synthetic.size, 16);
    QCOMPARE(toJson(parseDataConfig(toJson(c))), toJson(c));
  }

  void subsetsAndValidation() {
    DataConfig c;
    c.name = "synthetic";
    c.synthetic = smallSynthetic();
    c.trainSubset = 7;
    c.stratified = true;
    c.testSubset = 30;
    LoadedData data = loadData(c, 3);
    QCOMPARE(data.dataset.train.size(), 70);  // 7 per class
    QCOMPARE(data.dataset.test.size(), 100);  // 30 per class: all of the 100 test images
    std::vector<int> counts(10, 0);
    for (int l : data.dataset.train.labels) ++counts[std::size_t(l)];
    for (int k : counts) QCOMPARE(k, 7);

    c.trainSubset = 0;
    c.stratified = false;
    c.validation = 0.2;
    data = loadData(c, 3);
    QCOMPARE(data.dataset.test.size(), 30);  // the first 30
    QCOMPARE(data.validation.size(), 100);
    QCOMPARE(data.dataset.train.size(), 400);
    QVERIFY(data.warning.empty());
  }

  void zscoreAndMinMax() {
    DataConfig c;
    c.name = "synthetic";
    c.synthetic = smallSynthetic();
    LoadedData data = loadData(c, 1);
    const ImageSet& train = data.dataset.train;
    std::vector<int> idx(std::size_t(train.size()));
    for (int i = 0; i < train.size(); ++i) idx[std::size_t(i)] = i;
    std::vector<float> x(train.pixels.size());
    std::vector<int> labels(idx.size());
    Tensor<float> t{x.data(), train.size(), train.shape};
    fillBatch(train, idx.data(), train.size(), data.transform, t, labels.data());
    double sum = 0, sumSq = 0;
    for (float v : x) { sum += v; sumSq += double(v) * v; }
    const double mean = sum / double(x.size()), var = sumSq / double(x.size()) - mean * mean;
    QVERIFY(std::abs(mean) < 1e-4);
    QVERIFY(std::abs(var - 1) < 1e-3);
    const InputTransform minmax = fitInputTransform(train, Preprocess::MinMax);
    fillBatch(train, idx.data(), 1, minmax, t, labels.data());
    QCOMPARE(x[0], float(train.pixels[0]) / 255.f);
    const InputTransform raw = fitInputTransform(train, Preprocess::Raw);
    fillBatch(train, idx.data(), 1, raw, t, labels.data());
    QCOMPARE(x[0], float(train.pixels[0]));
  }

  // Only a missing default install falls back to the synthetic set (with a warning).
  void fallbackWhenFashionMnistMissing() {
    DataConfig c;
    c.synthetic = smallSynthetic();
    setDefaultFashionMnistDir("/nonexistent/fashion-mnist");
    const LoadedData data = loadData(c, 1);
    setDefaultFashionMnistDir(kFashionMnistDir);
    QCOMPARE(data.dataset.name, std::string("synthetic"));
    QVERIFY(QString::fromStdString(data.warning).contains("dataset-fashion-mnist"));
    QVERIFY(QString::fromStdString(data.warning).contains("/nonexistent/fashion-mnist"));
  }

  // A "path" the user gave is used or is an error: a typo never silently changes the dataset.
  void mistypedPathIsAnError() {
    QTemporaryDir dir;
    const std::string file = dir.filePath("a-file").toStdString();
    std::ofstream(file) << "not a folder";
    for (const std::string name : {"fashion-mnist", "idx", "cifar10"}) {
      DataConfig c;
      c.name = name;
      c.synthetic = smallSynthetic();
      c.path = "/nonexistent/fashoin-mnist";
      QString msg = errorOf([&] { loadData(c, 1); });
      QVERIFY2(msg.contains("'/nonexistent/fashoin-mnist' does not exist"), qPrintable(QString::fromStdString(name) + ": " + msg));
      c.path = file;
      msg = errorOf([&] { loadData(c, 1); });
      QVERIFY2(msg.contains(QString::fromStdString(file) + "' is a regular file, not a folder"), qPrintable(QString::fromStdString(name) + ": " + msg));
    }
  }

  void streamIsAPermutationPerEpoch() {
    SampleStream s(10, 5);
    std::vector<int> idx(4);
    std::set<int> seen;
    QCOMPARE(s.next(4, true, idx.data()), 4);
    seen.insert(idx.begin(), idx.end());
    QCOMPARE(s.next(4, true, idx.data()), 4);
    seen.insert(idx.begin(), idx.end());
    QCOMPARE(int(seen.size()), 8);
    QCOMPARE(s.epoch(), 0);
    QCOMPARE(s.next(4, true, idx.data()), 4);  // only 2 left: dropped, next epoch starts
    QCOMPARE(s.epoch(), 1);
    SampleStream keep(10, 5);
    keep.next(4, false, idx.data());
    keep.next(4, false, idx.data());
    QCOMPARE(keep.next(4, false, idx.data()), 2);  // the partial batch is kept
    QVERIFY(!errorOf([] { SampleStream(0, 1); }).isEmpty());
    QVERIFY(errorOf([] { SampleStream t(3, 1); int i[8]; t.next(8, true, i); }).contains("larger than the training set"));
  }

  void batchSizesSeeTheSameOrder() {
    SampleStream small(100, 9), large(100, 9);
    std::vector<int> fromSmall, idx(8);
    for (int i = 0; i < 4; ++i) {
      small.next(2, true, idx.data());
      fromSmall.insert(fromSmall.end(), idx.begin(), idx.begin() + 2);
    }
    large.next(8, true, idx.data());
    QVERIFY(fromSmall == idx);
    SampleStream other(100, 10);
    other.next(8, true, idx.data());
    QVERIFY(fromSmall != idx);  // another seed, another order
  }

  void augmentation() {
    ImageSet set;
    set.shape = {1, 4, 4};
    set.pixels.resize(16);
    for (int i = 0; i < 16; ++i) set.pixels[std::size_t(i)] = std::uint8_t(i + 1);
    set.labels = {0};
    const InputTransform raw = fitInputTransform(set, Preprocess::Raw);
    std::vector<float> a(16), b(16);
    int label = 0, index = 0;
    Tensor<float> ta{a.data(), 1, set.shape}, tb{b.data(), 1, set.shape};
    Augmentation aug{1, true, 77};
    bool sawChange = false;
    for (int pos = 0; pos < 20; ++pos) {
      fillBatch(set, &index, 1, raw, ta, &label, &aug, pos);
      fillBatch(set, &index, 1, raw, tb, &label, &aug, pos);
      QVERIFY(a == b);  // same key and position, same draw
      float sum = 0;
      for (float v : a) sum += v;
      sawChange = sawChange || sum != 136.f;  // a shift drops pixels and pads zeros
      for (float v : a) QVERIFY(v >= 0 && v <= 16);
    }
    QVERIFY(sawChange);
    Augmentation flipOnly{0, true, 5};
    bool flipped = false;
    for (int pos = 0; pos < 20 && !flipped; ++pos) {
      fillBatch(set, &index, 1, raw, ta, &label, &flipOnly, pos);
      flipped = a[0] == 4.f && a[3] == 1.f;  // row 0 reversed
    }
    QVERIFY(flipped);
  }

  void preview() {
    const Dataset d = makeSyntheticDataset(smallSynthetic(), 4);
    const auto p = previewIndices(d.train, d.classes, 3);
    QCOMPARE(p.size(), std::size_t(10));
    for (std::size_t c = 0; c < p.size(); ++c) {
      QCOMPARE(p[c].size(), std::size_t(3));
      for (int i : p[c]) QCOMPARE(d.train.labels[std::size_t(i)], int(c));
    }
  }
};

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"
