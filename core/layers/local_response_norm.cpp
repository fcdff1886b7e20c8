// Local response norm across channels: forward with a running window sum over channels per pixel
// (one pow per element), analytic backward reusing the cached scale^-beta. Must not depend on Qt.
#include "core/layers/local_response_norm.h"

#include <algorithm>
#include <cmath>

#include "core/base/partition.h"

namespace normlab {

template <typename T>
LocalResponseNorm<T>::LocalResponseNorm(const NormConfig& config) : config_(config) {}

// in: C x H x W -> same.
template <typename T>
Shape LocalResponseNorm<T>::outputShape(const Shape& in) const {
  if (in.c < 1 || in.h < 1 || in.w < 1)
    throw NormLabError(this->where() + "local response norm needs a non-empty input; got " + in.str());
  if (config_.lrnSize < 1)
    throw NormLabError(this->where() + "local response norm size must be >= 1; got " + std::to_string(config_.lrnSize));
  return in;
}

// in: C x H x W; caches N x C x H x W for maxBatch samples; window sums P x H*W.
template <typename T>
void LocalResponseNorm<T>::plan(const Shape& in, int maxBatch) {
  if (maxBatch < 1) throw NormLabError(this->where() + "maxBatch must be >= 1; got " + std::to_string(maxBatch));
  Layer<T>::plan(in, maxBatch);
  scale_.assign(std::size_t(maxBatch) * in.size(), T(0));
  power_.assign(scale_.size(), T(0));
  window_.assign(std::size_t(kMaxBatchParts) * in.spatial(), 0.0);
}

// x, y: N x C x H x W. Per sample, the window sum over channels slides along c for all pixels:
// window(c) = [c - n/2, c + (n-1)/2]; entering channel c + (n-1)/2 + 1, leaving channel c - n/2.
template <typename T>
void LocalResponseNorm<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  if (x.n < 1 || x.n > this->maxBatch_ || !(x.shape == this->inShape_))
    throw NormLabError(this->where() + "input " + std::to_string(x.n) + " x " + x.shape.str() +
                       " does not match the planned " + this->inShape_.str());
  const int C = x.shape.c, S = x.shape.spatial(), n = config_.lrnSize;
  const int before = n / 2, after = (n - 1) / 2;
  const double k = config_.lrnK, alphaN = config_.lrnAlpha / n;
  const T minusBeta = T(-config_.lrnBeta);
  const bool beta075 = config_.lrnBeta == 0.75;  // the default and bench-net's
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    double* sum = window_.data() + std::size_t(p) * S;
    for (int i = r.begin; i < r.end; ++i) {
      std::fill(sum, sum + S, 0.0);
      for (int c = 0; c <= std::min(C - 1, after); ++c) {  // window of channel 0: [-n/2, (n-1)/2]
        const T* a = x.channel(i, c);
        for (int j = 0; j < S; ++j) sum[j] += double(a[j]) * double(a[j]);
      }
      for (int c = 0; c < C; ++c) {
        const std::size_t off = (std::size_t(i) * C + c) * S;
        const T* a = x.data + off;
        T* b = y.data + off;
        T* sc = scale_.data() + off;
        T* pw = power_.data() + off;
        for (int j = 0; j < S; ++j) sc[j] = T(k + alphaN * sum[j]);
        if (beta075) {  // scale^-0.75 = 1 / (sqrt(scale) * sqrt(sqrt(scale))): vectorizes, unlike pow
          for (int j = 0; j < S; ++j) {
            const T root = std::sqrt(sc[j]);
            pw[j] = T(1) / (root * std::sqrt(root));
          }
        } else {
          for (int j = 0; j < S; ++j) pw[j] = std::pow(sc[j], minusBeta);
        }
        for (int j = 0; j < S; ++j) b[j] = a[j] * pw[j];
        if (c + after + 1 < C) {
          const T* in = x.channel(i, c + after + 1);
          for (int j = 0; j < S; ++j) sum[j] += double(in[j]) * double(in[j]);
        }
        if (c - before >= 0) {
          const T* out = x.channel(i, c - before);
          for (int j = 0; j < S; ++j) sum[j] -= double(out[j]) * double(out[j]);
        }
      }
    }
  });
}

// x, dy, dx: N x C x H x W. With p_c = scale_c^-beta (cached) and b_c = a_c p_c:
//   d b_c / d a_j = p_j [c = j] - 2 alpha beta / n * a_c p_c / scale_c * a_j   for j in window(c)
//   dx_j = dy_j p_j - 2 alpha beta / n * a_j * sum_{c : j in window(c)} dy_c a_c p_c / scale_c
// where j in window(c) <=> c in [j - (n-1)/2, j + n/2] (the transposed window, which differs from
// window(j) for even n). That sum slides along j like the forward one; no pow is needed.
template <typename T>
void LocalResponseNorm<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                                    const StepContext& ctx) {
  if (dx.empty()) return;
  const int C = x.shape.c, S = x.shape.spatial(), n = config_.lrnSize;
  const int before = n / 2, after = (n - 1) / 2;
  const double factor = 2.0 * config_.lrnAlpha * config_.lrnBeta / n;
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    double* sum = window_.data() + std::size_t(p) * S;
    // t_c = dy_c a_c p_c / scale_c at every pixel of channel c, added to / removed from `sum`.
    auto addTerm = [&](int i, int c, double sign) {
      const std::size_t off = (std::size_t(i) * C + c) * S;
      const T* a = x.data + off;
      const T* g = dy.data + off;
      const T* sc = scale_.data() + off;
      const T* pw = power_.data() + off;
      for (int j = 0; j < S; ++j)
        sum[j] += sign * (double(g[j]) * double(a[j]) * double(pw[j]) / double(sc[j]));
    };
    for (int i = r.begin; i < r.end; ++i) {
      std::fill(sum, sum + S, 0.0);
      for (int c = 0; c <= std::min(C - 1, before); ++c) addTerm(i, c, 1.0);  // channel 0: [-(n-1)/2, n/2]
      for (int c = 0; c < C; ++c) {
        const std::size_t off = (std::size_t(i) * C + c) * S;
        const T* a = x.data + off;
        const T* g = dy.data + off;
        const T* pw = power_.data() + off;
        T* d = dx.data + off;
        for (int j = 0; j < S; ++j)
          d[j] = T(double(g[j]) * double(pw[j]) - factor * double(a[j]) * sum[j]);
        if (c + before + 1 < C) addTerm(i, c + before + 1, 1.0);
        if (c - after >= 0) addTerm(i, c - after, -1.0);
      }
    }
  });
}

template class LocalResponseNorm<float>;
template class LocalResponseNorm<double>;

}  // namespace normlab
