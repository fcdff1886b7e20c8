# The test package_qemu_nehalem, run as `cmake -P` with DEB_DIR (where package_contents built the
# package), WORK_DIR, QEMU (qemu-x86_64) and NATIVE (the build's NORMLAB_NATIVE).
# Runs the packaged normlab-bench (every norm) and normlab-cli (a short training) under
# `qemu-x86_64 -cpu Nehalem`, a CPU with SSE4.2 but no AVX: any AVX or AVX-512 instruction on the
# way kills them with SIGILL. The bench must report the baseline kernels, and the training's
# numbers must equal those of the baseline kernels on this machine. In a build for its own
# CPU (NORMLAB_NATIVE) the programs are meant to use what it has, so the test is skipped there.
cmake_minimum_required(VERSION 3.25)

if(NATIVE)
  message("SKIP: this build uses -march=native (NORMLAB_NATIVE=ON); the portable build checks this: ./normlab.sh package")
  return()
endif()
if(NOT QEMU)
  message(FATAL_ERROR "qemu-x86_64 not found: install Debian's qemu-user (./normlab.sh installs it)")
endif()
find_program(DPKG_DEB dpkg-deb)
if(NOT DPKG_DEB)
  message("SKIP: dpkg-deb is missing: there is no package to run")
  return()
endif()

file(GLOB debs ${DEB_DIR}/normlab_*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "want one package in ${DEB_DIR} (made by the test package_contents), found: ${debs}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(root ${WORK_DIR}/root)
execute_process(COMMAND ${DPKG_DEB} -x ${debs} ${root} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb -x ${debs} failed (${rc})")
endif()

# run(NAME program args...): under qemu with a Nehalem CPU; fails on a signal or a non-zero exit.
function(run name)
  execute_process(COMMAND ${QEMU} -cpu Nehalem ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
  # qemu warns about CPU features TCG lacks; keep the rest.
  string(REGEX REPLACE "qemu-x86_64: warning: TCG doesn't support requested feature[^\n]*\n" "" err "${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} under qemu-x86_64 -cpu Nehalem failed (${rc}; SIGILL is 'Illegal instruction'):\n${out}\n${err}")
  endif()
  message("${name} under qemu-x86_64 -cpu Nehalem:\n${out}${err}")
  set(output "${out}" PARENT_SCOPE)
endfunction()

# Every layer kind of the bench: conv, dense, pool, activations and each norm.
run(normlab-bench ${root}/usr/bin/normlab-bench --norm all --batch 4 --threads 2 --seconds 0.2)
if(NOT output MATCHES ", baseline GEMM kernels\n")
  message(FATAL_ERROR "normlab-bench did not use the baseline kernels on a Nehalem CPU")
endif()
foreach(norm none batch layer instance group lrn)
  if(NOT output MATCHES "\n${norm} +batch +4: +[0-9.]+ images/s")
    message(FATAL_ERROR "normlab-bench printed no speed for ${norm}")
  endif()
endforeach()

# A short headless training with evaluation, probes and dropout, as a user would run one.
file(WRITE ${WORK_DIR}/experiment.json [=[
{
  "name": "qemu Nehalem check",
  "dataset": {"name": "synthetic", "train_subset": 256, "test_subset": 64},
  "model": "small-cnn",
  "train": {"optimizer": "adam", "lr": 0.001, "batch_size": 8, "dropout": 0.25, "epochs": 1, "seed": 3,
            "eval_every": 10},
  "arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 4}],
  "probe_every": 5
}
]=])
run(normlab-cli ${root}/usr/bin/normlab-cli run ${WORK_DIR}/experiment.json --out ${WORK_DIR}/results --threads 2 --steps 20 --quiet)
foreach(file metrics.csv runs.csv summary.json experiment.normlab)
  if(NOT EXISTS ${WORK_DIR}/results/${file})
    message(FATAL_ERROR "normlab-cli wrote no ${file}")
  endif()
endforeach()
file(STRINGS ${WORK_DIR}/results/metrics.csv rows)
list(LENGTH rows row_count)
if(row_count LESS 3)
  message(FATAL_ERROR "metrics.csv has ${row_count} rows")
endif()
# The same kernel set gives the same numbers on another CPU: the baseline set on this machine
# (other cache sizes, other CPUID) equals the emulated Nehalem's run bit for bit.
execute_process(COMMAND ${CMAKE_COMMAND} -E env NORMLAB_ISA=baseline
  ${root}/usr/bin/normlab-cli run ${WORK_DIR}/experiment.json --out ${WORK_DIR}/host --threads 2 --steps 20 --quiet
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "normlab-cli with NORMLAB_ISA=baseline on this machine failed (${rc}): ${err}")
endif()
foreach(file metrics.csv layers.csv)
  file(STRINGS ${WORK_DIR}/results/${file} emulated)
  file(STRINGS ${WORK_DIR}/host/${file} here)
  if(file STREQUAL "metrics.csv")  # without the wall-clock column (the last)
    list(TRANSFORM emulated REPLACE ",[^,]*$" "")
    list(TRANSFORM here REPLACE ",[^,]*$" "")
  endif()
  if(NOT emulated STREQUAL here)
    message(FATAL_ERROR "${file} of the baseline kernels differs between this machine and qemu's Nehalem")
  endif()
endforeach()
message("the packaged normlab-bench and normlab-cli ran on a Nehalem CPU (no AVX), with the same numbers as the baseline kernels here")
