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

// Everything an experiment recorded: what the result files, the .normlab file and the charts show.
struct ExperimentResults {
  ExperimentConfig config;
  std::string warning;  // "" unless the data fell back (e.g. to the synthetic set)
  std::vector<RunRecord> runs;
};

// Copies the experiment's current state (every run's record, histories included).
ExperimentResults snapshotResults(const Experiment& experiment);

nlohmann::json toJson(const RunRecord& run);
nlohmann::json toJson(const ExperimentResults& saved);
// Throws NormLabError naming what is wrong: not a NormLab file, an unknown schema version, a
// missing field or a value of the wrong type (with its path, e.g. "runs[1].metrics.rows[3]").
ExperimentResults savedExperimentFromJson(const nlohmann::json& json);

void saveExperiment(const std::string& path, const ExperimentResults& saved);
ExperimentResults loadExperiment(const std::string& path);

}  // namespace normlab
