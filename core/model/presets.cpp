// Built-in model presets, looked up in the table generated from resources/presets/*.json.
// Must not depend on Qt.
#include "core/model/presets.h"

namespace normlab {

namespace {

const detail::EmbeddedPreset* findPreset(const std::string& name) {
  for (std::size_t i = 0; i < detail::kEmbeddedPresetCount; ++i)
    if (name == detail::kEmbeddedPresets[i].name) return &detail::kEmbeddedPresets[i];
  std::string valid;
  for (std::size_t i = 0; i < detail::kEmbeddedPresetCount; ++i)
    valid += std::string(i ? ", " : "") + detail::kEmbeddedPresets[i].name;
  throw NormLabError("unknown model preset '" + name + "' (valid presets: " + valid + ")");
}

}  // namespace

std::vector<PresetInfo> presetList() {
  std::vector<PresetInfo> list;
  for (std::size_t i = 0; i < detail::kEmbeddedPresetCount; ++i) {
    const ModelSpec spec = parseModelSpec(std::string_view(detail::kEmbeddedPresets[i].json));
    list.push_back({detail::kEmbeddedPresets[i].name, spec.description});
  }
  return list;
}

const char* defaultPresetName() { return "small-cnn"; }

ModelSpec preset(const std::string& name) {
  const detail::EmbeddedPreset* p = findPreset(name);
  try {
    return parseModelSpec(std::string_view(p->json));
  } catch (const NormLabError& e) {
    throw NormLabError("built-in preset '" + name + "' is broken: " + e.what());
  }
}

std::string presetJson(const std::string& name) { return findPreset(name)->json; }

}  // namespace normlab
