// Whole-network training: bit-identical results on 1 and 2 threads, no heap allocation inside a
// planned training step, and a learning test on real Fashion-MNIST images.
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>

#include "core/data/dataset.h"
#include "core/model/model_spec.h"
#include "core/model/presets.h"
#include "core/base/random.h"

#include "support/allocation_counter.h"

using namespace normlab;

namespace {

struct RandomBatch {
  std::vector<float> x;
  std::vector<int> y;
  Tensor<float> view(int n, Shape s) { return {x.data(), n, s}; }
};

RandomBatch randomBatch(int n, Shape s, std::uint64_t seed) {
  RandomBatch b;
  Random rng(streamKey(seed, Purpose::Data, 7));
  b.x.resize(std::size_t(n) * s.size());
  for (auto& v : b.x) v = float(rng.normal());
  b.y.resize(n);
  for (auto& v : b.y) v = int(rng.below(10));
  return b;
}

// Trains `steps` steps of bench-net with `norm` on `threads` threads; returns losses and all
// weights after training.
struct RunResult {
  std::vector<double> losses;
  std::vector<float> weights;
};

RunResult train(NormKind norm, int threads, int steps, int batch) {
  ThreadPool pool(threads);
  const ModelSpec spec = preset("small-cnn");
  ArmSettings arm;
  arm.norm.kind = norm;
  arm.seed = 11;
  BuiltModel<float> model = buildModel<float>(spec, arm, batch);
  OptimizerConfig oc;
  oc.lr = 0.05;
  oc.momentum = 0.9;
  Optimizer<float> opt(oc, model.network.params());
  auto loss = makeLoss<float>(LossKind::CrossEntropy);
  RunResult r;
  for (int s = 0; s < steps; ++s) {
    RandomBatch b = randomBatch(batch, spec.input, s);
    StepContext ctx{&pool, arm.seed, s};
    r.losses.push_back(trainStep(model.network, *loss, opt, b.view(batch, spec.input), b.y.data(), ctx).loss);
  }
  for (auto* p : model.network.params()) r.weights.insert(r.weights.end(), p->value.begin(), p->value.end());
  for (auto* p : model.network.buffers()) r.weights.insert(r.weights.end(), p->value.begin(), p->value.end());
  return r;
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
 private slots:
  void sameResultsOnOneAndTwoThreads_data() {
    QTest::addColumn<int>("norm");
    for (NormKind k : {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group,
                       NormKind::LocalResponse})
      QTest::newRow(normKindName(k)) << int(k);
  }
  void sameResultsOnOneAndTwoThreads() {
    QFETCH(int, norm);
    const RunResult one = train(NormKind(norm), 1, 4, 12);
    const RunResult two = train(NormKind(norm), 2, 4, 12);
    QCOMPARE(one.losses.size(), std::size_t(4));
    for (std::size_t i = 0; i < one.losses.size(); ++i) QCOMPARE(one.losses[i], two.losses[i]);  // exact
    QCOMPARE(one.weights.size(), two.weights.size());
    QVERIFY(std::memcmp(one.weights.data(), two.weights.data(), one.weights.size() * sizeof(float)) == 0);
    QVERIFY(one.losses[0] != one.losses[3]);  // it did train
  }

  void noHeapAllocationInsideAStep() {
    ThreadPool pool(2);
    const ModelSpec spec = preset("small-cnn");
    ArmSettings arm;
    arm.norm.kind = NormKind::Batch;
    BuiltModel<float> model = buildModel<float>(spec, arm, 32);
    Optimizer<float> opt({OptimizerKind::Adam, 1e-3}, model.network.params());
    auto loss = makeLoss<float>(LossKind::CrossEntropy);
    RandomBatch b = randomBatch(32, spec.input, 1);
    Tensor<float> x = b.view(32, spec.input);
    StepContext ctx{&pool, 0, 0};
    trainStep(model.network, *loss, opt, x, b.y.data(), ctx, true);  // first step may settle lazy state
    if (!test::kCountsAllocations) QSKIP("malloc is interposed by the sanitizer");
    const long before = test::heapAllocations();
    for (int s = 1; s <= 3; ++s) {
      ctx.step = s;
      trainStep(model.network, *loss, opt, x, b.y.data(), ctx, true);
      x.n = 17;  // a smaller (last) batch must not allocate either
      trainStep(model.network, *loss, opt, x, b.y.data(), ctx);
      x.n = 32;
    }
    QCOMPARE(test::heapAllocations() - before, 0L);
  }

  void learnsFashionMnist() {
    const char* dir = std::getenv("NORMLAB_FASHION_MNIST");
    Dataset data;
    try {
      data = loadFashionMnist(dir ? dir : kFashionMnistDir);
    } catch (const NormLabError& e) {
      QFAIL(e.what());  // the set-up script installs dataset-fashion-mnist
    }
    const int trainCount = 2000, testCount = 1000, batch = 32, steps = 300;
    const InputTransform t = fitInputTransform(data.train, Preprocess::ZScore);
    ThreadPool pool(0);
    ArmSettings arm;
    arm.norm.kind = NormKind::Batch;
    arm.seed = 3;
    BuiltModel<float> model = buildModel<float>(preset("bench-net"), arm, batch);
    OptimizerConfig oc;
    oc.lr = 0.05;
    oc.momentum = 0.9;
    Optimizer<float> opt(oc, model.network.params());
    auto loss = makeLoss<float>(LossKind::CrossEntropy);
    std::vector<float> xs(std::size_t(batch) * 784);
    std::vector<int> ys(batch), idx(batch);
    Random order(streamKey(arm.seed, Purpose::Shuffle));
    for (int s = 0; s < steps; ++s) {
      for (int i = 0; i < batch; ++i) idx[i] = int(order.below(trainCount));
      Tensor<float> x{xs.data(), batch, data.train.shape};
      fillBatch(data.train, idx.data(), batch, t, x, ys.data());
      const double l = trainStep(model.network, *loss, opt, x, ys.data(), StepContext{&pool, arm.seed, s}).loss;
      QVERIFY2(std::isfinite(l), "loss must stay finite");
    }
    int correct = 0;
    for (int start = 0; start < testCount; start += batch) {
      const int n = std::min(batch, testCount - start);
      for (int i = 0; i < n; ++i) idx[i] = start + i;
      Tensor<float> x{xs.data(), n, data.test.shape};
      fillBatch(data.test, idx.data(), n, t, x, ys.data());
      correct += evaluateBatch(model.network, *loss, x, ys.data(), Mode::Eval, StepContext{&pool, 0, 0}).correct;
    }
    const double accuracy = double(correct) / testCount;
    qInfo("bench-net + batch norm, 300 steps of 32 on 2,000 images: test accuracy %.3f (chance 0.1)", accuracy);
    QVERIFY2(accuracy > 0.65, qPrintable(QString("test accuracy %1 is not clearly above chance").arg(accuracy)));
  }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
