// One set of GEMM kernels (gemm_kernels.h), compiled once per instruction set by
// core/CMakeLists.txt with NORMLAB_GEMM_VARIANT naming the set (baseline, avx2, avx512; or native,
// the only set of a build for its own CPU). Must not depend on Qt or on any other core file.
//
// The ODR trap: Eigen's templates instantiated here are inline/weak symbols. Were two variants to
// instantiate the same Eigen::internal::gebp_kernel<...>, the linker would keep ONE of them for
// every caller, and the baseline path could end up running the AVX-512 copy (SIGILL on an older
// CPU). So each variant renames Eigen's namespace before including it (Eigen_avx2::..., ...): the
// variants share no symbol at all. Nothing but Eigen and this file's own code is instantiated here;
// the test isa_boundary checks in the executables that no AVX instruction lies outside a variant.
#ifndef NORMLAB_GEMM_VARIANT
#error "compile with -DNORMLAB_GEMM_VARIANT=<name> (core/CMakeLists.txt does)"
#endif

#include <algorithm>
#include <type_traits>

#define NORMLAB_GEMM_CAT2(a, b) a##b
#define NORMLAB_GEMM_CAT(a, b) NORMLAB_GEMM_CAT2(a, b)
#define Eigen NORMLAB_GEMM_CAT(Eigen_, NORMLAB_GEMM_VARIANT)

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen's GEMM packing
// is inlined (a known false positive in system headers); keep our build output clean.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>
#pragma GCC diagnostic pop

#include "core/base/gemm_kernels.h"

namespace normlab::detail::NORMLAB_GEMM_VARIANT {

namespace {

using Eigen::Index;
template <typename T>
using RowMajorMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using ColMajorMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
// op(X) as a map: X stored row-major with row stride ld; X^T is the same memory read column-major.
template <typename T, bool trans>
using OperandMap = Eigen::Map<const std::conditional_t<trans, ColMajorMat<T>, RowMajorMat<T>>, 0, Eigen::OuterStride<>>;

// C (+)= op(A) * op(B), cut into pieces small enough that Eigen's packing buffers live on the
// stack. For a product of depth k into an m x n block, Eigen packs at most k*m and k*n scalars
// and takes them from the heap above EIGEN_STACK_ALLOCATION_LIMIT bytes; a training step must not
// allocate, so larger products are split along k (accumulating) and into output tiles.
template <typename T, bool transA, bool transB>
void product(const GemmArgs<T>& g) {
  constexpr Index limit = Index(EIGEN_STACK_ALLOCATION_LIMIT / sizeof(T));  // scalars per buffer
  const Index m = g.m, n = g.n, k = g.k;
  Eigen::Map<RowMajorMat<T>, 0, Eigen::OuterStride<>> c(g.c, m, n, Eigen::OuterStride<>(g.ldc));
  if (k == 0) {
    if (!g.accumulate) c.setZero();
    return;
  }
  const OperandMap<T, transA> a(g.a, m, k, Eigen::OuterStride<>(g.lda));
  const OperandMap<T, transB> b(g.b, k, n, Eigen::OuterStride<>(g.ldb));
  const Index kc = std::min<Index>(k, limit / 64);  // depth of a piece
  const Index tile = limit / kc;                    // >= 64 rows / columns of C per piece
  for (Index k0 = 0; k0 < k; k0 += kc) {
    const Index kb = std::min(kc, k - k0);
    for (Index i0 = 0; i0 < m; i0 += tile) {
      const Index mb = std::min(tile, m - i0);
      for (Index j0 = 0; j0 < n; j0 += tile) {
        const Index nb = std::min(tile, n - j0);
        auto piece = c.block(i0, j0, mb, nb);
        if (g.accumulate || k0 > 0)
          piece.noalias() += a.block(i0, k0, mb, kb) * b.block(k0, j0, kb, nb);
        else
          piece.noalias() = a.block(i0, k0, mb, kb) * b.block(k0, j0, kb, nb);
      }
    }
  }
}

template <typename T>
void run(const GemmArgs<T>& g) {
  if (g.transA) {
    if (g.transB) product<T, true, true>(g);
    else product<T, true, false>(g);
  } else {
    if (g.transB) product<T, false, true>(g);
    else product<T, false, false>(g);
  }
}

}  // namespace

// Eigen cuts a product into blocks sized from the cache sizes the CPU reports, and the blocks set
// the order of the additions: left alone, one kernel set would round differently on CPUs with
// other caches (measured: the baseline set on this machine and under qemu's Nehalem differed in
// the 8th digit of the first loss). Fixed sizes make the results depend on the kernel set alone.
// L1 32 KiB is what most x86-64 CPUs have; 1 MiB of L2 and 8 MiB of L3 are what a recent laptop
// has (Eigen only sizes blocks with them: older CPUs stay correct, a little slower).
void fixBlocking() { Eigen::setCpuCacheSizes(32 * 1024, 1024 * 1024, 8 * 1024 * 1024); }

void gemmF32(const GemmArgs<float>& args) { run(args); }
void gemmF64(const GemmArgs<double>& args) { run(args); }

}  // namespace normlab::detail::NORMLAB_GEMM_VARIANT
