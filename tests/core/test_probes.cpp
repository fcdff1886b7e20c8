// Probe statistics on hand-made activations: percentiles, mean/std, zeros, saturation, histogram.
#include <QtTest>

#include <cmath>

#include "core/experiment/probes.h"

using namespace normlab;

class TestProbes : public QObject {
  Q_OBJECT
 private slots:
  // A 1 x 2 x 4 x 4 tensor holding its own flat index; a centred 2 x 2 crop starts at row 1,
  // column 1: channel 0 gives 5, 6, 9, 10 and channel 1 gives 16 + those.
  void captureBlockCropsTheCentre() {
    std::vector<float> v(32);
    for (int i = 0; i < 32; ++i) v[std::size_t(i)] = float(i);
    const Tensor<float> y{v.data(), 1, {2, 4, 4}};
    ProbeRecord r;
    captureBlock(y, "conv1", 4, 4, 2, r);
    QCOMPARE(r.blockLayer, std::string("conv1"));
    QCOMPARE(r.blockN, 1);
    QCOMPARE(r.blockC, 2);
    QCOMPARE(r.blockH, 2);
    QCOMPARE(r.blockW, 2);
    QCOMPARE(r.block, (std::vector<float>{5, 6, 9, 10, 21, 22, 25, 26}));
  }

  void percentilesOfARamp() {
    // 101 values 0, 1, ..., 100: percentile q is exactly q (linear interpolation between ranks).
    std::vector<float> v(101);
    for (int i = 0; i <= 100; ++i) v[std::size_t(i)] = float(i);
    ProbeScratch scratch;
    const ActivationStats s = activationStats({v.data(), 1, {101}}, "relu", 10, scratch);
    for (std::size_t k = 0; k < kProbePercentiles.size(); ++k) QCOMPARE(double(s.percentiles[k]), kProbePercentiles[k]);
    QCOMPARE(s.mean, 50.0);
    QVERIFY(std::abs(s.std - std::sqrt(850.0)) < 1e-9);  // population std of 0..100: sqrt((101^2 - 1) / 12)
    QVERIFY(std::abs(s.zeroFraction - 1.0 / 101) < 1e-12);
    QCOMPARE(s.saturatedFraction, 0.0);  // relu never saturates
    double total = 0;
    for (float h : s.histogram) total += h;
    QVERIFY(std::abs(total - 1) < 1e-6);
    QCOMPARE(s.histogram.size(), std::size_t(10));
    // Robust range: p1 - (p99 - p1)/4 = 1 - 24.5 clamps to the min 0; likewise the max 100.
    QCOMPARE(s.histLo, 0.f);
    QCOMPARE(s.histHi, 100.f);
  }

  void saturationAndOutliers() {
    // Sigmoid outputs: 3 of 8 saturated (< 0.01 or > 0.99).
    std::vector<float> sig{0.005f, 0.5f, 0.995f, 0.3f, 0.7f, 0.999f, 0.2f, 0.6f};
    ProbeScratch scratch;
    QCOMPARE(activationStats({sig.data(), 2, {4}}, "sigmoid", 8, scratch).saturatedFraction, 3.0 / 8);
    std::vector<float> th{-0.995f, 0.1f, 0.2f, 0.9999f};
    QCOMPARE(activationStats({th.data(), 1, {4}}, "tanh", 8, scratch).saturatedFraction, 0.5);
    // One huge outlier does not stretch the histogram range: it lands in the edge bin.
    std::vector<float> out(1000);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = float(i % 10);
    out[500] = 1e6f;
    const ActivationStats s = activationStats({out.data(), 1, {1000}}, "relu", 20, scratch);
    QVERIFY(s.histHi < 20.f);
    QCOMPARE(s.percentiles.back(), 1e6f);  // the exact max is still recorded
    QVERIFY(s.histogram.back() > 0);
  }

  void nonFiniteValuesAreSkipped() {
    std::vector<float> v{1.f, NAN, 3.f, INFINITY};
    ProbeScratch scratch;
    const ActivationStats s = activationStats({v.data(), 1, {4}}, "relu", 4, scratch);
    QCOMPARE(s.mean, 2.0);
    QCOMPARE(s.percentiles.front(), 1.f);
    QCOMPARE(s.percentiles.back(), 3.f);
  }

  void largeTensorsAreSampled() {
    // 1,000,000 values: percentiles come from an evenly strided sample and stay accurate.
    std::vector<float> v(1000000);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = float((i * 7919) % 1000000) / 1e6f;  // a shuffled ramp in [0, 1)
    ProbeScratch scratch;
    const ActivationStats s = activationStats({v.data(), 1000, {1000}}, "relu", 40, scratch);
    QVERIFY(std::abs(s.percentiles[6] - 0.5f) < 0.02f);  // median
    QVERIFY(scratch.sample.size() <= std::size_t(kProbeSampleLimit));
  }
};

QTEST_APPLESS_MAIN(TestProbes)
#include "test_probes.moc"
