// Conv2d: gradient checks (double) over shapes, a naive-loop reference for the forward pass,
// hand-computed cases, shape errors, parameter metadata, and thread-count independence (float).
#include <QtTest>

#include <cstring>

#include "core/layers/conv2d.h"
#include "support/grad_check.h"

using namespace normlab;

namespace {

// Direct 7-loop convolution: y[n][co][oy][ox] = b[co] + sum w[co][ci][ky][kx] x[n][ci][oy*S-P+ky][ox*S-P+kx].
std::vector<double> naiveConv(const std::vector<double>& x, int n, const Shape& in, const Conv2dConfig& c,
                              const AlignedVector<double>& w, const AlignedVector<double>* b, const Shape& out) {
  std::vector<double> y(std::size_t(n) * out.size());
  const int k = c.kernel;
  for (int i = 0; i < n; ++i)
    for (int co = 0; co < out.c; ++co)
      for (int oy = 0; oy < out.h; ++oy)
        for (int ox = 0; ox < out.w; ++ox) {
          double sum = b ? (*b)[co] : 0.0;
          for (int ci = 0; ci < in.c; ++ci)
            for (int ky = 0; ky < k; ++ky)
              for (int kx = 0; kx < k; ++kx) {
                const int iy = oy * c.stride - c.padding + ky, ix = ox * c.stride - c.padding + kx;
                if (iy < 0 || iy >= in.h || ix < 0 || ix >= in.w) continue;
                sum += w[((co * in.c + ci) * k + ky) * k + kx] *
                       x[((std::size_t(i) * in.c + ci) * in.h + iy) * in.w + ix];
              }
          y[((std::size_t(i) * out.c + co) * out.h + oy) * out.w + ox] = sum;
        }
  return y;
}

}  // namespace

