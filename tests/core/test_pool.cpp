// Max and average pooling: gradient checks (double) over shapes (skipping max-pool near-ties),
// a naive reference for the forward pass, hand-computed cases (argmax tie rule, -inf padding,
// count_include_pad), shape errors and thread-count independence.
#include <QtTest>

#include <cstring>
#include <limits>

#include "core/layers/pool.h"
#include "support/grad_check.h"

using namespace normlab;

namespace {

// Reference pooling: max over the in-image part of each window (padding is -inf), or the sum over
// it divided by K*K (count_include_pad).
std::vector<double> naivePool(const std::vector<double>& x, int n, const Shape& in, const PoolConfig& c,
                              const Shape& out) {
  std::vector<double> y(std::size_t(n) * out.size());
  for (int i = 0; i < n; ++i)
    for (int ch = 0; ch < in.c; ++ch)
      for (int oy = 0; oy < out.h; ++oy)
        for (int ox = 0; ox < out.w; ++ox) {
          double m = -std::numeric_limits<double>::infinity(), sum = 0;
          for (int ky = 0; ky < c.kernel; ++ky)
            for (int kx = 0; kx < c.kernel; ++kx) {
              const int iy = oy * c.stride - c.padding + ky, ix = ox * c.stride - c.padding + kx;
              if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) continue;
              const double v = x[((std::size_t(i) * in.c + ch) * in.h + iy) * in.w + ix];
              m = std::max(m, v);
              sum += v;
            }
          y[((std::size_t(i) * in.c + ch) * out.h + oy) * out.w + ox] =
              c.kind == PoolKind::Max ? m : sum / (c.kernel * c.kernel);
        }
  return y;
}

}  // namespace

