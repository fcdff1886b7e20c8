// 2-D convolution (PyTorch nn.Conv2d: square kernel, stride, zero padding, optional bias),
// computed as im2col + GEMM per image.
//   x, dx: N x Cin x H x W     y, dy: N x Cout x Ho x Wo,  Ho = (H + 2P - K) / S + 1
//   weight: Cout x Cin x K x K (PyTorch layout)   bias: Cout
// Must not depend on Qt.
#pragma once

#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

template <typename T>
class Conv2d final : public Layer<T> {
 public:
  explicit Conv2d(const Conv2dConfig& config);
  const char* kind() const override { return "conv2d"; }
  Shape outputShape(const Shape& in) const override;
  void plan(const Shape& in, int maxBatch) override;
  void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) override;
  void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                const StepContext& ctx) override;
  std::vector<Param<T>*> params() override;
  const Conv2dConfig& config() const { return config_; }

 private:
  // True when col_n is x_n itself (1x1 kernel, stride 1, no padding): no im2col needed.
  bool directCol() const { return config_.kernel == 1 && config_.stride == 1 && config_.padding == 0; }

  Conv2dConfig config_;
  Param<T> weight_, bias_;
  int rows_ = 0;  // Cin*K*K: the GEMM inner dimension
  int cols_ = 0;  // Ho*Wo
  std::vector<T> col_;     // per part: one image's col (Cin*K*K x Ho*Wo), reused for dcol in backward
  std::vector<T> dW_;      // per part: partial weight gradient (Cout x Cin*K*K)
  std::vector<T> db_;      // per part: partial bias gradient (Cout)
};

}  // namespace normlab
