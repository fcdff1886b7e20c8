// The colour of every arm, decided once here so that the app's charts, its exports and runs.csv
// (plots made elsewhere) agree. Must not depend on Qt.
//
// Rule: a colour means a normalization type. Each type has one fixed Okabe-Ito colour
// (colour-blind safe, readable on white): none grey, batch blue, layer green, instance pink,
// group vermillion, LRN orange. An arm's type is the first norm actually placed in its network
// (RunRecord::norms, network order); an arm whose norm fits nowhere (all placements absent) is
// "none", because that is what it trains as. Arms of one type (batch sizes, dropout rates,
// learning rates, input preprocessing, branches) are shades of the type's colour, from light to
// dark in the order of their batch size, then dropout rate, then position in the config (so
// settings the records do not hold, such as the learning rate, follow the config's order, which
// is the order the user listed them in). Every seed of an arm shares the arm's colour.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/layers/layer_configs.h"

namespace normlab {

struct RunRecord;

// 0xRRGGBB of a type's base colour.
std::uint32_t normTypeColour(NormKind kind);
// The type an arm is coloured by (see above).
NormKind armNormType(const RunRecord& run);

struct ArmColour {
  int arm = 0;                 // the arm index (RunRecord::arm)
  NormKind type = NormKind::None;
  int shade = 0, shades = 1;   // this arm's place among the arms of its type (0 = lightest)
  std::uint32_t rgb = 0;       // 0xRRGGBB
};

// One entry per arm of `runs`, in legend order: by type (none, batch, layer, instance, group,
// lrn), then by shade. Runs with a negative arm index are ignored.
std::vector<ArmColour> armColours(const std::vector<RunRecord>& runs);
// The entry of `arm` in `colours`; a grey entry for an arm that is not there.
ArmColour colourOfArm(const std::vector<ArmColour>& colours, int arm);
// "#RRGGBB" (upper case hex).
std::string colourHex(std::uint32_t rgb);

}  // namespace normlab
