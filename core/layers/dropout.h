// Inverted dropout (PyTorch nn.Dropout): in Train mode each unit is zeroed with probability p and
// the kept units are scaled by 1/(1-p); in Eval mode the layer is the identity.
//   x, y, dx, dy: N x C x H x W (any shape; y has x's shape)
// The mask is a pure function of (seed, step, layer name, element index within the batch), so
// arms whose dropout layers share a name and shape draw identical masks (twin-run contract).
// forwardWithMask() runs the same arithmetic on a mask the caller gives.
// Must not depend on Qt.
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Dropout final : public Layer<T> {
 public:
  // Throws NormLabError unless 0 <= p < 1.
  explicit Dropout(const DropoutConfig& config);
  const char* kind() const override { return "dropout"; }
  Shape outputShape(const Shape& in) const override { return in; }
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  // Train forward with a caller-supplied keep mask instead of the drawn one (hand-computed tests,
  // the dropout explainer): y = x * keep / (1 - p), and the next backward() gives
  // dx = dy * keep / (1 - p), exactly as after a forward() that drew this mask.
  //   x, keep, y: N x C x H x W; every keep entry is 0 (dropped) or 1 (kept).
  // Throws NormLabError naming the layer when keep's shape differs from x's or an entry is
  // neither 0 nor 1 (nothing is written then).
  void forwardWithMask(const Tensor<T>& x, const Tensor<T>& keep, Tensor<T>& y, const StepContext& ctx);
  const DropoutConfig& config() const { return config_; }
  // Scale factor of each unit at the last Train forward (0 or 1/(1-p)), N x C x H x W.
  const std::vector<T>& mask() const { return mask_; }

 private:
  void check() const;
  // y = x * scale(i) with mask_[i] = scale(i), over a fixed partition of the batch.
  template <typename ScaleAt>
  void applyScales(const Tensor<T>& x, Tensor<T>& y, const StepContext& ctx, ScaleAt scaleAt);

  DropoutConfig config_;
  std::vector<T> mask_;  // maxBatch x C x H x W scale factors
  Mode lastMode_ = Mode::Train;
};

}  // namespace normlab
