// Result files of an experiment, as the command line writes them into its output directory:
// metrics.csv (one row per run and logged step), layers.csv (one row per run, probe step and
// layer: every probe statistic), histograms.json (per run, probe step and layer) and summary.json
// (final values per run, plus the config echoed back). Every file is written atomically (NAME.tmp,
// then rename) so a crash never leaves a half-written file. Must not depend on Qt.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "experiment.h"

namespace normlab {

// What the writers need: the config, the data warning ("" if none) and one record per run.
struct ResultsSnapshot {
  ExperimentConfig config;
  std::string warning;
  std::vector<RunRecord> runs;
};

// Copies the experiment's current state (every run's record, histories included).
ResultsSnapshot snapshotResults(const Experiment& experiment);

// CSV fields: a number with %.9g (NaN -> empty field, infinities as inf / -inf), and a text
// field, quoted (quotes doubled) when it contains a comma, quote or line break.
std::string csvNumber(double value);
std::string csvText(std::string_view text);

// The column names of metrics.csv and layers.csv, in order.
std::vector<std::string> metricsColumns();
std::vector<std::string> layerColumns();

// The files' contents. metrics.csv/layers.csv: header row, then one row per (run, point) in run
// order; unmeasured values are empty fields.
std::string metricsCsv(const ResultsSnapshot& results);
std::string layersCsv(const ResultsSnapshot& results);
// {"runs": [{"arm", "arm_index", "seed", "probes": [{"step", "samples_seen",
//   "layers": [{"layer", "kind", "lo", "hi", "bins": [fractions]}]}]}]}
nlohmann::json histogramsJson(const ResultsSnapshot& results);
// {"name", "arms": [{"label", "seed", "final_test_accuracy", "final_test_loss",
//   "final_train_loss", "diverged", "diverged_at_step", "steps", "images_per_s"}],
//  "warning" (only when the data fell back), "config": toJson(config)}; NaN -> null.
nlohmann::json summaryJson(const ResultsSnapshot& results);
// Serialises JSON as the writers do (indented, invalid UTF-8 replaced, never throws on text).
std::string jsonText(const nlohmann::json& j);

// Creates `dir` (and its parents) if missing and checks that a file can be created in it.
// Throws NormLabError "cannot write to 'DIR': <reason>".
void prepareOutputDirectory(const std::string& dir);
// Writes `text` to path.tmp and renames it over `path`; on failure removes the .tmp and throws
// NormLabError "cannot write to 'PATH': <reason>".
void writeFileAtomically(const std::string& path, std::string_view text);

// Writes metrics.csv, layers.csv, histograms.json and summary.json into `dir` (which must exist).
void writeResults(const std::string& dir, const ResultsSnapshot& results);

}  // namespace normlab
