// Element-wise activations: ReLU, leaky ReLU, sigmoid, tanh.
//   x, y, dx, dy: N x C x H x W (any shape; y has x's shape)
// Must not depend on Qt.
#pragma once

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Activation final : public Layer<T> {
 public:
  explicit Activation(const ActivationConfig& config) : config_(config) {}
  const char* kind() const override;
  Shape outputShape(const Shape& in) const override { return in; }
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  const ActivationConfig& config() const { return config_; }

 private:
  ActivationConfig config_;
};

}  // namespace normlab
