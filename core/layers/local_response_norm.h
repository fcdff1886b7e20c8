// Local response norm across channels (PyTorch nn.LocalResponseNorm). No parameters.
// Must not depend on Qt.
//   x, y, dx, dy: N x C x H x W (dense N x C works too: one pixel)
//   b_c = a_c / scale_c^beta,  scale_c = k + alpha/n * sum_{c' = c - n/2}^{c + (n-1)/2} a_{c'}^2
// with channels outside [0, C-1] counting as zero and the divisor always n (= lrnSize); for even n
// the window has n/2 channels before c and n/2 - 1 after (PyTorch pads n/2 before, (n-1)/2 after).
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class LocalResponseNorm final : public Layer<T> {
 public:
  explicit LocalResponseNorm(const NormConfig& config);
  const char* kind() const override { return "local_response_norm"; }
  Shape outputShape(const Shape& in) const override;
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  const NormConfig& config() const { return config_; }

 private:
  NormConfig config_;
  std::vector<T> scale_;    // N x C x H x W: k + alpha/n * window sum, cached for backward
  std::vector<T> power_;    // N x C x H x W: scale^-beta (the one pow per element)
  std::vector<double> window_;  // P x H*W running window sums, one row per part
};

}  // namespace normlab
