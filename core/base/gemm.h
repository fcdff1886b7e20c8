// Matrix product helper for the GEMM-like layers (conv2d, dense): C (+)= A * B on Eigen maps.
// The layers build their operands as Eigen maps (row-major, optionally with a row stride, optionally
// transposed); gemm() turns them into raw buffers and strides and calls the kernels of
// gemm_kernels.h, which are compiled per instruction set and chosen at startup. There the product
// is cut into pieces small enough that Eigen's packing buffers live on the stack (forward() and
// backward() must not allocate); the pieces depend only on the sizes, so results do not depend on
// the thread count. Must not depend on Qt.
#pragma once

#include <Eigen/Core>

#include <cassert>
#include <type_traits>

#include "core/base/gemm_kernels.h"

namespace normlab {

template <typename T>
using MatR = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using MapR = Eigen::Map<MatR<T>>;                                   // row-major, contiguous
template <typename T>
using CMapR = Eigen::Map<const MatR<T>>;
template <typename T>
using StrideMapR = Eigen::Map<MatR<T>, 0, Eigen::OuterStride<>>;    // row-major, row stride given
template <typename T>
using CStrideMapR = Eigen::Map<const MatR<T>, 0, Eigen::OuterStride<>>;

namespace detail {

// An operand as the kernels take it: memory, row stride, and whether it is read transposed.
template <typename T>
struct GemmOperand {
  const T* data;
  std::ptrdiff_t stride;
  bool trans;
};

template <typename M, int Options, typename Stride>
GemmOperand<typename M::Scalar> gemmOperand(const Eigen::Map<M, Options, Stride>& x) {
  static_assert(M::IsRowMajor, "gemm() takes row-major maps (MapR, CMapR, StrideMapR, CStrideMapR)");
  assert(x.innerStride() == 1);
  return {x.data(), x.outerStride(), false};
}

template <typename X>
auto gemmOperand(const Eigen::Transpose<X>& x) {
  auto op = gemmOperand(x.nestedExpression());
  op.trans = !op.trans;
  return op;
}

}  // namespace detail

// C [m x n] = A [m x k] * B [k x n]   (accumulate: C += A * B). C must not alias A or B.
// A and B: row-major maps or their transpose(); C: a row-major map.
template <typename Dst, typename Lhs, typename Rhs>
void gemm(Dst&& c, const Lhs& a, const Rhs& b, bool accumulate) {
  using Scalar = typename std::decay_t<Dst>::Scalar;
  static_assert(std::decay_t<Dst>::IsRowMajor, "gemm() writes into row-major maps");
  assert(c.innerStride() == 1 && a.rows() == c.rows() && b.cols() == c.cols() && a.cols() == b.rows());
  const detail::GemmOperand<Scalar> opA = detail::gemmOperand(a), opB = detail::gemmOperand(b);
  detail::GemmArgs<Scalar> args;
  args.m = c.rows();
  args.n = c.cols();
  args.k = a.cols();
  args.a = opA.data;
  args.lda = opA.stride;
  args.transA = opA.trans;
  args.b = opB.data;
  args.ldb = opB.stride;
  args.transB = opB.trans;
  args.c = c.data();
  args.ldc = c.outerStride();
  args.accumulate = accumulate;
  detail::gemmRun(args);
}

}  // namespace normlab
