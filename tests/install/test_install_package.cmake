# The install test (CTest "install_package"), run as `cmake -P` with:
#   BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, MAKE_PROGRAM, CXX_COMPILER, BUILD_TYPE, CXX_FLAGS,
#   LINKER_FLAGS, LAUNCHER (may be empty)
# Installs the core component of the NormLab build into WORK_DIR/prefix, configures and builds
# examples/train_tiny against that prefix as an outside project would (find_package(NormLab),
# NormLab::core), with the same generator and compiler, runs it for 5 steps and checks that it
# found the package in the prefix, printed every step with a finite loss, and exited 0.
cmake_minimum_required(VERSION 3.25)

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(example_build ${WORK_DIR}/train_tiny)
file(REMOVE_RECURSE ${WORK_DIR})

set(config_args "")
if(BUILD_TYPE)
  set(config_args --config ${BUILD_TYPE})
endif()
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component core ${config_args})
foreach(file include/normlab/core/layers/layer.h include/normlab/core/model/presets.h lib/cmake/NormLab/NormLabConfig.cmake
             lib/cmake/NormLab/NormLabConfigVersion.cmake lib/cmake/NormLab/NormLabTargets.cmake)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()
# The exported target carries what users need and nothing of our own build's choices.
file(READ ${prefix}/lib/cmake/NormLab/NormLabTargets.cmake targets)
foreach(needed "EIGEN_DONT_PARALLELIZE" "EIGEN_STACK_ALLOCATION_LIMIT=4194304" "cxx_std_20")
  string(FIND "${targets}" "${needed}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the exported NormLab::core lacks ${needed}")
  endif()
endforeach()
foreach(private "normlab_warnings" "-Wall" "-march")
  string(FIND "${targets}" "${private}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "the exported NormLab::core carries ${private}, which is for this build only")
  endif()
endforeach()
# The core component is the library alone: no app, no test.
file(GLOB installed_programs ${prefix}/bin/*)
if(installed_programs)
  message(FATAL_ERROR "the core component installed programs: ${installed_programs}")
endif()

set(launcher_arg "")
if(LAUNCHER)
  set(launcher_arg -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
run("configuring the example" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/train_tiny -B ${example_build}
    -G ${GENERATOR} -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE} "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}"
    ${launcher_arg} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
# It must be this install that was found, not one elsewhere on the machine.
file(STRINGS ${example_build}/CMakeCache.txt found REGEX "^NormLab_DIR:")
if(NOT found STREQUAL "NormLab_DIR:PATH=${prefix}/lib/cmake/NormLab")
  message(FATAL_ERROR "the example found NormLab elsewhere: ${found}")
endif()
run("building the example" ${CMAKE_COMMAND} --build ${example_build} ${config_args})

find_program(program train_tiny PATHS ${example_build} ${example_build}/${BUILD_TYPE} NO_DEFAULT_PATH REQUIRED)
run("running the example" ${program} 5)
message(STATUS "train_tiny:\n${output}")
string(REGEX MATCHALL "step [0-9]+: loss [0-9]+\\.[0-9]+" steps "${output}")
list(LENGTH steps count)
if(NOT count EQUAL 5)
  message(FATAL_ERROR "expected 5 steps with a finite loss, got ${count}:\n${output}")
endif()
