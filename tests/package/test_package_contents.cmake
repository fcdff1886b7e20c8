# The test package_contents, run as `cmake -P` with BUILD_DIR, SOURCE_DIR, WORK_DIR, VERSION,
# CPACK_COMMAND, CLI (the built normlab-cli). Builds the Debian package of this build with CPack
# into WORK_DIR (the fixture normlab_deb: package_qemu_nehalem runs the programs from it) and checks
# its control fields and file list: the three programs, the desktop entry and icon, the lessons and
# presets, the man pages (gzipped), and nothing of the library or the build; Depends computed by
# dpkg-shlibdeps (Qt, zlib, the C++ runtime, each with a version); every command of
# `normlab-cli --help` described in its man page. Skipped only when dpkg-deb is missing.
cmake_minimum_required(VERSION 3.25)

find_program(DPKG_DEB dpkg-deb)
find_program(DPKG dpkg)
if(NOT DPKG_DEB OR NOT DPKG)
  message("SKIP: dpkg-deb is missing (not a Debian system?): the Debian package cannot be built or checked")
  return()
endif()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
run("cpack" ${CPACK_COMMAND} --config ${BUILD_DIR}/CPackConfig.cmake -G DEB -B ${WORK_DIR})
run("dpkg --print-architecture" ${DPKG} --print-architecture)
string(STRIP "${output}" arch)
set(deb ${WORK_DIR}/normlab_${VERSION}_${arch}.deb)
if(NOT EXISTS ${deb})
  file(GLOB made ${WORK_DIR}/*.deb)
  message(FATAL_ERROR "cpack made no ${deb} (found: ${made})")
endif()
file(SIZE ${deb} size)
message("package: ${deb} (${size} bytes)")

# Control fields.
foreach(field Package Version Architecture Depends)
  run("dpkg-deb -f ${field}" ${DPKG_DEB} -f ${deb} ${field})
  string(STRIP "${output}" value_${field})
  message("${field}: ${value_${field}}")
endforeach()
if(NOT value_Package STREQUAL "normlab" OR NOT value_Version STREQUAL "${VERSION}" OR NOT value_Architecture STREQUAL "${arch}")
  message(FATAL_ERROR "control fields: want normlab ${VERSION} ${arch}")
endif()
# shlibdeps: every library the programs link, with a minimum version (e.g. "libqt6core6 (>= 6.4.0)").
foreach(library libc6 libstdc\\+\\+6 libgcc-s1 libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 zlib1g)
  if(NOT value_Depends MATCHES "(^|, )${library} \\(>= [^)]+\\)")
    message(FATAL_ERROR "Depends lacks ${library} with a version (not computed by dpkg-shlibdeps?): ${value_Depends}")
  endif()
endforeach()
# Nothing of the build machine's development packages.
if(value_Depends MATCHES "-dev|eigen|nlohmann")
  message(FATAL_ERROR "Depends names a development package: ${value_Depends}")
endif()

# File list: "-rwxr-xr-x root/root 123 2026-12-07 13:00 ./usr/bin/normlab".
run("dpkg-deb -c" ${DPKG_DEB} -c ${deb})
set(listing "${output}")
string(REGEX MATCHALL "\\./[^\n]*" paths "${listing}")
set(want
  ./usr/bin/normlab ./usr/bin/normlab-cli ./usr/bin/normlab-bench
  ./usr/share/applications/normlab.desktop
  ./usr/share/icons/hicolor/scalable/apps/normlab.svg
  ./usr/share/man/man1/normlab.1.gz ./usr/share/man/man1/normlab-cli.1.gz ./usr/share/man/man1/normlab-bench.1.gz)
file(GLOB lessons RELATIVE ${SOURCE_DIR}/resources ${SOURCE_DIR}/resources/lessons/*.json ${SOURCE_DIR}/resources/presets/*.json)
foreach(json ${lessons})
  list(APPEND want ./usr/share/normlab/${json})
endforeach()
foreach(path ${want})
  list(FIND paths ${path} at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the package has no ${path}; it holds:\n${listing}")
  endif()
endforeach()
# The programs are executable by all; nothing else is.
foreach(program normlab normlab-cli normlab-bench)
  if(NOT listing MATCHES "-rwxr-xr-x root/root [^\n]* \\./usr/bin/${program}\n")
    message(FATAL_ERROR "./usr/bin/${program} is not -rwxr-xr-x root/root:\n${listing}")
  endif()
endforeach()
string(REGEX MATCHALL "[^\n]* \\./usr/share/[^\n]*[^/\n]\n" data_lines "${listing}")
foreach(line ${data_lines})
  if(NOT line MATCHES "^-rw-r--r-- root/root ")
    message(FATAL_ERROR "a data file is not -rw-r--r-- root/root: ${line}")
  endif()
endforeach()
foreach(path ${paths})
  if(path MATCHES "/$")
    continue()
  endif()
  list(FIND want ${path} at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the package holds ${path}, which is not meant to be in it (library, headers, build files?)")
  endif()
endforeach()

# The man page of normlab-cli describes every command its --help lists.
run("normlab-cli --help" ${CLI} --help)
string(REGEX MATCHALL "normlab-cli [a-z]+ " usages "${output}")
file(READ ${SOURCE_DIR}/docs/man/normlab-cli.1 man_cli)
foreach(usage ${usages})
  string(REGEX REPLACE "normlab-cli ([a-z]+) " "\\1" command "${usage}")
  if(NOT man_cli MATCHES "\n\\.B normlab-cli ${command}\n" OR NOT man_cli MATCHES "\n\\.TP\n\\.B ${command}\n")
    message(FATAL_ERROR "docs/man/normlab-cli.1 does not describe '${command}' (in its SYNOPSIS and COMMANDS), which normlab-cli --help lists")
  endif()
endforeach()
message("checked ${deb}: ${size} bytes, Depends: ${value_Depends}")
