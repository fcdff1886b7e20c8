// Local response norm: gradient checks (double) for odd and even window sizes, windows wider than
// C, conv and dense shapes; hand-computed values (odd and even n, PyTorch's window); a naive
// reference; defaults; bit-identical results with 1 and 2 threads.
#include <QtTest>

#include <cstring>

#include "core/layers/local_response_norm.h"
#include "support/grad_check.h"

using namespace normlab;

namespace {

NormConfig lrnConfig(int size, double alpha, double beta, double k) {
  NormConfig c;
  c.kind = NormKind::LocalResponse;
  c.lrnSize = size;
  c.lrnAlpha = alpha;
  c.lrnBeta = beta;
  c.lrnK = k;
  return c;
}

// Naive reference (PyTorch): pad the channels by n/2 before and (n-1)/2 after with zeros, average
// a^2 over n consecutive padded channels, b = a / (k + alpha * average)^beta.
std::vector<double> naiveLrn(const std::vector<double>& x, int n, const Shape& s, const NormConfig& cfg) {
  const int C = s.c, S = s.spatial(), size = cfg.lrnSize;
  std::vector<double> y(x.size());
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < C; ++c)
      for (int j = 0; j < S; ++j) {
        double sum = 0;
        for (int t = 0; t < size; ++t) {  // padded index c + t is channel c + t - size/2
          const int cc = c + t - size / 2;
          if (cc >= 0 && cc < C) sum += x[(std::size_t(i) * C + cc) * S + j] * x[(std::size_t(i) * C + cc) * S + j];
        }
        const std::size_t at = (std::size_t(i) * C + c) * S + j;
        y[at] = x[at] / std::pow(cfg.lrnK + cfg.lrnAlpha * (sum / size), cfg.lrnBeta);
      }
  return y;
}

}  // namespace

