// Losses: softmax cross-entropy (mean over the batch, max-subtracted log-sum-exp) and mean
// squared error against one-hot targets (mean over all N x C elements, like F.mse_loss).
// Must not depend on Qt.
#pragma once

#include <memory>

#include "tensor.h"

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

// Number of rows whose arg-max (first maximum) equals the label.
template <typename T> int countCorrect(const Tensor<T>& pred, const int* labels);

}  // namespace normlab
