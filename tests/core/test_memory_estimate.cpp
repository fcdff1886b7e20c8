// The memory estimate and budget (core/experiment/memory_estimate.h): sizes parsed and printed, the terms of
// configs that used to die in std::bad_alloc (256x256 images at batch 4096, a synthetic set of
// 1e6 images at 256 px), the activation and parameter terms equal to what a built network really
// holds, and prepare() refusing above the budget before it allocates. Every budget is explicit:
// nothing here depends on how much memory this machine has.
#include <QtTest>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/experiment/memory_estimate.h"

using namespace normlab;

namespace {

constexpr std::uint64_t kGiB = std::uint64_t(1) << 30;

// A conv net on size x size images of a synthetic set.
std::string bigImageConfig(int size, int batch, int train = 5000, int test = 10) {
  const std::string s = std::to_string(size);
  return R"({"dataset": {"name": "synthetic", "size": )" + s + R"(, "train": )" + std::to_string(train) +
         R"(, "test": )" + std::to_string(test) + R"(},
    "model": {"name": "big", "input": [1, )" + s + ", " + s + R"(], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 16, "kernel": 3, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "relu"},
      {"type": "max_pool", "kernel": 4}, {"type": "flatten"},
      {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"batch_size": )" + std::to_string(batch) + R"(, "steps": 2, "momentum": 0.9},
    "arms": [{"norm": "batch"}, {"norm": "none"}]})";
}

const MemoryTerm* findTerm(const MemoryEstimate& e, const QString& fragment) {
  for (const MemoryTerm& t : e.terms)
    if (QString::fromStdString(t.what).contains(fragment)) return &t;
  return nullptr;
}

}  // namespace

class TestMemoryEstimate : public QObject {
  Q_OBJECT

 private slots:
  void parsesSizes() {
    QCOMPARE(parseByteSize("8GiB"), 8 * kGiB);
    QCOMPARE(parseByteSize("8G"), 8 * kGiB);
    QCOMPARE(parseByteSize("512MiB"), std::uint64_t(512) << 20);
    QCOMPARE(parseByteSize("2GB"), std::uint64_t(2000000000));
    QCOMPARE(parseByteSize("1.5KiB"), std::uint64_t(1536));
    QCOMPARE(parseByteSize("1000"), std::uint64_t(1000));
    for (const char* bad : {"", "GiB", "-1GiB", "0", "8 GiB", "8XB", "1e30TiB", "nan"})
      QVERIFY_THROWS_EXCEPTION(NormLabError, parseByteSize(bad));
    QCOMPARE(formatBytes(512), std::string("512 bytes"));
    QCOMPARE(formatBytes(3 * kGiB / 2), std::string("1.5 GiB"));
  }

  void defaultBudgetIsAFractionOfMemory() {
    const MemoryBudget b = defaultMemoryBudget();
    QVERIFY(b.bytes > 0);
    QVERIFY2(QString::fromStdString(b.origin).contains("75%") || QString::fromStdString(b.origin).contains("unknown"),
             b.origin.c_str());
  }

  // 256x256 images at batch 4096: the activations of two runs alone are hundreds of GiB.
  void hugeBatchIsRefusedNamingTheLargestTerm() {
    const ExperimentConfig c = parseExperimentConfig(bigImageConfig(256, 4096));
    const MemoryEstimate e = estimateMemory(c, expectedDatasetSize(c.data));
    QVERIFY2(e.total() > 100 * kGiB, formatBytes(e.total()).c_str());
    QVERIFY2(QString::fromStdString(e.largest().what).contains("activations"), e.largest().what.c_str());
    const MemoryBudget budget{8 * kGiB, "--memory-budget"};
    try {
      checkMemoryBudget(e, budget);
      QFAIL("a 100 GiB experiment passed an 8 GiB budget");
    } catch (const NormLabError& err) {
      const QString msg = err.what();
      for (const std::string& part : {formatBytes(e.total()), std::string("8.0 GiB"), std::string("--memory-budget"),
                                      e.largest().what, formatBytes(e.largest().bytes)})
        QVERIFY2(msg.contains(QString::fromStdString(part)), qPrintable(msg + " should mention " + QString::fromStdString(part)));
    }
    // The same config with a small batch fits.
    const ExperimentConfig small = parseExperimentConfig(bigImageConfig(256, 4));
    checkMemoryBudget(estimateMemory(small, expectedDatasetSize(small.data)), budget);
  }

