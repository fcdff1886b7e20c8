// Built-in model presets: resources/presets/*.json compiled into the library at build time (see
// core/CMakeLists.txt), so no file is read at run time. Must not depend on Qt.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/model_spec.h"

namespace normlab {

struct PresetInfo {
  std::string name;         // "small-cnn"
  std::string description;  // one sentence
};

// Every built-in preset, sorted by name.
std::vector<PresetInfo> presetList();
// The model used for comparisons unless the user picks another: "small-cnn".
const char* defaultPresetName();
// The parsed preset; throws NormLabError listing the valid names for an unknown name.
ModelSpec preset(const std::string& name);
// The preset's JSON text as written in resources/presets/<name>.json.
std::string presetJson(const std::string& name);

namespace detail {
struct EmbeddedPreset {
  const char* name;
  const char* json;
};
extern const EmbeddedPreset kEmbeddedPresets[];
extern const std::size_t kEmbeddedPresetCount;
}  // namespace detail

}  // namespace normlab