class TestConv2d : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("cin");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("cout");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("batch");
    QTest::newRow("k1 s1 p0 cin3 b3") << 3 << 4 << 5 << 2 << 1 << 1 << 0 << true << 3;
    QTest::newRow("k1 s2 p1 cin1 b1") << 1 << 5 << 5 << 2 << 1 << 2 << 1 << false << 1;
    QTest::newRow("k3 s1 p0 cin1 b1") << 1 << 5 << 6 << 2 << 3 << 1 << 0 << true << 1;
    QTest::newRow("k3 s1 p1 cin3 b3") << 3 << 5 << 5 << 4 << 3 << 1 << 1 << true << 3;
    QTest::newRow("k3 s2 p1 cin3 b1 nobias") << 3 << 6 << 7 << 2 << 3 << 2 << 1 << false << 1;
    QTest::newRow("k3 s2 p0 cin1 b3") << 1 << 7 << 7 << 3 << 3 << 2 << 0 << true << 3;
    QTest::newRow("k5 s1 p1 cin1 b3 nobias") << 1 << 6 << 6 << 2 << 5 << 1 << 1 << false << 3;
    QTest::newRow("k5 s2 p1 cin3 b3") << 3 << 7 << 8 << 2 << 5 << 2 << 1 << true << 3;
    QTest::newRow("k5 s1 p0 cin3 b1 exact fit") << 3 << 5 << 5 << 2 << 5 << 1 << 0 << true << 1;
    QTest::newRow("k5 s1 p2 cin3 b3 same width") << 3 << 7 << 5 << 2 << 5 << 1 << 2 << true << 3;
    QTest::newRow("k3 s1 p1 cin2 b2 4x6 same width") << 2 << 4 << 6 << 3 << 3 << 1 << 1 << false << 2;
    QTest::newRow("k3 s1 p1 cin30 9x9 (split GEMM)") << 30 << 9 << 9 << 2 << 3 << 1 << 1 << true << 1;
    QTest::newRow("k3 s1 p1 1x1 image") << 2 << 1 << 1 << 2 << 3 << 1 << 1 << true << 3;
    QTest::newRow("k3 s1 p1 b9 (8 parts)") << 1 << 4 << 4 << 2 << 3 << 1 << 1 << true << 9;
  }
  void gradients() {
    QFETCH(int, cin);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(int, cout);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(bool, bias);
    QFETCH(int, batch);
    const Conv2dConfig config{cout, kernel, stride, padding, bias};
    Conv2d<double> layer(config);
    const Shape in{cin, h, w};
    const auto r = test::gradCheck(layer, in, batch);
    QVERIFY2(r.ok, r.message.c_str());
    const int paramCount = cout * cin * kernel * kernel + (bias ? cout : 0);
    QCOMPARE(r.checked, batch * in.size() + paramCount);
    // Eval mode is the same math; check it too.
    test::GradCheckOptions eval;
    eval.mode = Mode::Eval;
    const auto re = test::gradCheck(layer, in, batch, eval);
    QVERIFY2(re.ok, re.message.c_str());
  }

  // Forward against the naive loops, on the same shapes.
  void forwardMatchesNaive_data() { gradients_data(); }
  void forwardMatchesNaive() {
    QFETCH(int, cin);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(int, cout);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(bool, bias);
    QFETCH(int, batch);
    const Conv2dConfig config{cout, kernel, stride, padding, bias};
    Conv2d<double> layer(config);
    const Shape in{cin, h, w};
    layer.plan(in, batch);
    test::randomizeParams(layer, 7);
    const Shape out = layer.outShape();
    std::vector<double> x(std::size_t(batch) * in.size()), y(std::size_t(batch) * out.size(), -99.0);
    test::fillUniform(x, 11, 1.0);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), batch, in}, ty{y.data(), batch, out};
    layer.forward(tx, ty, Mode::Train, ctx);
    const auto params = layer.params();
    const auto expected = naiveConv(x, batch, in, config, params[0]->value, bias ? &params[1]->value : nullptr, out);
    for (std::size_t i = 0; i < y.size(); ++i)
      QVERIFY2(std::abs(y[i] - expected[i]) < 1e-12, qPrintable(QString("y[%1] = %2, expected %3").arg(i).arg(y[i]).arg(expected[i])));
  }

  // x = [1 2 3; 4 5 6; 7 8 9], W = [1 2; 3 4], b = 0.5, stride 1, no padding.
  void handComputed() {
    Conv2d<double> layer({1, 2, 1, 0, true});
    layer.plan({1, 3, 3}, 1);
    QCOMPARE(layer.outShape(), (Shape{1, 2, 2}));
    auto params = layer.params();
    params[0]->value = {1, 2, 3, 4};
    params[1]->value = {0.5};
    std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9}, y(4), dy{1, 1, 1, 1}, dx(9);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 3, 3}}, ty{y.data(), 1, {1, 2, 2}}, tdy{dy.data(), 1, {1, 2, 2}},
        tdx{dx.data(), 1, {1, 3, 3}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[0], 37.5);  // 1*1 + 2*2 + 3*4 + 4*5 + 0.5
    QCOMPARE(y[1], 47.5);  // 1*2 + 2*3 + 3*5 + 4*6 + 0.5
    QCOMPARE(y[2], 67.5);  // 1*4 + 2*5 + 3*7 + 4*8 + 0.5
    QCOMPARE(y[3], 77.5);  // 1*5 + 2*6 + 3*8 + 4*9 + 0.5
    layer.backward(tx, ty, tdy, tdx, ctx);
    // dW[a][b] = sum over the 4 windows of x at offset (a, b)
    QCOMPARE(params[0]->grad, (AlignedVector<double>{12, 16, 24, 28}));  // 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
    QCOMPARE(params[1]->grad, (AlignedVector<double>{4}));                // 4 outputs * 1
    // dx[i][j] = sum of the weights that touch (i, j): corners 1 kernel entry, centre all four.
    QCOMPARE(dx, (std::vector<double>{1, 3, 2, 4, 10, 6, 3, 7, 4}));  // e.g. dx[0][1] = w00 + w01 = 3
    // Gradients accumulate.
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(params[1]->grad, (AlignedVector<double>{8}));
    QCOMPARE(dx[4], 10.0);  // dx is overwritten, not accumulated
  }

  // Same x and W, padding 1, stride 2: windows start at (-1,-1), (-1,1), (1,-1), (1,1).
  void handComputedPadded() {
    Conv2d<double> layer({1, 2, 2, 1, true});
    layer.plan({1, 3, 3}, 1);
    QCOMPARE(layer.outShape(), (Shape{1, 2, 2}));  // (3 + 2 - 2) / 2 + 1 = 2
    auto params = layer.params();
    params[0]->value = {1, 2, 3, 4};
    params[1]->value = {0.5};
    std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9}, y(4);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 1, {1, 3, 3}}, ty{y.data(), 1, {1, 2, 2}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[0], 4.5);   // x00 * w11 + 0.5 = 1*4 + 0.5
    QCOMPARE(y[1], 18.5);  // x01 * w10 + x02 * w11 + 0.5 = 2*3 + 3*4 + 0.5
    QCOMPARE(y[2], 36.5);  // x10 * w01 + x20 * w11 + 0.5 = 4*2 + 7*4 + 0.5
    QCOMPARE(y[3], 77.5);  // full window at (1,1): 5 + 12 + 24 + 36 + 0.5
  }

  void parameters() {
    Conv2d<float> layer({8, 3, 1, 1, true});
    QVERIFY(layer.params().empty());
    layer.plan({4, 6, 6}, 2);
    const auto params = layer.params();
    QCOMPARE(int(params.size()), 2);
    QCOMPARE(params[0]->dims, (std::vector<int>{8, 4, 3, 3}));
    QCOMPARE(params[0]->role, ParamRole::Weight);
    QCOMPARE(params[0]->fanIn, 4 * 9);
    QCOMPARE(params[0]->fanOut, 8 * 9);
    QCOMPARE(params[1]->dims, (std::vector<int>{8}));
    QCOMPARE(params[1]->role, ParamRole::Bias);
    params[0]->value[5] = 3.0f;
    layer.plan({4, 6, 6}, 5);  // same input shape: values survive
    QCOMPARE(layer.params()[0]->value[5], 3.0f);
    layer.plan({2, 6, 6}, 5);  // new Cin: new weights
    QCOMPARE(layer.params()[0]->dims, (std::vector<int>{8, 2, 3, 3}));
    Conv2d<float> noBias({8, 3, 1, 1, false});
    noBias.plan({4, 6, 6}, 2);
    QCOMPARE(int(noBias.params().size()), 1);
    QCOMPARE(QString(makeConv2d<double>({})->kind()), QString("conv2d"));
  }

  void shapeErrors() {
    Conv2d<float> layer({4, 5, 1, 0, true});
    layer.setName("conv7");
    try {
      layer.plan({1, 3, 3}, 1);
      QFAIL("kernel 5 on a 3x3 input without padding must throw");
    } catch (const NormLabError& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("conv7") && m.contains("1x3x3") && m.contains("kernel 5"), e.what());
    }
    Conv2d<float> padded({4, 5, 1, 1, true});  // (3 + 2 - 5) + 1 = 1: fits
    QCOMPARE(padded.outputShape({1, 3, 3}), (Shape{4, 1, 1}));
    QVERIFY_THROWS_EXCEPTION(NormLabError, Conv2d<float>({0, 3, 1, 0, true}));
    QVERIFY_THROWS_EXCEPTION(NormLabError, Conv2d<float>({1, 3, 0, 0, true}));
  }

  // Bench-net conv2 (16 -> 32, 3x3, pad 1, 14x14) at batch 16: 1 and 2 threads agree bit for bit.
  void threadCountIndependent() {
    const Shape in{16, 14, 14};
    const int n = 16;
    std::vector<float> x(std::size_t(n) * in.size()), dyv(std::size_t(n) * 32 * 196);
    Random rng(5);
    for (auto& v : x) v = float(rng.uniform(-1, 1));
    for (auto& v : dyv) v = float(rng.uniform(-1, 1));
    struct Result { std::vector<float> y, dx, dw, db; };
    auto run = [&](int threads) {
      Conv2d<float> layer({32, 3, 1, 1, true});
      layer.plan(in, n);
      Random init(9);
      for (auto* p : layer.params())
        for (auto& v : p->value) v = float(init.uniform(-0.1, 0.1));
      ThreadPool pool(threads);
      StepContext ctx{&pool};
      Result r{std::vector<float>(dyv.size()), std::vector<float>(x.size()), {}, {}};
      Tensor<float> tx{x.data(), n, in}, ty{r.y.data(), n, layer.outShape()},
          tdy{dyv.data(), n, layer.outShape()}, tdx{r.dx.data(), n, in};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
      r.dw.assign(layer.params()[0]->grad.begin(), layer.params()[0]->grad.end());
      r.db.assign(layer.params()[1]->grad.begin(), layer.params()[1]->grad.end());
      return r;
    };
    const Result a = run(1), b = run(2);
    QVERIFY(std::memcmp(a.y.data(), b.y.data(), a.y.size() * sizeof(float)) == 0);
    QVERIFY(std::memcmp(a.dx.data(), b.dx.data(), a.dx.size() * sizeof(float)) == 0);
    QVERIFY(std::memcmp(a.dw.data(), b.dw.data(), a.dw.size() * sizeof(float)) == 0);
    QVERIFY(std::memcmp(a.db.data(), b.db.data(), a.db.size() * sizeof(float)) == 0);
    QVERIFY(std::any_of(a.dw.begin(), a.dw.end(), [](float v) { return v != 0; }));
  }

  // Where a buffer happens to sit in memory must not change a single bit (Eigen reductions peel to
  // the pointer's alignment; the layer must not depend on that): all tensors shifted by one float.
  void alignmentIndependent() {
    const Shape in{16, 14, 14};
    const int n = 4;
    const std::size_t xs = std::size_t(n) * in.size(), ys = std::size_t(n) * 32 * 196;
    struct Result { std::vector<float> y, dx, dw, db; };
    auto run = [&](std::size_t shift) {
      Conv2d<float> layer({32, 3, 1, 1, true});
      layer.plan(in, n);
      Random init(9);
      for (auto* p : layer.params())
        for (auto& v : p->value) v = float(init.uniform(-0.1, 0.1));
      std::vector<float> x(xs + shift), y(ys + shift), dyv(ys + shift), dx(xs + shift);
      Random rng(5);
      for (std::size_t i = 0; i < xs; ++i) x[shift + i] = float(rng.uniform(-1, 1));
      for (std::size_t i = 0; i < ys; ++i) dyv[shift + i] = float(rng.uniform(-1, 1));
      ThreadPool pool(1);
      StepContext ctx{&pool};
      Tensor<float> tx{x.data() + shift, n, in}, ty{y.data() + shift, n, layer.outShape()},
          tdy{dyv.data() + shift, n, layer.outShape()}, tdx{dx.data() + shift, n, in};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
      return Result{{y.begin() + shift, y.end()}, {dx.begin() + shift, dx.end()},
                    {layer.params()[0]->grad.begin(), layer.params()[0]->grad.end()},
                    {layer.params()[1]->grad.begin(), layer.params()[1]->grad.end()}};
    };
    const Result a = run(0);
    for (std::size_t shift : {1, 2, 3, 5}) {
      const Result b = run(shift);
      QVERIFY(std::memcmp(a.y.data(), b.y.data(), a.y.size() * sizeof(float)) == 0);
      QVERIFY(std::memcmp(a.dx.data(), b.dx.data(), a.dx.size() * sizeof(float)) == 0);
      QVERIFY(std::memcmp(a.dw.data(), b.dw.data(), a.dw.size() * sizeof(float)) == 0);
      QVERIFY2(std::memcmp(a.db.data(), b.db.data(), a.db.size() * sizeof(float)) == 0,
               qPrintable(QString("shift %1: db[0] %2 vs %3").arg(shift).arg(a.db[0], 0, 'g', 9).arg(b.db[0], 0, 'g', 9)));
    }
  }

  // With dx.data == nullptr, the parameter gradients are still computed.
  void noInputGradient() {
    Conv2d<double> layer({2, 3, 1, 1, true});
    layer.plan({1, 4, 4}, 2);
    test::randomizeParams(layer, 3);
    std::vector<double> x(32), y(64), dy(64, 1.0), dxRef(32);
    test::fillUniform(x, 4, 1.0);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 2, {1, 4, 4}}, ty{y.data(), 2, layer.outShape()},
        tdy{dy.data(), 2, layer.outShape()}, none{nullptr, 2, {1, 4, 4}}, tdx{dxRef.data(), 2, {1, 4, 4}};
    layer.forward(tx, ty, Mode::Train, ctx);
    layer.backward(tx, ty, tdy, none, ctx);
    const auto dw1 = layer.params()[0]->grad;
    for (auto* p : layer.params()) std::fill(p->grad.begin(), p->grad.end(), 0.0);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(layer.params()[0]->grad, dw1);
  }
};

QTEST_APPLESS_MAIN(TestConv2d)
#include "test_conv2d.moc"
