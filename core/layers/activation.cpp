#include "core/layers/activation.h"

#include <cmath>

#include "core/base/partition.h"

namespace normlab {

template <typename T>
const char* Activation<T>::kind() const {
  switch (config_.kind) {
    case ActivationKind::ReLU: return "relu";
    case ActivationKind::LeakyReLU: return "leaky_relu";
    case ActivationKind::Sigmoid: return "sigmoid";
    case ActivationKind::Tanh: return "tanh";
  }
  return "activation";
}

template <typename T>
void Activation<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const int parts = batchParts(x.n);
  const T slope = T(config_.negativeSlope);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    const T* in = x.sample(r.begin);
    T* out = y.sample(r.begin);
    const std::size_t count = std::size_t(r.size()) * x.sampleSize();
    switch (config_.kind) {
      case ActivationKind::ReLU:
        for (std::size_t i = 0; i < count; ++i) out[i] = in[i] > T(0) ? in[i] : T(0);
        break;
      case ActivationKind::LeakyReLU:
        for (std::size_t i = 0; i < count; ++i) out[i] = in[i] > T(0) ? in[i] : slope * in[i];
        break;
      case ActivationKind::Sigmoid:
        for (std::size_t i = 0; i < count; ++i) out[i] = T(1) / (T(1) + std::exp(-in[i]));
        break;
      case ActivationKind::Tanh:
        for (std::size_t i = 0; i < count; ++i) out[i] = std::tanh(in[i]);
        break;
    }
  });
}

// d/dx relu = [x > 0]; leaky: [x > 0] + slope [x <= 0]; sigmoid: y (1 - y); tanh: 1 - y^2.
template <typename T>
void Activation<T>::backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy,
                             Tensor<T>& dx, const StepContext& ctx) {
  if (dx.empty()) return;
  const int parts = batchParts(x.n);
  const T slope = T(config_.negativeSlope);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    const std::size_t offset = std::size_t(r.begin) * x.sampleSize();
    const std::size_t count = std::size_t(r.size()) * x.sampleSize();
    const T* in = x.data + offset;
    const T* out = y.data + offset;
    const T* g = dy.data + offset;
    T* d = dx.data + offset;
    // g[i] is read whatever the sign of x: a load only on one side of the condition keeps the
    // loop scalar and branchy without AVX-512's masked loads (5x slower in the portable build).
    switch (config_.kind) {
      case ActivationKind::ReLU:
        for (std::size_t i = 0; i < count; ++i) {
          const T gi = g[i];
          d[i] = in[i] > T(0) ? gi : T(0);
        }
        break;
      case ActivationKind::LeakyReLU:
        for (std::size_t i = 0; i < count; ++i) {
          const T gi = g[i];
          d[i] = in[i] > T(0) ? gi : slope * gi;
        }
        break;
      case ActivationKind::Sigmoid:
        for (std::size_t i = 0; i < count; ++i) d[i] = g[i] * out[i] * (T(1) - out[i]);
        break;
      case ActivationKind::Tanh:
        for (std::size_t i = 0; i < count; ++i) d[i] = g[i] * (T(1) - out[i] * out[i]);
        break;
    }
  });
}

template <typename T>
LayerPtr<T> makeActivation(const ActivationConfig& config) {
  return std::make_unique<Activation<T>>(config);
}

template class Activation<float>;
template class Activation<double>;
template LayerPtr<float> makeActivation<float>(const ActivationConfig&);
template LayerPtr<double> makeActivation<double>(const ActivationConfig&);

}  // namespace normlab
