// Max and average pooling (PyTorch nn.MaxPool2d / nn.AvgPool2d, floor mode).
//   x, dx: N x C x H x W     y, dy: N x C x Ho x Wo,  Ho = (H + 2P - K) / S + 1
// Max: padding counts as -inf; backward routes each gradient to the FIRST maximal element of its
// window in row-major scan order (argmax recorded in forward).
// Average: count_include_pad = True, so every window divides by K*K.
// Must not depend on Qt.
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Pool final : public Layer<T> {
 public:
  explicit Pool(const PoolConfig& config);
  const char* kind() const override;
  Shape outputShape(const Shape& in) const override;
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  const PoolConfig& config() const { return config_; }

 private:
  PoolConfig config_;
  std::vector<int> argmax_;  // max pool: per output element, the index of its input in the sample
};

}  // namespace normlab
