#include "core/layers/flatten.h"

#include <cstring>

#include "core/base/partition.h"

namespace normlab {

// in: C x H x W -> C*H*W.
template <typename T>
Shape Flatten<T>::outputShape(const Shape& in) const {
  if (in.c < 1 || in.h < 1 || in.w < 1) throw NormLabError(this->where() + "input " + in.str() + " is empty");
  return {in.size(), 1, 1};
}

// Copies x: N x C x H x W -> y: N x (C*H*W) (same memory order).
template <typename T>
void Flatten<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    std::memcpy(y.sample(r.begin), x.sample(r.begin), sizeof(T) * std::size_t(r.size()) * x.sampleSize());
  });
}

// Copies dy: N x (C*H*W) -> dx: N x C x H x W (skipped when dx is null).
template <typename T>
void Flatten<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                          const StepContext& ctx) {
  if (dx.empty()) return;
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    std::memcpy(dx.sample(r.begin), dy.sample(r.begin), sizeof(T) * std::size_t(r.size()) * x.sampleSize());
  });
}

template <typename T>
LayerPtr<T> makeFlatten() {
  return std::make_unique<Flatten<T>>();
}

template class Flatten<float>;
template class Flatten<double>;
template LayerPtr<float> makeFlatten<float>();
template LayerPtr<double> makeFlatten<double>();

}  // namespace normlab
