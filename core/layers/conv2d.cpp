#include "core/layers/conv2d.h"

#include <algorithm>
#include <cstring>

#include "core/base/fixed_order_sum.h"
#include "core/base/gemm.h"
#include "core/base/partition.h"
#include "core/base/sliding_window.h"

namespace normlab {

namespace {

template <typename T>
using Vec = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, 1>>;
template <typename T>
using CVec = Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>>;

// Floor division that is correct for negative numerators (d > 0).
int floorDiv(int a, int d) { return a >= 0 ? a / d : -((-a + d - 1) / d); }

// Geometry of one convolution; valid() gives, for kernel offset k, the output range [begin, end)
// whose input coordinate o*S - P + k falls inside [0, size).
struct Geometry {
  int c, h, w, k, s, p, ho, wo;
  Range valid(int kOff, int size, int outSize) const {
    const int begin = std::min(outSize, std::max(0, floorDiv(p - kOff + s - 1, s)));
    const int end = std::min(outSize, floorDiv(size - 1 + p - kOff, s) + 1);
    return {begin, std::max(begin, end)};
  }
};

// Rows of "same-width" stride-1 convolutions (Wo == W, e.g. 3x3 pad 1): output row oy + 1 starts
// exactly W input elements after output row oy, so a kernel row's valid rows form ONE contiguous
// block of the input plane (shifted by the kernel offset), except for the columns outside
// [vx.begin, vx.end) that wrap around to the neighbouring image row.
struct Block {
  std::size_t dst = 0, src = 0, count = 0;  // offsets in the col row and the input plane
};
inline Block sameWidthBlock(const Range& vy, const Range& vx, int w, int p, int ky, int kx) {
  if (vy.size() == 0 || vx.size() == 0) return {};
  const std::size_t dst = std::size_t(vy.begin) * w + vx.begin;
  const std::size_t end = std::size_t(vy.end - 1) * w + vx.end;
  return {dst, std::size_t(vy.begin - p + ky) * w + (vx.begin - p + kx), end - dst};
}

// Zeroes, in rows vy of a col row (Ho x Wo), the columns outside vx (at most P per side). Column by
// column with a stride: a per-row loop of one or two elements would become a memset call.
template <typename T>
void zeroWrappedColumns(T* row, const Range& vy, const Range& vx, int wo) {
  for (int ox = 0; ox < vx.begin; ++ox)
    for (int oy = vy.begin; oy < vy.end; ++oy) row[std::size_t(oy) * wo + ox] = T(0);
  for (int ox = vx.end; ox < wo; ++ox)
    for (int oy = vy.begin; oy < vy.end; ++oy) row[std::size_t(oy) * wo + ox] = T(0);
}

// x: C x H x W -> col: (C*K*K) x (Ho*Wo); row (c*K + ky)*K + kx, column oy*Wo + ox holds
// x[c][oy*S - P + ky][ox*S - P + kx] (zero outside the image).
template <typename T>
void im2col(const T* x, const Geometry& g, T* col) {
  const int cols = g.ho * g.wo;
  const bool sameWidth = g.s == 1 && g.wo == g.w;
  for (int kx = 0; kx < g.k; ++kx) {
    const Range vx = g.valid(kx, g.w, g.wo);
    for (int c = 0; c < g.c; ++c) {
      const T* plane = x + std::size_t(c) * g.h * g.w;
      for (int ky = 0; ky < g.k; ++ky) {
        T* row = col + std::size_t((c * g.k + ky) * g.k + kx) * cols;
        const Range vy = g.valid(ky, g.h, g.ho);
        if (vy.begin > 0) std::fill(row, row + std::size_t(vy.begin) * g.wo, T(0));
        if (vy.end < g.ho) std::fill(row + std::size_t(vy.end) * g.wo, row + cols, T(0));
        if (sameWidth) {
          const Block b = sameWidthBlock(vy, vx, g.w, g.p, ky, kx);
          std::copy_n(plane + b.src, b.count, row + b.dst);
          zeroWrappedColumns(row, vy, vx, g.wo);
          continue;
        }
        for (int oy = vy.begin; oy < vy.end; ++oy) {
          T* out = row + std::size_t(oy) * g.wo;
          std::fill(out, out + vx.begin, T(0));
          std::fill(out + vx.end, out + g.wo, T(0));
          if (vx.size() == 0) continue;
          const T* in = plane + std::size_t(oy * g.s - g.p + ky) * g.w + (vx.begin * g.s - g.p + kx);
          if (g.s == 1) {
            std::copy_n(in, vx.size(), out + vx.begin);
          } else {
            for (int i = 0; i < vx.size(); ++i) out[vx.begin + i] = in[std::size_t(i) * g.s];
          }
        }
      }
    }
  }
}

// Adjoint of im2col: dx (C x H x W) = sum of the col entries that read each input element.
// dx is overwritten; col is used as scratch (its wrapped columns are zeroed).
template <typename T>
void col2im(T* col, const Geometry& g, T* dx) {
  const int cols = g.ho * g.wo;
  const bool sameWidth = g.s == 1 && g.wo == g.w;
  std::fill(dx, dx + std::size_t(g.c) * g.h * g.w, T(0));
  for (int c = 0; c < g.c; ++c) {
    T* plane = dx + std::size_t(c) * g.h * g.w;
    for (int ky = 0; ky < g.k; ++ky) {
      const Range vy = g.valid(ky, g.h, g.ho);
      for (int kx = 0; kx < g.k; ++kx) {
        const Range vx = g.valid(kx, g.w, g.wo);
        T* row = col + std::size_t((c * g.k + ky) * g.k + kx) * cols;
        if (sameWidth) {
          zeroWrappedColumns(row, vy, vx, g.wo);  // they must add nothing
          const Block b = sameWidthBlock(vy, vx, g.w, g.p, ky, kx);
          T* __restrict out = plane + b.src;
          const T* __restrict in = row + b.dst;
          for (std::size_t i = 0; i < b.count; ++i) out[i] += in[i];
          continue;
        }
        for (int oy = vy.begin; oy < vy.end; ++oy) {
          if (vx.size() == 0) continue;
          const T* in = row + std::size_t(oy) * g.wo + vx.begin;
          T* out = plane + std::size_t(oy * g.s - g.p + ky) * g.w + (vx.begin * g.s - g.p + kx);
          if (g.s == 1) {
            for (int i = 0; i < vx.size(); ++i) out[i] += in[i];
          } else {
            for (int i = 0; i < vx.size(); ++i) out[std::size_t(i) * g.s] += in[i];
          }
        }
      }
    }
  }
}

}  // namespace

// Config check only; parameters come in plan() once Cin is known.
template <typename T>
Conv2d<T>::Conv2d(const Conv2dConfig& config) : config_(config) {
  if (config.outChannels < 1 || config.kernel < 1 || config.stride < 1 || config.padding < 0)
    throw NormLabError("conv2d: invalid configuration (out channels " + std::to_string(config.outChannels) +
                       ", kernel " + std::to_string(config.kernel) + ", stride " +
                       std::to_string(config.stride) + ", padding " + std::to_string(config.padding) +
                       "): need out channels, kernel, stride >= 1 and padding >= 0");
}

// in: Cin x H x W -> Cout x Ho x Wo.
template <typename T>
Shape Conv2d<T>::outputShape(const Shape& in) const {
  return slidingWindowShape(in, config_.outChannels, config_.kernel, config_.stride, config_.padding, this->where());
}

// Creates weight (Cout x Cin x K x K) and bias (Cout) if Cin changed; scratch per part for maxBatch.
template <typename T>
void Conv2d<T>::plan(const Shape& in, int maxBatch) {
  if (maxBatch < 1) throw NormLabError(this->where() + "maximum batch " + std::to_string(maxBatch) + " < 1");
  Layer<T>::plan(in, maxBatch);
  const int k = config_.kernel, cout = config_.outChannels;
  rows_ = in.c * k * k;
  cols_ = this->outShape_.spatial();
  if (weight_.dims != std::vector<int>{cout, in.c, k, k}) {
    weight_ = Param<T>("weight", ParamRole::Weight, {cout, in.c, k, k}, rows_, cout * k * k);
    if (config_.bias) bias_ = Param<T>("bias", ParamRole::Bias, {cout}, rows_, cout * k * k);
  }
  const int parts = batchParts(maxBatch);
  col_.assign(directCol() ? 0 : std::size_t(parts) * rows_ * cols_, T(0));
  dW_.assign(std::size_t(parts) * cout * rows_, T(0));
  db_.assign(std::size_t(parts) * cout, T(0));
}

template <typename T>
std::vector<Param<T>*> Conv2d<T>::params() {
  std::vector<Param<T>*> out;
  if (!weight_.value.empty()) out.push_back(&weight_);
  if (!bias_.value.empty()) out.push_back(&bias_);
  return out;
}

// x: N x Cin x H x W -> y: N x Cout x Ho x Wo.
//   Y_n [Cout x HoWo] = W [Cout x CinKK] * col_n [CinKK x HoWo] + b (per row)
//
//              CinKK               HoWo                    HoWo
//          +---------+        +-----------+           +-----------+
//     Cout |    W    |   x    |           |  =   Cout |    Y_n    |
//          +---------+  CinKK |   col_n   |           +-----------+
//                             |           |
//                             +-----------+
template <typename T>
void Conv2d<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const Shape& in = this->inShape_;
  const Geometry g{in.c, in.h, in.w, config_.kernel, config_.stride, config_.padding,
                   this->outShape_.h, this->outShape_.w};
  const int cout = config_.outChannels, rows = rows_, cols = cols_;
  const int parts = batchParts(x.n);
  const bool direct = directCol();
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    T* colBuf = direct ? nullptr : col_.data() + std::size_t(p) * rows * cols;
    CMapR<T> w(weight_.value.data(), cout, rows);
    for (int i = r.begin; i < r.end; ++i) {
      const T* colPtr = x.sample(i);
      if (!direct) {
        im2col(x.sample(i), g, colBuf);
        colPtr = colBuf;
      }
      CMapR<T> col(colPtr, rows, cols);
      MapR<T> out(y.sample(i), cout, cols);
      if (config_.bias) {
        for (int c = 0; c < cout; ++c) out.row(c).setConstant(bias_.value[c]);
        gemm(out, w, col, true);
      } else {
        gemm(out, w, col, false);
      }
    }
  });
}

