// The .normlab file: one JSON document holding an experiment's config, seeds and everything it
// recorded (metrics, probes, norm placements), so a comparison reopens without retraining and
// "run again" reproduces it. Versioned by "schema_version"; written atomically (temporary file,
// then rename) so a crash or a full disk never leaves a half-written file. Must not depend on Qt.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "experiment.h"
#include "experiment_config.h"

namespace normlab {

inline constexpr int kExperimentFileSchema = 1;

struct SavedExperiment {
  ExperimentConfig config;
  std::vector<RunRecord> runs;
  std::string warning;
};

nlohmann::json toJson(const RunRecord& run);
nlohmann::json toJson(const SavedExperiment& saved);
// Throws NormLabError naming what is wrong: not a NormLab file, an unknown schema version, a
// missing field or a value of the wrong type (with its path, e.g. "runs[1].metrics.rows[3]").
SavedExperiment savedExperimentFromJson(const nlohmann::json& json);

void saveExperiment(const std::string& path, const SavedExperiment& saved);
SavedExperiment loadExperiment(const std::string& path);

}  // namespace normlab
