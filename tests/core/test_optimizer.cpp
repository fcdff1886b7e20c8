// Optimizers: hand-computed trajectories of SGD (plain, momentum, Nesterov, weight decay) and Adam
// (bias correction, eps outside the sqrt, weight decay) on a 2-element parameter, update norms,
// invalid configurations, gradients left untouched, and no allocation in step().
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include "core/model/optimizer.h"

#include "support/allocation_counter.h"

using namespace normlab;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(normlab::OptimizerConfig)

namespace {

// Every trajectory starts at w = [1, -2] and sees the gradients g1, g2, g3 below.
constexpr double kW0[2] = {1.0, -2.0};
constexpr double kGrads[3][2] = {{0.5, 1.0}, {-1.0, 0.5}, {0.25, -2.0}};

OptimizerConfig sgd(double lr, double momentum = 0, bool nesterov = false, double wd = 0) {
  OptimizerConfig c;
  c.kind = OptimizerKind::Sgd;
  c.lr = lr;
  c.momentum = momentum;
  c.nesterov = nesterov;
  c.weightDecay = wd;
  return c;
}

OptimizerConfig adam(double lr, double eps = 1e-8, double wd = 0) {
  OptimizerConfig c;
  c.kind = OptimizerKind::Adam;
  c.lr = lr;
  c.eps = eps;
  c.weightDecay = wd;
  return c;
}

// Runs three steps with kGrads on a parameter of type T; returns w after each step (3 x 2 values).
template <typename T>
std::vector<double> trajectory(const OptimizerConfig& config, bool* gradsUntouched = nullptr) {
  Param<T> w("weight", ParamRole::Weight, {2}, 2, 1);
  w.value = {T(kW0[0]), T(kW0[1])};
  Optimizer<T> opt(config, {&w});
  std::vector<double> out;
  if (gradsUntouched) *gradsUntouched = true;
  for (const auto& g : kGrads) {
    w.grad = {T(g[0]), T(g[1])};
    opt.step();
    if (gradsUntouched && (w.grad[0] != T(g[0]) || w.grad[1] != T(g[1]))) *gradsUntouched = false;
    out.push_back(double(w.value[0]));
    out.push_back(double(w.value[1]));
  }
  return out;
}

}  // namespace

