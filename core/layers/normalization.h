// Batch, layer, instance and group norm: one layer class, one reduction. Must not depend on Qt.
//   x, y, dx, dy: N x C x H x W (dense: N x C, H = W = 1); gamma, beta: C (per channel) or, for
//   layer norm with AffineShape::Element, C x H x W (per element, as nn.LayerNorm([C, H, W]))
//
// The four norms differ only in which elements share a mean and variance. Each such group of
// elements is a statistics "set": (one sample, or the whole batch) x (a block of C/G consecutive
// channels) x H x W.
//   batch norm:    G = C, across the batch -> one set per channel over (N, H, W)
//   layer norm:    G = 1, per sample       -> one set per sample over (C, H, W)  (GroupNorm(1, C))
//   instance norm: G = C, per sample       -> one set per (sample, channel) over (H, W)
//   group norm:    G,     per sample       -> one set per (sample, group) over (C/G, H, W)
// Every set needs more than one value (PyTorch refuses one too): a shape that gives a set of one
// is refused at plan time (normShapeProblem), a batch-norm training batch of one value per channel
// (N*H*W == 1) at forward time, both naming the layer.
// Forward and backward (normalization.cpp) are written once over the sets. Batch norm additionally
// keeps running statistics (buffers) and uses them in Eval mode (PyTorch BatchNorm2d semantics).
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

// Which elements share statistics: G channel groups, per sample or across the whole batch.
struct NormGrouping {
  int groups = 1;            // G, divides C
  bool acrossBatch = false;  // batch norm
};

template <typename T>
class Normalization final : public Layer<T> {
 public:
  // config.kind is Batch, Layer, Instance or Group; AffineShape::Element only with Layer.
  explicit Normalization(const NormConfig& config);

  const char* kind() const override;
  // Same shape; throws NormLabError naming the layer if G does not divide C or a statistics set
  // would hold a single value (normShapeProblem).
  Shape outputShape(const Shape& in) const override;
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  std::vector<Param<T>*> params() override;
  std::vector<Param<T>*> buffers() override;

  const NormConfig& config() const { return config_; }
  NormGrouping grouping() const;

  // Probes (batch norm): statistics of the last Train-mode batch, per channel (C; mean and
  // biased variance), and the running estimates (C; start at 0 and 1). Empty for other kinds.
  const std::vector<double>& batchMean() const { return batchMean_; }
  const std::vector<double>& batchVar() const { return batchVar_; }
  const AlignedVector<T>& runningMean() const { return runningMean_.value; }
  const AlignedVector<T>& runningVar() const { return runningVar_.value; }

  // Recomputing population statistics (batch norm; torch.optim.swa_utils.update_bn): reset the
  // running estimates to 0 and 1 and average every following Train-mode batch with equal weight
  // (PyTorch's momentum=None: factor 1/k for the k-th batch) until finishPopulationEstimate().
  void startPopulationEstimate();
  void finishPopulationEstimate() { populationBatches_ = -1; }

 private:
  NormConfig config_;
  bool perElement() const { return config_.affine && config_.affineShape == AffineShape::Element; }

  Param<T> gamma_, beta_;                  // C (or C x H x W per element) each, when affine
  Param<T> runningMean_, runningVar_;      // C each, batch norm only
  std::vector<double> setMean_, setInvStd_;  // one per statistics set, cached for backward
  std::vector<double> setVar_;               // biased variance per set (Train statistics)
  std::vector<double> partSums_;             // P x 2A: per-part dbeta / dgamma partial sums (A = gamma size)
  std::vector<double> batchMean_, batchVar_;  // C, batch norm probes
  bool frozen_ = false;  // last forward normalized with running statistics (batch norm, Eval)
  int populationBatches_ = -1;  // batches averaged so far while estimating; -1: not estimating
};

}  // namespace normlab
