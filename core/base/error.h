// Error type of the core: every user-facing failure (bad spec, bad shape, bad data) throws
// NormLabError with a message that names the layer/key/file and the offending value.
// Must not depend on Qt.
#pragma once

#include <stdexcept>
#include <string>

namespace normlab {

class NormLabError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace normlab
