// Matrix product helper for the GEMM-like layers (conv2d, dense): C (+)= A * B on Eigen maps,
// cut into pieces small enough that Eigen's packing buffers live on the stack. For a product of
// depth k into an m x n block, Eigen packs at most k*m and k*n scalars and takes them from the heap
// above EIGEN_STACK_ALLOCATION_LIMIT bytes; forward()/backward() must not allocate, so larger
// products are split along k (accumulating) and into output tiles. The pieces depend only on the
// sizes, so results do not depend on the thread count. Must not depend on Qt.
#pragma once

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen's GEMM packing
// is inlined (a known false positive in system headers); keep our build output clean.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>
#pragma GCC diagnostic pop

#include <algorithm>

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

// C [m x n] = A [m x k] * B [k x n]   (accumulate: C += A * B). C must not alias A or B.
template <typename Dst, typename Lhs, typename Rhs>
void gemm(Dst&& c, const Lhs& a, const Rhs& b, bool accumulate) {
  using Scalar = typename std::decay_t<Dst>::Scalar;
  using Eigen::Index;
  constexpr Index limit = Index(EIGEN_STACK_ALLOCATION_LIMIT / sizeof(Scalar));  // scalars per buffer
  const Index m = c.rows(), n = c.cols(), k = a.cols();
  if (k == 0) {
    if (!accumulate) c.setZero();
    return;
  }
  const Index kc = std::min<Index>(k, limit / 64);  // depth of a piece
  const Index tile = limit / kc;                    // >= 64 rows / columns of C per piece
  for (Index k0 = 0; k0 < k; k0 += kc) {
    const Index kb = std::min(kc, k - k0);
    for (Index i0 = 0; i0 < m; i0 += tile) {
      const Index mb = std::min(tile, m - i0);
      for (Index j0 = 0; j0 < n; j0 += tile) {
        const Index nb = std::min(tile, n - j0);
        auto piece = c.block(i0, j0, mb, nb);
        if (accumulate || k0 > 0)
          piece.noalias() += a.block(i0, k0, mb, kb) * b.block(k0, j0, kb, nb);
        else
          piece.noalias() = a.block(i0, k0, mb, kb) * b.block(k0, j0, kb, nb);
      }
    }
  }
}

}  // namespace normlab