class TestOptimizer : public QObject {
  Q_OBJECT
 private slots:
  // w0 = [1, -2]; g1 = [0.5, 1], g2 = [-1, 0.5], g3 = [0.25, -2]; lr = 0.1 everywhere.
  // Expected: w after steps 1, 2, 3 (two values each).
  void trajectories_data() {
    QTest::addColumn<OptimizerConfig>("config");
    QTest::addColumn<std::vector<double>>("expected");
    // w -= 0.1 g: [1-0.05, -2-0.1] = [0.95, -2.1]; [0.95+0.1, -2.1-0.05] = [1.05, -2.15];
    // [1.05-0.025, -2.15+0.2] = [1.025, -1.95].
    QTest::newRow("sgd") << sgd(0.1) << std::vector<double>{0.95, -2.1, 1.05, -2.15, 1.025, -1.95};
    // v1 = g1 = [0.5, 1] (no dampening: v = g on the first step), w = [0.95, -2.1];
    // v2 = 0.9 v1 + g2 = [-0.55, 1.4], w = [0.95+0.055, -2.1-0.14] = [1.005, -2.24];
    // v3 = 0.9 v2 + g3 = [-0.245, -0.74], w = [1.005+0.0245, -2.24+0.074] = [1.0295, -2.166].
    QTest::newRow("momentum") << sgd(0.1, 0.9)
                              << std::vector<double>{0.95, -2.1, 1.005, -2.24, 1.0295, -2.166};
    // Same v as above; the step uses d = g + 0.9 v:
    // d1 = [0.5+0.45, 1+0.9] = [0.95, 1.9], w = [0.905, -2.19];
    // d2 = [-1-0.495, 0.5+1.26] = [-1.495, 1.76], w = [0.905+0.1495, -2.19-0.176] = [1.0545, -2.366];
    // d3 = [0.25-0.2205, -2-0.666] = [0.0295, -2.666], w = [1.0545-0.00295, -2.366+0.2666] = [1.05155, -2.0994].
    QTest::newRow("nesterov") << sgd(0.1, 0.9, true)
                              << std::vector<double>{0.905, -2.19, 1.0545, -2.366, 1.05155, -2.0994};
    // g' = g + 0.1 w: g'1 = [0.5+0.1, 1-0.2] = [0.6, 0.8], w = [0.94, -2.08];
    // g'2 = [-1+0.094, 0.5-0.208] = [-0.906, 0.292], w = [1.0306, -2.1092];
    // g'3 = [0.25+0.10306, -2-0.21092] = [0.35306, -2.21092], w = [0.995294, -1.888108].
    QTest::newRow("weight decay") << sgd(0.1, 0, false, 0.1)
                                  << std::vector<double>{0.94, -2.08, 1.0306, -2.1092, 0.995294, -1.888108};
    // g'1 = [0.6, 0.8] = v1, w = [0.94, -2.08]; g'2 = [-0.906, 0.292], v2 = 0.9 v1 + g'2 = [-0.366, 1.012],
    // w = [0.9766, -2.1812]; g'3 = [0.25+0.09766, -2-0.21812] = [0.34766, -2.21812],
    // v3 = [-0.3294+0.34766, 0.9108-2.21812] = [0.01826, -1.30732], w = [0.974774, -2.050468].
    QTest::newRow("weight decay + momentum") << sgd(0.1, 0.9, false, 0.1)
                                             << std::vector<double>{0.94, -2.08, 0.9766, -2.1812, 0.974774, -2.050468};
    // Adam b1 = 0.9, b2 = 0.999. Step 1: m = 0.1 g1, s = 0.001 g1^2, m^ = g1, sqrt(s^) = |g1|:
    //   w = [1 - 0.1*0.5/(0.5+1e-8), -2 - 0.1*1/(1+1e-8)] = [0.900000002, -2.099999999].
    // Step 2, element 0: m = 0.9*0.05 + 0.1*(-1) = -0.055, m^ = -0.055/0.19 = -0.2894737;
    //   s = 0.999*0.00025 + 0.001*1 = 0.00124975, s^ = s/0.001999 = 0.6251876, sqrt = 0.7906881;
    //   w = 0.900000002 + 0.1*0.2894737/0.7906881 = 0.9366104. Step 3 likewise (Python, float64).
    QTest::newRow("adam") << adam(0.1)
                          << std::vector<double>{0.900000002, -2.099999999, 0.9366103542405654,
                                                 -2.193217961701839, 0.9502794203389762, -2.172582259137943};
    // eps = 0.1 outside the sqrt. Step 1: w = [1 - 0.1*0.5/(0.5+0.1), -2 - 0.1*1/(1+0.1)]
    //   = [0.91666667, -2.09090909] (eps inside, 0.5/sqrt(0.25+0.1), would give 0.91548).
    QTest::newRow("adam eps outside sqrt") << adam(0.1, 0.1)
                                           << std::vector<double>{0.9166666666666666, -2.090909090909091,
                                                                  0.9491666742648452, -2.1736584283459983,
                                                                  0.9610404638285648, -2.1544726217726513};
    // Adam with g' = g + 0.1 w. Step 1: g' = [0.6, 0.8]; w = [1 - 0.1*0.6/(0.6+1e-8), -2 - 0.1*0.8/(0.8+1e-8)].
    QTest::newRow("adam weight decay") << adam(0.1, 1e-8, 0.1)
                                       << std::vector<double>{0.9000000016666666, -2.09999999875,
                                                              0.9252635194456061, -2.1883622761652832,
                                                              0.9247305742687093, -2.153147751047002};
  }
  void trajectories() {
    QFETCH(OptimizerConfig, config);
    QFETCH(std::vector<double>, expected);
    bool untouched = false;
    const std::vector<double> got = trajectory<double>(config, &untouched);
    QVERIFY2(untouched, "step() modified the gradients");
    for (std::size_t i = 0; i < expected.size(); ++i)
      QVERIFY2(std::abs(got[i] - expected[i]) <= 1e-12,
               qPrintable(QString("double: step %1 w[%2] = %3, expected %4")
                              .arg(i / 2 + 1).arg(i % 2).arg(got[i], 0, 'g', 17).arg(expected[i], 0, 'g', 17)));
    const std::vector<double> gotFloat = trajectory<float>(config, &untouched);
    QVERIFY2(untouched, "step() modified the gradients (float)");
    for (std::size_t i = 0; i < expected.size(); ++i)
      QVERIFY2(std::abs(gotFloat[i] - expected[i]) <= 2e-6,
               qPrintable(QString("float: step %1 w[%2] = %3, expected %4")
                              .arg(i / 2 + 1).arg(i % 2).arg(gotFloat[i], 0, 'g', 9).arg(expected[i], 0, 'g', 17)));
  }

