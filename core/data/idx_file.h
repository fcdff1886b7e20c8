// Reading MNIST-format IDX files (unsigned-byte type only), plain or gzip-compressed. Every
// failure throws NormLabError naming the file and the problem; nothing partially read is
// returned. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

struct IdxArray {
  std::vector<int> dims;            // e.g. {60000, 28, 28} or {60000}
  std::vector<std::uint8_t> data;   // row-major, product(dims) bytes
};

// Reads a whole file, inflating it when it is gzip-compressed (by its magic bytes, whatever its
// name). Reads only regular files (a FIFO, device or folder is refused, saying which it is).
// Throws when unreadable, when the gzip stream fails to inflate, or when it is larger than
// maxBytes once inflated.
std::vector<std::uint8_t> readMaybeGzip(const std::string& path,
                                        std::size_t maxBytes = std::size_t(1) << 30);

// Parses IDX bytes. `expectedDims` (1 for labels, 3 for images) is checked; `path` names the
// file in messages.
IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, int expectedDims, const std::string& path);

inline IdxArray readIdx(const std::string& path, int expectedDims) {
  return parseIdx(readMaybeGzip(path), expectedDims, path);
}

}  // namespace normlab