  // 1e6 synthetic images of 256 x 256: the dataset alone is 65 GB.
  void hugeDatasetIsCounted() {
    const ExperimentConfig c = parseExperimentConfig(bigImageConfig(256, 4, 1000000, 10));
    const MemoryEstimate e = estimateMemory(c, expectedDatasetSize(c.data));
    const MemoryTerm* data = findTerm(e, "dataset synthetic (1000010 images of 1x256x256)");
    QVERIFY(data);
    QCOMPARE(data->bytes, std::uint64_t(1000010) * (256 * 256 + sizeof(int)));
    QVERIFY(e.total() > 65'000'000'000ull);
    QVERIFY_THROWS_EXCEPTION(NormLabError, checkMemoryBudget(e, {16 * kGiB, "test"}));
    // Not known before loading: an idx folder is counted once loaded.
    DataConfig idx;
    idx.name = "idx";
    QVERIFY(!expectedDatasetSize(idx));
  }

  // The activation and parameter terms are what the built network holds, to the byte.
  void termsMatchTheBuiltNetwork() {
    const ExperimentConfig c = parseExperimentConfig(bigImageConfig(32, 100));
    const MemoryEstimate e = estimateMemory(c, std::nullopt);
    for (const ArmConfig& arm : c.arms) {
      const ArmSettings settings = arm.armSettings(c.seeds.front());
      const int maxBatch = std::max(arm.train.batchSize, kMinEvalBatch);
      BuiltModel<float> model = buildModel<float>(c.model, settings, maxBatch);
      std::uint64_t activations = 0, parameters = 0;
      for (std::size_t i = 0; i < model.network.size(); ++i)
        activations += 2 * std::uint64_t(maxBatch) * std::uint64_t(model.network.layer(i).outShape().size()) * sizeof(float);
      for (Param<float>* p : model.network.params()) parameters += 2 * p->size() * sizeof(float);
      for (Param<float>* p : model.network.buffers()) parameters += 2 * p->size() * sizeof(float);
      const QString run = QString::fromStdString("run '" + arm.label + "' seed 1: ");
      const MemoryTerm* a = findTerm(e, run + "activations");
      const MemoryTerm* p = findTerm(e, run + "parameters");
      QVERIFY(a && p);
      QCOMPARE(a->bytes, activations);
      QCOMPARE(p->bytes, parameters);
      // Momentum SGD keeps one velocity per parameter.
      const MemoryTerm* o = findTerm(e, run + "optimizer");
      QVERIFY(o);
      QCOMPARE(o->bytes, std::uint64_t(model.network.parameterCount()) * sizeof(float));
    }
  }

  // Layer norm with per-element gamma/beta counts C x H x W of each (and their gradients and
  // optimizer state), as the built network holds them.
  void layerNormPerElementAffineIsCounted() {
    std::string text = bigImageConfig(32, 8);
    const std::string arms = R"("arms": [{"norm": "batch"}, {"norm": "none"}])";
    text.replace(text.find(arms), arms.size(),
                 R"("arms": [{"label": "channel", "norm": "layer"}, {"label": "element", "norm": "layer", "layer_norm_affine": "element"}])");
    const ExperimentConfig c = parseExperimentConfig(text);
    const MemoryEstimate e = estimateMemory(c, std::nullopt);
    for (const char* label : {"channel", "element"}) {
      const QString run = QString("run '") + label + "' seed 1: ";
      const MemoryTerm* p = findTerm(e, run + "parameters");
      QVERIFY(p);
      const ArmConfig& arm = c.arms[label[0] == 'c' ? 0 : 1];
      BuiltModel<float> model = buildModel<float>(c.model, arm.armSettings(1), std::max(arm.train.batchSize, kMinEvalBatch));
      QCOMPARE(p->bytes, 2 * std::uint64_t(model.network.parameterCount()) * sizeof(float));
    }
    // norm1 over 16x32x32: 2 x 16384 parameters instead of 2 x 16, values and gradients.
    const MemoryTerm* channel = findTerm(e, "run 'channel' seed 1: parameters");
    const MemoryTerm* element = findTerm(e, "run 'element' seed 1: parameters");
    QCOMPARE(element->bytes - channel->bytes, std::uint64_t(2 * 2 * (16384 - 16)) * sizeof(float));
  }

  // prepare() checks before it allocates anything (the 256 GiB config returns at once).
  void prepareRefusesAboveTheBudget() {
    Experiment huge(parseExperimentConfig(bigImageConfig(256, 4096)), 1);
    huge.setMemoryBudget({8 * kGiB, "--memory-budget"});
    try {
      huge.prepare();
      QFAIL("prepare() accepted a config far above the budget");
    } catch (const NormLabError& err) {
      QVERIFY2(QString(err.what()).contains("budget 8.0 GiB, --memory-budget"), err.what());
    }
    QVERIFY(!huge.prepared());
    Experiment small(parseExperimentConfig(bigImageConfig(16, 8)), 1);
    small.setMemoryBudget({1 * kGiB, "test"});
    small.prepare();
    QVERIFY(small.prepared());
    // With the loaded data: a budget just below the estimate refuses.
    const MemoryEstimate e = estimateMemory(small.config(), loadedDatasetSize(small.data()));
    Experiment tight(parseExperimentConfig(bigImageConfig(16, 8)), 1);
    tight.setMemoryBudget({e.total() - 1, "test"});
    QVERIFY_THROWS_EXCEPTION(NormLabError, tight.prepare());
  }
};

QTEST_MAIN(TestMemoryEstimate)
#include "test_memory_estimate.moc"
