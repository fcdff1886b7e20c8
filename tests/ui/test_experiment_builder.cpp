// ExperimentBuilder: side-panel settings -> experiment config. Pure logic, no widgets.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "ui/window/experiment_builder.h"

using namespace normlab;

class TestExperimentBuilder : public QObject {
  Q_OBJECT
 private slots:
  void defaultsAreTheLaunchComparison();
  void uncheckedNormsAreAbsent_data();
  void uncheckedNormsAreAbsent();
  void noArmIsAnError();
  void varyBatchSize();
  void varyDropout();
  void varyDropoutNeedsDropoutLayer();
  void normParametersReachTheirNormsOnly();
  void dropoutAndActivationOnlyWhereThePresetHasThem();
  void stepsReplaceEpochs();
  void badSettingsAreRejectedWithAMessage();
};

// The launch state: small-cnn on Fashion-MNIST, arms none/BN/LN/IN/GN/LRN, batch 32,
// dropout 0.25, SGD lr 0.05 with momentum 0.9, 10000/2000 images, 2 epochs.
void TestExperimentBuilder::defaultsAreTheLaunchComparison() {
  const ExperimentConfig c = buildExperiment(ControlSettings{});
  QCOMPARE(c.modelName, std::string("small-cnn"));
  QCOMPARE(c.data.name, std::string("fashion-mnist"));
  QCOMPARE(c.data.trainSubset, 10000);
  QCOMPARE(c.data.testSubset, 2000);
  QCOMPARE(int(c.arms.size()), 6);
  const NormKind expected[] = {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group,
                               NormKind::LocalResponse};
  const char* labels[] = {"none", "BN", "LN", "IN", "GN", "LRN"};
  for (int i = 0; i < 6; ++i) {
    QCOMPARE(c.arms[i].norm.kind, expected[i]);
    QCOMPARE(c.arms[i].label, std::string(labels[i]));
    QCOMPARE(c.arms[i].train.batchSize, 32);
    QVERIFY(c.arms[i].train.dropout.has_value());
    QCOMPARE(*c.arms[i].train.dropout, 0.25);
    QCOMPARE(c.arms[i].train.optimizer.lr, 0.05);
    QCOMPARE(c.arms[i].train.optimizer.momentum, 0.9);
    QCOMPARE(c.arms[i].train.epochs, 2);
  }
  QCOMPARE(c.train.optimizer.kind, OptimizerKind::Sgd);
  QCOMPARE(c.seeds, std::vector<std::uint64_t>{1});
}

void TestExperimentBuilder::uncheckedNormsAreAbsent_data() {
  QTest::addColumn<QList<int>>("checked");
  QTest::newRow("batch only") << QList<int>{int(NormKind::Batch)};
  QTest::newRow("none and group") << QList<int>{int(NormKind::None), int(NormKind::Group)};
  QTest::newRow("all but lrn") << QList<int>{0, 1, 2, 3, 4};
}

void TestExperimentBuilder::uncheckedNormsAreAbsent() {
  QFETCH(QList<int>, checked);
  ControlSettings s;
  s.norms.clear();
  for (int k : checked) s.norms.push_back(NormKind(k));
  const ExperimentConfig c = buildExperiment(s);
  QCOMPARE(int(c.arms.size()), int(checked.size()));
  for (int i = 0; i < int(checked.size()); ++i) QCOMPARE(int(c.arms[i].norm.kind), checked[i]);
  for (int k = 0; k < 6; ++k)
    if (!checked.contains(k))
      for (const ArmConfig& a : c.arms) QVERIFY(int(a.norm.kind) != k);
}

void TestExperimentBuilder::noArmIsAnError() {
  ControlSettings s;
  s.norms.clear();
  try {
    buildExperiment(s);
    QFAIL("no arm must be an error");
  } catch (const NormLabError& e) {
    QVERIFY2(QString(e.what()).contains("tick at least one"), e.what());
  }
}

