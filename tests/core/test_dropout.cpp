// Dropout: keep fraction, exact scaling, eval identity, gradient checks, the mask contract
// (seed, step, layer name, element index) behind the twin-run guarantee, thread-count
// independence, invalid p, a caller-given keep mask (hand case, same numbers as the drawn path,
// gradient check, refused masks), and no allocation in forward/backward.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

#include "core/layers/dropout.h"
#include "core/base/random.h"
#include "support/grad_check.h"

#include "support/allocation_counter.h"

using namespace normlab;

Q_DECLARE_METATYPE(std::vector<double>)

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

// Dropout run through forwardWithMask with a fixed keep mask, as a Layer, so that gradCheck can
// difference it (the mask stays fixed, so finite differences see the same mask as backward).
class GivenMaskDropout final : public Layer<double> {
 public:
  GivenMaskDropout(double p, std::vector<double> keep) : inner_({p}), keep_(std::move(keep)) {}
  const char* kind() const override { return "dropout with a given mask"; }
  Shape outputShape(const Shape& in) const override { return in; }
  void plan(const Shape& in, int maxBatch) override {
    Layer<double>::plan(in, maxBatch);
    inner_.plan(in, maxBatch);
  }
  void forward(const Tensor<double>& x, Tensor<double>& y, Mode, const StepContext& ctx) override {
    inner_.forwardWithMask(x, {keep_.data(), x.n, x.shape}, y, ctx);
  }
  void backward(const Tensor<double>& x, const Tensor<double>& y, const Tensor<double>& dy, Tensor<double>& dx,
                const StepContext& ctx) override {
    inner_.backward(x, y, dy, dx, ctx);
  }