class TestLocalResponseNorm : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("beta");
    QTest::addColumn<double>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    for (int size : {1, 2, 3, 4, 5, 8}) {
      const std::string s = "n=" + std::to_string(size);
      QTest::newRow((s + " conv").c_str()) << size << 1.0 << 0.75 << 2.0 << 3 << 6 << 3 << 2;
      QTest::newRow((s + " dense").c_str()) << size << 1.0 << 0.75 << 2.0 << 2 << 5 << 1 << 1;
      // beta != 0.75 takes the general pow path
      QTest::newRow((s + " conv beta 0.6").c_str()) << size << 1.0 << 0.6 << 2.0 << 3 << 6 << 3 << 2;
    }
    QTest::newRow("bench-net (n=5, alpha=1e-4, k=2)") << 5 << 1e-4 << 0.75 << 2.0 << 3 << 6 << 3 << 2;
    QTest::newRow("strong (n=3, alpha=5, k=1)") << 3 << 5.0 << 0.75 << 1.0 << 3 << 4 << 2 << 2;
    QTest::newRow("strong beta 1.3 (n=4, alpha=3, k=1)") << 4 << 3.0 << 1.3 << 1.0 << 3 << 4 << 2 << 2;
  }
  void gradients() {
    QFETCH(int, size);
    QFETCH(double, alpha);
    QFETCH(double, beta);
    QFETCH(double, k);
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    LocalResponseNorm<double> layer(lrnConfig(size, alpha, beta, k));
    test::GradCheckOptions opt;
    opt.range = 2.0;
    const auto r = test::gradCheck(layer, {c, h, w}, n, opt);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, n * c * h * w);
  }

  // size 3, alpha 1, beta 0.75, k 2 on a = (1, 2, 3, 4) (1 x 4 x 1 x 1); window [c-1, c+1]:
  //   c=0: sum 1+4 = 5     scale 2 + 5/3  = 11/3   b = 1 / (11/3)^0.75 = 0.37739524779024686
  //   c=1: sum 1+4+9 = 14  scale 2 + 14/3 = 20/3   b = 2 / (20/3)^0.75 = 0.48205705136679106
  //   c=2: 4+9+16 = 29     scale 2 + 29/3 = 35/3   b = 3 / (35/3)^0.75 = 0.4752380032568079
  //   c=3: 9+16 = 25       scale 2 + 25/3 = 31/3   b = 4 / (31/3)^0.75 = 0.6940322667063952
  // Even size 2 (PyTorch pads 1 before, 0 after): window [c-1, c], divisor 2:
  //   c=0: 1  -> 2.5   b = 1 / 2.5^0.75 = 0.5029733718731741
  //   c=1: 5  -> 4.5   b = 2 / 4.5^0.75 = 0.6473223622764313
  //   c=2: 13 -> 8.5   b = 3 / 8.5^0.75 = 0.6026387594732274
  //   c=3: 25 -> 14.5  b = 4 / 14.5^0.75 = 0.5383119113463112
  void handValues_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("n=3") << 3 << QList<double>{0.37739524779024686, 0.48205705136679106, 0.4752380032568079,
                                                0.6940322667063952};
    QTest::newRow("n=2") << 2 << QList<double>{0.5029733718731741, 0.6473223622764313, 0.6026387594732274,
                                                0.5383119113463112};
  }
  void handValues() {
    QFETCH(int, size);
    QFETCH(QList<double>, expected);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    LocalResponseNorm<double> layer(lrnConfig(size, 1.0, 0.75, 2.0));
    layer.plan({4, 1, 1}, 1);
    std::vector<double> x{1, 2, 3, 4}, y(4);
    Tensor<double> tx{x.data(), 1, {4, 1, 1}}, ty{y.data(), 1, {4, 1, 1}};
    layer.forward(tx, ty, Mode::Train, ctx);
    for (int c = 0; c < 4; ++c) QVERIFY2(std::abs(y[c] - expected[c]) < 1e-15, qPrintable(QString::number(c)));
    // Same in float, within float rounding.
    LocalResponseNorm<float> f(lrnConfig(size, 1.0, 0.75, 2.0));
    f.plan({4, 1, 1}, 1);
    std::vector<float> xf{1, 2, 3, 4}, yf(4);
    Tensor<float> txf{xf.data(), 1, {4, 1, 1}}, tyf{yf.data(), 1, {4, 1, 1}};
    f.forward(txf, tyf, Mode::Eval, ctx);
    for (int c = 0; c < 4; ++c) QVERIFY(std::abs(yf[c] - expected[c]) < 1e-6);
  }

  // The sliding window against the per-definition reference, over many channels and pixels.
  void matchesReference_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<double>("beta");
    for (int size : {1, 2, 3, 4, 5, 6, 7, 40})
      for (double beta : {0.75, 0.5, 1.2})
        QTest::newRow(("n=" + std::to_string(size) + " beta=" + std::to_string(beta)).c_str()) << size << beta;
  }
  void matchesReference() {
    QFETCH(int, size);
    QFETCH(double, beta);
    const NormConfig cfg = lrnConfig(size, 0.5, beta, 2.0);
    const Shape shape{13, 3, 4};
    const int n = 5;
    ThreadPool pool(2);
    StepContext ctx{&pool};
    LocalResponseNorm<double> layer(cfg);
    layer.plan(shape, n);
    std::vector<double> x(std::size_t(n) * shape.size()), y(x.size());
    test::fillUniform(x, 77, 3.0);
    Tensor<double> tx{x.data(), n, shape}, ty{y.data(), n, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    const auto expected = naiveLrn(x, n, shape, cfg);
    for (std::size_t i = 0; i < y.size(); ++i) QVERIFY(std::abs(y[i] - expected[i]) < 1e-13);
  }

  void defaultsAndFactory() {
    const NormConfig d;
    QCOMPARE(d.lrnSize, 5);
    QCOMPARE(d.lrnAlpha, 1e-4);
    QCOMPARE(d.lrnBeta, 0.75);
    QCOMPARE(d.lrnK, 1.0);
    NormConfig c;
    c.kind = NormKind::LocalResponse;
    auto layer = makeNorm<float>(c);
    QCOMPARE(layer->kind(), "local_response_norm");
    layer->plan({8, 2, 2}, 2);
    QVERIFY(layer->params().empty());
    QVERIFY(layer->buffers().empty());
    QVERIFY(layer->outShape() == (Shape{8, 2, 2}));
    LocalResponseNorm<float> bad(lrnConfig(0, 1e-4, 0.75, 1.0));
    bad.setName("lrn1");
    try {
      bad.plan({8, 2, 2}, 2);
      QFAIL("size 0 must throw");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("lrn1"), e.what());
    }
  }

  // Float outputs and input gradients are bit-identical with 1 and 2 threads at 16 x 32 x 14 x 14.
  void threadsBitIdentical() {
    const Shape shape{32, 14, 14};
    const int n = 16;
    std::vector<float> x(std::size_t(n) * shape.size()), dy(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = uniformAt(1, i) * 6.0f - 3.0f;
      dy[i] = uniformAt(2, i) - 0.5f;
    }
    auto run = [&](int threads, std::vector<float>& y, std::vector<float>& dx) {
      ThreadPool pool(threads);
      StepContext ctx{&pool};
      LocalResponseNorm<float> layer(lrnConfig(5, 1e-2, 0.75, 2.0));
      layer.plan(shape, n);
      y.assign(x.size(), 0.0f);
      dx.assign(x.size(), 0.0f);
      Tensor<float> tx{x.data(), n, shape}, ty{y.data(), n, shape}, tdy{dy.data(), n, shape},
          tdx{dx.data(), n, shape};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
    };
    std::vector<float> y1, dx1, y2, dx2;
    run(1, y1, dx1);
    run(2, y2, dx2);
    QVERIFY(std::memcmp(y1.data(), y2.data(), y1.size() * sizeof(float)) == 0);
    QVERIFY(std::memcmp(dx1.data(), dx2.data(), dx1.size() * sizeof(float)) == 0);
    QVERIFY(y1[777] != x[777]);  // the norm did something
  }
};

QTEST_APPLESS_MAIN(TestLocalResponseNorm)
#include "test_local_response_norm.moc"
