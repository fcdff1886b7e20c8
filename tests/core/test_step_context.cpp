// StepContext without a thread pool: a default-constructed context (pool == nullptr) given to a
// layer, a network pass or a training step throws NormLabError saying the thread pool is missing,
// instead of dereferencing null; the same objects then work with a pool.
#include <QtTest>

#include <cmath>
#include <vector>

#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/base/error.h"
#include "core/layers/loss.h"
#include "core/model/model_spec.h"
#include "core/model/network.h"
#include "core/model/optimizer.h"
#include "core/model/presets.h"

using namespace normlab;

namespace {

// Runs `fn` and checks it throws NormLabError naming the missing thread pool.
template <typename Fn>
void expectMissingPool(Fn fn) {
  try {
    fn();
    QFAIL("no error for a StepContext without a thread pool");
  } catch (const NormLabError& e) {
    const QString text = e.what();
    QVERIFY2(text.contains("no thread pool") && text.contains("StepContext::pool"), e.what());
  }
}

}  // namespace

class TestStepContext : public QObject {
  Q_OBJECT
 private slots:
  void defaultHasNoPool() {
    const StepContext ctx;
    QVERIFY(static_cast<ThreadPool*>(ctx.pool) == nullptr);
    ThreadPool pool(1);
    const StepContext with{&pool, 3, 4};
    QCOMPARE(static_cast<ThreadPool*>(with.pool), &pool);
    QCOMPARE(&with.pool.get(), &pool);
  }

  // Forward and backward of single layers (in both modes for dropout: its eval path copies on
  // the pool too).
  void layerPasses() {
    const Shape shape{6};
    std::vector<double> x(2 * 6, 0.5), y(x.size()), dy(x.size(), 1.0), dx(x.size());
    Tensor<double> tx{x.data(), 2, shape}, ty{y.data(), 2, shape}, tdy{dy.data(), 2, shape},
        tdx{dx.data(), 2, shape};
    Dropout<double> dropout({0.5});
    dropout.plan(shape, 2);
    expectMissingPool([&] { dropout.forward(tx, ty, Mode::Train, StepContext{}); });
    expectMissingPool([&] { dropout.forward(tx, ty, Mode::Eval, StepContext{}); });
    expectMissingPool([&] { dropout.backward(tx, ty, tdy, tdx, StepContext{}); });
    Dense<double> dense(DenseConfig{6, true});
    dense.plan(shape, 2);
    expectMissingPool([&] { dense.forward(tx, ty, Mode::Train, StepContext{}); });
    // The layers are unharmed: with a pool they run.
    ThreadPool pool(1);
    const StepContext ctx{&pool, 1, 0};
    dense.forward(tx, ty, Mode::Train, ctx);
    dense.backward(tx, ty, tdy, tdx, ctx);
    dropout.forward(tx, ty, Mode::Eval, ctx);
    QCOMPARE(y, x);
  }

  // A whole training step of the tiny preset.
  void trainingStep() {
    const ModelSpec spec = preset("tiny");
    ArmSettings arm;
    arm.norm.kind = NormKind::Batch;
    auto model = buildModel<float>(spec, arm, 2);
    Optimizer<float> optimizer(OptimizerConfig{}, model.network.params());
    const auto loss = makeLoss<float>(LossKind::CrossEntropy);
    std::vector<float> pixels(2 * std::size_t(spec.input.size()), 0.25f);
    pixels[0] = 1.0f;  // not constant, so that batch norm has a spread to normalize
    const std::vector<int> labels = {1, 2};
    const Tensor<float> x{pixels.data(), 2, spec.input};
    expectMissingPool([&] { model.network.forward(x, Mode::Eval, StepContext{}); });
    expectMissingPool([&] { trainStep(model.network, *loss, optimizer, x, labels.data(), StepContext{}); });
    ThreadPool pool(1);
    const StepResult r = trainStep(model.network, *loss, optimizer, x, labels.data(), StepContext{&pool, 1, 0});
    QVERIFY(std::isfinite(r.loss));
  }
};

QTEST_APPLESS_MAIN(TestStepContext)
#include "test_step_context.moc"
