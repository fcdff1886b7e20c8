#include "core/layers/pool.h"

#include <algorithm>
#include <cmath>

#include "core/base/partition.h"
#include "core/base/sliding_window.h"

namespace normlab {

namespace {

// Fast path of the bench-net pools (K = 2, S = 2, P = 0), one sample: x: C x H x W -> y, argmax:
// C x Ho x Wo. Scan order a b / c d; strict comparisons keep the first maximum.
template <typename T>
void maxPool2x2(const T* x, const Shape& in, const Shape& out, T* y, int* arg) {
  const int channels = in.c, w = in.w, h = in.h, ho = out.h, wo = out.w;  // locals: arg may alias
  for (int c = 0; c < channels; ++c)
    for (int oy = 0; oy < ho; ++oy) {
      const int rowOffset = (c * h + 2 * oy) * w;
      const T* __restrict r0 = x + rowOffset;
      const T* __restrict r1 = r0 + w;
      T* __restrict yo = y + (c * ho + oy) * wo;
      int* __restrict ao = arg + (c * ho + oy) * wo;
      for (int ox = 0; ox < wo; ++ox) {
        const T a = r0[2 * ox], b = r0[2 * ox + 1], cc = r1[2 * ox], d = r1[2 * ox + 1];
        // Offsets within the window as arithmetic on the comparison bits (int selects become
        // branches, which random data mispredicts; this form vectorizes): 0 (a), 1 (b), w (c),
        // w + 1 (d). std::max(p, q) keeps p on ties, so the earlier element wins.
        const int gb = int(b > a);
        const T m1 = std::max(a, b);
        const int gc = int(cc > m1);
        const T m2 = std::max(m1, cc);
        const int gd = int(d > m2);
        yo[ox] = std::max(m2, d);
        const int i2 = gb + gc * (w - gb);
        ao[ox] = rowOffset + 2 * ox + i2 + gd * (w + 1 - i2);
      }
    }
}

}  // namespace

template <typename T>
Pool<T>::Pool(const PoolConfig& config) : config_(config) {
  if (config.kernel < 1 || config.stride < 1 || config.padding < 0 || config.padding > config.kernel / 2)
    throw NormLabError(std::string(kind()) + ": invalid configuration (kernel " + std::to_string(config.kernel) +
                       ", stride " + std::to_string(config.stride) + ", padding " +
                       std::to_string(config.padding) +
                       "): need kernel, stride >= 1 and 0 <= padding <= kernel / 2");
}

template <typename T>
const char* Pool<T>::kind() const {
  return config_.kind == PoolKind::Max ? "max_pool" : "avg_pool";
}

// in: C x H x W -> C x Ho x Wo (floor mode).
template <typename T>
Shape Pool<T>::outputShape(const Shape& in) const {
  return slidingWindowShape(in, in.c, config_.kernel, config_.stride, config_.padding, this->where());
}

// Argmax scratch: maxBatch x C x Ho x Wo indices (max pool only).
template <typename T>
void Pool<T>::plan(const Shape& in, int maxBatch) {
  if (maxBatch < 1) throw NormLabError(this->where() + "maximum batch " + std::to_string(maxBatch) + " < 1");
  Layer<T>::plan(in, maxBatch);
  argmax_.assign(config_.kind == PoolKind::Max ? std::size_t(maxBatch) * this->outShape_.size() : 0, 0);
}

// x: N x C x H x W -> y: N x C x Ho x Wo. Windows are clamped to the image: padding never wins a
// max (it is -inf) and adds zero to an average (which still divides by K*K).
template <typename T>
void Pool<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const Shape in = this->inShape_, out = this->outShape_;
  const int k = config_.kernel, s = config_.stride, pad = config_.padding;
  const bool isMax = config_.kind == PoolKind::Max;
  const T inv = T(1) / T(k * k);
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    for (int i = r.begin; i < r.end; ++i) {
      const T* src = x.sample(i);
      T* dst = y.sample(i);
      int* arg = argmax_.data() + std::size_t(i) * out.size();
      if (isMax && k == 2 && s == 2 && pad == 0) {
        maxPool2x2(src, in, out, dst, arg);
        continue;
      }
      for (int c = 0; c < in.c; ++c) {
        const int planeOffset = c * in.spatial();
        const T* plane = src + planeOffset;
        for (int oy = 0; oy < out.h; ++oy) {
          const int y0 = std::max(oy * s - pad, 0), y1 = std::min(oy * s - pad + k, in.h);
          for (int ox = 0; ox < out.w; ++ox) {
            const int x0 = std::max(ox * s - pad, 0), x1 = std::min(ox * s - pad + k, in.w);
            const int o = (c * out.h + oy) * out.w + ox;
            if (isMax) {
              int best = y0 * in.w + x0;
              T bestValue = plane[best];
              for (int yy = y0; yy < y1; ++yy)
                for (int xx = x0; xx < x1; ++xx) {
                  const T v = plane[yy * in.w + xx];
                  if (v > bestValue) {  // strict: the first maximum wins (PyTorch)
                    bestValue = v;
                    best = yy * in.w + xx;
                  }
                }
              dst[o] = bestValue;
              arg[o] = planeOffset + best;
            } else {
              T sum = T(0);
              for (int yy = y0; yy < y1; ++yy)
                for (int xx = x0; xx < x1; ++xx) sum += plane[yy * in.w + xx];
              dst[o] = sum * inv;
            }
          }
        }
      }
    }
  });
}

// dy: N x C x Ho x Wo -> dx: N x C x H x W (overwritten; skipped when null).
//   max: dx[argmax] += dy     average: dx[window] += dy / (K*K)
template <typename T>
void Pool<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                       const StepContext& ctx) {
  if (dx.empty()) return;
  const Shape in = this->inShape_, out = this->outShape_;
  const int k = config_.kernel, s = config_.stride, pad = config_.padding;
  const bool isMax = config_.kind == PoolKind::Max;
  const T inv = T(1) / T(k * k);
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    for (int i = r.begin; i < r.end; ++i) {
      const T* g = dy.sample(i);
      T* d = dx.sample(i);
      std::fill(d, d + in.size(), T(0));
      if (isMax) {
        const int* arg = argmax_.data() + std::size_t(i) * out.size();
        for (int o = 0; o < out.size(); ++o) d[arg[o]] += g[o];
        continue;
      }
      for (int c = 0; c < in.c; ++c) {
        T* plane = d + c * in.spatial();
        for (int oy = 0; oy < out.h; ++oy) {
          const int y0 = std::max(oy * s - pad, 0), y1 = std::min(oy * s - pad + k, in.h);
          for (int ox = 0; ox < out.w; ++ox) {
            const int x0 = std::max(ox * s - pad, 0), x1 = std::min(ox * s - pad + k, in.w);
            const T share = g[(c * out.h + oy) * out.w + ox] * inv;
            for (int yy = y0; yy < y1; ++yy)
              for (int xx = x0; xx < x1; ++xx) plane[yy * in.w + xx] += share;
          }
        }
      }
    }
  });
}

template <typename T>
LayerPtr<T> makePool(const PoolConfig& config) {
  return std::make_unique<Pool<T>>(config);
}

template class Pool<float>;
template class Pool<double>;
template LayerPtr<float> makePool<float>(const PoolConfig&);
template LayerPtr<double> makePool<double>(const PoolConfig&);

}  // namespace normlab