void TestExperimentBuilder::varyBatchSize() {
  ControlSettings s;
  s.vary = VarySetting::BatchSize;
  s.varyNorm = NormKind::Batch;
  s.varyBatchSizes = {2, 8, 32};
  const ExperimentConfig c = buildExperiment(s);
  QCOMPARE(int(c.arms.size()), 3);
  const int sizes[] = {2, 8, 32};
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(c.arms[i].train.batchSize, sizes[i]);
    QCOMPARE(c.arms[i].norm.kind, NormKind::Batch);  // every arm uses the chosen norm
    QCOMPARE(c.arms[i].label, "BN batch " + std::to_string(sizes[i]));
  }
}

void TestExperimentBuilder::varyDropout() {
  ControlSettings s;
  s.vary = VarySetting::Dropout;
  s.varyNorm = NormKind::Layer;
  s.varyDropouts = {0.0, 0.25, 0.5};
  const ExperimentConfig c = buildExperiment(s);
  QCOMPARE(int(c.arms.size()), 3);
  const double rates[] = {0.0, 0.25, 0.5};
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(*c.arms[i].train.dropout, rates[i]);
    QCOMPARE(c.arms[i].norm.kind, NormKind::Layer);
    QCOMPARE(c.arms[i].train.batchSize, 32);
  }
  QCOMPARE(c.arms[1].label, std::string("LN dropout 0.25"));
}

void TestExperimentBuilder::varyDropoutNeedsDropoutLayer() {
  ControlSettings s;
  s.preset = "tiny";
  s.vary = VarySetting::Dropout;
  QVERIFY_THROWS_EXCEPTION(NormLabError, buildExperiment(s));
}

void TestExperimentBuilder::normParametersReachTheirNormsOnly() {
  ControlSettings s;
  s.groups = 8;
  s.normEps = 1e-3;
  s.normMomentum = 0.2;
  s.lrnSize = 3;
  s.lrnAlpha = 2e-4;
  const ExperimentConfig c = buildExperiment(s);
  QCOMPARE(c.arms[4].norm.groups, 8);           // GN
  QCOMPARE(c.arms[4].norm.eps, 1e-3);
  QCOMPARE(c.arms[1].norm.momentum, 0.2);       // BN
  QCOMPARE(c.arms[5].norm.lrnSize, 3);          // LRN
  QCOMPARE(c.arms[5].norm.lrnAlpha, 2e-4);
  const nlohmann::json j = experimentJson(s);
  QVERIFY(!j["arms"][1].contains("groups"));    // BN has no groups key
  QVERIFY(!j["arms"][4].contains("lrn_size"));  // GN has no LRN keys
  QVERIFY(!j["arms"][0].contains("norm_eps"));  // none has nothing to set
}

void TestExperimentBuilder::dropoutAndActivationOnlyWhereThePresetHasThem() {
  QVERIFY(presetHasDropout("small-cnn"));
  QVERIFY(!presetHasDropout("tiny"));
  QVERIFY(presetHasActivation("tiny"));
  QVERIFY(!presetHasDropout("no-such-preset"));
  ControlSettings s;
  s.preset = "tiny";
  s.activation = "tanh";
  const ExperimentConfig c = buildExperiment(s);  // no "dropout has no effect" error
  QVERIFY(!c.train.dropout.has_value());
  QVERIFY(c.train.activation.has_value());
  QCOMPARE(*c.train.activation, ActivationKind::Tanh);
}

void TestExperimentBuilder::stepsReplaceEpochs() {
  ControlSettings s;
  s.steps = 123;
  const ExperimentConfig c = buildExperiment(s);
  QCOMPARE(c.train.steps, std::int64_t(123));
  QCOMPARE(c.arms[2].train.steps, std::int64_t(123));
}

void TestExperimentBuilder::badSettingsAreRejectedWithAMessage() {
  ControlSettings s;
  s.groups = 5;  // divides neither 16 nor 32 channels
  try {
    buildExperiment(s);
    QFAIL("group count 5 must be rejected");
  } catch (const NormLabError& e) {
    QVERIFY2(QString(e.what()).contains("GN"), e.what());
  }
}

QTEST_MAIN(TestExperimentBuilder)
#include "test_experiment_builder.moc"
