#include "core/experiment/arm_colours.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/experiment/experiment.h"

namespace normlab {

namespace {
// The legend's order of types.
int typeRank(NormKind kind) {
  switch (kind) {
    case NormKind::None: return 0;
    case NormKind::Batch: return 1;
    case NormKind::Layer: return 2;
    case NormKind::Instance: return 3;
    case NormKind::Group: return 4;
    case NormKind::LocalResponse: return 5;
  }
  return 6;
}

// Mixes each channel toward white (t > 0) or black (t < 0) by |t|.
std::uint32_t shadeOf(std::uint32_t rgb, double t) {
  std::uint32_t out = 0;
  for (int shift : {16, 8, 0}) {
    const double c = double((rgb >> shift) & 0xFF);
    const double mixed = t >= 0 ? c + (255.0 - c) * t : c * (1.0 + t);
    out |= std::uint32_t(std::clamp(std::lround(mixed), 0L, 255L)) << shift;
  }
  return out;
}

// Shade k of n, light to dark. The lightest keeps contrast on white; two variants are one step
// either side of the base colour, more spread evenly over the whole range.
double shadeAmount(int k, int n) {
  if (n <= 1) return 0;
  const double light = n == 2 ? 0.3 : 0.45, dark = n == 2 ? 0.3 : 0.45;
  return light - (light + dark) * double(k) / double(n - 1);
}
}  // namespace

std::uint32_t normTypeColour(NormKind kind) {
  switch (kind) {
    case NormKind::None: return 0x5A5A5A;           // grey: the reference without a norm
    case NormKind::Batch: return 0x0072B2;          // blue
    case NormKind::Layer: return 0x009E73;          // bluish green
    case NormKind::Instance: return 0xCC79A7;       // reddish purple
    case NormKind::Group: return 0xD55E00;          // vermillion
    case NormKind::LocalResponse: return 0xE69F00;  // orange
  }
  return 0x999999;
}

NormKind armNormType(const RunRecord& run) {
  for (const NormPlacement& n : run.norms)
    if (n.present()) return n.kind;
  return NormKind::None;
}

std::vector<ArmColour> armColours(const std::vector<RunRecord>& runs) {
  // The first run of each arm speaks for it (its seeds share the settings).
  std::map<int, const RunRecord*> firstOfArm;
  for (const RunRecord& run : runs)
    if (run.arm >= 0) firstOfArm.emplace(run.arm, &run);
  std::vector<ArmColour> out;
  std::vector<std::tuple<int, int, double, int>> keys;  // type rank, batch size, dropout, arm
  for (const auto& [arm, run] : firstOfArm) {
    ArmColour c;
    c.arm = arm;
    c.type = armNormType(*run);
    out.push_back(c);
    keys.emplace_back(typeRank(c.type), run->batchSize, std::isfinite(run->dropout) ? run->dropout : 0.0, arm);
  }
  std::vector<std::size_t> order(out.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<ArmColour> sorted;
  for (std::size_t i : order) sorted.push_back(out[i]);
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t end = i;
    while (end < sorted.size() && sorted[end].type == sorted[i].type) ++end;
    const int n = int(end - i);
    for (std::size_t k = i; k < end; ++k) {
      sorted[k].shade = int(k - i);
      sorted[k].shades = n;
      sorted[k].rgb = shadeOf(normTypeColour(sorted[k].type), shadeAmount(sorted[k].shade, n));
    }
    i = end;
  }
  return sorted;
}

ArmColour colourOfArm(const std::vector<ArmColour>& colours, int arm) {
  for (const ArmColour& c : colours)
    if (c.arm == arm) return c;
  ArmColour grey;
  grey.arm = arm;
  grey.rgb = 0x999999;
  return grey;
}

std::string colourHex(std::uint32_t rgb) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06X", unsigned(rgb & 0xFFFFFF));
  return text;
}

}  // namespace normlab
