// The arithmetic behind the explainer panels (batch norm step by step, dropout step by step,
// normalization axes), kept here so it is testable without a window and shares its definitions
// with the layers (dropout masks come from core's Dropout layer; the normalization sets follow
// core's NormGrouping and LocalResponseNorm window). Must not depend on Qt.
//
// Shape letters as in tensor.h: N samples, F features (dense), C channels, H x W pixels, G groups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

// ---- Batch norm, step by step --------------------------------------------------------------
// A mini-batch x (N x F) goes through a linear layer z = x W^T + b (W: F x F), a ReLU a = max(z, 0)
// and batch norm over the batch, one feature at a time (PyTorch BatchNorm1d in train mode):
//   mean_f = 1/N sum_i a_if                 var_f = 1/N sum_i (a_if - mean_f)^2   (biased)
//   xhat_if = (a_if - mean_f) / sqrt(var_f + eps)      y_if = gamma_f xhat_if + beta_f
// Running statistics start at (0, 1) and, after each of `trainingSteps` train steps on this batch:
//   running_mean = (1 - m) running_mean + m mean_f
//   running_var  = (1 - m) running_var  + m var_f * N / (N - 1)                   (unbiased)
// Eval mode normalizes the same batch with the running statistics instead of the batch ones.
struct BatchNormWalkthroughInput {
  int n = 4, features = 3;
  std::vector<double> x;             // N x F
  std::vector<double> weight, bias;  // F x F, F
  std::vector<double> gamma, beta;   // F
  double eps = 1e-5, momentum = 0.1;
  int trainingSteps = 1;             // running-statistics updates before eval mode, >= 0
};

// The classroom example: 4 examples x 3 features with small round numbers.
BatchNormWalkthroughInput defaultBatchNormWalkthroughInput();

struct BatchNormWalkthrough {
  int n = 0, features = 0;
  std::vector<double> linear;            // z, N x F
  std::vector<double> relu;              // a, N x F
  std::vector<double> mean, variance;    // F, batch statistics (biased variance)
  std::vector<double> unbiasedVariance;  // F, var * N / (N - 1)
  std::vector<double> centered;          // a - mean, N x F
  std::vector<double> normalized;        // xhat, N x F
  std::vector<double> output;            // y (train mode), N x F
  std::vector<double> runningMean, runningVar;  // F, after trainingSteps updates
  std::vector<double> evalNormalized;    // (a - running_mean) / sqrt(running_var + eps), N x F
  std::vector<double> evalOutput;        // gamma * evalNormalized + beta, N x F
};

// Throws NormLabError naming the problem for mismatched sizes, N < 2 (one value per feature has
// no variance: PyTorch refuses it in train mode too), non-finite inputs or negative steps.
BatchNormWalkthrough computeBatchNormWalkthrough(const BatchNormWalkthroughInput& in);

// ---- Dropout, step by step -----------------------------------------------------------------
// Inverted dropout on activations x (N x F) with drop probability p: each unit is kept with
// probability 1 - p (mask 1) or zeroed (mask 0); kept units are scaled by 1 / (1 - p) so that the
// expected output equals the input; at inference the layer is the identity. The mask is the one
// core's Dropout layer (named kDropoutExplainerLayer) draws for (seed, step 0), and every output
// is that layer's: the explainer shows the layer's own numbers, not a re-derivation.
inline constexpr const char* kDropoutExplainerLayer = "dropout";

struct DropoutWalkthrough {
  int n = 0, features = 0;
  double p = 0, keepProbability = 1, scale = 1;
  std::vector<int> mask;            // N x F, 1 = kept, 0 = dropped
  std::vector<double> trainOutput;  // x * mask * scale, N x F
  std::vector<double> evalOutput;   // x, N x F
  int kept = 0;                     // number of kept units
  // Mean of the train output over `averageDraws` masks (seeds seed + 1, seed + 2, ...): close to x.
  std::vector<double> averageOutput;  // N x F (empty when averageDraws = 0)
  int averageDraws = 0;
};

// Throws NormLabError unless 0 <= p < 1, x has n * features finite values and averageDraws >= 0.
DropoutWalkthrough computeDropoutWalkthrough(const std::vector<double>& x, int n, int features,
                                             double p, std::uint64_t seed, int averageDraws = 0);
// The same walkthrough with a given mask (N x F, 1 kept, 0 dropped) in place of the drawn one:
// trainOutput is what the layer computes with that mask (Dropout::forwardWithMask); the average
// still uses the masks drawn for seeds seed + 1, seed + 2, ... Throws as above, and for a mask of
// another size or with an entry other than 0 and 1.
DropoutWalkthrough computeDropoutWalkthroughWithMask(const std::vector<double>& x, int n, int features,
                                                     double p, const std::vector<int>& mask,
                                                     std::uint64_t seed, int averageDraws = 0);

// ---- Normalization axes --------------------------------------------------------------------
// A block of activations N x C x H x W (flat, NCHW) and, for one element, the set of elements
// whose statistics normalize it:
//   batch:    channel c of every sample              N x H x W values
//   layer:    every channel of sample n              C x H x W
//   instance: channel c of sample n                  H x W
//   group:    the C/G channels of c's group, sample n (C/G) x H x W
//   lrn:      channels c - size/2 .. c + (size-1)/2 (clipped to 0..C-1) at the same (n, h, w)
struct ActivationBlock {
  int n = 0, c = 0, h = 0, w = 0;
  std::vector<float> values;  // N x C x H x W
  std::size_t index(int in, int ic, int ih, int iw) const {
    return ((std::size_t(in) * c + ic) * h + ih) * w + iw;
  }
};

struct NormAxesQuery {
  NormKind kind = NormKind::Batch;  // Batch, Layer, Instance, Group or LocalResponse
  int groups = 2;                   // group norm: must divide C
  int lrnSize = 3;                  // LRN window, >= 1
  double eps = 1e-5;
  double lrnAlpha = 1e-4, lrnBeta = 0.75, lrnK = 1.0;  // LRN divisor (PyTorch defaults)
};

struct NormalizationSet {
  std::vector<std::size_t> members;  // flat NCHW indices, ascending
  double mean = 0;
  double variance = 0;               // biased, as the layers normalize
  double stdWithEps = 0;             // sqrt(variance + eps): what the layer divides by
  double normalizedValue = 0;        // the clicked element after the norm (gamma = 1, beta = 0)
  // LRN does not subtract a mean: it divides by (k + alpha/size * sum of squares)^beta, where the
  // sum runs over the window (missing edge channels count as zero; the divisor is always size).
  double sumOfSquares = 0, lrnDivisor = 1;
};

// Throws NormLabError for an element outside the block, None as the kind, G not dividing C, or a
// window size < 1.
NormalizationSet normalizationSet(const ActivationBlock& block, const NormAxesQuery& query, int in,
                                  int ic, int ih, int iw);

// The standalone demo block: `images` grey images (H0 x W0 bytes each), centre-cropped to a multiple
// of `size` and average-pooled down to size x size in [0, 1], then passed through four fixed 3 x 3
// filters (zero padding) that make the channels: identity, horizontal edges, vertical edges, blur.
// Throws NormLabError when the images are smaller than size or the pixel count does not match.
inline constexpr int kDemoChannels = 4;
const char* demoChannelName(int channel);  // "identity", "horizontal edges", ...
ActivationBlock makeDemoBlock(const std::vector<std::uint8_t>& pixels, int images, int imageHeight,
                              int imageWidth, int size);

}  // namespace normlab
