// Fully connected layer (PyTorch nn.Linear): y = x W^T + b on the flattened sample.
//   x, dx: N x C x H x W, read as N x in with in = C*H*W in C,H,W order
//   y, dy: N x out      weight: out x in      bias: out
// Must not depend on Qt.
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Dense final : public Layer<T> {
 public:
  explicit Dense(const DenseConfig& config);
  const char* kind() const override { return "dense"; }
  Shape outputShape(const Shape& in) const override;
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  std::vector<Param<T>*> params() override;
  const DenseConfig& config() const { return config_; }

 private:
  DenseConfig config_;
  Param<T> weight_, bias_;
};

}  // namespace normlab
