// The explainers' arithmetic (see explainer_math.h). Written plainly, one step per loop, in
// double precision: the point is numbers a student can check by hand.
#include "core/classroom/explainer_math.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/layers/dropout.h"
#include "core/base/thread_pool.h"

namespace normlab {

namespace {

void requireSize(const std::vector<double>& v, std::size_t expected, const char* what) {
  if (v.size() != expected) {
    std::ostringstream s;
    s << "batch-norm walkthrough: " << what << " has " << v.size() << " values, expected " << expected;
    throw NormLabError(s.str());
  }
}

void requireFinite(const std::vector<double>& v, const char* where, const char* what) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) {
      std::ostringstream s;
      s << where << ": " << what << " value " << i << " is not a finite number (" << v[i] << ")";
      throw NormLabError(s.str());
    }
  }
}

}  // namespace

BatchNormWalkthroughInput defaultBatchNormWalkthroughInput() {
  BatchNormWalkthroughInput in;
  in.n = 4;
  in.features = 3;
  in.x = {1.0, 2.0, -1.0,   //
          0.5, -1.0, 2.0,   //
          2.0, 0.0, 1.0,    //
          -1.0, 1.0, 0.5};
  in.weight = {1.0, 0.5, 0.0,   //
               0.0, 1.0, -0.5,  //
               0.5, -0.5, 1.0};
  in.bias = {0.0, 0.5, 0.0};
  in.gamma = {1.0, 2.0, 0.5};
  in.beta = {0.0, 1.0, -1.0};
  return in;
}

// x: N x F; W: F x F; every output N x F or F.
BatchNormWalkthrough computeBatchNormWalkthrough(const BatchNormWalkthroughInput& in) {
  const int n = in.n, f = in.features;
  if (n < 2) throw NormLabError("batch-norm walkthrough: a batch needs at least 2 examples to have a variance, got " +
                                std::to_string(n));
  if (f < 1) throw NormLabError("batch-norm walkthrough: features must be >= 1, got " + std::to_string(f));
  if (in.trainingSteps < 0)
    throw NormLabError("batch-norm walkthrough: training steps must be >= 0, got " + std::to_string(in.trainingSteps));
  const std::size_t nf = std::size_t(n) * std::size_t(f);
  requireSize(in.x, nf, "the input x");
  requireSize(in.weight, std::size_t(f) * std::size_t(f), "the weight W");
  requireSize(in.bias, std::size_t(f), "the bias b");
  requireSize(in.gamma, std::size_t(f), "gamma");
  requireSize(in.beta, std::size_t(f), "beta");
  const char* where = "batch-norm walkthrough";
  requireFinite(in.x, where, "input x");
  requireFinite(in.weight, where, "weight W");
  requireFinite(in.bias, where, "bias b");
  requireFinite(in.gamma, where, "gamma");
  requireFinite(in.beta, where, "beta");

  BatchNormWalkthrough out;
  out.n = n;
  out.features = f;
  const auto at = [f](int i, int j) { return std::size_t(i) * std::size_t(f) + std::size_t(j); };

  // 1. Linear layer: z_ij = b_j + sum_k x_ik W_jk.
  out.linear.assign(nf, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f; ++j) {
      double z = in.bias[j];
      for (int k = 0; k < f; ++k) z += in.x[at(i, k)] * in.weight[at(j, k)];
      out.linear[at(i, j)] = z;
    }
  // 2. ReLU.
  out.relu.assign(nf, 0.0);
  for (std::size_t i = 0; i < nf; ++i) out.relu[i] = std::max(out.linear[i], 0.0);
  // 3. Batch mean and biased variance per feature (over the N examples).
  out.mean.assign(f, 0.0);
  out.variance.assign(f, 0.0);
  out.unbiasedVariance.assign(f, 0.0);
  for (int j = 0; j < f; ++j) {
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += out.relu[at(i, j)];
    const double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < n; ++i) squares += (out.relu[at(i, j)] - mean) * (out.relu[at(i, j)] - mean);
    out.mean[j] = mean;
    out.variance[j] = squares / n;
    out.unbiasedVariance[j] = squares / (n - 1);
  }
  // 4-6. Shift to mean 0, scale to variance 1, then scale and shift by gamma and beta.
  out.centered.assign(nf, 0.0);
  out.normalized.assign(nf, 0.0);
  out.output.assign(nf, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f; ++j) {
      const std::size_t k = at(i, j);
      out.centered[k] = out.relu[k] - out.mean[j];
      out.normalized[k] = out.centered[k] / std::sqrt(out.variance[j] + in.eps);
      out.output[k] = in.gamma[j] * out.normalized[k] + in.beta[j];
    }
  // 7. Running statistics: start at (0, 1), one update per training step on this batch.
  out.runningMean.assign(f, 0.0);
  out.runningVar.assign(f, 1.0);
  for (int step = 0; step < in.trainingSteps; ++step)
    for (int j = 0; j < f; ++j) {
      out.runningMean[j] = (1.0 - in.momentum) * out.runningMean[j] + in.momentum * out.mean[j];
      out.runningVar[j] = (1.0 - in.momentum) * out.runningVar[j] + in.momentum * out.unbiasedVariance[j];
    }
  // 8. Eval mode: the same batch, normalized with the running statistics.
  out.evalNormalized.assign(nf, 0.0);
  out.evalOutput.assign(nf, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f; ++j) {
      const std::size_t k = at(i, j);
      out.evalNormalized[k] = (out.relu[k] - out.runningMean[j]) / std::sqrt(out.runningVar[j] + in.eps);
      out.evalOutput[k] = in.gamma[j] * out.evalNormalized[k] + in.beta[j];
    }
  return out;
}

