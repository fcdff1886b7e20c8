# The test isa_boundary, run as `cmake -P` with PROGRAMS (;-separated), AWK_SCRIPT, NATIVE and
# DISPATCH (the build's options). Disassembles each program of a portable build and checks with
# isa_boundary.awk that AVX / AVX-512 instructions occur only in the dispatched GEMM kernel sets
# (gemm_kernels_isa.cpp), which a CPU without them never calls: the static twin of
# package_qemu_nehalem, which only sees the code a short run executes. It also catches the ODR trap
# (an AVX-512 copy of an Eigen template chosen by the linker for baseline code). With DISPATCH the
# kernel sets must exist and use 256- and 512-bit registers.
cmake_minimum_required(VERSION 3.25)
if(NATIVE)
  message("SKIP: this build uses -march=native (NORMLAB_NATIVE=ON): every function may use the builder's instruction sets")
  return()
endif()
find_program(OBJDUMP objdump)
find_program(AWK awk)
if(NOT OBJDUMP OR NOT AWK)
  message(FATAL_ERROR "objdump (binutils) and awk are needed")
endif()
set(expect 0)
if(DISPATCH)
  set(expect 1)
endif()
foreach(program ${PROGRAMS})
  execute_process(COMMAND ${OBJDUMP} -d -C --no-show-raw-insn ${program}
    COMMAND ${AWK} -v expect_variants=${expect} -f ${AWK_SCRIPT}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${program}: ${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${program}: vector instructions outside the dispatched kernels (${rc})")
  endif()
endforeach()