 private:
  Dropout<double> inner_;
  std::vector<double> keep_;
};

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

  // N = 2, C = 3, p = 0.75, so 1 / (1 - p) = 4 exactly (1 / p = 4/3 would be the p-for-1-p bug):
  //   x    = [2, -1, 0.5 | 4, 3, -2]     keep = [1, 0, 1 | 1, 1, 0]
  //   y    = x * keep * 4  = [8, 0, 2 | 16, 12, 0]
  //   dy   = [1, 2, 3 | 4, 5, 6]  ->  dx = dy * keep * 4 = [4, 0, 12 | 16, 20, 0]
  // With p = 0 the scale is 1 and the given mask still drops: y = x * keep.
  void givenMaskHandCase_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<std::vector<double>>("expectedY");
    QTest::addColumn<std::vector<double>>("expectedDx");
    QTest::newRow("p=0.75") << 0.75 << std::vector<double>{8, 0, 2, 16, 12, 0}
                            << std::vector<double>{4, 0, 12, 16, 20, 0};
    QTest::newRow("p=0") << 0.0 << std::vector<double>{2, 0, 0.5, 4, 3, 0} << std::vector<double>{1, 0, 3, 4, 5, 0};
  }
  void givenMaskHandCase() {
    QFETCH(double, p);
    QFETCH(std::vector<double>, expectedY);
    QFETCH(std::vector<double>, expectedDx);
    ThreadPool pool(2);
    const StepContext ctx{&pool, 1, 1};
    const Shape shape{3};
    Dropout<double> layer({p});
    layer.plan(shape, 4);
    std::vector<double> x = {2, -1, 0.5, 4, 3, -2}, keep = {1, 0, 1, 1, 1, 0}, y(6, -7.0),
                        dy = {1, 2, 3, 4, 5, 6}, dx(6, -7.0);
    Tensor<double> tx{x.data(), 2, shape}, tkeep{keep.data(), 2, shape}, ty{y.data(), 2, shape},
        tdy{dy.data(), 2, shape}, tdx{dx.data(), 2, shape};
    layer.forward(tx, ty, Mode::Eval, ctx);  // the given-mask forward is a Train forward whatever came before
    layer.forwardWithMask(tx, tkeep, ty, ctx);
    QCOMPARE(y, expectedY);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx, expectedDx);
  }

  // Giving the layer the mask it drew reproduces the drawn forward and backward bit for bit
  // (float, two threads): the given-mask path is the layer's own arithmetic.
  void givenMaskMatchesDrawnMask() {
    ThreadPool pool(2);
    const StepContext ctx{&pool, 21, 5};
    const Shape shape{4, 3, 3};
    const int n = 7;
    Dropout<float> drawn({0.3}), given({0.3});
    drawn.setName("drop");
    drawn.plan(shape, n);
    given.plan(shape, n);
    std::vector<float> x(std::size_t(n) * shape.size()), dy(x.size()), keep(x.size());
    test::fillUniform(x, 3, 2.0);
    test::fillUniform(dy, 4, 1.0);
    std::vector<float> y1(x.size()), y2(x.size()), dx1(x.size()), dx2(x.size());
    Tensor<float> tx{x.data(), n, shape}, tdy{dy.data(), n, shape}, tkeep{keep.data(), n, shape};
    Tensor<float> ty1{y1.data(), n, shape}, ty2{y2.data(), n, shape}, tdx1{dx1.data(), n, shape},
        tdx2{dx2.data(), n, shape};
    drawn.forward(tx, ty1, Mode::Train, ctx);
    drawn.backward(tx, ty1, tdy, tdx1, ctx);
    for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = drawn.mask()[i] != 0.0f ? 1.0f : 0.0f;
    const long kept = std::count(keep.begin(), keep.end(), 1.0f);
    QVERIFY(kept > 0 && kept < long(keep.size()));
    given.forwardWithMask(tx, tkeep, ty2, ctx);
    given.backward(tx, ty2, tdy, tdx2, ctx);
    QCOMPARE(y2, y1);
    QCOMPARE(dx2, dx1);
    QCOMPARE(given.mask(), drawn.mask());
  }

  // Central differences in double through forwardWithMask, for input x with a mixed mask.
  void givenMaskGradients() {
    const Shape shape{3, 4, 5};
    const int n = 3;
    std::vector<double> keep(std::size_t(n) * shape.size());
    for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = i % 3 == 0 ? 0.0 : 1.0;
    GivenMaskDropout layer(0.4, keep);
    const auto r = test::gradCheck(layer, shape, n);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, n * shape.size());
  }

  // A keep mask of another shape, with an entry other than 0 and 1, or a batch the layer was not
  // planned for is refused with a message naming the layer; the output is left untouched.
  void givenMaskRefused_data() {
    QTest::addColumn<int>("maskBatch");
    QTest::addColumn<int>("maskChannels");
    QTest::addColumn<double>("badEntry");
    QTest::addColumn<int>("plannedBatch");
    QTest::addColumn<QString>("text");
    const double none = 1.0;
    QTest::newRow("other batch") << 3 << 4 << none << 8 << "the keep mask is 3 x 4 but the input is 2 x 4";
    QTest::newRow("other shape") << 2 << 2 << none << 8 << "the keep mask is 2 x 2 but the input is 2 x 4";
    QTest::newRow("half") << 2 << 4 << 0.5 << 8 << "keep mask entry 5 is 0.5, not 0 (drop) or 1 (keep)";
    QTest::newRow("two") << 2 << 4 << 2.0 << 8 << "keep mask entry 5 is 2";
    QTest::newRow("nan") << 2 << 4 << std::nan("") << 8 << "keep mask entry 5 is nan";
    QTest::newRow("not planned") << 2 << 4 << none << 1 << "does not fit the plan (1 x 4)";
  }
  void givenMaskRefused() {
    QFETCH(int, maskBatch);
    QFETCH(int, maskChannels);
    QFETCH(double, badEntry);
    QFETCH(int, plannedBatch);
    QFETCH(QString, text);
    ThreadPool pool(1);
    Dropout<double> layer({0.5});
    layer.setName("drop7");
    layer.plan({4}, plannedBatch);
    std::vector<double> x(8, 1.0), y(8, -7.0), keep(std::size_t(maskBatch) * maskChannels, 1.0);
    keep[5 % keep.size()] = badEntry;
    Tensor<double> tx{x.data(), 2, {4}}, ty{y.data(), 2, {4}}, tkeep{keep.data(), maskBatch, {maskChannels}};
    try {
      layer.forwardWithMask(tx, tkeep, ty, StepContext{&pool, 1, 0});
      QFAIL("no error for a refused keep mask");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains(text), e.what());
      QVERIFY2(QString(e.what()).startsWith("layer 'drop7': "), e.what());
    }
    QCOMPARE(y, std::vector<double>(8, -7.0));
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
      layer.forwardWithMask(tx, tx, ty, ctx);  // x = 1 is a keep-everything mask
      layer.backward(tx, ty, ty, tdx, ctx);
    }
    QCOMPARE(test::heapAllocations(), before);
  }
};

QTEST_APPLESS_MAIN(TestDropout)
#include "test_dropout.moc"
