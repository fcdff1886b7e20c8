// The GEMM kernels behind gemm() (gemm.h), in raw buffers with explicit sizes: no Eigen type
// crosses this interface, so the kernels can be compiled once per instruction set and one of them
// chosen at startup (core/base/gemm_kernels.cpp; the per-ISA code is gemm_kernels_isa.cpp). Must
// not depend on Qt.
//
//   C [m x n] (+)= op(A) [m x k] * op(B) [k x n]
//
// All row-major with row strides lda, ldb, ldc. op(X) is X, or X^T when transX is set: then A is
// stored k x m and B n x k. C must not alias A or B. Products too large for Eigen's packing
// buffers on the stack are cut into pieces that depend only on the sizes (see gemm.h).
#pragma once

#include <cstddef>

namespace normlab {

namespace detail {

template <typename T>
struct GemmArgs {
  std::ptrdiff_t m = 0, n = 0, k = 0;
  const T* a = nullptr;
  std::ptrdiff_t lda = 0;
  bool transA = false;
  const T* b = nullptr;
  std::ptrdiff_t ldb = 0;
  bool transB = false;
  T* c = nullptr;
  std::ptrdiff_t ldc = 0;
  bool accumulate = false;
};

void gemmRun(const GemmArgs<float>& args);
void gemmRun(const GemmArgs<double>& args);

}  // namespace detail

// The kernel set in use: "native" in a build for its own CPU (NORMLAB_NATIVE), else the best one
// this CPU runs: "avx512" (x86-64-v4), "avx2" (x86-64-v3: AVX2 + FMA) or "baseline" (x86-64-v2).
// The environment variable NORMLAB_ISA=baseline|avx2|avx512 asks for one (for tests and
// measurements); one the CPU cannot run is refused with a note on stderr. Chosen once per process.
const char* gemmKernels();

}  // namespace normlab
