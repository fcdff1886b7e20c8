// Dense and flatten: gradient checks (double) over shapes, hand-computed cases, shape errors,
// parameter metadata, and thread-count independence (float).
#include <QtTest>

#include <cstring>

#include "core/layers/dense.h"
#include "core/layers/flatten.h"
#include "support/grad_check.h"

using namespace normlab;

class TestDense : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("out");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("batch");
    QTest::newRow("5 -> 4, b3") << 5 << 1 << 1 << 4 << true << 3;
    QTest::newRow("5 -> 1, b1") << 5 << 1 << 1 << 1 << true << 1;
    QTest::newRow("2x3x3 -> 4, b3 nobias") << 2 << 3 << 3 << 4 << false << 3;
    QTest::newRow("3x2x2 -> 11, b9") << 3 << 2 << 2 << 11 << true << 9;
    QTest::newRow("2x4x5 -> 35 (2 feature parts each way), b3") << 2 << 4 << 5 << 35 << true << 3;
    QTest::newRow("50 -> 130 (3 in parts, 8 out parts), b2") << 50 << 1 << 1 << 130 << true << 2;
    QTest::newRow("300 -> 5 (split GEMM), b2") << 3 << 10 << 10 << 5 << true << 2;
    QTest::newRow("1 -> 3, b1 nobias") << 1 << 1 << 1 << 3 << false << 1;
  }
  void gradients() {
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(int, out);
    QFETCH(bool, bias);
    QFETCH(int, batch);
    Dense<double> layer({out, bias});
    const Shape in{c, h, w};
    for (Mode mode : {Mode::Train, Mode::Eval}) {
      test::GradCheckOptions opt;
      opt.mode = mode;
      const auto r = test::gradCheck(layer, in, batch, opt);
      QVERIFY2(r.ok, r.message.c_str());
      QCOMPARE(r.checked, batch * in.size() + out * in.size() + (bias ? out : 0));
    }
    QCOMPARE(layer.outShape(), (Shape{out, 1, 1}));
  }

  // X = [1 2 3; 4 5 6] (N = 2, in = 3), W = [1 0 -1; 2 1 0], b = [0.5, -1], dY = [1 2; 3 4].
  void handComputed() {
    Dense<double> layer({2, true});
    layer.plan({3}, 2);
    auto params = layer.params();
    params[0]->value = {1, 0, -1, 2, 1, 0};
    params[1]->value = {0.5, -1};
    std::vector<double> x{1, 2, 3, 4, 5, 6}, y(4), dy{1, 2, 3, 4}, dx(6);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Tensor<double> tx{x.data(), 2, {3}}, ty{y.data(), 2, {2}}, tdy{dy.data(), 2, {2}}, tdx{dx.data(), 2, {3}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y, (std::vector<double>{-1.5, 3, -1.5, 12}));  // [1-3+0.5, 2+2-1; 4-6+0.5, 8+5-1]
    layer.backward(tx, ty, tdy, tdx, ctx);
    // dW = dY^T X: row 0 = 1*[1 2 3] + 3*[4 5 6], row 1 = 2*[1 2 3] + 4*[4 5 6]
    QCOMPARE(params[0]->grad, (AlignedVector<double>{13, 17, 21, 18, 24, 30}));
    QCOMPARE(params[1]->grad, (AlignedVector<double>{4, 6}));  // column sums of dY
    // dX = dY W: row 0 = 1*[1 0 -1] + 2*[2 1 0], row 1 = 3*[1 0 -1] + 4*[2 1 0]
    QCOMPARE(dx, (std::vector<double>{5, 2, -1, 11, 4, -3}));
    layer.backward(tx, ty, tdy, tdx, ctx);  // parameter gradients accumulate, dx is overwritten
    QCOMPARE(params[1]->grad, (AlignedVector<double>{8, 12}));
    QCOMPARE(dx[0], 5.0);
    // Without an input gradient the parameter gradients still come.
    Tensor<double> none{nullptr, 2, {3}};
    layer.backward(tx, ty, tdy, none, ctx);
    QCOMPARE(params[1]->grad, (AlignedVector<double>{12, 18}));
  }

  void parameters() {
    Dense<float> layer({128, true});
    QVERIFY(layer.params().empty());
    layer.plan({32, 7, 7}, 4);
    const auto params = layer.params();
    QCOMPARE(int(params.size()), 2);
    QCOMPARE(params[0]->dims, (std::vector<int>{128, 1568}));
    QCOMPARE(params[0]->role, ParamRole::Weight);
    QCOMPARE(params[0]->fanIn, 1568);
    QCOMPARE(params[0]->fanOut, 128);
    QCOMPARE(params[1]->dims, (std::vector<int>{128}));
    QCOMPARE(params[1]->role, ParamRole::Bias);
    params[0]->value[7] = 2.0f;
    layer.plan({32, 7, 7}, 8);
    QCOMPARE(layer.params()[0]->value[7], 2.0f);
    Dense<float> noBias({3, false});
    noBias.plan({4}, 1);
    QCOMPARE(int(noBias.params().size()), 1);
    QCOMPARE(QString(makeDense<float>({})->kind()), QString("dense"));
  }

  void shapeErrors() {
    Dense<float> layer({4, true});
    layer.setName("fc9");
    try {
      layer.plan({0, 1, 1}, 1);
      QFAIL("an empty input must throw");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("fc9"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(NormLabError, Dense<float>({0, true}));
  }

  // fc1 of bench-net (1568 -> 128) at batch 16: 1 and 2 threads agree bit for bit.
  void threadCountIndependent() {
    const Shape in{32, 7, 7};
    const int n = 16, out = 128;
    std::vector<float> x(std::size_t(n) * in.size()), dyv(std::size_t(n) * out);
    Random rng(5);
    for (auto& v : x) v = float(rng.uniform(-1, 1));
    for (auto& v : dyv) v = float(rng.uniform(-1, 1));
    struct Result { std::vector<float> y, dx, dw, db; };
    auto run = [&](int threads) {
      Dense<float> layer({out, true});
      layer.plan(in, n);
      Random init(9);
      for (auto* p : layer.params())
        for (auto& v : p->value) v = float(init.uniform(-0.05, 0.05));
      ThreadPool pool(threads);
      StepContext ctx{&pool};
      Result r{std::vector<float>(dyv.size()), std::vector<float>(x.size()), {}, {}};
      Tensor<float> tx{x.data(), n, in}, ty{r.y.data(), n, {out}}, tdy{dyv.data(), n, {out}},
          tdx{r.dx.data(), n, in};
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
  }

  // Bits must not depend on where the buffers sit (all tensors shifted by 1..5 floats); batch 1
  // takes Eigen's matrix-vector path, batch 5 the matrix-matrix one.
  void alignmentIndependent_data() {
    QTest::addColumn<int>("n");
    QTest::newRow("batch 1") << 1;
    QTest::newRow("batch 5") << 5;
  }
  void alignmentIndependent() {
    QFETCH(int, n);
    const Shape in{32, 7, 7};
    const int out = 128;
    const std::size_t xs = std::size_t(n) * in.size(), ys = std::size_t(n) * out;
    auto run = [&](std::size_t shift) {
      Dense<float> layer({out, true});
      layer.plan(in, n);
      Random init(9);
      for (auto* p : layer.params())
        for (auto& v : p->value) v = float(init.uniform(-0.05, 0.05));
      std::vector<float> x(xs + shift), y(ys + shift), dyv(ys + shift), dx(xs + shift);
      Random rng(5);
      for (std::size_t i = 0; i < xs; ++i) x[shift + i] = float(rng.uniform(-1, 1));
      for (std::size_t i = 0; i < ys; ++i) dyv[shift + i] = float(rng.uniform(-1, 1));
      ThreadPool pool(1);
      StepContext ctx{&pool};
      Tensor<float> tx{x.data() + shift, n, in}, ty{y.data() + shift, n, {out}},
          tdy{dyv.data() + shift, n, {out}}, tdx{dx.data() + shift, n, in};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
      std::vector<float> all(y.begin() + shift, y.end());
      all.insert(all.end(), dx.begin() + shift, dx.end());
      for (auto* p : layer.params()) all.insert(all.end(), p->grad.begin(), p->grad.end());
      return all;
    };
    const auto a = run(0);
    for (std::size_t shift : {1, 2, 3, 5}) {
      const auto b = run(shift);
      QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    }
  }

  void flattenGradients() {
    Flatten<double> layer;
    const auto r = test::gradCheck(layer, {3, 2, 4}, 3);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, 3 * 24);
  }

  // index = c*H*W + h*W + w: the bench-net flatten order.
  void flattenOrder() {
    Flatten<float> layer;
    QCOMPARE(QString(layer.kind()), QString("flatten"));
    layer.plan({2, 2, 3}, 2);
    QCOMPARE(layer.outShape(), (Shape{12, 1, 1}));
    std::vector<float> x(24), y(24, -1.0f), dy(24), dx(24, -1.0f);
    for (int i = 0; i < 24; ++i) x[i] = float(i), dy[i] = float(100 + i);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Tensor<float> tx{x.data(), 2, {2, 2, 3}}, ty{y.data(), 2, {12}}, tdy{dy.data(), 2, {12}},
        tdx{dx.data(), 2, {2, 2, 3}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(ty.at(1, 1 * 6 + 1 * 3 + 2), tx.at(1, 1, 1, 2));  // c=1, h=1, w=2 of sample 1
    QCOMPARE(y, x);
    layer.backward(tx, ty, tdy, tdx, ctx);
    QCOMPARE(dx, dy);
    QVERIFY_THROWS_EXCEPTION(NormLabError, layer.plan({0, 2, 2}, 1));
  }
};

QTEST_APPLESS_MAIN(TestDense)
#include "test_dense.moc"
