// Losses: softmax cross-entropy, mean squared error against one-hot targets or a target tensor,
// and the arg-max hit count. All arithmetic in double whatever T is. Must not depend on Qt.
#include "core/layers/loss.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/base/error.h"

namespace normlab {
namespace {

// labels: N. Throws NormLabError naming the loss, the sample and the label if any is outside [0, C).
void checkLabels(const char* who, const int* labels, int n, int classes) {
  for (int i = 0; i < n; ++i)
    if (labels[i] < 0 || labels[i] >= classes)
      throw NormLabError(std::string(who) + ": label " + std::to_string(labels[i]) + " of sample " +
                         std::to_string(i) + " is out of range [0, " + std::to_string(classes) + ")");
}

// L = 1/N sum_n (logsumexp(z_n) - z_n[label_n]), logsumexp with the row maximum subtracted.
// dL/dz_n = (softmax(z_n) - onehot(label_n)) / N.
template <typename T>
class CrossEntropy final : public Loss<T> {
 public:
  const char* kind() const override { return "cross_entropy"; }
  // pred, grad: N x C; labels: N.
  double evaluate(const Tensor<T>& pred, const int* labels, Tensor<T>* grad) const override {
    const int n = pred.n, classes = pred.sampleSize();
    checkLabels(kind(), labels, n, classes);
    if (n == 0) return 0.0;
    const double invN = 1.0 / double(n);
    double total = 0.0;
    for (int i = 0; i < n; ++i) {
      const T* z = pred.sample(i);
      double m = double(z[0]);
      for (int c = 1; c < classes; ++c) m = std::max(m, double(z[c]));
      double sum = 0.0;
      for (int c = 0; c < classes; ++c) sum += std::exp(double(z[c]) - m);
      // logsumexp(z) - z_label = (log(sum) + m) - z_label, regrouped so that large logits cancel
      // exactly: log(sum) + (m - z_label).
      total += std::log(sum) + (m - double(z[labels[i]]));
      if (grad) {
        T* g = grad->sample(i);
        const double invSum = 1.0 / sum;
        for (int c = 0; c < classes; ++c) {
          const double softmax = std::exp(double(z[c]) - m) * invSum;
          g[c] = T((softmax - (c == labels[i] ? 1.0 : 0.0)) * invN);
        }
      }
    }
    return total * invN;
  }
};

// pred, grad: N x C x H x W (numel elements); target(i) is element i's target. Returns
// 1/numel sum_i (pred_i - target_i)^2 and writes dL/dpred_i = 2 (pred_i - target_i) / numel.
template <typename T, typename TargetAt>
double meanOfSquaredErrors(const Tensor<T>& pred, TargetAt target, Tensor<T>* grad) {
  const std::size_t count = pred.size();
  const double invCount = 1.0 / double(count);
  double total = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double d = double(pred.data[i]) - target(i);
    total += d * d;
    if (grad) grad->data[i] = T(2.0 * d * invCount);
  }
  return total * invCount;
}

// L = 1/(N C) sum_{n,c} (pred - onehot)^2 (F.mse_loss, mean reduction); dL/dpred = 2 (pred - onehot) / (N C).
template <typename T>
class MeanSquaredError final : public Loss<T> {
 public:
  const char* kind() const override { return "mse"; }
  // pred, grad: N x C; labels: N.
  double evaluate(const Tensor<T>& pred, const int* labels, Tensor<T>* grad) const override {
    const int n = pred.n, classes = pred.sampleSize();
    checkLabels(kind(), labels, n, classes);
    if (n == 0 || classes == 0) return 0.0;
    const std::size_t c = std::size_t(classes);
    return meanOfSquaredErrors(pred, [&](std::size_t i) { return labels[i / c] == int(i % c) ? 1.0 : 0.0; }, grad);
  }
};

template <typename T>
void requireSameShape(const Tensor<T>& pred, const Tensor<T>& other, const char* what) {
  if (other.n != pred.n || !(other.shape == pred.shape))
    throw NormLabError(std::string("mse: ") + what + " is " + std::to_string(other.n) + " x " + other.shape.str() +
                       " but the prediction is " + std::to_string(pred.n) + " x " + pred.shape.str() +
                       " (the shapes must be equal; no broadcasting)");
}

}  // namespace

// pred, target, grad: N x C x H x W.
template <typename T>
double meanSquaredError(const Tensor<T>& pred, const Tensor<T>& target, std::type_identity_t<Tensor<T>>* grad) {
  requireSameShape(pred, target, "the target");
  if (grad) requireSameShape(pred, *grad, "the gradient");
  return meanOfSquaredErrors(pred, [&](std::size_t i) { return double(target.data[i]); }, grad);
}

template <typename T>
std::unique_ptr<Loss<T>> makeLoss(LossKind kind) {
  switch (kind) {
    case LossKind::CrossEntropy: return std::make_unique<CrossEntropy<T>>();
    case LossKind::MeanSquaredError: return std::make_unique<MeanSquaredError<T>>();
  }
  throw NormLabError("unknown loss kind " + std::to_string(int(kind)));
}

// pred: N x C; labels: N. The first maximum wins ties (like torch.argmax); a row containing NaN
// never counts as correct (a diverged network has no meaningful prediction).
template <typename T>
int countCorrect(const Tensor<T>& pred, const int* labels) {
  const int n = pred.n, classes = pred.sampleSize();
  checkLabels("accuracy", labels, n, classes);
  int correct = 0;
  for (int i = 0; i < n; ++i) {
    const T* z = pred.sample(i);
    bool nan = false;
    int best = 0;
    for (int c = 0; c < classes; ++c) {
      if (std::isnan(z[c])) nan = true;
      if (z[c] > z[best]) best = c;
    }
    if (!nan && best == labels[i]) ++correct;
  }
  return correct;
}

template double meanSquaredError<float>(const Tensor<float>&, const Tensor<float>&, Tensor<float>*);
template double meanSquaredError<double>(const Tensor<double>&, const Tensor<double>&, Tensor<double>*);
template std::unique_ptr<Loss<float>> makeLoss<float>(LossKind);
template std::unique_ptr<Loss<double>> makeLoss<double>(LossKind);
template int countCorrect<float>(const Tensor<float>&, const int*);
template int countCorrect<double>(const Tensor<double>&, const int*);

}  // namespace normlab