namespace {

// Core's Dropout layer as the explainer runs it: named kDropoutExplainerLayer, planned for N x F
// units, on one thread, at step 0.
class ExplainerDropout {
 public:
  ExplainerDropout(int n, int features, double p) : layer_(DropoutConfig{p}), n_(n), shape_{features} {
    layer_.setName(kDropoutExplainerLayer);
    layer_.plan(shape_, n_);
  }
  // x: N x F. The layer's Train output with the mask it draws for `seed`; keep (if given) gets
  // that mask as 1 (kept) / 0 (dropped).
  std::vector<double> drawn(const std::vector<double>& x, std::uint64_t seed, std::vector<int>* keep = nullptr) {
    std::vector<double> input(x), output(x.size());
    const Tensor<double> tx{input.data(), n_, shape_};
    Tensor<double> ty{output.data(), n_, shape_};
    layer_.forward(tx, ty, Mode::Train, {&pool_, seed, 0});
    if (keep) {
      keep->resize(x.size());
      for (std::size_t i = 0; i < x.size(); ++i) (*keep)[i] = layer_.mask()[i] != 0.0 ? 1 : 0;
    }
    return output;
  }
  // x, keep: N x F. The layer's Train output with the given mask (Dropout::forwardWithMask).
  std::vector<double> withMask(const std::vector<double>& x, const std::vector<int>& keep) {
    std::vector<double> input(x), mask(keep.begin(), keep.end()), output(x.size());
    const Tensor<double> tx{input.data(), n_, shape_}, tkeep{mask.data(), n_, shape_};
    Tensor<double> ty{output.data(), n_, shape_};
    layer_.forwardWithMask(tx, tkeep, ty, {&pool_, 0, 0});
    return output;
  }

 private:
  ThreadPool pool_{1};
  Dropout<double> layer_;
  int n_;
  Shape shape_;
};

// Throws NormLabError for p outside [0, 1), x not N x F finite values, or averageDraws < 0.
void checkDropoutInput(const std::vector<double>& x, int n, int features, double p, int averageDraws) {
  if (!(p >= 0.0 && p < 1.0)) {
    std::ostringstream s;
    s << "dropout walkthrough: drop probability p = " << p << " must be in [0, 1)";
    throw NormLabError(s.str());
  }
  if (n < 1 || features < 1 || x.size() != std::size_t(n) * std::size_t(features)) {
    std::ostringstream s;
    s << "dropout walkthrough: x has " << x.size() << " values, expected " << n << " x " << features;
    throw NormLabError(s.str());
  }
  if (averageDraws < 0) throw NormLabError("dropout walkthrough: averageDraws must be >= 0");
  requireFinite(x, "dropout walkthrough", "input x");
}

}  // namespace

