// Inverted dropout, forward and backward side by side (see dropout.h).
#include "core/layers/dropout.h"

#include <algorithm>
#include <sstream>

#include "core/base/partition.h"
#include "core/base/random.h"

namespace normlab {

template <typename T>
Dropout<T>::Dropout(const DropoutConfig& config) : config_(config) {
  check();
}

// p is the probability of zeroing; p = 1 would zero everything and divide by zero.
template <typename T>
void Dropout<T>::check() const {
  if (!(config_.p >= 0.0 && config_.p < 1.0)) {
    std::ostringstream s;
    s << this->where() << "dropout probability p = " << config_.p << " must be in [0, 1)";
    throw NormLabError(s.str());
  }
}

// in: C x H x W per sample; mask: maxBatch x C x H x W.
template <typename T>
void Dropout<T>::plan(const Shape& in, int maxBatch) {
  check();
  Layer<T>::plan(in, maxBatch);
  mask_.assign(std::size_t(maxBatch) * std::size_t(in.size()), T(1));
}

// x, y: N x C x H x W. Train: y = x * mask, mask[i] = [u_i >= p] / (1 - p); Eval: y = x.
template <typename T>
void Dropout<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) {
  lastMode_ = mode;
  const int parts = batchParts(x.n);
  const std::size_t sampleSize = std::size_t(x.sampleSize());
  if (mode == Mode::Eval || config_.p == 0.0) {
    // Identity; in Train mode with p = 0 every unit is kept with scale exactly 1.
    if (mode == Mode::Train) std::fill(mask_.begin(), mask_.begin() + x.size(), T(1));
    ctx.pool->run(parts, [&](int p) {
      const Range r = partRange(x.n, parts, p);
      const std::size_t offset = std::size_t(r.begin) * sampleSize;
      std::copy(x.data + offset, x.data + offset + std::size_t(r.size()) * sampleSize, y.data + offset);
    });
    return;
  }
  const double drop = config_.p;
  const T scale = T(1.0 / (1.0 - drop));
  const std::uint64_t key =
      streamKey(ctx.seed, Purpose::Dropout, std::uint64_t(ctx.step), hashName(this->name()));
  // Keep with probability 1 - p: the unit survives when its uniform draw is at least p.
  applyScales(x, y, ctx, [&](std::size_t i) { return double(uniformAt(key, i)) >= drop ? scale : T(0); });
}

// x, keep, y: N x C x H x W. y = x * keep * (1 / (1 - p)): the scale is rounded once to T, as in
// forward() (and in PyTorch, whose noise tensor holds 1/(1-p)).
template <typename T>
void Dropout<T>::forwardWithMask(const Tensor<T>& x, const Tensor<T>& keep, Tensor<T>& y,
                                 const StepContext& ctx) {
  if (keep.n != x.n || !(keep.shape == x.shape)) {
    std::ostringstream s;
    s << this->where() << "the keep mask is " << keep.n << " x " << keep.shape.str() << " but the input is "
      << x.n << " x " << x.shape.str();
    throw NormLabError(s.str());
  }
  if (x.size() > mask_.size()) {
    std::ostringstream s;
    s << this->where() << "a batch of " << x.n << " x " << x.shape.str() << " does not fit the plan (" << this->maxBatch()
      << " x " << this->inputShape().str() << "): call plan() first";
    throw NormLabError(s.str());
  }
  for (std::size_t i = 0; i < keep.size(); ++i)
    if (keep.data[i] != T(0) && keep.data[i] != T(1)) {
      std::ostringstream s;
      s << this->where() << "keep mask entry " << i << " is " << keep.data[i] << ", not 0 (drop) or 1 (keep)";
      throw NormLabError(s.str());
    }
  lastMode_ = Mode::Train;
  const T scale = T(1.0 / (1.0 - config_.p));
  applyScales(x, y, ctx, [&](std::size_t i) { return keep.data[i] * scale; });
}

// x, y: N x C x H x W; mask_[i] = scaleAt(i), y[i] = x[i] * mask_[i].
template <typename T>
template <typename ScaleAt>
void Dropout<T>::applyScales(const Tensor<T>& x, Tensor<T>& y, const StepContext& ctx, ScaleAt scaleAt) {
  const int parts = batchParts(x.n);
  const std::size_t sampleSize = std::size_t(x.sampleSize());
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    const std::size_t begin = std::size_t(r.begin) * sampleSize;
    const std::size_t end = std::size_t(r.end) * sampleSize;
    for (std::size_t i = begin; i < end; ++i) {
      const T m = scaleAt(i);
      mask_[i] = m;
      y.data[i] = x.data[i] * m;
    }
  });
}

// dy, dx: N x C x H x W. Train: dx = dy * mask; Eval: dx = dy.
template <typename T>
void Dropout<T>::backward(const Tensor<T>&, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                          const StepContext& ctx) {
  if (dx.empty()) return;
  const int parts = batchParts(dy.n);
  const std::size_t sampleSize = std::size_t(dy.sampleSize());
  const bool identity = lastMode_ == Mode::Eval;
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(dy.n, parts, p);
    const std::size_t begin = std::size_t(r.begin) * sampleSize;
    const std::size_t end = std::size_t(r.end) * sampleSize;
    if (identity) {
      std::copy(dy.data + begin, dy.data + end, dx.data + begin);
    } else {
      for (std::size_t i = begin; i < end; ++i) dx.data[i] = dy.data[i] * mask_[i];
    }
  });
}

template <typename T>
LayerPtr<T> makeDropout(const DropoutConfig& config) {
  return std::make_unique<Dropout<T>>(config);
}

template class Dropout<float>;
template class Dropout<double>;
template LayerPtr<float> makeDropout<float>(const DropoutConfig&);
template LayerPtr<double> makeDropout<double>(const DropoutConfig&);

}  // namespace normlab
