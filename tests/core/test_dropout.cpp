// Dropout: keep fraction, exact scaling, eval identity, gradient checks, the mask contract
// (seed, step, layer name, element index) behind the twin-run guarantee, thread-count
// independence, invalid p, and no allocation in forward/backward.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include "core/dropout.h"
#include "core/random.h"
#include "support/grad_check.h"

#include "support/allocation_counter.h"

using namespace normlab;

namespace {

// Runs a Train forward of a dropout layer named `name` on x = 1 (n x shape) and returns y.
std::vector<float> dropOnes(double p, const std::string& name, const Shape& shape, int n,
                            std::uint64_t seed, std::int64_t step, int threads = 1) {
  ThreadPool pool(threads);
  StepContext ctx{&pool, seed, step};
  Dropout<float> layer({p});
  layer.setName(name);
  layer.plan(shape, n);
  std::vector<float> x(std::size_t(n) * shape.size(), 1.0f), y(x.size());
  Tensor<float> tx{x.data(), n, shape}, ty{y.data(), n, shape};
  layer.forward(tx, ty, Mode::Train, ctx);
  return y;
}

}  // namespace

class TestDropout : public QObject {
  Q_OBJECT
 private slots:
  // 100,000 units: the kept fraction is Binomial(1e5, 1-p)/1e5, std sqrt(p(1-p)/1e5) <= 0.0016.
  // Allow 5 standard deviations. A layer that keeps p instead of 1-p (tiny-dnn's bug) is off by
  // |1-2p| >= 0.5 for these rows and fails; every kept unit is scaled by exactly 1/(1-p).
  void keepFractionAndScale_data() {
    QTest::addColumn<double>("p");
    QTest::newRow("p=0.1") << 0.1;
    QTest::newRow("p=0.25") << 0.25;
    QTest::newRow("p=0.5") << 0.5;
    QTest::newRow("p=0.8") << 0.8;
  }
  void keepFractionAndScale() {
    QFETCH(double, p);
    const int n = 100, units = 1000;  // 100 x 1000 = 100,000 units
    const std::vector<float> y = dropOnes(p, "dropout", {units}, n, 7, 11);
    const float scale = float(1.0 / (1.0 - p));
    std::size_t kept = 0;
    for (float v : y) {
      if (v != 0.0f) {
        QCOMPARE(v, scale);  // x = 1, so y = 1/(1-p) exactly
        ++kept;
      }
    }
    const double fraction = double(kept) / double(y.size());
    const double sigma = std::sqrt(p * (1 - p) / double(y.size()));
    QVERIFY2(std::abs(fraction - (1 - p)) < 5 * sigma,
             qPrintable(QString("kept %1, expected %2 +- %3").arg(fraction).arg(1 - p).arg(5 * sigma)));
  }

