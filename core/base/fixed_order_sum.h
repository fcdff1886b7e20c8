// Sums whose rounding depends only on the length, never on where the data sits in memory.
// Eigen's reductions (.sum(), .mean(), .squaredNorm(), rowwise().sum(), ...) start their vector
// loop at the first 64-byte-aligned element, so the same numbers summed from a buffer at another
// address give different bits; that would break bit-for-bit reproducible runs (DESIGN.md,
// Determinism). These sums keep 16 interleaved partial sums (a vector's worth, still vectorized)
// and combine them in a fixed order. Must not depend on Qt.
#pragma once

#include <cstddef>

namespace normlab {

// x[0] + x[1] + ... + x[n-1] in an order fixed by n.
template <typename T>
T fixedOrderSum(const T* x, std::size_t n) {
  constexpr std::size_t lanes = 16;
  T acc[lanes] = {};
  std::size_t j = 0;
  for (; j + lanes <= n; j += lanes)
    for (std::size_t l = 0; l < lanes; ++l) acc[l] += x[j + l];
  for (std::size_t l = 0; j + l < n; ++l) acc[l] += x[j + l];
  T sum = T(0);
  for (std::size_t l = 0; l < lanes; ++l) sum += acc[l];
  return sum;
}

}  // namespace normlab