// dy: N x Cout x Ho x Wo -> dx: N x Cin x H x W (overwritten, skipped when null);
// accumulates dW [Cout x CinKK] += sum_n dY_n * col_n^T and db [Cout] += sum_n row sums of dY_n.
//   dcol_n [CinKK x HoWo] = W^T [CinKK x Cout] * dY_n [Cout x HoWo], then col2im -> dx_n
//
//              HoWo          CinKK                 CinKK
//          +---------+      +-----+            +---------+
//     Cout |  dY_n   | x    |     |   +=  Cout |   dW    |        (dW per part, summed in part order)
//          +---------+ HoWo |col^T|            +---------+
//                           +-----+
//
//            Cout          HoWo                    HoWo
//          +-----+      +---------+            +---------+
//    CinKK | W^T |  x   |  dY_n   | Cout  =    |         | CinKK  (then col2im -> dx_n)
//          +-----+      +---------+            | dcol_n  |
//                                              +---------+
template <typename T>
void Conv2d<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                         const StepContext& ctx) {
  const Shape& in = this->inShape_;
  const Geometry g{in.c, in.h, in.w, config_.kernel, config_.stride, config_.padding,
                   this->outShape_.h, this->outShape_.w};
  const int cout = config_.outChannels, rows = rows_, cols = cols_;
  const int parts = batchParts(x.n);
  const bool direct = directCol();
  const bool wantDx = !dx.empty();
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    T* colBuf = direct ? nullptr : col_.data() + std::size_t(p) * rows * cols;
    MapR<T> dW(dW_.data() + std::size_t(p) * cout * rows, cout, rows);
    Vec<T> db(db_.data() + std::size_t(p) * cout, cout);
    dW.setZero();
    db.setZero();
    CMapR<T> w(weight_.value.data(), cout, rows);
    for (int i = r.begin; i < r.end; ++i) {
      CMapR<T> dY(dy.sample(i), cout, cols);
      const T* colPtr = x.sample(i);
      if (!direct) {
        im2col(x.sample(i), g, colBuf);
        colPtr = colBuf;
      }
      CMapR<T> col(colPtr, rows, cols);
      gemm(dW, dY, col.transpose(), true);
      if (config_.bias)  // not dY.rowwise().sum(): its rounding depends on dy's address
        for (int c = 0; c < cout; ++c) db[c] += fixedOrderSum(dy.sample(i) + std::size_t(c) * cols, cols);
      if (wantDx) {
        if (direct) {
          MapR<T> dX(dx.sample(i), rows, cols);
          gemm(dX, w.transpose(), dY, false);
        } else {
          MapR<T> dcol(colBuf, rows, cols);  // col is no longer needed: reuse it
          gemm(dcol, w.transpose(), dY, false);
          col2im(colBuf, g, dx.sample(i));
        }
      }
    }
  });
  // Partial sums in part order: independent of the thread count.
  Vec<T> gradW(weight_.grad.data(), weight_.grad.size());
  for (int p = 0; p < parts; ++p) {
    gradW += CVec<T>(dW_.data() + std::size_t(p) * cout * rows, std::size_t(cout) * rows);
    if (config_.bias)
      Vec<T>(bias_.grad.data(), cout) += CVec<T>(db_.data() + std::size_t(p) * cout, cout);
  }
}

template <typename T>
LayerPtr<T> makeConv2d(const Conv2dConfig& config) {
  return std::make_unique<Conv2d<T>>(config);
}

template class Conv2d<float>;
template class Conv2d<double>;
template LayerPtr<float> makeConv2d<float>(const Conv2dConfig&);
template LayerPtr<double> makeConv2d<double>(const Conv2dConfig&);

}  // namespace normlab
