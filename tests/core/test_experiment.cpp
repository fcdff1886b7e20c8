// Experiments: the twin-run contract (identical weights, data stream and dropout masks across
// arms), lockstep scheduling, determinism across thread counts, divergence, bounded history.
#include <QtTest>

#include <algorithm>
#include <cstring>

#include "core/experiment/experiment.h"
#include "core/model/presets.h"

using namespace normlab;

namespace {

// Tiny and fast: synthetic 28x28 images, the "tiny" preset unless a model is given.
std::string config(const std::string& arms, const std::string& train = R"("lr": 0.05, "momentum": 0.9, "steps": 30)",
                   const std::string& model = "\"tiny\"", const std::string& extra = "") {
  return R"({"name": "test", "dataset": {"name": "synthetic", "train": 400, "test": 100},
             "model": )" + model + R"(, "train": {)" + train + R"(, "eval_every": 10},
             "arms": )" + arms + R"(, "probe_every": 5)" + extra + "}";
}

// An inline model with dropout: conv, norm, relu, pool, flatten, dense, norm, relu, dropout, dense.
const char* kDropoutModel = R"({"name": "drop", "input": [1, 28, 28], "classes": 10, "layers": [
  {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
  {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
  {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
  {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "relu", "name": "relu2"},
  {"type": "dropout", "name": "drop", "p": 0.5}, {"type": "dense", "name": "fc2", "out_features": 10}]})";

std::vector<double> lossCurve(const RunRecord& r) {
  std::vector<double> v;
  for (const auto& p : r.metrics) {
    v.push_back(p.trainLoss);
    v.push_back(p.testLoss);
    v.push_back(p.testAccuracy);
  }
  return v;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void runToEnd(Experiment& e) {
  e.prepare();
  while (e.advance()) {}
}

}  // namespace

