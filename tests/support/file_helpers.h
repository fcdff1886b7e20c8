// Small helpers for tests that write files: a whole file's bytes, and the message a
// NormLabError carries.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/base/error.h"

namespace test {

// The file's bytes ("" when it cannot be opened).
inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What f() threw as a NormLabError, "" when it did not throw.
inline std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const normlab::NormLabError& e) {
    return e.what();
  }
  return {};
}

}  // namespace test
