// Per-layer probes: what a layer's outputs and gradients look like at one step. Computed on the
// training thread between steps from a Network's retained activations and gradients; the
// results are plain values (no pointers into the network), safe to hand to other threads.
// Must not depend on Qt.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/network.h"
#include "core/model/optimizer.h"

namespace normlab {

// The percentiles the probes record (in %): the batch-norm paper's bands plus min, median, max.
inline constexpr std::array<double, 13> kProbePercentiles = {0, 1, 7, 15, 16, 31, 50, 69, 84, 85, 93, 99, 100};
// Every statistic but the exact min and max is computed on an evenly strided sample of at most
// this many values per layer (all values when the layer has fewer): probing every 10 steps
// then costs under 10% of training (normlab-bench --probe-every 10).
inline constexpr int kProbeSampleLimit = 4096;

struct ActivationStats {
  double mean = 0, std = 0;
  double zeroFraction = 0;       // exact zeros (dead ReLUs)
  double saturatedFraction = 0;  // sigmoid < 0.01 or > 0.99; |tanh| > 0.99; 0 for other layers
  std::array<float, kProbePercentiles.size()> percentiles{};
  // Histogram over [histLo, histHi] (robust range: the 1st..99th percentile widened by a quarter
  // of its width on each side); values outside fall into the edge bins. Fractions summing to 1.
  float histLo = 0, histHi = 0;
  std::vector<float> histogram;
};

struct ParamStats {
  std::string name;  // "weight", "bias", "gamma", "beta"
  double meanAbsGrad = 0, maxAbsGrad = 0, gradNorm = 0;
  double updateRatio = 0;  // ||update|| / ||weight|| of the last step (0 if the weight is 0)
};

// Batch norm: batch versus running statistics, summarised over channels (means of the
// per-channel values).
struct BatchNormStats {
  double batchMean = 0, runningMean = 0, batchVar = 0, runningVar = 0;
};

struct LayerStats {
  std::string name, kind;
  Shape shape;
  ActivationStats activation;
  double gradMeanAbs = 0, gradMaxAbs = 0;  // dL/d(output of this layer)
  std::vector<ParamStats> params;
  bool hasBatchNorm = false;
  BatchNormStats batchNorm;
};

struct ProbeRecord {
  std::int64_t step = 0, samplesSeen = 0;
  std::vector<LayerStats> layers;
  // Batch norm only: accuracy on one fixed held-out batch in train mode (batch statistics) and
  // eval mode (running statistics). Negative when not measured.
  double trainModeAccuracy = -1, evalModeAccuracy = -1;
  // A small corner of the current batch as the first norm position sees it (the output of the
  // layer before it, e.g. conv1), for the normalization-axes explainer: the first N samples and
  // C channels, a centred H x W crop, values in N, C, H, W order. Empty when not captured.
  std::string blockLayer;
  int blockN = 0, blockC = 0, blockH = 0, blockW = 0;
  std::vector<float> block;
};

// Copies at most maxN samples x maxC channels x a centred maxHW x maxHW crop of y (N x C x H x W)
// into the record's block.
void captureBlock(const Tensor<float>& y, const std::string& layer, int maxN, int maxC, int maxHW, ProbeRecord& record);

// Scratch reused between probes (keeps probing free of large allocations).
struct ProbeScratch {
  std::vector<float> sample;
  std::vector<ProbeScratch> layers;  // one per layer in probeNetwork
};

ActivationStats activationStats(const Tensor<float>& y, const std::string& layerKind, int bins,
                                ProbeScratch& scratch);

// Probes every layer of `net` after a training step whose optimizer step measured updates.
// Layers are probed in parallel on `pool` when given (each writes only its own record).
ProbeRecord probeNetwork(Network<float>& net, const Optimizer<float>& optimizer, int bins,
                         ProbeScratch& scratch, ThreadPool* pool = nullptr);

}  // namespace normlab