// x: N x F.
DropoutWalkthrough computeDropoutWalkthrough(const std::vector<double>& x, int n, int features, double p,
                                             std::uint64_t seed, int averageDraws) {
  checkDropoutInput(x, n, features, p, averageDraws);
  std::vector<int> mask;
  ExplainerDropout(n, features, p).drawn(x, seed, &mask);
  return computeDropoutWalkthroughWithMask(x, n, features, p, mask, seed, averageDraws);
}

// x, mask: N x F.
DropoutWalkthrough computeDropoutWalkthroughWithMask(const std::vector<double>& x, int n, int features, double p,
                                                     const std::vector<int>& mask, std::uint64_t seed,
                                                     int averageDraws) {
  checkDropoutInput(x, n, features, p, averageDraws);
  if (mask.size() != x.size()) {
    std::ostringstream s;
    s << "dropout walkthrough: the mask has " << mask.size() << " values, expected " << n << " x " << features;
    throw NormLabError(s.str());
  }
  ExplainerDropout layer(n, features, p);
  DropoutWalkthrough out;
  out.n = n;
  out.features = features;
  out.p = p;
  out.keepProbability = 1.0 - p;
  out.scale = 1.0 / (1.0 - p);
  out.trainOutput = layer.withMask(x, mask);  // throws for entries other than 0 and 1
  out.mask = mask;
  for (int m : mask) out.kept += m;
  out.evalOutput = x;  // inference: identity
  out.averageDraws = averageDraws;
  if (averageDraws > 0) {
    out.averageOutput.assign(x.size(), 0.0);
    for (int d = 0; d < averageDraws; ++d) {
      const std::vector<double> y = layer.drawn(x, seed + 1 + std::uint64_t(d));
      for (std::size_t i = 0; i < x.size(); ++i) out.averageOutput[i] += y[i];
    }
    for (double& v : out.averageOutput) v /= averageDraws;
  }
  return out;
}

NormalizationSet normalizationSet(const ActivationBlock& block, const NormAxesQuery& query, int in, int ic,
                                  int ih, int iw) {
  if (block.values.size() != std::size_t(block.n) * block.c * block.h * block.w || block.n < 1 || block.c < 1 ||
      block.h < 1 || block.w < 1)
    throw NormLabError("normalization axes: the activation block's values do not match its shape");
  if (in < 0 || in >= block.n || ic < 0 || ic >= block.c || ih < 0 || ih >= block.h || iw < 0 || iw >= block.w) {
    std::ostringstream s;
    s << "normalization axes: element (" << in << ", " << ic << ", " << ih << ", " << iw
      << ") is outside the block " << block.n << " x " << block.c << " x " << block.h << " x " << block.w;
    throw NormLabError(s.str());
  }
  NormalizationSet set;
  const auto addChannel = [&](int sample, int channel) {
    for (int y = 0; y < block.h; ++y)
      for (int x = 0; x < block.w; ++x) set.members.push_back(block.index(sample, channel, y, x));
  };
  switch (query.kind) {
    case NormKind::Batch:
      for (int s = 0; s < block.n; ++s) addChannel(s, ic);
      break;
    case NormKind::Layer:
      for (int c = 0; c < block.c; ++c) addChannel(in, c);
      break;
    case NormKind::Instance:
      addChannel(in, ic);
      break;
    case NormKind::Group: {
      if (query.groups < 1 || block.c % query.groups != 0) {
        std::ostringstream s;
        s << "normalization axes: group norm needs G to divide C; G = " << query.groups << ", C = " << block.c;
        throw NormLabError(s.str());
      }
      const int perGroup = block.c / query.groups, first = ic / perGroup * perGroup;
      for (int c = first; c < first + perGroup; ++c) addChannel(in, c);
      break;
    }
    case NormKind::LocalResponse: {
      if (query.lrnSize < 1)
        throw NormLabError("normalization axes: LRN window size must be >= 1, got " + std::to_string(query.lrnSize));
      // PyTorch window: size/2 channels before c and (size-1)/2 after, clipped to the block.
      const int first = std::max(0, ic - query.lrnSize / 2);
      const int last = std::min(block.c - 1, ic + (query.lrnSize - 1) / 2);
      for (int c = first; c <= last; ++c) set.members.push_back(block.index(in, c, ih, iw));
      break;
    }
    case NormKind::None:
      throw NormLabError("normalization axes: choose a norm (batch, layer, instance, group or lrn), not none");
  }
  std::sort(set.members.begin(), set.members.end());

  double sum = 0, squares = 0;
  for (std::size_t k : set.members) {
    sum += block.values[k];
    squares += double(block.values[k]) * block.values[k];
  }
  const double count = double(set.members.size());
  set.mean = sum / count;
  double deviations = 0;
  for (std::size_t k : set.members) deviations += (block.values[k] - set.mean) * (block.values[k] - set.mean);
  set.variance = deviations / count;
  set.stdWithEps = std::sqrt(set.variance + query.eps);
  set.sumOfSquares = squares;
  const double value = block.values[block.index(in, ic, ih, iw)];
  if (query.kind == NormKind::LocalResponse) {
    set.lrnDivisor = std::pow(query.lrnK + query.lrnAlpha / query.lrnSize * squares, query.lrnBeta);
    set.normalizedValue = value / set.lrnDivisor;
  } else {
    set.normalizedValue = (value - set.mean) / set.stdWithEps;
  }
  return set;
}