class TestExperiment : public QObject {
  Q_OBJECT
 private slots:
  void identicalArmsGiveIdenticalCurves() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "A", "norm": "batch"}, {"label": "B", "norm": "batch"}])",
                                              R"("lr": 0.05, "momentum": 0.9, "steps": 30)", kDropoutModel)));
    runToEnd(e);
    const RunRecord a = e.record(0), b = e.record(1);
    QVERIFY(a.metrics.size() > 3);
    QVERIFY(sameBits(lossCurve(a), lossCurve(b)));  // dropout masks and data stream identical too
    QVERIFY(lossCurve(a).front() != lossCurve(a).back());
  }

  void armsDifferingInNormShareInitialWeights() {
    const ExperimentConfig c = parseExperimentConfig(config(R"([{"norm": "none"}, {"norm": "batch"}, {"norm": "group", "groups": 2}])"));
    std::vector<BuiltModel<float>> models;
    for (const auto& arm : c.arms) models.push_back(buildModel<float>(c.model, arm.armSettings(c.seeds[0]), 8));
    auto weightsOf = [](Network<float>& net, const std::string& layer) {
      for (std::size_t i = 0; i < net.size(); ++i)
        if (net.layer(i).name() == layer) return net.layer(i).params()[0]->value;
      return AlignedVector<float>{};
    };
    for (const char* layer : {"conv1", "fc1"}) {
      const auto reference = weightsOf(models[0].network, layer);
      QVERIFY(!reference.empty());
      for (auto& m : models) QVERIFY2(weightsOf(m.network, layer) == reference, layer);
    }
  }

  void batchSizeArmsSeeTheSameSamples() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "b2", "batch_size": 2}, {"label": "b8", "batch_size": 8}])")));
    e.prepare();
    std::vector<int> fromSmall;
    for (int i = 0; i < 4; ++i) {
      e.stepAll();  // also checks that Step advances every arm by exactly one mini-batch
      const auto idx = e.lastBatchIndices(0);
      QCOMPARE(idx.size(), std::size_t(2));
      fromSmall.insert(fromSmall.end(), idx.begin(), idx.end());
      if (i == 0) QCOMPARE(e.record(1).samplesSeen, std::int64_t(8));
    }
    // b8's first batch (taken at the first stepAll) is b2's first four batches.
    Experiment f(parseExperimentConfig(config(R"([{"label": "b8", "batch_size": 8}])")));
    f.prepare();
    f.advance();
    QVERIFY(f.lastBatchIndices(0) == fromSmall);
  }

  void lockstepBySamplesSeen() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "b2", "batch_size": 2}, {"label": "b8", "batch_size": 8}])",
                                              R"("lr": 0.05, "epochs": 1)")));
    e.prepare();
    for (int i = 0; i < 50; ++i) {
      e.advance();
      const auto a = e.record(0).samplesSeen, b = e.record(1).samplesSeen;
      QVERIFY2(std::abs(a - b) <= 8, qPrintable(QString("%1 vs %2").arg(a).arg(b)));
    }
    while (e.advance()) {}
    QCOMPARE(e.record(0).samplesSeen, e.record(1).samplesSeen);  // one epoch each
    QCOMPARE(e.stepsDone(), e.stepsTotal());
  }

  void sameMetricsOnOneAndTwoThreads() {
    const std::string c = config(R"([{"norm": "batch"}, {"norm": "group", "groups": 2}])",
                                 R"("lr": 0.05, "momentum": 0.9, "steps": 25, "batch_size": 16)", kDropoutModel);
    Experiment one(parseExperimentConfig(c), 1), two(parseExperimentConfig(c), 2);
    runToEnd(one);
    runToEnd(two);
    QCOMPARE(two.threads(), 2);
    for (int i = 0; i < 2; ++i) {
      QVERIFY(sameBits(lossCurve(one.record(i)), lossCurve(two.record(i))));
      const auto& pa = one.record(i).probes.back()->layers;
      const auto& pb = two.record(i).probes.back()->layers;
      for (std::size_t l = 0; l < pa.size(); ++l) QCOMPARE(pa[l].activation.mean, pb[l].activation.mean);
    }
  }

  void divergingArmStopsOthersGoOn() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "calm", "norm": "batch", "lr": 0.01}, {"label": "wild", "lr": 100}])",
                                              R"("lr": 0.05, "momentum": 0.9, "steps": 40)")));
    runToEnd(e);
    const RunRecord calm = e.record(0), wild = e.record(1);
    QVERIFY(!calm.diverged);
    QCOMPARE(calm.step, std::int64_t(40));
    QVERIFY(std::isfinite(calm.finalTestAccuracy));
    QVERIFY(wild.diverged);
    QVERIFY(wild.divergedAtStep >= 1 && wild.divergedAtStep < 40);
    QCOMPARE(wild.step, wild.divergedAtStep);
    QVERIFY(!std::isfinite(wild.metrics.back().trainLoss));  // the curve ends at the divergence
  }

  void probesAndMetricsAreRecorded() {
    Experiment e(parseExperimentConfig(config(R"([{"norm": "batch"}])")));
    runToEnd(e);
    const RunRecord r = e.record(0);
    QCOMPARE(r.probes.size(), std::size_t(1 + 30 / 5));  // step 1 and every 5th
    const ProbeRecord& p = *r.probes.back();
    QCOMPARE(p.step, std::int64_t(30));
    QCOMPARE(p.layers.size(), std::size_t(6));
    QVERIFY(p.trainModeAccuracy >= 0 && p.evalModeAccuracy >= 0);  // batch norm: both measured
    QCOMPARE(p.layers[1].kind, std::string("batch_norm"));
    QVERIFY(p.layers[1].hasBatchNorm);
    QVERIFY(p.layers[0].params.size() == 2 && p.layers[0].params[0].updateRatio > 0);
    QVERIFY(p.layers[2].activation.zeroFraction > 0.2);  // ReLU after batch norm zeroes about half
    // Test metrics at every eval_every (10) and at the end; train loss at every logged step.
    int tests = 0;
    for (const auto& m : r.metrics) tests += std::isfinite(m.testAccuracy);
    QCOMPARE(tests, 3);
    QCOMPARE(r.metrics.back().step, std::int64_t(30));
    QVERIFY(r.finalTestAccuracy > 0.15);  // it learns something in 30 steps
    QVERIFY(r.imagesPerSecond > 0);
  }

  // Recomputing population statistics touches only batch-norm runs, replaces (not blends) the
  // running statistics, and leaves the training data stream alone.
  void recomputePopulationStatistics() {
    const std::string c = config(R"([{"label": "BN", "norm": "batch", "batch_size": 2}, {"label": "none"}])",
                                 R"("lr": 0.02, "steps": 40, "batch_size": 2)");
    Experiment e(parseExperimentConfig(c)), twin(parseExperimentConfig(c));
    e.prepare();
    twin.prepare();
    for (int i = 0; i < 20; ++i) {
      e.stepAll();
      twin.stepAll();
    }
    QCOMPARE(e.recomputePopulationStatistics(400), 1);  // the "none" run has no batch norm
    QVERIFY(e.record(1).populationUpdates.empty());
    const std::vector<PopulationUpdate> first = e.record(0).populationUpdates;
    QCOMPARE(first.size(), std::size_t(1));
    QCOMPARE(first[0].step, std::int64_t(20));
    QCOMPARE(first[0].images, 400);  // 200 batches of 2
    QVERIFY(std::isfinite(first[0].testAccuracyBefore) && std::isfinite(first[0].testAccuracyAfter));
    QCOMPARE(e.record(0).finalTestAccuracy, first[0].testAccuracyAfter);
    // A second recompute starts from scratch: the same statistics, the same accuracy.
    QCOMPARE(e.recomputePopulationStatistics(400), 1);
    const PopulationUpdate second = e.record(0).populationUpdates.back();
    QCOMPARE(second.testAccuracyBefore, first[0].testAccuracyAfter);
    QCOMPARE(second.testAccuracyAfter, first[0].testAccuracyAfter);
    // Training goes on with the same samples as the twin that never recomputed.
    e.stepAll();
    twin.stepAll();
    QCOMPARE(e.lastBatchIndices(0), twin.lastBatchIndices(0));
    QVERIFY(sameBits(lossCurve(e.record(1)), lossCurve(twin.record(1))));
  }

  // Each run records its dropout rate (what the sweeps plot): the arm's override, else the
  // model's dropout layer, else 0.
  void runsRecordTheirDropoutRate() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "p25", "dropout": 0.25}, {"label": "model"}])",
                                              R"("lr": 0.05, "steps": 2)", kDropoutModel)));
    e.prepare();
    QCOMPARE(e.record(0).dropout, 0.25);
    QCOMPARE(e.record(1).dropout, 0.5);
    Experiment f(parseExperimentConfig(config(R"([{"label": "none"}])")));
    f.prepare();
    QCOMPARE(f.record(0).dropout, 0.0);
  }

  // Probes keep a 4 x 4 x 6 x 6 corner of what the first norm position sees (conv1's output in
  // the tiny model: 4 channels of 14 x 14). At step 1 the arms share weights and images, so the
  // block is the same in every arm, whatever norm follows.
  void probesCaptureTheFirstNormInput() {
    Experiment e(parseExperimentConfig(config(R"([{"norm": "none"}, {"norm": "batch"}, {"norm": "group", "groups": 2}])")));
    e.prepare();
    e.stepAll();
    std::vector<float> first;
    for (int i = 0; i < e.runCount(); ++i) {
      const ProbeRecord& p = *e.record(i).probes.front();
      QCOMPARE(p.step, std::int64_t(1));
      QCOMPARE(p.blockLayer, std::string("conv1"));
      QCOMPARE(p.blockN, 4);
      QCOMPARE(p.blockC, 4);
      QCOMPARE(p.blockH, 6);
      QCOMPARE(p.blockW, 6);
      QCOMPARE(p.block.size(), std::size_t(4 * 4 * 6 * 6));
      if (i == 0) first = p.block;
      QVERIFY(p.block == first);
    }
    QVERIFY(std::any_of(first.begin(), first.end(), [](float v) { return v != 0; }));
  }

  void finishEarlyEvaluates() {
    Experiment e(parseExperimentConfig(config(R"([{"norm": "none"}])", R"("lr": 0.05, "steps": 1000)")));
    e.prepare();
    for (int i = 0; i < 7; ++i) e.advance();
    e.finishEarly();
    QVERIFY(e.finished());
    QVERIFY(!e.advance());
    const RunRecord r = e.record(0);
    QCOMPARE(r.step, std::int64_t(7));
    QVERIFY(std::isfinite(r.finalTestAccuracy));
  }

  void imagesThatDoNotFitTheModel() {
    // Caught when the config is read (known image sizes) or when the data is loaded (idx folders).
    QString message;
    try {
      Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "size": 16, "train": 50, "test": 10},
        "model": "tiny", "arms": [{"norm": "none"}]})"));
      e.prepare();
    } catch (const NormLabError& err) {
      message = err.what();
    }
    QVERIFY2(message.contains("1x16x16") && message.contains("1x28x28"), qPrintable(message));
  }

  void historyStaysBounded() {
    BoundedHistory<MetricPoint> h(256);
    for (std::int64_t s = 1; s <= 100000; ++s) {
      MetricPoint p;
      p.step = s;
      h.add(p);
      QVERIFY(h.size() <= 256);
    }
    QCOMPARE(h.points().back().step, std::int64_t(100000));  // the newest point is always there
    QCOMPARE(h.points().front().step, std::int64_t(1));
    QVERIFY(h.size() >= 128);
    for (std::size_t i = 1; i < h.size(); ++i) QVERIFY(h.points()[i].step > h.points()[i - 1].step);
    // Evenly spread: gaps between kept points (but the tail) are all the current stride.
    for (std::size_t i = 1; i + 1 < h.size(); ++i)
      QCOMPARE(std::uint64_t(h.points()[i].step - h.points()[i - 1].step), h.stride());
  }

  void longRunKeepsMemoryFlat() {
    // 20,000 steps of a tiny run with probes every step: histories stay at their capacities.
    Experiment e(parseExperimentConfig(config(R"([{"norm": "none"}])", R"("lr": 0.01, "steps": 20000, "batch_size": 1)",
                                              "\"tiny\"", R"(, "histogram_bins": 8)")));
    e.prepare();
    std::size_t maxProbes = 0, maxMetrics = 0;
    for (int i = 0; e.advance(); ++i)
      if (i % 1000 == 0) {
        const RunRecord r = e.record(0);
        maxProbes = std::max(maxProbes, r.probes.size());
        maxMetrics = std::max(maxMetrics, r.metrics.size());
      }
    const RunRecord r = e.record(0);
    QCOMPARE(r.step, std::int64_t(20000));
    QVERIFY(maxProbes <= 512 && maxMetrics <= 4096);
    QVERIFY(r.probes.size() >= 256);
  }
};

QTEST_APPLESS_MAIN(TestExperiment)
#include "test_experiment.moc"
