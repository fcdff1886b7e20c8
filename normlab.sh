#!/usr/bin/env bash
# NormLab set-up, build and launch in one place, so a newcomer needs two commands:
#   ./normlab.sh run     install what is missing, build (Release), start the GUI
#   ./normlab.sh test    install what is missing, build (Release), run every test (ctest)
#   ./normlab.sh package install what is missing, build for any x86-64 CPU (build-package/), test
#                        the package and write normlab_VERSION_amd64.deb (its path: the last line)
# Also:  ./normlab.sh build | bench [normlab-bench flags...] | sanitize address|thread
# Idempotent: packages already installed are not touched, and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

packages=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev libgl-dev
          libeigen3-dev zlib1g-dev nlohmann-json3-dev dataset-fashion-mnist
          xvfb xauth parallel
          qt6-tools-dev qt6-l10n-tools qt6-translations-l10n locales
          dpkg-dev file qemu-user)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "normlab: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# build DIR [extra cmake args...]
build() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
  fi
  cmake --build "$dir" --parallel "$(nproc)"
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    install_missing
    build build
    exec build/app/normlab "$@"
    ;;
  test)
    install_missing
    build build
    ctest --test-dir build --output-on-failure --timeout 900 "$@"
    ;;
  build)
    install_missing
    build build
    ;;
  bench)
    install_missing
    build build
    exec build/app/normlab-bench "$@"
    ;;
  sanitize)
    kind=${1:-address}
    install_missing
    build "build-$kind" -DNORMLAB_SANITIZE="$kind" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    if [ "$kind" = thread ]; then
      TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
        ctest --test-dir "build-$kind" --output-on-failure
    else
      ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1" \
        ctest --test-dir "build-$kind" --output-on-failure
    fi
    ;;
  package)
    # Portable: x86-64-v2, with the GEMM kernels also for AVX2 and AVX-512, chosen at startup.
    install_missing
    build build-package -DNORMLAB_NATIVE=OFF -DNORMLAB_DISPATCH=ON
    ctest --test-dir build-package -L package --output-on-failure
    rm -f build-package/normlab_*.deb
    (cd build-package && cpack -G DEB)
    deb=$(ls build-package/normlab_*.deb)
    echo "$PWD/$deb"
    ;;
  *)
    echo "usage: $0 run|test|build|bench|package|sanitize [address|thread]" >&2
    exit 2
    ;;
esac
