#include "core/data/synthetic_data.h"

#include <algorithm>
#include <cmath>

#include "core/base/error.h"
#include "core/base/random.h"

namespace normlab {

namespace {

const char* const kClassNames[10] = {"disc",   "ring",          "square",      "frame",   "triangle",
                                     "cross",  "h-stripes",     "v-stripes",   "checker", "two dots"};

// Coverage in [0, 1] of pixel (u, v) in the shape's own frame (unit = shape radius).
double shapeMask(int cls, double u, double v, double stripeFreq, double phase) {
  const double r = std::sqrt(u * u + v * v);
  const double box = std::max(std::abs(u), std::abs(v));
  switch (cls) {
    case 0: return r <= 1.0;
    case 1: return r <= 1.0 && r >= 0.6;
    case 2: return box <= 0.85;
    case 3: return box <= 0.9 && box >= 0.55;
    case 4: return v <= 0.7 && v >= -0.9 + 1.76 * std::abs(u);
    case 5: return (std::abs(u) <= 0.25 && std::abs(v) <= 1.0) || (std::abs(v) <= 0.25 && std::abs(u) <= 1.0);
    case 6: return r <= 1.3 && std::sin(v * stripeFreq + phase) > 0;
    case 7: return r <= 1.3 && std::sin(u * stripeFreq + phase) > 0;
    case 8: return box <= 1.0 && (std::sin(u * stripeFreq + phase) * std::sin(v * stripeFreq + phase)) > 0;
    default: {
      const double a = std::hypot(u - 0.55, v), b = std::hypot(u + 0.55, v);
      return a <= 0.35 || b <= 0.35;
    }
  }
}

void drawImage(int cls, int size, Random& rng, std::uint8_t* out) {
  const double s = size;
  const double radius = rng.uniform(0.22, 0.34) * s;
  const double cx = rng.uniform(radius + 1, s - radius - 1), cy = rng.uniform(radius + 1, s - radius - 1);
  // Stripes keep their orientation class: rotate them only a little.
  const double maxAngle = (cls >= 6 && cls <= 8) ? 0.3 : 3.14159265;
  const double angle = rng.uniform(-maxAngle, maxAngle);
  const double ca = std::cos(angle), sa = std::sin(angle);
  const double background = rng.uniform(0, 90), foreground = rng.uniform(130, 255);
  const double noise = rng.uniform(10, 35);
  const double freq = rng.uniform(5, 8), phase = rng.uniform(0, 6.2831853);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double dx = (x + 0.5 - cx) / radius, dy = (y + 0.5 - cy) / radius;
      const double u = ca * dx + sa * dy, v = -sa * dx + ca * dy;
      const double m = shapeMask(cls, u, v, freq, phase);
      const double value = background + (foreground - background) * m + noise * rng.normal();
      out[y * size + x] = std::uint8_t(std::clamp(std::lround(value), 0l, 255l));
    }
}

ImageSet makeSplit(const SyntheticConfig& c, int count, std::uint64_t seed, std::uint64_t split) {
  ImageSet set;
  set.shape = {1, c.size, c.size};
  set.pixels.resize(std::size_t(count) * set.shape.size());
  set.labels.resize(count);
  for (int i = 0; i < count; ++i) {
    Random rng(streamKey(seed, Purpose::Data, split, std::uint64_t(i)));
    const int cls = int(rng.below(std::uint64_t(c.classes)));
    set.labels[i] = cls;
    drawImage(cls, c.size, rng, set.pixels.data() + std::size_t(i) * set.shape.size());
  }
  return set;
}

}  // namespace

Dataset makeSyntheticDataset(const SyntheticConfig& c, std::uint64_t seed) {
  if (c.classes < 2 || c.classes > 10)
    throw NormLabError("synthetic dataset: \"classes\" must be 2..10, got " + std::to_string(c.classes));
  if (c.size < 8 || c.size > 256)
    throw NormLabError("synthetic dataset: \"size\" must be 8..256, got " + std::to_string(c.size));
  if (c.train < 1 || c.test < 1 || c.train > 1000000 || c.test > 1000000)
    throw NormLabError("synthetic dataset: \"train\" and \"test\" must be 1..1000000, got " +
                       std::to_string(c.train) + " and " + std::to_string(c.test));
  Dataset d;
  d.name = "synthetic";
  d.classes = c.classes;
  d.classNames.assign(kClassNames, kClassNames + c.classes);
  d.train = makeSplit(c, c.train, seed, 1);
  d.test = makeSplit(c, c.test, seed, 2);
  return d;
}

}  // namespace normlab
