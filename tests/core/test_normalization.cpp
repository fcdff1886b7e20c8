// Batch, layer, instance and group norm: gradient checks (double) for every kind on conv and dense
// shapes, affine on/off, Train and (batch norm) Eval; hand-computed batch-norm values and running
// statistics; a naive per-definition reference; G = 1 / G = C equivalences; errors; and
// bit-identical results with 1 and 2 threads.
#include <QtTest>

#include <cstring>

#include "core/normalization.h"
#include "support/grad_check.h"

using namespace normlab;

namespace {

NormConfig normConfig(NormKind kind, int groups = 4, bool affine = true) {
  NormConfig c;
  c.kind = kind;
  c.groups = groups;
  c.affine = affine;
  return c;
}

// Runs `steps` Train forwards of a batch-norm layer (planned for shape x n) on random data with
// mean about 0.5 and variance about 3, so that the running statistics move away from 0 and 1.
void warmUp(Normalization<double>& layer, const Shape& shape, int n, int steps) {
  ThreadPool pool(1);
  StepContext ctx{&pool};
  layer.plan(shape, n);
  std::vector<double> x(std::size_t(n) * shape.size()), y(x.size());
  Tensor<double> tx{x.data(), n, shape}, ty{y.data(), n, shape};
  for (int s = 0; s < steps; ++s) {
    test::fillUniform(x, streamKey(7, Purpose::Data, 100, s), 3.0);
    for (auto& v : x) v += 0.5;
    layer.forward(tx, ty, Mode::Train, ctx);
  }
}

// Naive reference, straight from the definitions: for each element, mean and biased variance of
// the elements that share its statistics; y = gamma_c (x - mean) / sqrt(var + eps) + beta_c.
std::vector<double> naiveNorm(NormKind kind, int groups, const std::vector<double>& x, int n, const Shape& s,
                              const AlignedVector<double>& gamma, const AlignedVector<double>& beta, double eps) {
  const int C = s.c, S = s.spatial();
  const int G = kind == NormKind::Layer ? 1 : (kind == NormKind::Group ? groups : C);
  const int Cg = C / G;
  auto shares = [&](int i1, int c1, int i2, int c2) {
    if (c1 / Cg != c2 / Cg) return false;
    return kind == NormKind::Batch || i1 == i2;
  };
  std::vector<double> y(x.size());
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < C; ++c)
      for (int j = 0; j < S; ++j) {
        double sum = 0, count = 0;
        for (int i2 = 0; i2 < n; ++i2)
          for (int c2 = 0; c2 < C; ++c2)
            if (shares(i, c, i2, c2))
              for (int j2 = 0; j2 < S; ++j2) sum += x[(std::size_t(i2) * C + c2) * S + j2], ++count;
        const double mean = sum / count;
        double sq = 0;
        for (int i2 = 0; i2 < n; ++i2)
          for (int c2 = 0; c2 < C; ++c2)
            if (shares(i, c, i2, c2))
              for (int j2 = 0; j2 < S; ++j2) {
                const double d = x[(std::size_t(i2) * C + c2) * S + j2] - mean;
                sq += d * d;
              }
        const std::size_t at = (std::size_t(i) * C + c) * S + j;
        y[at] = gamma[c] * (x[at] - mean) / std::sqrt(sq / count + eps) + beta[c];
      }
  return y;
}

template <typename T>
bool sameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

}  // namespace