  // ||update||_2 per parameter tensor is the actual change of the weights, recorded only when asked.
  void updateNorms() {
    Param<double> a("weight", ParamRole::Weight, {2}, 2, 1), b("bias", ParamRole::Bias, {3}, 2, 1);
    a.value = {1.0, -2.0};
    a.grad = {0.5, 1.0};
    b.value = {0.0, 0.0, 0.0};
    b.grad = {3.0, 0.0, -4.0};
    Optimizer<double> opt(sgd(0.1, 0.9), {&a, &b});
    opt.step(true);
    // a: update 0.1 * [0.5, 1] -> sqrt(0.05^2 + 0.1^2) = 0.1118033988749895; b: 0.1 * [3, 0, -4] -> 0.5.
    QVERIFY(std::abs(opt.lastUpdateNorm(0) - 0.1118033988749895) < 1e-15);
    QVERIFY(std::abs(opt.lastUpdateNorm(1) - 0.5) < 1e-15);
    AlignedVector<double> before = a.value;
    opt.step(false);  // not measured: norms keep the last measured values
    QVERIFY(std::abs(opt.lastUpdateNorm(1) - 0.5) < 1e-15);
    before = a.value;
    opt.step(true);
    const double d0 = a.value[0] - before[0], d1 = a.value[1] - before[1];
    QCOMPARE(opt.lastUpdateNorm(0), std::sqrt(d0 * d0 + d1 * d1));
    QCOMPARE(opt.steps(), std::int64_t(3));
  }

  // The learning rate can change between steps (schedules, UI changes at step boundaries).
  void setLearningRate() {
    Param<double> w("weight", ParamRole::Weight, {1}, 1, 1);
    w.value = {1.0};
    w.grad = {2.0};
    Optimizer<double> opt(sgd(0.1), {&w});
    opt.step();              // 1 - 0.1*2 = 0.8
    opt.setLearningRate(0.5);
    opt.step();              // 0.8 - 0.5*2 = -0.2
    QVERIFY(std::abs(w.value[0] - (-0.2)) < 1e-15);
  }

  // Invalid configurations fail at construction with a NormLabError naming the value.
  void invalidConfig_data() {
    QTest::addColumn<OptimizerConfig>("config");
    QTest::addColumn<QString>("text");
    QTest::newRow("nesterov without momentum") << sgd(0.1, 0, true) << "Nesterov";
    QTest::newRow("negative lr") << sgd(-0.1) << "-0.1";
    QTest::newRow("negative momentum") << sgd(0.1, -0.5) << "-0.5";
    QTest::newRow("negative weight decay") << sgd(0.1, 0, false, -0.01) << "-0.01";
    OptimizerConfig badBeta = adam(0.01);
    badBeta.beta1 = 1.0;
    QTest::newRow("adam beta1 = 1") << badBeta << "beta1";
    QTest::newRow("adam negative lr") << adam(-1) << "-1";
  }
  void invalidConfig() {
    QFETCH(OptimizerConfig, config);
    QFETCH(QString, text);
    Param<float> w("weight", ParamRole::Weight, {2}, 2, 1);
    try {
      Optimizer<float> opt(config, {&w});
      QFAIL("no error for an invalid configuration");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains(text), e.what());
    }
  }

  // step() never allocates (SGD with momentum and Adam, with and without measuring).
  void noAllocation_data() {
    QTest::addColumn<OptimizerConfig>("config");
    QTest::newRow("sgd") << sgd(0.1, 0.9, true, 0.01);
    QTest::newRow("adam") << adam(0.01, 1e-8, 0.01);
  }
  void noAllocation() {
    QFETCH(OptimizerConfig, config);
    Param<float> a("weight", ParamRole::Weight, {16, 8}, 8, 16), b("bias", ParamRole::Bias, {16}, 8, 16);
    std::fill(a.grad.begin(), a.grad.end(), 0.5f);
    std::fill(b.grad.begin(), b.grad.end(), -0.25f);
    Optimizer<float> opt(config, {&a, &b});
    if (!test::kCountsAllocations) QSKIP("malloc is interposed by the sanitizer");
    const long before = test::heapAllocations();
    for (int i = 0; i < 5; ++i) opt.step(i % 2 == 0);
    QCOMPARE(test::heapAllocations(), before);
  }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "test_optimizer.moc"
