// Losses: softmax cross-entropy (mean over the batch, max-subtracted log-sum-exp) and mean
// squared error (mean over all elements, like F.mse_loss), against one-hot targets from labels
// or against a real-valued target tensor. Must not depend on Qt.
#pragma once

#include <memory>
#include <type_traits>

#include "core/base/tensor.h"

namespace normlab {

enum class LossKind { CrossEntropy, MeanSquaredError };

template <typename T>
class Loss {
 public:
  virtual ~Loss() = default;
  virtual const char* kind() const = 0;
  // pred: N x C (C classes). labels: N class indices in [0, C). Returns the mean loss; when grad
  // is non-null writes dL/dpred into it (same shape as pred, overwritten). Computed in double.
  virtual double evaluate(const Tensor<T>& pred, const int* labels, Tensor<T>* grad) const = 0;
};

template <typename T> std::unique_ptr<Loss<T>> makeLoss(LossKind kind);

// Mean squared error against a real-valued target (PyTorch nn.MSELoss, reduction='mean'):
//   L = 1/numel sum_i (pred_i - target_i)^2      dL/dpred_i = 2 (pred_i - target_i) / numel
//   pred, target, grad: N x C x H x W (numel elements; any shape, the same for all three)
// Computed in double; when grad is non-null it is overwritten. An empty tensor gives NaN (the mean
// of nothing, as in PyTorch). Throws NormLabError naming both shapes when target's or grad's
// shape differs from pred's: PyTorch would broadcast with a warning; here it is an error.
// (grad is not deduced, so that a literal nullptr may be passed.)
template <typename T>
double meanSquaredError(const Tensor<T>& pred, const Tensor<T>& target,
                        std::type_identity_t<Tensor<T>>* grad = nullptr);

// Number of rows whose arg-max (first maximum) equals the label.
template <typename T> int countCorrect(const Tensor<T>& pred, const int* labels);

}  // namespace normlab