class TestPool : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    QTest::addColumn<int>("batch");
    for (int kind : {int(PoolKind::Max), int(PoolKind::Average)}) {
      const char* k = kind == int(PoolKind::Max) ? "max" : "avg";
      QTest::addRow("%s k2 s2 p0 (bench)", k) << kind << 3 << 6 << 6 << 2 << 2 << 0 << 3;
      QTest::addRow("%s k2 s2 p0 odd size", k) << kind << 1 << 5 << 7 << 2 << 2 << 0 << 1;
      QTest::addRow("%s k2 s1 p0 overlap", k) << kind << 2 << 4 << 5 << 2 << 1 << 0 << 3;
      QTest::addRow("%s k3 s1 p1", k) << kind << 1 << 5 << 5 << 3 << 1 << 1 << 3;
      QTest::addRow("%s k3 s2 p1", k) << kind << 3 << 6 << 7 << 3 << 2 << 1 << 1;
      QTest::addRow("%s k2 s2 p1", k) << kind << 2 << 5 << 4 << 2 << 2 << 1 << 3;
      QTest::addRow("%s k5 s1 p2", k) << kind << 1 << 6 << 6 << 5 << 1 << 2 << 1;
      QTest::addRow("%s k1 s2 p0", k) << kind << 2 << 5 << 5 << 1 << 2 << 0 << 3;
      QTest::addRow("%s k2 s2 b9", k) << kind << 1 << 4 << 4 << 2 << 2 << 0 << 9;
    }
  }
  void gradients() {
    QFETCH(int, kind);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(int, batch);
    const PoolConfig config{PoolKind(kind), kernel, stride, padding};
    const Shape in{c, h, w};
    Pool<double> layer(config);
    test::GradCheckOptions opt;
    if (config.kind == PoolKind::Max) {
      // Skip an element if another one of its plane within a window's reach is within 1e-4: a
      // finite-difference step could then change the argmax.
      opt.skipInput = [in, kernel](const std::vector<double>& x, std::size_t i) {
        const std::size_t plane = i / in.spatial() * in.spatial();
        const int y = int(i - plane) / in.w, xx = int(i - plane) % in.w;
        for (int yy = std::max(0, y - kernel + 1); yy < std::min(in.h, y + kernel); ++yy)
          for (int xi = std::max(0, xx - kernel + 1); xi < std::min(in.w, xx + kernel); ++xi) {
            const std::size_t j = plane + std::size_t(yy) * in.w + xi;
            if (j != i && std::abs(x[j] - x[i]) < 1e-4) return true;
          }
        return false;
      };
    }
    for (Mode mode : {Mode::Train, Mode::Eval}) {
      opt.mode = mode;
      const auto r = test::gradCheck(layer, in, batch, opt);
      QVERIFY2(r.ok, r.message.c_str());
      QVERIFY(r.checked > batch * in.size() / 2);
    }
    // Forward against the naive loops.
    const Shape out = layer.outShape();
    std::vector<double> x(std::size_t(batch) * in.size()), y(std::size_t(batch) * out.size());
    test::fillUniform(x, 17, 1.0);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), batch, in}, ty{y.data(), batch, out};
    layer.forward(tx, ty, Mode::Train, ctx);
    const auto expected = naivePool(x, batch, in, config, out);
    for (std::size_t i = 0; i < y.size(); ++i) QVERIFY(std::abs(y[i] - expected[i]) < 1e-14);
  }

  // Ties: the gradient goes to the FIRST maximum in row-major scan order of the window.
  void maxTieRule_data() {
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::newRow("k2 s2 (fast path)") << 2 << 2;
    QTest::newRow("k2 s1 (general path)") << 2 << 1;
  }
  void maxTieRule() {
    QFETCH(int, kernel);
    QFETCH(int, stride);
    Pool<double> layer({PoolKind::Max, kernel, stride, 0});
    layer.plan({1, 2, 2}, 1);
    QCOMPARE(layer.outShape(), (Shape{1, 1, 1}));
    std::vector<double> x{1, 3, 3, 3}, y(1), dy{2}, dx(4, -1);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 2, 2}}, ty{y.data(), 1, {1, 1, 1}}, tdy{dy.data(), 1, {1, 1, 1}},
        tdx{dx.data(), 1, {1, 2, 2}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[0], 3.0);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx, (std::vector<double>{0, 2, 0, 0}));  // x[0][1] is the first 3 in scan order
  }

  // Overlapping windows (k2 s1 on 1x3): both windows pick the middle element, whose gradient sums.
  void maxOverlapAccumulates() {
    Pool<double> layer({PoolKind::Max, 2, 1, 0});
    layer.plan({1, 2, 3}, 1);
    std::vector<double> x{0, 5, 1, 0, 0, 0}, y(2), dy{1, 10}, dx(6);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 2, 3}}, ty{y.data(), 1, {1, 1, 2}}, tdy{dy.data(), 1, {1, 1, 2}},
        tdx{dx.data(), 1, {1, 2, 3}};
    layer.forward(tx, ty, Mode::Train, ctx);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx, (std::vector<double>{0, 11, 0, 0, 0, 0}));  // 1 + 10
  }

  // Padding is -inf for max pooling: an all-negative image never yields the padding's 0.
  void maxPaddingIsMinusInfinity() {
    Pool<double> layer({PoolKind::Max, 3, 2, 1});
    layer.plan({1, 3, 3}, 1);
    QCOMPARE(layer.outShape(), (Shape{1, 2, 2}));  // (3 + 2 - 3) / 2 + 1
    std::vector<double> x{-1, -2, -3, -4, -5, -6, -7, -8, -9}, y(4);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 3, 3}}, ty{y.data(), 1, {1, 2, 2}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y, (std::vector<double>{-1, -2, -4, -5}));  // max of each window's in-image part
  }

  // Average with padding (count_include_pad): x = [1..9] as 3x3, K = 3, S = 2, P = 1.
  void averagePadding() {
    Pool<double> layer({PoolKind::Average, 3, 2, 1});
    layer.plan({1, 3, 3}, 1);
    std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9}, y(4), dy{1, 1, 1, 1}, dx(9);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 3, 3}}, ty{y.data(), 1, {1, 2, 2}}, tdy{dy.data(), 1, {1, 2, 2}},
        tdx{dx.data(), 1, {1, 3, 3}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[0], 12.0 / 9);  // (1 + 2 + 4 + 5) / 9: the 5 padded zeros still count
    QCOMPARE(y[1], 16.0 / 9);  // (2 + 3 + 5 + 6) / 9
    QCOMPARE(y[2], 24.0 / 9);  // (4 + 5 + 7 + 8) / 9
    QCOMPARE(y[3], 28.0 / 9);  // (5 + 6 + 8 + 9) / 9
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx[0], 1.0 / 9);  // one window
    QCOMPARE(dx[1], 2.0 / 9);  // two windows
    QCOMPARE(dx[4], 4.0 / 9);  // the centre is in all four
  }

  void kinds() {
    QCOMPARE(QString(Pool<float>({PoolKind::Max}).kind()), QString("max_pool"));
    QCOMPARE(QString(makePool<float>({PoolKind::Average})->kind()), QString("avg_pool"));
    QVERIFY(Pool<float>({}).params().empty());
  }

  void shapeErrors() {
    Pool<float> layer({PoolKind::Max, 3, 1, 0});
    layer.setName("pool4");
    try {
      layer.plan({2, 2, 2}, 1);
      QFAIL("kernel 3 on a 2x2 input without padding must throw");
    } catch (const NormLabError& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("pool4") && m.contains("2x2x2") && m.contains("kernel 3"), e.what());
    }
    // PyTorch: padding at most half the kernel.
    QVERIFY_THROWS_EXCEPTION(NormLabError, Pool<float>({PoolKind::Max, 2, 2, 2}));
    QVERIFY_THROWS_EXCEPTION(NormLabError, Pool<float>({PoolKind::Average, 2, 0, 0}));
  }

  void threadCountIndependent_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("max") << int(PoolKind::Max);
    QTest::newRow("avg") << int(PoolKind::Average);
  }
  void threadCountIndependent() {
    QFETCH(int, kind);
    const Shape in{16, 28, 28};
    const int n = 16;
    std::vector<float> x(std::size_t(n) * in.size()), dyv(std::size_t(n) * 16 * 14 * 14);
    Random rng(5);
    for (auto& v : x) v = float(rng.uniform(-1, 1));
    for (auto& v : dyv) v = float(rng.uniform(-1, 1));
    auto run = [&](int threads) {
      Pool<float> layer({PoolKind(kind), 2, 2, 0});
      layer.plan(in, n);
      ThreadPool pool(threads);
      StepContext ctx{&pool};
      std::vector<float> y(dyv.size()), dx(x.size());
      Tensor<float> tx{x.data(), n, in}, ty{y.data(), n, layer.outShape()},
          tdy{dyv.data(), n, layer.outShape()}, tdx{dx.data(), n, in};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
      y.insert(y.end(), dx.begin(), dx.end());
      return y;
    };
    const auto a = run(1), b = run(2);
    QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
  }
};

QTEST_APPLESS_MAIN(TestPool)
#include "test_pool.moc"
