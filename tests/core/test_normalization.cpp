// Batch, layer, instance and group norm: gradient checks (double) for every kind on conv and dense
// shapes, affine on/off (and per element for layer norm), Train and (batch norm) Eval;
// hand-computed batch-norm and per-element layer-norm values and running statistics; a naive
// per-definition reference; G = 1 / G = C equivalences; sets of one value refused; constant and
// near-constant sets in float; errors; and bit-identical results with 1 and 2 threads.
#include <QtTest>

#include <cstring>

#include "core/layers/normalization.h"
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
    QTest::addColumn<bool>("element");  // per-element gamma/beta (layer norm)
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<bool>("eval");
    auto row = [](const std::string& name, NormKind kind, int groups, bool affine, bool element, int n, int c,
                  int h, int w, bool eval) {
      QTest::newRow(name.c_str()) << int(kind) << groups << affine << element << n << c << h << w << eval;
    };
    struct Kind { const char* name; NormKind kind; int groups; bool conv, dense; };
    const Kind kinds[] = {
        {"batch", NormKind::Batch, 0, true, true},       {"layer", NormKind::Layer, 0, true, true},
        {"instance", NormKind::Instance, 0, true, false}, {"group1", NormKind::Group, 1, true, true},
        {"group2", NormKind::Group, 2, true, true},
        {"group4", NormKind::Group, 4, true, false},  // on 4 features: one value per group, refused
    };
    for (const Kind& k : kinds)
      for (bool affine : {true, false}) {
        const std::string suffix = affine ? " affine" : " plain";
        if (k.conv) row(std::string(k.name) + " conv 3x4x3x2" + suffix, k.kind, k.groups, affine, false, 3, 4, 3, 2, false);
        if (k.dense) row(std::string(k.name) + " dense 3x4" + suffix, k.kind, k.groups, affine, false, 3, 4, 1, 1, false);
      }
    for (bool affine : {true, false}) {
      const std::string suffix = affine ? " affine" : " plain";
      row("batch conv 2x4x3x2" + suffix, NormKind::Batch, 0, affine, false, 2, 4, 3, 2, false);
      row("batch dense 2x4" + suffix, NormKind::Batch, 0, affine, false, 2, 4, 1, 1, false);
      row("batch eval conv 3x4x3x2" + suffix, NormKind::Batch, 0, affine, false, 3, 4, 3, 2, true);
      row("batch eval conv 2x4x3x2" + suffix, NormKind::Batch, 0, affine, false, 2, 4, 3, 2, true);
      row("batch eval dense 3x4" + suffix, NormKind::Batch, 0, affine, false, 3, 4, 1, 1, true);
    }
    row("layer per-element conv 3x4x3x2", NormKind::Layer, 0, true, true, 3, 4, 3, 2, false);
    row("layer per-element conv 1x2x2x3", NormKind::Layer, 0, true, true, 1, 2, 2, 3, false);
    row("layer per-element dense 3x5", NormKind::Layer, 0, true, true, 3, 5, 1, 1, false);
    row("layer per-element conv 9x3x4x3 (more samples than parts)", NormKind::Layer, 0, true, true, 9, 3, 4, 3, false);
  }
  void gradients() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(bool, affine);
    QFETCH(bool, element);
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(bool, eval);
    NormConfig config = normConfig(NormKind(kind), groups, affine);
    if (element) config.affineShape = AffineShape::Element;
    Normalization<double> layer(config);
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
    QCOMPARE(r.checked, n * shape.size() + (affine ? 2 * (element ? shape.size() : c) : 0));
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

  // Layer norm with per-element affine, as nn.LayerNorm([2, 1, 2]), eps = 0, by hand. Sample 0:
  //   x = 1, 2, 3, 6: mean 3, biased var (4 + 1 + 0 + 9) / 4 = 3.5, xhat = (-2, -1, 0, 3) / sqrt(3.5)
  // sample 1 is 2x + 1 (same xhat). gamma = (1, 2, -1, 0.5), beta = (0, 0.5, 1, -2) per element:
  //   y = gamma * xhat + beta = (-2 / sqrt(3.5), -1 / sqrt(3.5) * 2 + 0.5, 1, 1.5 / sqrt(3.5) - 2)
  // dy = (1, 1, 1, 1) and (1, -1, 2, 0): dbeta_e = sum_i dy = (2, 0, 3, 1), dgamma_e = xhat_e * (2, 0, 3, 1);
  // sample 0: dxhat = gamma * dy = (1, 2, -1, 0.5), sum1 = 2.5, sum2 = sum dxhat * xhat = -2.5 / sqrt(3.5),
  //   dx = (4 dxhat - sum1 - xhat sum2) / (4 sqrt(3.5)) = (1/14, 67/14, -6.5, 23/14) / (4 sqrt(3.5)).
  void layerNormPerElementByHand() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    NormConfig config = normConfig(NormKind::Layer);
    config.affineShape = AffineShape::Element;
    config.eps = 0;
    Normalization<double> layer(config);
    const Shape shape{2, 1, 2};
    layer.plan(shape, 2);
    auto ps = layer.params();
    QVERIFY((ps[0]->dims == std::vector<int>{2, 1, 2}));
    ps[0]->value = {1, 2, -1, 0.5};
    ps[1]->value = {0, 0.5, 1, -2};
    std::vector<double> x{1, 2, 3, 6, 3, 5, 7, 13}, y(8), dy{1, 1, 1, 1, 1, -1, 2, 0}, dx(8);
    Tensor<double> tx{x.data(), 2, shape}, ty{y.data(), 2, shape}, tdy{dy.data(), 2, shape}, tdx{dx.data(), 2, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    layer.backward(tx, ty, tdy, tdx, ctx);
    const double r = std::sqrt(3.5);
    const double yExpected[4] = {-1.0690449676496976, -0.5690449676496976, 1, -1.1982162742627267};
    const double dgamma[4] = {-2.138089935299395, 0, 0, 1.6035674514745464}, dbeta[4] = {2, 0, 3, 1};
    const double dx0[4] = {1 / 14. / (4 * r), 67 / 14. / (4 * r), -6.5 / (4 * r), 23 / 14. / (4 * r)};
    QVERIFY(std::abs(dx0[0] - 0.009545044354015153) < 1e-15);
    for (int e = 0; e < 4; ++e) {
      QVERIFY2(std::abs(y[e] - yExpected[e]) < 1e-15, qPrintable(QString::number(e)));
      QVERIFY2(std::abs(y[4 + e] - yExpected[e]) < 1e-15, qPrintable(QString::number(e)));
      QVERIFY2(std::abs(ps[0]->grad[e] - dgamma[e]) < 1e-15, qPrintable(QString::number(e)));
      QVERIFY2(std::abs(ps[1]->grad[e] - dbeta[e]) < 1e-15, qPrintable(QString::number(e)));
      QVERIFY2(std::abs(dx[e] - dx0[e]) < 1e-15, qPrintable(QString::number(e)));
    }
  }

  // Per-element gamma/beta that repeat one value per channel give per-channel layer norm: same
  // output and input gradient, and the per-element gradients summed over each channel's positions
  // are the per-channel ones.
  void perElementWithChannelValuesIsPerChannel() {
    ThreadPool pool(2);
    StepContext ctx{&pool};
    const Shape shape{3, 2, 2};
    const int n = 5, S = shape.spatial();
    NormConfig elementConfig = normConfig(NormKind::Layer);
    elementConfig.affineShape = AffineShape::Element;
    Normalization<double> element(elementConfig), channel(normConfig(NormKind::Layer));
    element.plan(shape, n);
    channel.plan(shape, n);
    test::randomizeParams(channel, 4);
    for (int p = 0; p < 2; ++p)
      for (int e = 0; e < shape.size(); ++e) element.params()[p]->value[e] = channel.params()[p]->value[e / S];
    std::vector<double> x(std::size_t(n) * shape.size()), dy(x.size()), y1(x.size()), y2(x.size()),
        dx1(x.size()), dx2(x.size());
    test::fillUniform(x, 41, 2.0);
    test::fillUniform(dy, 42, 1.0);
    Tensor<double> tx{x.data(), n, shape}, tdy{dy.data(), n, shape}, ty1{y1.data(), n, shape},
        ty2{y2.data(), n, shape}, tdx1{dx1.data(), n, shape}, tdx2{dx2.data(), n, shape};
    element.forward(tx, ty1, Mode::Train, ctx);
    channel.forward(tx, ty2, Mode::Train, ctx);
    element.backward(tx, ty1, tdy, tdx1, ctx);
    channel.backward(tx, ty2, tdy, tdx2, ctx);
    for (std::size_t i = 0; i < x.size(); ++i) {
      QVERIFY(std::abs(y1[i] - y2[i]) < 1e-14);
      QVERIFY(std::abs(dx1[i] - dx2[i]) < 1e-14);
    }
    for (int p = 0; p < 2; ++p)
      for (int c = 0; c < shape.c; ++c) {
        double sum = 0;
        for (int j = 0; j < S; ++j) sum += element.params()[p]->grad[c * S + j];
        QVERIFY(std::abs(sum - channel.params()[p]->grad[c]) < 1e-13);
      }
  }

  // A set of one value is refused like PyTorch ("Expected more than 1 value per group"), at plan
  // time for shapes, in the same words for every norm, naming the layer.
  void oneValuePerSetIsRefused_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<QString>("expected");  // empty: accepted
    QTest::newRow("group 4 of 4 features") << int(NormKind::Group) << 4 << 4 << 1 << 1
                                           << "group norm needs more than one value per group; got C = 4 channels in G = 4 groups over 1x1 positions (C/G*H*W = 1)";
    QTest::newRow("group 2 of 4 features") << int(NormKind::Group) << 2 << 4 << 1 << 1 << "";
    QTest::newRow("group 4 of 4 channels on 2x1") << int(NormKind::Group) << 4 << 4 << 2 << 1 << "";
    QTest::newRow("layer on 1 feature") << int(NormKind::Layer) << 0 << 1 << 1 << 1
                                        << "layer norm needs more than one value per sample; got C = 1 channel over 1x1 positions (C*H*W = 1)";
    QTest::newRow("layer on 2 features") << int(NormKind::Layer) << 0 << 2 << 1 << 1 << "";
    QTest::newRow("layer on 1x1x2") << int(NormKind::Layer) << 0 << 1 << 1 << 2 << "";
    QTest::newRow("instance on 8 features") << int(NormKind::Instance) << 0 << 8 << 1 << 1
                                            << "instance norm needs more than one value per channel of a sample; got 1x1 positions (H*W = 1)";
    QTest::newRow("instance on 1x2") << int(NormKind::Instance) << 0 << 3 << 1 << 2 << "";
    QTest::newRow("batch on 1 feature (a training batch matter)") << int(NormKind::Batch) << 0 << 1 << 1 << 1 << "";
  }
  void oneValuePerSetIsRefused() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(QString, expected);
    Normalization<float> layer(normConfig(NormKind(kind), groups));
    layer.setName("norm7");
    const Shape shape{c, h, w};
    QString message;
    try {
      layer.plan(shape, 4);
    } catch (const NormLabError& e) {
      message = e.what();
    }
    if (expected.isEmpty()) {
      QVERIFY2(message.isEmpty(), qPrintable(message));
      return;
    }
    QVERIFY2(message.startsWith("layer 'norm7': ") && message.contains(expected), qPrintable(message));
    QVERIFY_THROWS_EXCEPTION(NormLabError, (void)layer.outputShape(shape));
  }

  // Sets that are constant give exactly beta in float, whatever the constant: (x - mean) is 0
  // before gamma and beta are applied. (y = x * a + (beta - mean * a) missed beta by 1.2e-4 at
  // 10 and 1.7e-3 at 100.) With xhat = 0 the input gradient is
  // dx_e = invstd * (gamma_e dy_e - sum_set gamma dy / M) and dgamma = sum dy * xhat = 0.
  void constantSetsGiveBeta_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<bool>("element");
    QTest::addColumn<float>("value");
    struct Kind { const char* name; NormKind kind; int groups; bool element; };
    const Kind kinds[] = {{"batch", NormKind::Batch, 0, false},       {"layer", NormKind::Layer, 0, false},
                          {"layer per-element", NormKind::Layer, 0, true}, {"instance", NormKind::Instance, 0, false},
                          {"group2", NormKind::Group, 2, false}};
    for (const Kind& k : kinds)
      for (float value : {0.75f, 10.0f, 100.0f, 1000.0f, -37.3f})
        QTest::newRow((std::string(k.name) + " " + QString::number(value).toStdString()).c_str())
            << int(k.kind) << k.groups << k.element << value;
  }
  void constantSetsGiveBeta() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(bool, element);
    QFETCH(float, value);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    const Shape shape{4, 5, 3};
    const int n = 3, S = shape.spatial();
    NormConfig config = normConfig(NormKind(kind), groups);
    if (element) config.affineShape = AffineShape::Element;
    Normalization<float> layer(config);
    layer.plan(shape, n);
    auto ps = layer.params();
    for (int p = 0; p < 2; ++p)
      for (std::size_t e = 0; e < ps[p]->size(); ++e) ps[p]->value[e] = uniformAt(50 + p, e) * 4.0f - 2.0f;
    std::vector<float> x(std::size_t(n) * shape.size(), value), y(x.size()), dy(x.size()), dx(x.size());
    for (std::size_t i = 0; i < dy.size(); ++i) dy[i] = uniformAt(60, i) - 0.5f;
    Tensor<float> tx{x.data(), n, shape}, ty{y.data(), n, shape}, tdy{dy.data(), n, shape}, tdx{dx.data(), n, shape};
    layer.forward(tx, ty, Mode::Train, ctx);
    auto at = [&](std::size_t i) { return element ? i % std::size_t(shape.size()) : (i / S) % shape.c; };
    for (std::size_t i = 0; i < y.size(); ++i)
      QVERIFY2(y[i] == ps[1]->value[at(i)], qPrintable(QString("y[%1] = %2, beta %3").arg(i).arg(y[i], 0, 'g', 9).arg(ps[1]->value[at(i)], 0, 'g', 9)));
    // Backward, against the formula with xhat = 0 in double (sets of this layer: see naiveNorm).
    layer.backward(tx, ty, tdy, tdx, ctx);
    const double invStd = 1.0 / std::sqrt(1e-5);
    const int C = shape.c, G = kind == int(NormKind::Layer) ? 1 : kind == int(NormKind::Group) ? groups : C, Cg = C / G;
    const bool acrossBatch = kind == int(NormKind::Batch);
    auto setOf = [&](std::size_t i) { return (acrossBatch ? 0 : int(i / shape.size()) * G) + int((i / S) % C) / Cg; };
    std::vector<double> sum(std::size_t(n) * G, 0.0), count(sum.size(), 0.0);
    for (std::size_t i = 0; i < dy.size(); ++i) {
      sum[setOf(i)] += double(ps[0]->value[at(i)]) * dy[i];
      count[setOf(i)] += 1;
    }
    for (std::size_t i = 0; i < dx.size(); ++i) {
      const double expected = invStd * (double(ps[0]->value[at(i)]) * dy[i] - sum[setOf(i)] / count[setOf(i)]);
      QVERIFY2(std::abs(dx[i] - expected) <= 1e-6 * (1 + std::abs(expected)), qPrintable(QString::number(i)));
    }
    for (float g : ps[0]->grad) QCOMPARE(g, 0.0f);  // dgamma = sum dy * xhat = 0
  }

  // Near-constant but well-defined sets (1000 + u, |u| <= 0.05: variance about 8e-4, far above
  // eps): float output and gradients within a few float roundings of a double run on the same
  // values. The old x * a + b form was about 4e-3 off here.
  void nearConstantSetsMatchDouble_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<bool>("element");
    QTest::addColumn<float>("offset");
    for (float offset : {10.0f, 1000.0f}) {
      const std::string at = " at " + std::to_string(int(offset));
      QTest::newRow(("batch" + at).c_str()) << int(NormKind::Batch) << 0 << false << offset;
      QTest::newRow(("layer" + at).c_str()) << int(NormKind::Layer) << 0 << false << offset;
      QTest::newRow(("layer per-element" + at).c_str()) << int(NormKind::Layer) << 0 << true << offset;
      QTest::newRow(("instance" + at).c_str()) << int(NormKind::Instance) << 0 << false << offset;
      QTest::newRow(("group2" + at).c_str()) << int(NormKind::Group) << 2 << false << offset;
    }
  }
  void nearConstantSetsMatchDouble() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(bool, element);
    QFETCH(float, offset);
    ThreadPool pool(2);
    StepContext ctx{&pool};
    const Shape shape{4, 5, 3};
    const int n = 3;
    NormConfig config = normConfig(NormKind(kind), groups);
    if (element) config.affineShape = AffineShape::Element;
    Normalization<float> lf(config);
    Normalization<double> ld(config);
    lf.plan(shape, n);
    ld.plan(shape, n);
    for (int p = 0; p < 2; ++p)
      for (std::size_t e = 0; e < lf.params()[p]->size(); ++e) {
        lf.params()[p]->value[e] = uniformAt(70 + p, e) * 4.0f - 2.0f;
        ld.params()[p]->value[e] = lf.params()[p]->value[e];
      }
    const std::size_t size = std::size_t(n) * shape.size();
    std::vector<float> xf(size), yf(size), dyf(size), dxf(size);
    std::vector<double> xd(size), yd(size), dyd(size), dxd(size);
    for (std::size_t i = 0; i < size; ++i) {
      xf[i] = offset + (uniformAt(80, i) - 0.5f) * 0.1f;
      dyf[i] = uniformAt(81, i) - 0.5f;
      xd[i] = xf[i];
      dyd[i] = dyf[i];
    }
    Tensor<float> txf{xf.data(), n, shape}, tyf{yf.data(), n, shape}, tdyf{dyf.data(), n, shape}, tdxf{dxf.data(), n, shape};
    Tensor<double> txd{xd.data(), n, shape}, tyd{yd.data(), n, shape}, tdyd{dyd.data(), n, shape}, tdxd{dxd.data(), n, shape};
    lf.forward(txf, tyf, Mode::Train, ctx);
    ld.forward(txd, tyd, Mode::Train, ctx);
    lf.backward(txf, tyf, tdyf, tdxf, ctx);
    ld.backward(txd, tyd, tdyd, tdxd, ctx);
    double worstY = 0, worstDx = 0, maxDx = 0;
    for (std::size_t i = 0; i < size; ++i) {
      worstY = std::max(worstY, std::abs(yf[i] - yd[i]) / (1 + std::abs(yd[i])));
      worstDx = std::max(worstDx, std::abs(dxf[i] - dxd[i]));
      maxDx = std::max(maxDx, std::abs(dxd[i]));
    }
    QVERIFY2(worstY < 1e-6, qPrintable(QString::number(worstY)));
    QVERIFY2(worstDx < 1e-6 * maxDx, qPrintable(QString::number(worstDx / maxDx)));
    for (int p = 0; p < 2; ++p)
      for (std::size_t e = 0; e < lf.params()[p]->size(); ++e) {
        const double g = ld.params()[p]->grad[e];
        QVERIFY(std::abs(lf.params()[p]->grad[e] - g) <= 1e-5 * (1 + std::abs(g)));
      }
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

    // Layer norm per element: gamma and beta of C x H x W (nn.LayerNorm([C, H, W]): weight 1,
    // bias 0); of C on a dense layer's output; none without affine.
    NormConfig config = normConfig(NormKind::Layer);
    config.affineShape = AffineShape::Element;
    Normalization<float> element(config), flat(config);
    element.plan({6, 2, 3}, 3);
    flat.plan({5}, 3);
    const auto pe = element.params();
    QCOMPARE(pe.size(), std::size_t(2));
    QVERIFY((pe[0]->dims == std::vector<int>{6, 2, 3}));
    QVERIFY((pe[1]->dims == std::vector<int>{6, 2, 3}));
    QVERIFY(pe[0]->role == ParamRole::NormScale && pe[1]->role == ParamRole::NormShift);
    QVERIFY((pe[0]->value == AlignedVector<float>(36, 1.0f)));
    QVERIFY((pe[1]->value == AlignedVector<float>(36, 0.0f)));
    QVERIFY((flat.params()[0]->dims == std::vector<int>{5}));
    pe[0]->value[35] = 3.0f;
    element.plan({6, 2, 3}, 4);
    QCOMPARE(element.params()[0]->value[35], 3.0f);
    element.plan({6, 3, 2}, 4);  // same count, other shape: new parameters
    QVERIFY((element.params()[0]->dims == std::vector<int>{6, 3, 2}));
    QCOMPARE(element.params()[0]->value[35], 1.0f);
    config.affine = false;
    Normalization<float> none(config);
    none.plan({6, 2, 3}, 3);
    QVERIFY(none.params().empty());
    // Per element is layer norm's alone.
    for (NormKind kind : {NormKind::Batch, NormKind::Instance, NormKind::Group}) {
      NormConfig other = normConfig(kind, 2);
      other.affineShape = AffineShape::Element;
      QVERIFY_THROWS_EXCEPTION(NormLabError, Normalization<float>{other});
    }
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
      QVERIFY2(m.startsWith("layer 'bn1': batch norm needs more than one value per channel in training") &&
                   m.contains("a batch of N = 1 over 1x1 positions (N*H*W = 1)"),
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
    QTest::addColumn<bool>("element");
    QTest::newRow("batch") << int(NormKind::Batch) << 0 << false;
    QTest::newRow("layer") << int(NormKind::Layer) << 0 << false;
    QTest::newRow("layer per-element") << int(NormKind::Layer) << 0 << true;
    QTest::newRow("instance") << int(NormKind::Instance) << 0 << false;
    QTest::newRow("group4") << int(NormKind::Group) << 4 << false;
  }
  void threadsBitIdentical() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(bool, element);
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
      NormConfig config = normConfig(NormKind(kind), groups);
      if (element) config.affineShape = AffineShape::Element;
      Normalization<float> layer(config);
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
    QCOMPARE(one.grads.size(), std::size_t(element ? 2 * shape.size() : 64));
    QVERIFY(std::isfinite(one.y[12345]) && one.y[12345] != 0.0f);
  }
};

QTEST_APPLESS_MAIN(TestNormalization)
#include "test_normalization.moc"