  // The mask is exactly the documented function: unit i (index within the batch tensor,
  // n * sampleSize + j) is kept iff uniformAt(streamKey(seed, Dropout, step, hashName(name)), i) >= p.
  void maskContract() {
    const double p = 0.3;
    const Shape shape{3, 4, 5};
    const int n = 6;
    const std::vector<float> y = dropOnes(p, "fc_drop", shape, n, 1234, 17);
    const std::uint64_t key = streamKey(1234, Purpose::Dropout, 17, hashName("fc_drop"));
    int dropped = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
      const bool keep = double(uniformAt(key, i)) >= p;
      QCOMPARE(y[i] != 0.0f, keep);
      dropped += !keep;
    }
    QVERIFY(dropped > 0);
  }

  // Twin-run contract: same (seed, step, name, shape) -> identical masks, whatever the thread count
  // and the maximum batch planned; another step, name or seed -> another mask.
  void sameKeySameMask() {
    const Shape shape{128};
    const auto a = dropOnes(0.25, "drop", shape, 16, 5, 3, 1);
    QCOMPARE(dropOnes(0.25, "drop", shape, 16, 5, 3, 2), a);
    QVERIFY(dropOnes(0.25, "drop", shape, 16, 5, 4, 1) != a);     // next step
    QVERIFY(dropOnes(0.25, "drop2", shape, 16, 5, 3, 1) != a);    // other layer
    QVERIFY(dropOnes(0.25, "drop", shape, 16, 6, 3, 1) != a);     // other seed
    // A layer planned for a larger batch draws the same mask for the same batch.
    ThreadPool pool(2);
    StepContext ctx{&pool, 5, 3};
    Dropout<float> layer({0.25});
    layer.setName("drop");
    layer.plan(shape, 64);
    std::vector<float> x(16 * 128, 1.0f), y(x.size());
    Tensor<float> tx{x.data(), 16, shape}, ty{y.data(), 16, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y, a);
  }

  // Eval is the identity (bitwise), forward and backward; p = 0 is the identity in Train too.
  void identity_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<int>("mode");
    QTest::newRow("eval p=0.5") << 0.5 << int(Mode::Eval);
    QTest::newRow("eval p=0.9") << 0.9 << int(Mode::Eval);
    QTest::newRow("train p=0") << 0.0 << int(Mode::Train);
  }
  void identity() {
    QFETCH(double, p);
    QFETCH(int, mode);
    ThreadPool pool(2);
    StepContext ctx{&pool, 9, 2};
    Dropout<double> layer({p});
    const Shape shape{2, 3, 3};
    const int n = 5;
    layer.plan(shape, n);
    std::vector<double> x(n * 18), y(x.size()), dy(x.size()), dx(x.size());
    test::fillUniform(x, 1, 3.0);
    test::fillUniform(dy, 2, 1.0);
    Tensor<double> tx{x.data(), n, shape}, ty{y.data(), n, shape}, tdy{dy.data(), n, shape},
        tdx{dx.data(), n, shape};
    layer.forward(tx, ty, Mode(mode), ctx);
    QCOMPARE(y, x);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx, dy);
  }

  // The mask is a fixed function of ctx, so finite differences see the same mask as backward.
  void gradients_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<int>("mode");
    QTest::newRow("train p=0.3") << 0.3 << int(Mode::Train);
    QTest::newRow("train p=0.7") << 0.7 << int(Mode::Train);
    QTest::newRow("eval p=0.3") << 0.3 << int(Mode::Eval);
  }
  void gradients() {
    QFETCH(double, p);
    QFETCH(int, mode);
    Dropout<double> layer({p});
    layer.setName("d");
    test::GradCheckOptions opt;
    opt.mode = Mode(mode);
    const auto r = test::gradCheck(layer, {3, 4, 5}, 3, opt);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, 3 * 3 * 4 * 5);
    if (opt.mode == Mode::Train) {
      // Some units were dropped and some kept (the check covered both branches).
      const auto& m = layer.mask();
      const long zeros = std::count(m.begin(), m.begin() + 180, 0.0);
      QVERIFY(zeros > 0 && zeros < 180);
    }
  }

  // p must be in [0, 1): the factory throws a NormLabError naming the value.
  void invalidP_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative") << -0.1 << "-0.1";
    QTest::newRow("one") << 1.0 << "p = 1 ";
    QTest::newRow("above one") << 1.5 << "1.5";
    QTest::newRow("nan") << std::nan("") << "nan";
  }
  void invalidP() {
    QFETCH(double, p);
    QFETCH(QString, text);
    try {
      makeDropout<float>({p});
      QFAIL("no error for an invalid p");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains(text), e.what());
      QVERIFY2(QString(e.what()).contains("dropout"), e.what());
    }
  }

  void kindAndShape() {
    auto layer = makeDropout<float>({0.25});
    QCOMPARE(layer->kind(), "dropout");
    QCOMPARE(layer->outputShape({3, 4, 5}), (Shape{3, 4, 5}));
    QVERIFY(layer->params().empty());
  }

  // forward() and backward() never allocate (batch smaller than planned, two threads).
  void noAllocation() {
    ThreadPool pool(2);
    StepContext ctx{&pool, 1, 1};
    Dropout<float> layer({0.5});
    const Shape shape{64};
    layer.plan(shape, 32);
    std::vector<float> x(32 * 64, 1.0f), y(x.size()), dx(x.size());
    Tensor<float> tx{x.data(), 20, shape}, ty{y.data(), 20, shape}, tdx{dx.data(), 20, shape};
    layer.forward(tx, ty, Mode::Train, ctx);  // warm-up
    if (!test::kCountsAllocations) QSKIP("malloc is interposed by the sanitizer");
    const long before = test::heapAllocations();
    for (int step = 0; step < 5; ++step) {
      ctx.step = step;
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, ty, tdx, ctx);
      layer.forward(tx, ty, Mode::Eval, ctx);
      layer.backward(tx, ty, ty, tdx, ctx);
    }
    QCOMPARE(test::heapAllocations(), before);
  }
};

QTEST_APPLESS_MAIN(TestDropout)
#include "test_dropout.moc"
