# The Debian package normlab_VERSION_amd64.deb (./normlab.sh package: `cpack -G DEB` in a portable
# build, -DNORMLAB_NATIVE=OFF -DNORMLAB_DISPATCH=ON). It holds the "apps" component only: the three
# programs, the desktop entry and icon, the lessons and presets as files, the man pages. The core
# library and its headers (component "core") stay out: they are for `cmake --install`.
# Depends comes from dpkg-shlibdeps on the programs (Qt, zlib, the C++ runtime); Qt's platform and
# SVG plugins, which Qt loads at run time, ship in libqt6gui6 and libqt6svg6, which the programs
# link, so nothing is added by hand. The test package_contents checks the result.
set(NORMLAB_PACKAGE_MAINTAINER "NormLab developers <normlab@localhost>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME normlab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "live side-by-side training of normalization layers")
set(CPACK_PACKAGE_DESCRIPTION
    "NormLab trains small convolutional networks live on the CPU and shows, layer by layer, what \
normalization (batch, layer, instance, group, local response) does to them: every variant trains \
side by side from identical weights on identical mini-batches. Ready-made lessons for a class, \
chart and data export, and a headless command line (normlab-cli) for sweeps.")
set(CPACK_PACKAGE_CONTACT ${NORMLAB_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${NORMLAB_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # normlab_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt's own translations (qtbase_de.qm, ...) let standard dialogs follow the window's language; NormLab's
# own are compiled into the programs.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Only the "apps" component of this build goes in (monolithic package, no -core suffix).
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};apps;/")
# cpack installs what is built, without building every test first (the package test runs cpack).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)
