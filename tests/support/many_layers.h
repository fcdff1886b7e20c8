// Runs whose probes list `count` layers, made by repeating the probed layers of a real run under
// new names ("layer1", "layer2", ...): for tests of what a model with very many layers costs.
// Must not depend on Qt.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/experiment/experiment.h"

namespace normlab::test {

inline void repeatProbedLayers(std::vector<RunRecord>& runs, std::size_t count) {
  for (RunRecord& run : runs) {
    for (auto& probe : run.probes) {
      if (probe->layers.empty()) continue;
      auto copy = std::make_shared<ProbeRecord>(*probe);
      copy->layers.clear();
      for (std::size_t i = 0; i < count; ++i) {
        LayerStats layer = probe->layers[i % probe->layers.size()];
        layer.name = "layer" + std::to_string(i + 1);
        copy->layers.push_back(std::move(layer));
      }
      probe = std::move(copy);
    }
  }
}

}  // namespace normlab::test
