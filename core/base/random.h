// Counter-based random streams. Every random number in NormLab is a pure function of
// (seed, purpose, a, b, index): no global generator, nothing that depends on thread scheduling,
// so arms of one experiment draw identical weights and dropout masks wherever they share a layer
// name and shape (DESIGN.md, twin-run contract). Must not depend on Qt.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace normlab {

enum class Purpose : std::uint64_t { Init = 1, Dropout = 2, Shuffle = 3, Data = 4, Augment = 5 };

// splitmix64 finalizer: a bijective 64-bit mixer with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// FNV-1a of a name (layer names key the streams so that inserting a norm layer in one arm does not
// shift the streams of the layers after it).
constexpr std::uint64_t hashName(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (char ch : s) h = (h ^ std::uint8_t(ch)) * 0x100000001B3ull;
  return h;
}

constexpr std::uint64_t streamKey(std::uint64_t seed, Purpose purpose, std::uint64_t a = 0,
                                  std::uint64_t b = 0) {
  return mix64(mix64(mix64(seed ^ (std::uint64_t(purpose) << 56)) ^ a) ^ b);
}

// Uniform in [0, 1) with 24 random bits (exactly representable in float), element `index` of stream `key`.
constexpr float uniformAt(std::uint64_t key, std::uint64_t index) {
  return float(mix64(key + index * 0xD1B54A32D192ED03ull) >> 40) * (1.0f / 16777216.0f);
}

// Sequential generator over one stream: weights init, shuffles.
class Random {
 public:
  explicit Random(std::uint64_t key) : key_(key) {}
  std::uint64_t next() { return mix64(key_ + (counter_++) * 0xD1B54A32D192ED03ull); }
  // Uniform in [0, 1) with 53 bits.
  double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal (Box-Muller; the second value is discarded to keep the stream position simple).
  double normal() {
    double u1 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

}  // namespace normlab
