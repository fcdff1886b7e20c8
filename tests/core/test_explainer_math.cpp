// The explainers' numbers: batch norm step by step against hand computation and against core's
// own Dense, ReLU and BatchNorm layers; dropout masks, scaling and inference against core's
// Dropout layer (its drawn mask and its output with a given mask); normalization-set membership per norm kind against hand reasoning, and the set's
// mean/std against the normalization layers' outputs; the standalone demo block.
#include <QtTest>

#include <cmath>
#include <set>

#include "core/layers/activation.h"
#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/classroom/explainer_math.h"
#include "core/layers/local_response_norm.h"
#include "core/layers/normalization.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

bool near(double a, double b, double tol = 1e-6) { return std::abs(a - b) <= tol * std::max(1.0, std::abs(b)); }

#define COMPARE_NEAR(actual, expected)                                                                       \
  QVERIFY2(near((actual), (expected)),                                                                       \
           qPrintable(QString("%1 = %2, expected %3").arg(#actual).arg((actual), 0, 'g', 12).arg((expected), 0, 'g', 12)))

// W = identity and b = 0, so z = x and the ReLU only clips; each feature shows one lesson:
//   feature 0: x = 1, 2, 3, 6     all positive
//   feature 1: x = -1, 0, 2, 2    the ReLU zeroes -1
//   feature 2: x = 4, 4, 4, 4     no spread: var 0, xhat 0 (0 / sqrt(eps))
BatchNormWalkthroughInput handCase() {
  BatchNormWalkthroughInput in;
  in.n = 4;
  in.features = 3;
  in.x = {1, -1, 4,  //
          2, 0, 4,   //
          3, 2, 4,   //
          6, 2, 4};
  in.weight = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  in.bias = {0, 0, 0};
  in.gamma = {2, 1, 1};
  in.beta = {0, 0.5, 0};
  in.trainingSteps = 1;
  return in;
}

// Runs core's Dense -> ReLU -> BatchNorm (double) on the walkthrough's input: train forward
// `steps` times, then one eval forward. Returns train output and eval output (N x F each).
struct LayerOutputs {
  std::vector<double> train, eval, runningMean, runningVar;
};
LayerOutputs runCoreLayers(const BatchNormWalkthroughInput& in) {
  ThreadPool pool(1);
  const StepContext ctx{&pool, 1, 0};
  const Shape shape{in.features};
  Dense<double> dense(DenseConfig{in.features, true});
  dense.plan(shape, in.n);
  dense.params()[0]->value.assign(in.weight.begin(), in.weight.end());
  dense.params()[1]->value.assign(in.bias.begin(), in.bias.end());
  Activation<double> relu(ActivationConfig{ActivationKind::ReLU});
  relu.plan(shape, in.n);
  NormConfig config;
  config.kind = NormKind::Batch;
  config.eps = in.eps;
  config.momentum = in.momentum;
  Normalization<double> bn(config);
  bn.plan(shape, in.n);
  bn.params()[0]->value.assign(in.gamma.begin(), in.gamma.end());
  bn.params()[1]->value.assign(in.beta.begin(), in.beta.end());

  std::vector<double> x(in.x), z(x.size()), a(x.size()), y(x.size());
  const Tensor<double> tx{x.data(), in.n, shape};
  Tensor<double> tz{z.data(), in.n, shape}, ta{a.data(), in.n, shape}, ty{y.data(), in.n, shape};
  dense.forward(tx, tz, Mode::Train, ctx);
  relu.forward(tz, ta, Mode::Train, ctx);
  LayerOutputs out;
  for (int s = 0; s < in.trainingSteps; ++s) {
    bn.forward(ta, ty, Mode::Train, ctx);
    if (s == 0) out.train = y;
  }
  bn.forward(ta, ty, Mode::Eval, ctx);
  out.eval = y;
  out.runningMean.assign(bn.runningMean().begin(), bn.runningMean().end());
  out.runningVar.assign(bn.runningVar().begin(), bn.runningVar().end());
  return out;
}

// A block N x C x H x W filled with 0.1 * (index) squared-ish values so sets differ.
ActivationBlock testBlock(int n, int c, int h, int w) {
  ActivationBlock block{n, c, h, w, {}};
  block.values.resize(std::size_t(n) * c * h * w);
  for (std::size_t i = 0; i < block.values.size(); ++i)
    block.values[i] = float(std::sin(0.7 * double(i)) * 2.0 + 0.01 * double(i));
  return block;
}

}  // namespace

class TestExplainerMath : public QObject {
  Q_OBJECT
 private slots:
  void batchNormHandCase() {
    const BatchNormWalkthrough w = computeBatchNormWalkthrough(handCase());
    // ReLU: feature 1 of example 0 is max(-1, 0) = 0.
    QCOMPARE(w.relu[0 * 3 + 1], 0.0);
    QCOMPARE(w.relu[1 * 3 + 0], 2.0);
    // Means: (1+2+3+6)/4 = 3; (0+0+2+2)/4 = 1; 4.
    COMPARE_NEAR(w.mean[0], 3.0);
    COMPARE_NEAR(w.mean[1], 1.0);
    COMPARE_NEAR(w.mean[2], 4.0);
    // Biased variances: (4+1+0+9)/4 = 3.5; (1+1+1+1)/4 = 1; 0. Unbiased: 14/3, 4/3, 0.
    COMPARE_NEAR(w.variance[0], 3.5);
    COMPARE_NEAR(w.variance[1], 1.0);
    COMPARE_NEAR(w.variance[2], 0.0);
    COMPARE_NEAR(w.unbiasedVariance[0], 14.0 / 3.0);
    COMPARE_NEAR(w.unbiasedVariance[1], 4.0 / 3.0);
    // Centred: 1 - 3 = -2.
    COMPARE_NEAR(w.centered[0], -2.0);
    // xhat = (a - mean) / sqrt(var + 1e-5): -2 / sqrt(3.50001) = -1.0690434404
    COMPARE_NEAR(w.normalized[0], -1.0690434404458735);
    // 3 / sqrt(3.50001) = 1.6035651607 (example 3, feature 0)
    COMPARE_NEAR(w.normalized[3 * 3 + 0], 1.6035651606688102);
    // -1 / sqrt(1.00001) = -0.9999950000 (example 0, feature 1)
    COMPARE_NEAR(w.normalized[0 * 3 + 1], -0.9999950000374997);
    // No spread: 0 / sqrt(0 + eps) = 0.
    QCOMPARE(w.normalized[2], 0.0);
    // y = gamma xhat + beta: 2 * -1.0690434404 = -2.1380868809; -0.999995 + 0.5 = -0.499995; 0.
    COMPARE_NEAR(w.output[0], -2.138086880891747);
    COMPARE_NEAR(w.output[1], -0.4999950000374997);
    COMPARE_NEAR(w.output[2], 0.0);
    // Each normalized feature with spread has mean 0 and (biased) variance ~1.
    for (int j = 0; j < 2; ++j) {
      double sum = 0, squares = 0;
      for (int i = 0; i < 4; ++i) sum += w.normalized[i * 3 + j], squares += w.normalized[i * 3 + j] * w.normalized[i * 3 + j];
      QVERIFY(std::abs(sum / 4) < 1e-12);
      QVERIFY(std::abs(squares / 4 - 1.0) < 1e-4);  // var / (var + eps)
    }
  }

  // Running statistics from (0, 1), momentum 0.1, unbiased variance:
  //   1 step:  mean 0.1 * 3 = 0.3            var 0.9 * 1 + 0.1 * 14/3 = 1.3666667
  //   2 steps: mean 0.9 * 0.3 + 0.3 = 0.57   var 0.9 * 1.3666667 + 0.1 * 14/3 = 1.6966667
  // Eval, example 0 feature 0 after 1 step: (1 - 0.3) / sqrt(1.3666667 + 1e-5) = 0.5987770553,
  // times gamma 2 = 1.1975541106. Feature 2: (4 - 0.4) / sqrt(0.9 + 1e-5) = 3.7947121105.
  void batchNormRunningStatistics() {
    BatchNormWalkthroughInput in = handCase();
    BatchNormWalkthrough w = computeBatchNormWalkthrough(in);
    COMPARE_NEAR(w.runningMean[0], 0.3);
    COMPARE_NEAR(w.runningVar[0], 1.3666666666666667);
    COMPARE_NEAR(w.runningVar[2], 0.9);
    COMPARE_NEAR(w.evalNormalized[0], 0.598777055294055);
    COMPARE_NEAR(w.evalOutput[0], 1.19755411058811);
    COMPARE_NEAR(w.evalNormalized[2], 3.794712110526668);
    in.trainingSteps = 2;
    w = computeBatchNormWalkthrough(in);
    COMPARE_NEAR(w.runningMean[0], 0.57);
    COMPARE_NEAR(w.runningVar[0], 1.6966666666666668);
    // Zero steps: running stats still (0, 1), eval xhat = a / sqrt(1 + eps).
    in.trainingSteps = 0;
    w = computeBatchNormWalkthrough(in);
    COMPARE_NEAR(w.runningMean[0], 0.0);
    COMPARE_NEAR(w.runningVar[0], 1.0);
    COMPARE_NEAR(w.evalNormalized[0], 1.0 / std::sqrt(1.0 + 1e-5));
  }

  // The linear layer: default example row 0, x = (1, 2, -1):
  //   z_0 = 1*1 + 2*0.5 + (-1)*0 + 0    = 2
  //   z_1 = 1*0 + 2*1 + (-1)*(-0.5) + 0.5 = 3
  //   z_2 = 1*0.5 + 2*(-0.5) + (-1)*1 + 0 = -1.5 -> ReLU 0
  void batchNormLinearLayer() {
    const BatchNormWalkthrough w = computeBatchNormWalkthrough(defaultBatchNormWalkthroughInput());
    COMPARE_NEAR(w.linear[0], 2.0);
    COMPARE_NEAR(w.linear[1], 3.0);
    COMPARE_NEAR(w.linear[2], -1.5);
    QCOMPARE(w.relu[2], 0.0);
  }

  // The explainer cannot drift from the layers: Dense -> ReLU -> BatchNorm on the same data give
  // the same train output, running statistics and eval output.
  void batchNormMatchesCoreLayers_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("steps");
    QTest::newRow("default, 1 step") << 0 << 1;
    QTest::newRow("default, 7 steps") << 0 << 7;
    QTest::newRow("hand case, 3 steps") << 1 << 3;
  }
  void batchNormMatchesCoreLayers() {
    QFETCH(int, which);
    QFETCH(int, steps);
    BatchNormWalkthroughInput in = which == 0 ? defaultBatchNormWalkthroughInput() : handCase();
    in.trainingSteps = steps;
    const BatchNormWalkthrough w = computeBatchNormWalkthrough(in);
    const LayerOutputs layers = runCoreLayers(in);
    for (std::size_t i = 0; i < w.output.size(); ++i) {
      COMPARE_NEAR(w.output[i], layers.train[i]);
      COMPARE_NEAR(w.evalOutput[i], layers.eval[i]);
    }
    for (int j = 0; j < in.features; ++j) {
      COMPARE_NEAR(w.runningMean[j], layers.runningMean[j]);
      COMPARE_NEAR(w.runningVar[j], layers.runningVar[j]);
    }
  }

  void batchNormBadInput() {
    BatchNormWalkthroughInput in = handCase();
    in.x[4] = std::nan("");
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeBatchNormWalkthrough(in));
    in = handCase();
    in.n = 1;
    in.x.resize(3);
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeBatchNormWalkthrough(in));
    in = handCase();
    in.gamma.pop_back();
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeBatchNormWalkthrough(in));
  }

  // Mask statistics: 20,000 units; kept fraction ~ Binomial(2e4, 1-p)/2e4, std <= 0.0036; allow 5 sigma.
  // Every kept unit is x / (1 - p), every dropped unit 0; inference returns x unchanged.
  void dropoutMaskAndScaling_data() {
    QTest::addColumn<double>("p");
    QTest::newRow("p=0.2") << 0.2;
    QTest::newRow("p=0.5") << 0.5;
    QTest::newRow("p=0.75") << 0.75;
  }
  void dropoutMaskAndScaling() {
    QFETCH(double, p);
    const int n = 100, f = 200;
    std::vector<double> x(std::size_t(n) * f);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1.0 + double(i % 7);
    const DropoutWalkthrough d = computeDropoutWalkthrough(x, n, f, p, 42);
    COMPARE_NEAR(d.scale, 1.0 / (1.0 - p));
    COMPARE_NEAR(d.keepProbability, 1.0 - p);
    int kept = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      kept += d.mask[i];
      COMPARE_NEAR(d.trainOutput[i], d.mask[i] ? x[i] / (1.0 - p) : 0.0);
      QCOMPARE(d.evalOutput[i], x[i]);
    }
    QCOMPARE(d.kept, kept);
    const double fraction = double(kept) / double(x.size());
    const double sigma = std::sqrt(p * (1 - p) / double(x.size()));
    QVERIFY2(std::abs(fraction - (1 - p)) < 5 * sigma,
             qPrintable(QString("kept %1, expected %2 +- %3").arg(fraction).arg(1 - p).arg(5 * sigma)));
  }

  // The mask is core's Dropout mask: unit i is kept iff uniformAt(streamKey(seed, Dropout, 0,
  // hashName("dropout")), i) >= p. A different seed gives a different mask.
  void dropoutMaskIsTheLayersMask() {
    const std::vector<double> x(24, 1.0);
    const DropoutWalkthrough d = computeDropoutWalkthrough(x, 4, 6, 0.5, 7);
    const std::uint64_t key = streamKey(7, Purpose::Dropout, 0, hashName(kDropoutExplainerLayer));
    for (std::size_t i = 0; i < x.size(); ++i) QCOMPARE(d.mask[i], double(uniformAt(key, i)) >= 0.5 ? 1 : 0);
    const DropoutWalkthrough other = computeDropoutWalkthrough(x, 4, 6, 0.5, 8);
    QVERIFY(other.mask != d.mask);
    // Same seed, same mask.
    QCOMPARE(computeDropoutWalkthrough(x, 4, 6, 0.5, 7).mask, d.mask);
  }

  // Averaged over many masks the train output approaches x (that is what 1/(1-p) is for):
  // each unit's average is x * Binomial(D, 1-p) / (D (1-p)); with D = 4000, p = 0.5 its relative
  // std is sqrt(p / ((1-p) D)) = 0.0158; allow 5 sigma.
  void dropoutAverageIsTheInput() {
    const std::vector<double> x = {1.0, -2.0, 0.5, 3.0, 4.0, -1.0};
    const DropoutWalkthrough d = computeDropoutWalkthrough(x, 2, 3, 0.5, 3, 4000);
    QCOMPARE(d.averageDraws, 4000);
    for (std::size_t i = 0; i < x.size(); ++i)
      QVERIFY2(std::abs(d.averageOutput[i] - x[i]) < 5 * 0.0158 * std::abs(x[i]),
               qPrintable(QString("unit %1: average %2, x %3").arg(i).arg(d.averageOutput[i]).arg(x[i])));
  }

  // Every train output is the layer's own: bit for bit what core's Dropout<double> (named
  // kDropoutExplainerLayer) computes at (seed, step 0) on the same x, and for the averages at
  // seeds seed + 1, seed + 2, ...
  void dropoutOutputIsTheLayers() {
    const int n = 4, f = 6;
    std::vector<double> x(std::size_t(n) * f);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 0.25 * double(i % 9) - 1.0;
    const std::uint64_t seed = 9;
    const DropoutWalkthrough d = computeDropoutWalkthrough(x, n, f, 0.3, seed, 2);
    auto layerOutput = [&](std::uint64_t s) {
      ThreadPool pool(1);
      Dropout<double> layer({0.3});
      layer.setName(kDropoutExplainerLayer);
      layer.plan({f}, n);
      std::vector<double> in(x), out(x.size());
      Tensor<double> tx{in.data(), n, {f}}, ty{out.data(), n, {f}};
      layer.forward(tx, ty, Mode::Train, StepContext{&pool, s, 0});
      return out;
    };
    QCOMPARE(d.trainOutput, layerOutput(seed));
    const std::vector<double> a = layerOutput(seed + 1), b = layerOutput(seed + 2);
    for (std::size_t i = 0; i < x.size(); ++i) QCOMPARE(d.averageOutput[i], (a[i] + b[i]) / 2);
  }

  // A given mask replaces the drawn one. x = [2, -1 | 0.5, 4], p = 0.75 (scale 4 exactly),
  // mask [1, 0 | 0, 1]: train output [8, 0 | 0, 16], 2 kept; inference still returns x.
  void dropoutGivenMask() {
    const std::vector<double> x = {2, -1, 0.5, 4};
    const std::vector<int> mask = {1, 0, 0, 1};
    const DropoutWalkthrough d = computeDropoutWalkthroughWithMask(x, 2, 2, 0.75, mask, 1);
    QCOMPARE(d.mask, mask);
    QCOMPARE(d.kept, 2);
    QCOMPARE(d.scale, 4.0);
    QCOMPARE(d.trainOutput, (std::vector<double>{8, 0, 0, 16}));
    QCOMPARE(d.evalOutput, x);
    QVERIFY(d.averageOutput.empty());
    // The drawn walkthrough is the given-mask walkthrough of the drawn mask.
    const DropoutWalkthrough drawn = computeDropoutWalkthrough(x, 2, 2, 0.5, 3);
    QCOMPARE(computeDropoutWalkthroughWithMask(x, 2, 2, 0.5, drawn.mask, 3).trainOutput, drawn.trainOutput);
    // A mask of another size or with an entry other than 0 and 1 is refused.
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthroughWithMask(x, 2, 2, 0.5, {1, 0, 1}, 1));
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthroughWithMask(x, 2, 2, 0.5, {1, 0, 2, 1}, 1));
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthroughWithMask(x, 2, 2, 1.0, mask, 1));
  }

  void dropoutEdgesAndBadInput() {
    const std::vector<double> x = {1, 2, 3, 4};
    const DropoutWalkthrough keepAll = computeDropoutWalkthrough(x, 2, 2, 0.0, 1);
    QCOMPARE(keepAll.kept, 4);
    QCOMPARE(keepAll.trainOutput, x);
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthrough(x, 2, 2, 1.0, 1));
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthrough(x, 2, 2, -0.1, 1));
    QVERIFY_THROWS_EXCEPTION(NormLabError, computeDropoutWalkthrough(x, 3, 2, 0.5, 1));
  }

  // Membership and counts per kind, for N = 4, C = 4, H = 3, W = 2 (H*W = 6):
  //   batch: N*H*W = 24 values of channel c; layer: C*H*W = 24 of sample n; instance: H*W = 6;
  //   group G=2: (C/G)*H*W = 12; group G=4: 6 (= instance); group G=1: 24 (= layer);
  //   LRN size 3 at c=1: channels 0..2 = 3; at c=0: channels 0..1 = 2 (clipped);
  //   LRN size 2 at c=2: channels 1..2 (size/2 = 1 before, (size-1)/2 = 0 after) = 2;
  //   LRN size 5 at c=1: channels 0..3 = 4; size 9 at c=2: all 4 = min(9, C).
  void normalizationSetMembership_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("lrnSize");
    QTest::addColumn<int>("channel");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("firstChannel");
    QTest::addColumn<int>("lastChannel");
    QTest::addColumn<bool>("allSamples");
    const int B = int(NormKind::Batch), L = int(NormKind::Layer), I = int(NormKind::Instance),
              G = int(NormKind::Group), R = int(NormKind::LocalResponse);
    QTest::newRow("batch") << B << 0 << 0 << 2 << 24 << 2 << 2 << true;
    QTest::newRow("layer") << L << 0 << 0 << 2 << 24 << 0 << 3 << false;
    QTest::newRow("instance") << I << 0 << 0 << 2 << 6 << 2 << 2 << false;
    QTest::newRow("group G=2, c=3") << G << 2 << 0 << 3 << 12 << 2 << 3 << false;
    QTest::newRow("group G=2, c=1") << G << 2 << 0 << 1 << 12 << 0 << 1 << false;
    QTest::newRow("group G=4") << G << 4 << 0 << 1 << 6 << 1 << 1 << false;
    QTest::newRow("group G=1") << G << 1 << 0 << 1 << 24 << 0 << 3 << false;
    QTest::newRow("lrn 3, c=1") << R << 0 << 3 << 1 << 3 << 0 << 2 << false;
    QTest::newRow("lrn 3, c=0") << R << 0 << 3 << 0 << 2 << 0 << 1 << false;
    QTest::newRow("lrn 2, c=2") << R << 0 << 2 << 2 << 2 << 1 << 2 << false;
    QTest::newRow("lrn 5, c=1") << R << 0 << 5 << 1 << 4 << 0 << 3 << false;
    QTest::newRow("lrn 9, c=2") << R << 0 << 9 << 2 << 4 << 0 << 3 << false;
  }
  void normalizationSetMembership() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(int, lrnSize);
    QFETCH(int, channel);
    QFETCH(int, count);
    QFETCH(int, firstChannel);
    QFETCH(int, lastChannel);
    QFETCH(bool, allSamples);
    const ActivationBlock block = testBlock(4, 4, 3, 2);
    NormAxesQuery query;
    query.kind = NormKind(kind);
    query.groups = groups;
    query.lrnSize = lrnSize;
    const int sample = 1, row = 2, col = 1;
    const NormalizationSet set = normalizationSet(block, query, sample, channel, row, col);
    QCOMPARE(int(set.members.size()), count);
    const std::size_t clicked = block.index(sample, channel, row, col);
    QVERIFY(std::find(set.members.begin(), set.members.end(), clicked) != set.members.end());
    std::set<int> samples, channels;
    for (std::size_t k : set.members) {
      const int s = int(k / (4 * 3 * 2)), c = int(k / (3 * 2) % 4), hw = int(k % 6);
      samples.insert(s);
      channels.insert(c);
      if (query.kind == NormKind::LocalResponse) QCOMPARE(hw, row * 2 + col);  // same pixel
    }
    QCOMPARE(*channels.begin(), firstChannel);
    QCOMPARE(*channels.rbegin(), lastChannel);
    QCOMPARE(int(channels.size()), lastChannel - firstChannel + 1);
    if (allSamples)
      QCOMPARE(int(samples.size()), 4);
    else
      QCOMPARE(samples, std::set<int>{sample});
  }

  // Block N = 2, C = 2, H = 1, W = 2 holding 1..8:
  //   batch at (0,0,0,0): {1, 2, 5, 6}, mean 3.5, var (6.25 + 2.25 + 2.25 + 6.25)/4 = 4.25
  //   layer at (0,1,0,0): {1, 2, 3, 4}, mean 2.5, var 1.25
  //   instance at (1,1,0,1): {7, 8}, mean 7.5, var 0.25; normalized (8 - 7.5)/sqrt(0.25 + 1e-5) = 0.99998
  //   lrn size 2 at (1,1,0,0): channels 0..1 -> {5, 7}, sum of squares 74,
  //     divisor (1 + 1e-4/2 * 74)^0.75 = 1.0027786, normalized 7 / 1.0027786 = 6.980603
  void normalizationSetStatistics() {
    const ActivationBlock block{2, 2, 1, 2, {1, 2, 3, 4, 5, 6, 7, 8}};
    NormAxesQuery q;
    q.kind = NormKind::Batch;
    NormalizationSet s = normalizationSet(block, q, 0, 0, 0, 0);
    COMPARE_NEAR(s.mean, 3.5);
    COMPARE_NEAR(s.variance, 4.25);
    COMPARE_NEAR(s.stdWithEps, std::sqrt(4.25 + 1e-5));
    q.kind = NormKind::Layer;
    s = normalizationSet(block, q, 0, 1, 0, 0);
    COMPARE_NEAR(s.mean, 2.5);
    COMPARE_NEAR(s.variance, 1.25);
    q.kind = NormKind::Instance;
    s = normalizationSet(block, q, 1, 1, 0, 1);
    COMPARE_NEAR(s.mean, 7.5);
    COMPARE_NEAR(s.variance, 0.25);
    COMPARE_NEAR(s.normalizedValue, 0.5 / std::sqrt(0.25 + 1e-5));
    q.kind = NormKind::LocalResponse;
    q.lrnSize = 2;
    s = normalizationSet(block, q, 1, 1, 0, 0);
    QCOMPARE(int(s.members.size()), 2);
    COMPARE_NEAR(s.sumOfSquares, 74.0);
    COMPARE_NEAR(s.lrnDivisor, std::pow(1.0 + 1e-4 / 2 * 74.0, 0.75));
    COMPARE_NEAR(s.normalizedValue, 7.0 / std::pow(1.0 + 1e-4 / 2 * 74.0, 0.75));
  }

  // The set's statistics are the layer's: core's norm layers (gamma 1, beta 0, train mode) give
  // (x - mean) / sqrt(var + eps) at every element, and LRN gives x / divisor.
  void normalizationSetMatchesLayers_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("lrnSize");
    QTest::newRow("batch") << int(NormKind::Batch) << 1 << 0;
    QTest::newRow("layer") << int(NormKind::Layer) << 1 << 0;
    QTest::newRow("instance") << int(NormKind::Instance) << 1 << 0;
    QTest::newRow("group 2") << int(NormKind::Group) << 2 << 0;
    QTest::newRow("lrn 3") << int(NormKind::LocalResponse) << 1 << 3;
    QTest::newRow("lrn 2") << int(NormKind::LocalResponse) << 1 << 2;
  }
  void normalizationSetMatchesLayers() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(int, lrnSize);
    const ActivationBlock block = testBlock(3, 4, 3, 2);
    NormConfig config;
    config.kind = NormKind(kind);
    config.groups = groups;
    config.lrnSize = lrnSize;
    config.lrnAlpha = 0.5;  // large enough that the divisor matters
    LayerPtr<double> layer = makeNorm<double>(config);
    const Shape shape{4, 3, 2};
    layer->plan(shape, 3);
    ThreadPool pool(1);
    std::vector<double> x(block.values.begin(), block.values.end()), y(x.size());
    Tensor<double> tx{x.data(), 3, shape}, ty{y.data(), 3, shape};
    layer->forward(tx, ty, Mode::Train, StepContext{&pool, 1, 0});
    NormAxesQuery q;
    q.kind = config.kind;
    q.groups = groups;
    q.lrnSize = lrnSize;
    q.lrnAlpha = 0.5;
    for (int n = 0; n < 3; ++n)
      for (int c = 0; c < 4; ++c)
        for (int h = 0; h < 3; ++h)
          for (int w = 0; w < 2; ++w) {
            const NormalizationSet s = normalizationSet(block, q, n, c, h, w);
            QVERIFY2(near(s.normalizedValue, y[block.index(n, c, h, w)], 1e-5),
                     qPrintable(QString("(%1,%2,%3,%4): explainer %5, layer %6")
                                    .arg(n).arg(c).arg(h).arg(w).arg(s.normalizedValue).arg(y[block.index(n, c, h, w)])));
          }
  }

  void normalizationSetBadQueries() {
    const ActivationBlock block = testBlock(2, 4, 2, 2);
    NormAxesQuery q;
    q.kind = NormKind::Group;
    q.groups = 3;  // does not divide 4
    QVERIFY_THROWS_EXCEPTION(NormLabError, normalizationSet(block, q, 0, 0, 0, 0));
    q.kind = NormKind::Batch;
    QVERIFY_THROWS_EXCEPTION(NormLabError, normalizationSet(block, q, 2, 0, 0, 0));
    QVERIFY_THROWS_EXCEPTION(NormLabError, normalizationSet(block, q, 0, 0, 0, -1));
    q.kind = NormKind::None;
    QVERIFY_THROWS_EXCEPTION(NormLabError, normalizationSet(block, q, 0, 0, 0, 0));
  }

  // A uniform grey image (value 255 -> 1.0): identity 1 everywhere; edge filters 0 away from the
  // border (Sobel of a constant) and non-zero at it (zero padding); blur 1 inside, 4/9 in a corner.
  void demoBlock() {
    const int size = 6;
    std::vector<std::uint8_t> pixels(2 * 28 * 28, 255);
    const ActivationBlock b = makeDemoBlock(pixels, 2, 28, 28, size);
    QCOMPARE(b.n, 2);
    QCOMPARE(b.c, kDemoChannels);
    QCOMPARE(b.h, size);
    QCOMPARE(b.w, size);
    QCOMPARE(b.values[b.index(1, 0, 3, 3)], 1.0f);
    QCOMPARE(b.values[b.index(1, 1, 3, 3)], 0.0f);
    QCOMPARE(b.values[b.index(1, 2, 3, 3)], 0.0f);
    QVERIFY(b.values[b.index(1, 1, 0, 3)] > 0.5f);  // top border: 0 - (0.25+0.5+0.25) ... = +1 below
    QVERIFY(near(b.values[b.index(0, 3, 3, 3)], 1.0, 1e-6));
    QVERIFY(near(b.values[b.index(0, 3, 0, 0)], 4.0 / 9.0, 1e-6));
    QVERIFY_THROWS_EXCEPTION(NormLabError, makeDemoBlock(pixels, 3, 28, 28, size));
  }
};

QTEST_GUILESS_MAIN(TestExplainerMath)
#include "test_explainer_math.moc"
