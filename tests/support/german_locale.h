// A German C library locale (de_DE.UTF-8) for tests that check that files never follow the
// locale: the system's if installed, else one compiled with localedef (from Debian's `locales`
// package, which ./normlab.sh installs) into a folder that LOCPATH points at. Must not depend on Qt.
#pragma once

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace test {

// Makes de_DE.UTF-8 loadable by this process and the programs it starts: sets LOCPATH to `dir`
// (after compiling the locale there) when the system has none. Returns "" on success, else why not.
inline std::string provideGermanLocale(const std::string& dir) {
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  const bool installed = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
  std::setlocale(LC_ALL, saved.c_str());
  if (installed) return {};
  const std::string command = "localedef -i de_DE -f UTF-8 '" + dir + "/de_DE.UTF-8' 2>&1";
  const int status = std::system(command.c_str());
  if (status != 0)
    return "localedef could not compile de_DE.UTF-8 (status " + std::to_string(status) +
           "; is Debian's 'locales' package installed?)";
  setenv("LOCPATH", dir.c_str(), 1);
  const bool made = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
  std::setlocale(LC_ALL, saved.c_str());
  return made ? std::string() : "de_DE.UTF-8 was compiled into " + dir + " but does not load";
}

// Whether the current C locale writes a decimal comma (so the check is not vacuous).
inline bool writesDecimalComma() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", 0.5);
  return std::string(buf) == "0,5";
}

}  // namespace test
