// Flatten: N x C x H x W -> N x (C*H*W), index c*H*W + h*W + w. The memory is already in that
// order, so forward and backward are copies.
//   x, dx: N x C x H x W     y, dy: N x (C*H*W)
// Must not depend on Qt.
#pragma once

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Flatten final : public Layer<T> {
 public:
  const char* kind() const override { return "flatten"; }
  Shape outputShape(const Shape& in) const override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
};

}  // namespace normlab
