// core/files/: what is read and written: strict JSON input and its fields, the .normlab
// file (this file), result sets (CSV, summary, charts) and what a path is.
//
// The .normlab file: one JSON document holding an experiment's config, seeds and everything it
// recorded (metrics, probes, norm placements), so a comparison reopens without retraining and
// "run again" reproduces it. Versioned by "schema_version"; written atomically (temporary file,
// then rename) so a crash or a full disk never leaves a half-written file. Must not depend on Qt.
//
// Version 2 adds each run's "training_state" (TrainingState in experiment.h: weights, buffers,
// optimizer moments and step count, the sample stream's position, the totals since the last
// metric point), so a saved experiment continues exactly (Experiment::resumeFrom). Float tensors
// are stored as base64 of their little-endian float32 bytes ("f32le"): exact and a quarter of the
// size of printed numbers. A run that diverged or failed, or a record taken while training, has
// none. Version 1 files still open and export; they cannot be continued (whyNotResumable says so).
//
// A run may hold "learning_rate_changes" (LearningRateChange in experiment.h: event, step,
// samples_seen, epoch, lr, factor), written only when the rate was changed mid-run; files
// without the key open as runs without changes.
//
// Reading trusts nothing: the text is parsed strictly (json_input.h: at most 512 MiB, 64 levels,
// no repeated keys), then every value is checked for type, range and consistency: one run per
// arm and seed of the config (or no run at all), indices in range, steps and sizes not negative, accuracies and
// fractions in [0, 1], shapes of at most 2^24 values, histogram ranges ordered, strings of at
// most 200 bytes (names, labels) or 4096 (notes). The limits below bound what one file may hold.
// A training state is checked as strictly: base64 that decodes to exactly the values its dims
// make, one optimizer buffer per parameter (empty or as long as it), step counts that are not
// negative and agree with the run's step and samples seen; that it fits the model is checked
// when the experiment is continued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/experiment/experiment.h"
#include "core/experiment/experiment_config.h"

namespace normlab {

inline constexpr int kExperimentFileSchema = 2;
inline constexpr int kOldestExperimentFileSchema = 1;  // still read (without training states)

inline constexpr std::size_t kMaxFileRuns = kMaxRuns;         // runs (arms x seeds)
inline constexpr std::size_t kMaxFileLayers = 1000;          // layers of a model, probed layers, norms
inline constexpr std::size_t kMaxFileProbes = 100000;        // probes (and population updates) per run
inline constexpr std::size_t kMaxFileMetricRows = 1000000;   // metric points per run
inline constexpr std::size_t kMaxHistogramBins = 256;        // bins of one activation histogram
inline constexpr std::size_t kMaxLayerParams = 16;           // parameter tensors of one layer
inline constexpr std::int64_t kMaxShapeValues = 1 << 24;     // C x H x W of one shape
inline constexpr std::int64_t kMaxFileSteps = 1000000000000;     // steps of one run (10^12)
inline constexpr std::int64_t kMaxSamples = std::int64_t(1) << 53;  // samples seen by one run
inline constexpr std::int64_t kMaxFileParams = std::int64_t(1) << 40;  // parameters of one layer
inline constexpr std::int64_t kMaxFileImages = 1000000000;   // images of one population update
inline constexpr std::size_t kMaxTensorDims = 8;             // dims of one saved tensor
inline constexpr std::size_t kMaxFileLearningRateChanges = 100000;  // per run

// Everything an experiment recorded: what the result files, the .normlab file and the charts show.
struct ExperimentResults {
  int schemaVersion = kExperimentFileSchema;  // of the file it was read from
  ExperimentConfig config;
  std::string warning;  // "" unless the data fell back (e.g. to the synthetic set)
  std::vector<RunRecord> runs;
};

// Copies the experiment's current state (every run's record, histories included).
ExperimentResults snapshotResults(const Experiment& experiment);

// [{"event", "step", "samples_seen", "epoch", "lr", "factor"}, ...] (a run's and summary.json's).
nlohmann::json toJson(const std::vector<LearningRateChange>& changes);
nlohmann::json toJson(const RunRecord& run);
nlohmann::json toJson(const ExperimentResults& saved);
// Throws NormLabError naming what is wrong: not a NormLab file, an unknown schema version, a
// missing field, a value of the wrong type or out of range, counts that do not match the config
// (with its path, e.g. "runs[1].metrics.rows[3]").
ExperimentResults savedExperimentFromJson(const nlohmann::json& json);

// The text of a .normlab file, read strictly (strictJson) then as above.
ExperimentResults parseExperimentFile(std::string_view text);

void saveExperiment(const std::string& path, const ExperimentResults& saved);
ExperimentResults loadExperiment(const std::string& path);

// "" when `saved` can be continued; else why not, in a sentence for the user (an older file
// without training states, a file with no runs, a run saved while it was training).
std::string whyNotResumable(const ExperimentResults& saved);
// The config of `saved` with every arm set to train `moreSteps` steps further than its runs
// went (the base "train.steps" when all arms end on the same step, an arm's own otherwise); an
// arm's recorded stop ("stop_at") is dropped, as its runs continue too.
// Continued with Experiment::resumeFrom, the result equals a straight run of this config.
ExperimentConfig continuedConfig(const ExperimentResults& saved, std::int64_t moreSteps);

}  // namespace normlab