class TestNormalization : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<bool>("affine");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<bool>("eval");
    struct Kind { const char* name; NormKind kind; int groups; bool conv, dense; };
    const Kind kinds[] = {
        {"batch", NormKind::Batch, 0, true, true},       {"layer", NormKind::Layer, 0, true, true},
        {"instance", NormKind::Instance, 0, true, false}, {"group1", NormKind::Group, 1, true, true},
        {"group2", NormKind::Group, 2, true, true},       {"group4", NormKind::Group, 4, true, true},
    };
    for (const Kind& k : kinds)
      for (bool affine : {true, false}) {
        const std::string suffix = affine ? " affine" : " plain";
        if (k.conv)
          QTest::newRow((std::string(k.name) + " conv 3x4x3x2" + suffix).c_str())
              << int(k.kind) << k.groups << affine << 3 << 4 << 3 << 2 << false;
        if (k.dense)
          QTest::newRow((std::string(k.name) + " dense 3x4" + suffix).c_str())
              << int(k.kind) << k.groups << affine << 3 << 4 << 1 << 1 << false;
      }
    for (bool affine : {true, false}) {
      const std::string suffix = affine ? " affine" : " plain";
      QTest::newRow(("batch conv 2x4x3x2" + suffix).c_str())
          << int(NormKind::Batch) << 0 << affine << 2 << 4 << 3 << 2 << false;
      QTest::newRow(("batch dense 2x4" + suffix).c_str())
          << int(NormKind::Batch) << 0 << affine << 2 << 4 << 1 << 1 << false;
      QTest::newRow(("batch eval conv 3x4x3x2" + suffix).c_str())
          << int(NormKind::Batch) << 0 << affine << 3 << 4 << 3 << 2 << true;
      QTest::newRow(("batch eval conv 2x4x3x2" + suffix).c_str())
          << int(NormKind::Batch) << 0 << affine << 2 << 4 << 3 << 2 << true;
      QTest::newRow(("batch eval dense 3x4" + suffix).c_str())
          << int(NormKind::Batch) << 0 << affine << 3 << 4 << 1 << 1 << true;
    }
  }
  void gradients() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(bool, affine);
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(bool, eval);
    Normalization<double> layer(normConfig(NormKind(kind), groups, affine));
    const Shape shape{c, h, w};
    test::GradCheckOptions opt;
    if (eval) {
      warmUp(layer, shape, n, 3);
      // The running statistics are non-trivial: Eval differs from the identity-stat map.
      QVERIFY(std::abs(layer.runningMean()[0]) > 0.05);
      QVERIFY(std::abs(layer.runningVar()[0] - 1.0) > 0.01);
      opt.mode = Mode::Eval;
    }
    const AlignedVector<double> meanBefore = layer.runningMean();
    const auto r = test::gradCheck(layer, shape, n, opt);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, n * shape.size() + (affine ? 2 * c : 0));
    if (eval) QVERIFY(layer.runningMean() == meanBefore);  // Eval never updates running stats
  }

  // Every kind against the naive per-definition reference (random input, gamma, beta).
  void matchesReference_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::newRow("batch conv") << int(NormKind::Batch) << 0 << 3 << 4 << 3 << 2;
    QTest::newRow("batch dense") << int(NormKind::Batch) << 0 << 5 << 6 << 1 << 1;
    QTest::newRow("layer conv") << int(NormKind::Layer) << 0 << 3 << 4 << 3 << 2;
    QTest::newRow("layer dense") << int(NormKind::Layer) << 0 << 5 << 6 << 1 << 1;
    QTest::newRow("instance conv") << int(NormKind::Instance) << 0 << 3 << 4 << 3 << 2;
    QTest::newRow("group2 conv") << int(NormKind::Group) << 2 << 3 << 4 << 3 << 2;
    QTest::newRow("group3 dense") << int(NormKind::Group) << 3 << 5 << 6 << 1 << 1;
    QTest::newRow("batch many sets") << int(NormKind::Batch) << 0 << 9 << 20 << 2 << 3;
    QTest::newRow("group many sets") << int(NormKind::Group) << 5 << 9 << 20 << 2 << 3;
  }
  void matchesReference() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    const Shape shape{c, h, w};
    ThreadPool pool(2);
    StepContext ctx{&pool};
    Normalization<double> layer(normConfig(NormKind(kind), groups));
    layer.plan(shape, n);
    test::randomizeParams(layer, 5);
    std::vector<double> x(std::size_t(n) * shape.size()), y(x.size());
    test::fillUniform(x, 11, 3.0);
    Tensor<double> tx{x.data(), n, shape}, ty{y.data(), n, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    const auto expected = naiveNorm(NormKind(kind), groups, x, n, shape, layer.params()[0]->value,
                                    layer.params()[1]->value, 1e-5);
    for (std::size_t i = 0; i < y.size(); ++i) QVERIFY2(std::abs(y[i] - expected[i]) < 1e-12, qPrintable(QString::number(i)));
  }

  // Batch norm, 4 examples x 3 features (dense), eps = 0 so the numbers are exact, by hand:
  //   feature 0: x = 1, 2, 3, 4    mean 2.5  biased var ((1.5^2 + 0.5^2) * 2) / 4 = 1.25
  //   feature 1: x = 0, 0, 4, 4    mean 2    var (4 * 2^2) / 4 = 4
  //   feature 2: x = -1, 1, -1, 1  mean 0    var 1
  // xhat = (x - mean) / sqrt(var); y = gamma * xhat + beta with gamma = (2, 0.5, -1), beta = (0.1, -3, 1).
  void handBatchNorm() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    NormConfig config = normConfig(NormKind::Batch);
    config.eps = 0;
    Normalization<double> layer(config);
    layer.plan({3}, 4);
    // x[i * 3 + c]: example i, feature c
    std::vector<double> x{1, 0, -1, 2, 0, 1, 3, 4, -1, 4, 4, 1}, y(12);
    Tensor<double> tx{x.data(), 4, {3}}, ty{y.data(), 4, {3}};

    // Step 1: statistics, normalized values (gamma = 1, beta = 0 at the start).
    layer.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(layer.batchMean()[0], 2.5);
    QCOMPARE(layer.batchMean()[1], 2.0);
    QCOMPARE(layer.batchMean()[2], 0.0);
    QCOMPARE(layer.batchVar()[0], 1.25);
    QCOMPARE(layer.batchVar()[1], 4.0);
    QCOMPARE(layer.batchVar()[2], 1.0);
    const double f0[4] = {-1.3416407864998738,   // -1.5 / sqrt(1.25)
                          -0.4472135954999579,   // -0.5 / sqrt(1.25)
                          0.4472135954999579, 1.3416407864998738};
    for (int i = 0; i < 4; ++i) {
      QVERIFY(std::abs(y[i * 3 + 0] - f0[i]) < 1e-15);
      QCOMPARE(y[i * 3 + 1], i < 2 ? -1.0 : 1.0);  // (0 - 2) / 2, (4 - 2) / 2
      QCOMPARE(y[i * 3 + 2], i % 2 ? 1.0 : -1.0);  // (+-1 - 0) / 1
    }

    // Step 2: scale and shift.
    auto ps = layer.params();
    QCOMPARE(ps[0]->name, std::string("gamma"));
    QCOMPARE(ps[1]->name, std::string("beta"));
    ps[0]->value = {2, 0.5, -1};
    ps[1]->value = {0.1, -3, 1};
    layer.forward(tx, ty, Mode::Train, ctx);
    const double y0[4] = {-2.5832815729997476,   // 2 * -1.5 / sqrt(1.25) + 0.1
                          -0.7944271909999159,   // 2 * -0.5 / sqrt(1.25) + 0.1
                          0.9944271909999158,    // 2 * 0.5 / sqrt(1.25) + 0.1
                          2.7832815729997478};   // 2 * 1.5 / sqrt(1.25) + 0.1
    const double y1[4] = {-3.5, -3.5, -2.5, -2.5};  // 0.5 * (-1, -1, 1, 1) - 3
    const double y2[4] = {2, 0, 2, 0};              // -1 * (-1, 1, -1, 1) + 1
    for (int i = 0; i < 4; ++i) {
      QVERIFY(std::abs(y[i * 3 + 0] - y0[i]) < 1e-15);
      QVERIFY(std::abs(y[i * 3 + 1] - y1[i]) < 1e-15);
      QVERIFY(std::abs(y[i * 3 + 2] - y2[i]) < 1e-15);
    }
  }

  // eps sits inside the sqrt: feature 2 above (var 1) gives xhat = 1 / sqrt(1 + 1e-5).
  void epsInsideSqrt() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Normalization<double> layer(normConfig(NormKind::Batch));
    layer.plan({1}, 4);
    std::vector<double> x{-1, 1, -1, 1}, y(4);
    Tensor<double> tx{x.data(), 4, {1}}, ty{y.data(), 4, {1}};
    layer.forward(tx, ty, Mode::Train, ctx);
    QVERIFY(std::abs(y[1] - 0.99999500003749968) < 1e-15);  // 1 / sqrt(1.00001)
  }

  // Running statistics after 3 Train steps on batches b, b + 1, 2b (the batch of handBatchNorm):
  //   running_mean <- 0.9 running_mean + 0.1 mean,  running_var <- 0.9 running_var + 0.1 var * 4/3
  // starting from 0 and 1. Eval then normalizes with them.
  void runningStatistics() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Normalization<double> layer(normConfig(NormKind::Batch));
    layer.setName("bn");
    layer.plan({3}, 4);
    QCOMPARE(layer.buffers().size(), std::size_t(2));
    QCOMPARE(layer.buffers()[0]->name, std::string("running_mean"));
    QCOMPARE(layer.buffers()[1]->name, std::string("running_var"));
    QVERIFY((layer.runningMean() == AlignedVector<double>{0, 0, 0}));
    QVERIFY((layer.runningVar() == AlignedVector<double>{1, 1, 1}));
    const std::vector<double> b{1, 0, -1, 2, 0, 1, 3, 4, -1, 4, 4, 1};
    std::vector<double> x(12), y(12);
    Tensor<double> tx{x.data(), 4, {3}}, ty{y.data(), 4, {3}};
    for (int step = 0; step < 3; ++step) {
      for (int i = 0; i < 12; ++i) x[i] = step == 0 ? b[i] : step == 1 ? b[i] + 1 : 2 * b[i];
      layer.forward(tx, ty, Mode::Train, ctx);
    }
    // batch means: f0 2.5, 3.5, 5; f1 2, 3, 4; f2 0, 1, 0
    // unbiased vars: f0 1.25*4/3, same, 5*4/3; f1 4*4/3, same, 16*4/3; f2 4/3, same, 16/3
    const double rm[3] = {0.9 * (0.9 * (0.1 * 2.5) + 0.1 * 3.5) + 0.1 * 5.0,   // 1.0175
                          0.9 * (0.9 * (0.1 * 2.0) + 0.1 * 3.0) + 0.1 * 4.0,   // 0.832
                          0.9 * (0.9 * (0.1 * 0.0) + 0.1 * 1.0) + 0.1 * 0.0};  // 0.09
    const double rv[3] = {0.9 * (0.9 * (0.9 + 0.1 * 5 / 3.) + 0.1 * 5 / 3.) + 0.1 * 20 / 3.,     // 1.6806667
                          0.9 * (0.9 * (0.9 + 0.1 * 16 / 3.) + 0.1 * 16 / 3.) + 0.1 * 64 / 3.,  // 3.5283333
                          0.9 * (0.9 * (0.9 + 0.1 * 4 / 3.) + 0.1 * 4 / 3.) + 0.1 * 16 / 3.};   // 1.3036667
    QVERIFY(std::abs(rm[0] - 1.0175) < 1e-12);
    QVERIFY(std::abs(rv[0] - 1.6806666666666668) < 1e-12);
    for (int c = 0; c < 3; ++c) {
      QVERIFY(std::abs(layer.runningMean()[c] - rm[c]) < 1e-12);
      QVERIFY(std::abs(layer.runningVar()[c] - rv[c]) < 1e-12);
    }
    // Eval on b: y = (x - running_mean) / sqrt(running_var + eps) (gamma 1, beta 0), e.g.
    // feature 0, x = 1: (1 - 1.0175) / sqrt(1.6806667 + 1e-5) = -0.013498...
    for (int i = 0; i < 12; ++i) x[i] = b[i];
    const AlignedVector<double> meanBefore = layer.runningMean();
    layer.forward(tx, ty, Mode::Eval, ctx);
    QVERIFY(std::abs(y[0] - (1 - 1.0175) / std::sqrt(1.6806666666666668 + 1e-5)) < 1e-12);
    for (int i = 0; i < 4; ++i)
      for (int c = 0; c < 3; ++c)
        QVERIFY(std::abs(y[i * 3 + c] - (b[i * 3 + c] - rm[c]) / std::sqrt(rv[c] + 1e-5)) < 1e-12);
    QVERIFY(layer.runningMean() == meanBefore);
    // Eval with a single example is fine (no batch statistics needed).
    Tensor<double> one{x.data(), 1, {3}}, oneY{y.data(), 1, {3}};
    layer.forward(one, oneY, Mode::Eval, ctx);
    QVERIFY(std::isfinite(y[0]));
  }

  // Population statistics (update_bn, momentum=None): after a reset the running statistics are
  // the plain average of the batches' means and unbiased variances, whatever came before; then
  // the usual momentum applies again. Same batches b, b + 1, 2b as runningStatistics:
  //   running_mean = (2.5 + 3.5 + 5) / 3 = 11/3 (f0), (2 + 3 + 4) / 3 = 3 (f1), 1/3 (f2)
  //   running_var  = (5/3 + 5/3 + 20/3) / 3 = 10/3 (f0), (16/3 + 16/3 + 64/3) / 3 = 32/3 (f1),
  //                  (4/3 + 4/3 + 16/3) / 3 = 8/3 (f2)
  void populationStatistics() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    Normalization<double> layer(normConfig(NormKind::Batch));
    layer.setName("bn");
    layer.plan({3}, 4);
    const std::vector<double> b{1, 0, -1, 2, 0, 1, 3, 4, -1, 4, 4, 1};
    std::vector<double> x(12), y(12);
    Tensor<double> tx{x.data(), 4, {3}}, ty{y.data(), 4, {3}};
    for (int i = 0; i < 12; ++i) x[i] = 100 * b[i];  // history that the reset must discard
    layer.forward(tx, ty, Mode::Train, ctx);
    layer.startPopulationEstimate();
    QVERIFY((layer.runningMean() == AlignedVector<double>{0, 0, 0}));
    QVERIFY((layer.runningVar() == AlignedVector<double>{1, 1, 1}));
    for (int step = 0; step < 3; ++step) {
      for (int i = 0; i < 12; ++i) x[i] = step == 0 ? b[i] : step == 1 ? b[i] + 1 : 2 * b[i];
      layer.forward(tx, ty, Mode::Train, ctx);
    }
    layer.finishPopulationEstimate();
    const double rm[3] = {11 / 3., 3, 1 / 3.}, rv[3] = {10 / 3., 32 / 3., 8 / 3.};
    for (int c = 0; c < 3; ++c) {
      QVERIFY2(std::abs(layer.runningMean()[c] - rm[c]) < 1e-12, qPrintable(QString::number(layer.runningMean()[c])));
      QVERIFY2(std::abs(layer.runningVar()[c] - rv[c]) < 1e-12, qPrintable(QString::number(layer.runningVar()[c])));
    }
    // Afterwards momentum 0.1 again: one more batch b moves the mean of f0 to 0.9 * 11/3 + 0.1 * 2.5.
    for (int i = 0; i < 12; ++i) x[i] = b[i];
    layer.forward(tx, ty, Mode::Train, ctx);
    QVERIFY(std::abs(layer.runningMean()[0] - (0.9 * 11 / 3. + 0.1 * 2.5)) < 1e-12);
  }

  // Group norm with G = 1 is layer norm, with G = C instance norm (same input, per-channel affine).
  void groupEquivalences_data() {
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("other");
    QTest::newRow("G=1 is layer") << 1 << int(NormKind::Layer);
    QTest::newRow("G=C is instance") << 4 << int(NormKind::Instance);
  }
  void groupEquivalences() {
    QFETCH(int, groups);
    QFETCH(int, other);
    ThreadPool pool(1);
    StepContext ctx{&pool};
    const Shape shape{4, 3, 2};
    const int n = 3;
    Normalization<double> group(normConfig(NormKind::Group, groups)), ref(normConfig(NormKind(other)));
    group.plan(shape, n);
    ref.plan(shape, n);
    test::randomizeParams(group, 9);
    test::randomizeParams(ref, 9);
    QVERIFY(group.params()[0]->value == ref.params()[0]->value);
    QCOMPARE(group.params()[0]->size(), std::size_t(4));  // per channel, not per element
    std::vector<double> x(std::size_t(n) * shape.size()), dy(x.size()), y1(x.size()), y2(x.size()),
        dx1(x.size()), dx2(x.size());
    test::fillUniform(x, 21, 2.0);
    test::fillUniform(dy, 22, 1.0);
    Tensor<double> tx{x.data(), n, shape}, tdy{dy.data(), n, shape}, ty1{y1.data(), n, shape},
        ty2{y2.data(), n, shape}, tdx1{dx1.data(), n, shape}, tdx2{dx2.data(), n, shape};
    group.forward(tx, ty1, Mode::Train, ctx);
    ref.forward(tx, ty2, Mode::Train, ctx);
    group.backward(tx, ty1, tdy, tdx1, ctx);
    ref.backward(tx, ty2, tdy, tdx2, ctx);
    for (std::size_t i = 0; i < x.size(); ++i) {
      QVERIFY(std::abs(y1[i] - y2[i]) < 1e-14);
      QVERIFY(std::abs(dx1[i] - dx2[i]) < 1e-14);
    }
    for (int p = 0; p < 2; ++p)
      for (int c = 0; c < 4; ++c)
        QVERIFY(std::abs(group.params()[p]->grad[c] - ref.params()[p]->grad[c]) < 1e-14);
  }

  void parameters() {
    Normalization<float> affine(normConfig(NormKind::Group, 2)), plain(normConfig(NormKind::Layer, 4, false));
    affine.plan({6, 2, 2}, 3);
    plain.plan({6, 2, 2}, 3);
    const auto ps = affine.params();
    QCOMPARE(ps.size(), std::size_t(2));
    QVERIFY(ps[0]->role == ParamRole::NormScale);
    QVERIFY(ps[1]->role == ParamRole::NormShift);
    QVERIFY((ps[0]->dims == std::vector<int>{6}));
    QVERIFY((ps[0]->value == AlignedVector<float>(6, 1.0f)));
    QVERIFY((ps[1]->value == AlignedVector<float>(6, 0.0f)));
    QVERIFY(plain.params().empty());
    QVERIFY(plain.buffers().empty());
    QVERIFY(affine.buffers().empty());
    // Re-planning with the same input keeps parameter values.
    ps[0]->value[3] = 7.0f;
    affine.plan({6, 2, 2}, 5);
    QCOMPARE(affine.params()[0]->value[3], 7.0f);
  }

  // With dx.data null (first layer) backward still accumulates the same gamma/beta gradients.
  void nullInputGradient() {
    ThreadPool pool(2);
    StepContext ctx{&pool};
    const Shape shape{4, 3, 2};
    const int n = 3;
    Normalization<double> layer(normConfig(NormKind::Group, 2));
    layer.plan(shape, n);
    test::randomizeParams(layer, 3);
    std::vector<double> x(std::size_t(n) * shape.size()), y(x.size()), dy(x.size()), dx(x.size());
    test::fillUniform(x, 31, 2.0);
    test::fillUniform(dy, 32, 1.0);
    Tensor<double> tx{x.data(), n, shape}, ty{y.data(), n, shape}, tdy{dy.data(), n, shape},
        tdx{dx.data(), n, shape}, none{nullptr, n, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    layer.backward(tx, ty, tdy, tdx, ctx);
    const AlignedVector<double> g1 = layer.params()[0]->grad, b1 = layer.params()[1]->grad;
    layer.backward(tx, ty, tdy, none, ctx);  // accumulates: now twice the gradient
    for (int c = 0; c < 4; ++c) {
      QCOMPARE(layer.params()[0]->grad[c], 2 * g1[c]);
      QCOMPARE(layer.params()[1]->grad[c], 2 * b1[c]);
    }
    QVERIFY(g1[0] != 0.0);
  }

  void factoryAndKinds() {
    QVERIFY(makeNorm<float>(normConfig(NormKind::None)) == nullptr);
    QCOMPARE(makeNorm<float>(normConfig(NormKind::Batch))->kind(), "batch_norm");
    QCOMPARE(makeNorm<double>(normConfig(NormKind::Layer))->kind(), "layer_norm");
    QCOMPARE(makeNorm<float>(normConfig(NormKind::Instance))->kind(), "instance_norm");
    QCOMPARE(makeNorm<float>(normConfig(NormKind::Group))->kind(), "group_norm");
    QCOMPARE(makeNorm<double>(normConfig(NormKind::LocalResponse))->kind(), "local_response_norm");
  }

  void errors() {
    Normalization<float> group(normConfig(NormKind::Group, 3));
    group.setName("norm2");
    try {
      group.plan({4, 3, 3}, 2);
      QFAIL("G = 3 does not divide C = 4");
    } catch (const NormLabError& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("norm2") && m.contains("G = 3") && m.contains("C = 4"), e.what());
    }

    ThreadPool pool(1);
    StepContext ctx{&pool};
    Normalization<float> bn(normConfig(NormKind::Batch));
    bn.setName("bn1");
    bn.plan({3}, 4);
    std::vector<float> x{1, 2, 3}, y(3, 42.0f);
    Tensor<float> tx{x.data(), 1, {3}}, ty{y.data(), 1, {3}};
    try {
      bn.forward(tx, ty, Mode::Train, ctx);
      QFAIL("batch norm with one value per channel must throw in training");
    } catch (const NormLabError& e) {
      const QString m = e.what();
      QVERIFY2(m.contains("bn1") && m.contains("more than one value per channel") && m.contains("batch 1 of 1x1"),
               e.what());
    }
    QVERIFY((y == std::vector<float>(3, 42.0f)));  // nothing computed
    QVERIFY((bn.runningMean() == AlignedVector<float>(3, 0.0f)));
    bn.forward(tx, ty, Mode::Eval, ctx);  // Eval with one example is fine
    QCOMPARE(y[0], 1.0f / std::sqrt(1.0f + 1e-5f));

    // One example is fine in training when H*W > 1 (PyTorch too).
    Normalization<float> bn2(normConfig(NormKind::Batch));
    bn2.plan({2, 2, 1}, 1);
    std::vector<float> x2{1, 2, 3, 5}, y2(4);
    Tensor<float> tx2{x2.data(), 1, {2, 2, 1}}, ty2{y2.data(), 1, {2, 2, 1}};
    bn2.forward(tx2, ty2, Mode::Train, ctx);
    QVERIFY(std::abs(y2[0] + 1.0f) < 1e-4f);

    // Instance norm has no meaning without spatial extent (PyTorch refuses it too).
    Normalization<float> in(normConfig(NormKind::Instance));
    in.setName("inorm");
    QVERIFY_THROWS_EXCEPTION(NormLabError, in.plan({8}, 2));
  }

  // Float outputs, input gradients, parameter gradients and running statistics are bit-identical
  // with 1 and 2 threads at batch 16, C = 32, 14x14.
  void threadsBitIdentical_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::newRow("batch") << int(NormKind::Batch) << 0;
    QTest::newRow("layer") << int(NormKind::Layer) << 0;
    QTest::newRow("instance") << int(NormKind::Instance) << 0;
    QTest::newRow("group4") << int(NormKind::Group) << 4;
  }
  void threadsBitIdentical() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    const Shape shape{32, 14, 14};
    const int n = 16;
    std::vector<float> x(std::size_t(n) * shape.size()), dy(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = uniformAt(1, i) * 4.0f - 1.0f;
      dy[i] = uniformAt(2, i) - 0.5f;
    }
    struct Result { std::vector<float> y, dx, grads, buffers; };
    auto run = [&](int threads) {
      ThreadPool pool(threads);
      StepContext ctx{&pool};
      Normalization<float> layer(normConfig(NormKind(kind), groups));
      layer.plan(shape, n);
      for (auto* p : layer.params())
        for (std::size_t i = 0; i < p->size(); ++i) p->value[i] = 0.5f + uniformAt(3, i);
      Result r{std::vector<float>(x.size()), std::vector<float>(x.size()), {}, {}};
      Tensor<float> tx{x.data(), n, shape}, ty{r.y.data(), n, shape}, tdy{dy.data(), n, shape},
          tdx{r.dx.data(), n, shape};
      layer.forward(tx, ty, Mode::Train, ctx);
      layer.backward(tx, ty, tdy, tdx, ctx);
      for (auto* p : layer.params()) r.grads.insert(r.grads.end(), p->grad.begin(), p->grad.end());
      for (auto* p : layer.buffers()) r.buffers.insert(r.buffers.end(), p->value.begin(), p->value.end());
      return r;
    };
    const Result one = run(1), two = run(2);
    QVERIFY(sameBits(one.y, two.y));
    QVERIFY(sameBits(one.dx, two.dx));
    QVERIFY(sameBits(one.grads, two.grads));
    QVERIFY(sameBits(one.buffers, two.buffers));
    QCOMPARE(one.grads.size(), std::size_t(64));
    QVERIFY(std::isfinite(one.y[12345]) && one.y[12345] != 0.0f);
  }
};

QTEST_APPLESS_MAIN(TestNormalization)
#include "test_normalization.moc"
