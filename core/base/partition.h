// Fixed partition of work. The number of parts depends only on the problem size, never on the
// thread count, so that every reduction happens in the same order with 1 or N threads and the
// same seed gives bit-identical results (DESIGN.md, Determinism).
#pragma once

#include <algorithm>

namespace normlab {

// Upper bound on the parts a batch is cut into. Enough to keep a few cores busy; each part gets
// its own scratch, and partial parameter gradients are summed in part order.
constexpr int kMaxBatchParts = 8;

inline int batchParts(int n) { return std::max(1, std::min(n, kMaxBatchParts)); }

struct Range {
  int begin = 0, end = 0;
  int size() const { return end - begin; }
};

// Part p of `parts` contiguous, nearly equal ranges covering [0, total).
inline Range partRange(int total, int parts, int p) {
  const int base = total / parts, extra = total % parts;
  const int begin = p * base + std::min(p, extra);
  return {begin, begin + base + (p < extra ? 1 : 0)};
}

}  // namespace normlab
