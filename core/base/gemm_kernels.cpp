// Chooses the GEMM kernel set once per process (gemm_kernels.h). In a portable build
// (NORMLAB_DISPATCH, compiled for x86-64-v2) three sets are linked in, each compiled for its own
// instruction set from gemm_kernels_isa.cpp; the CPU says which it runs. A build for its own CPU
// (NORMLAB_NATIVE) has one set, "native". Must not depend on Qt.
#include "core/base/gemm_kernels.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace normlab {

namespace detail {

#define NORMLAB_DECLARE_GEMM_VARIANT(name)         \
  namespace name {                                 \
  void fixBlocking();                              \
  void gemmF32(const GemmArgs<float>& args);       \
  void gemmF64(const GemmArgs<double>& args);      \
  }
#ifdef NORMLAB_GEMM_DISPATCH
NORMLAB_DECLARE_GEMM_VARIANT(baseline)
NORMLAB_DECLARE_GEMM_VARIANT(avx2)
NORMLAB_DECLARE_GEMM_VARIANT(avx512)
#else
NORMLAB_DECLARE_GEMM_VARIANT(native)
#endif
#undef NORMLAB_DECLARE_GEMM_VARIANT

namespace {

struct Variant {
  const char* name;
  void (*fixBlocking)();
  void (*f32)(const GemmArgs<float>&);
  void (*f64)(const GemmArgs<double>&);
  bool supported;
};

const Variant& chosen() {
  static const Variant variant = [] {
#ifdef NORMLAB_GEMM_DISPATCH
    // Best first. __builtin_cpu_supports also checks that the OS saves the AVX / AVX-512 state.
    __builtin_cpu_init();
    const Variant variants[] = {
        {"avx512", avx512::fixBlocking, avx512::gemmF32, avx512::gemmF64, __builtin_cpu_supports("x86-64-v4") != 0},
        {"avx2", avx2::fixBlocking, avx2::gemmF32, avx2::gemmF64, __builtin_cpu_supports("x86-64-v3") != 0},
        {"baseline", baseline::fixBlocking, baseline::gemmF32, baseline::gemmF64, true},
    };
#else
    const Variant variants[] = {{"native", native::fixBlocking, native::gemmF32, native::gemmF64, true}};
#endif
    const Variant* best = nullptr;
    for (const Variant& v : variants)
      if (v.supported) {
        best = &v;
        break;
      }
    const char* asked = std::getenv("NORMLAB_ISA");
    if (asked && *asked && std::strcmp(asked, "auto") != 0) {
      const Variant* match = nullptr;
      for (const Variant& v : variants)
        if (std::strcmp(v.name, asked) == 0) match = &v;
      if (!match)
        std::fprintf(stderr, "normlab: note: NORMLAB_ISA=%.40s is not a kernel set of this build; using %s\n", asked,
                     best->name);
      else if (!match->supported)
        std::fprintf(stderr, "normlab: note: this CPU cannot run the %s kernels (NORMLAB_ISA); using %s\n",
                     match->name, best->name);
      else
        best = match;
    }
#ifdef NORMLAB_GEMM_DISPATCH
    // Before any product of this process (all go through chosen()). A native build keeps Eigen's
    // blocking from its CPU's caches, so its numbers are its machine's: the lesson texts quote
    // figures that hold on every build (tests/core/test_lesson_figures.cpp).
    best->fixBlocking();
#endif
    return *best;
  }();
  return variant;
}

}  // namespace

void gemmRun(const GemmArgs<float>& args) { chosen().f32(args); }
void gemmRun(const GemmArgs<double>& args) { chosen().f64(args); }

}  // namespace detail

const char* gemmKernels() { return detail::chosen().name; }

}  // namespace normlab