const char* demoChannelName(int channel) {
  static const char* names[kDemoChannels] = {"identity", "horizontal edges", "vertical edges", "blur"};
  return channel >= 0 && channel < kDemoChannels ? names[channel] : "?";
}

// pixels: images x H0 x W0 bytes -> block: images x 4 x size x size.
ActivationBlock makeDemoBlock(const std::vector<std::uint8_t>& pixels, int images, int imageHeight, int imageWidth,
                              int size) {
  if (images < 1 || size < 1 || imageHeight < size || imageWidth < size ||
      pixels.size() < std::size_t(images) * imageHeight * imageWidth) {
    std::ostringstream s;
    s << "demo block: need " << images << " images of at least " << size << " x " << size << " pixels, got "
      << pixels.size() << " bytes for " << imageHeight << " x " << imageWidth;
    throw NormLabError(s.str());
  }
  // Centre crop to factor * size, then average factor x factor pixels into one.
  const int factor = std::min(imageHeight, imageWidth) / size;
  const int top = (imageHeight - factor * size) / 2, left = (imageWidth - factor * size) / 2;
  std::vector<double> small(std::size_t(images) * size * size, 0.0);
  for (int i = 0; i < images; ++i)
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        double sum = 0;
        for (int dy = 0; dy < factor; ++dy)
          for (int dx = 0; dx < factor; ++dx)
            sum += pixels[(std::size_t(i) * imageHeight + top + y * factor + dy) * imageWidth + left + x * factor + dx];
        small[(std::size_t(i) * size + y) * size + x] = sum / (factor * factor * 255.0);
      }
  // 3 x 3 filters, applied as correlation with zero padding. Edge filters are Sobel / 4.
  static const double filters[kDemoChannels][3][3] = {
      {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}},
      {{-0.25, -0.5, -0.25}, {0, 0, 0}, {0.25, 0.5, 0.25}},
      {{-0.25, 0, 0.25}, {-0.5, 0, 0.5}, {-0.25, 0, 0.25}},
      {{1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}, {1 / 9.0, 1 / 9.0, 1 / 9.0}}};
  ActivationBlock block;
  block.n = images;
  block.c = kDemoChannels;
  block.h = block.w = size;
  block.values.assign(std::size_t(images) * kDemoChannels * size * size, 0.0f);
  for (int i = 0; i < images; ++i)
    for (int c = 0; c < kDemoChannels; ++c)
      for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
          double v = 0;
          for (int ky = 0; ky < 3; ++ky)
            for (int kx = 0; kx < 3; ++kx) {
              const int sy = y + ky - 1, sx = x + kx - 1;
              if (sy < 0 || sy >= size || sx < 0 || sx >= size) continue;
              v += filters[c][ky][kx] * small[(std::size_t(i) * size + sy) * size + sx];
            }
          block.values[block.index(i, c, y, x)] = float(v);
        }
  return block;
}

}  // namespace normlab
