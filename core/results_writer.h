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

#include "experiment_file.h"

namespace normlab {

// CSV fields: a number with %.9g (NaN -> empty field, infinities as inf / -inf), and a text
// field, quoted (quotes doubled) when it contains a comma, quote or line break.
std::string csvNumber(double value);
std::string csvText(std::string_view text);

// The column names of metrics.csv and layers.csv, in order.
std::vector<std::string> metricsColumns();
std::vector<std::string> layerColumns();

// The files' contents. metrics.csv/layers.csv: header row, then one row per (run, point) in run
// order; unmeasured values are empty fields.
std::string metricsCsv(const ExperimentResults& results);
std::string layersCsv(const ExperimentResults& results);
// {"runs": [{"arm", "arm_index", "seed", "probes": [{"step", "samples_seen",
//   "layers": [{"layer", "kind", "lo", "hi", "bins": [fractions]}]}]}]}
nlohmann::json histogramsJson(const ExperimentResults& results);
// {"name", "arms": [{"label", "seed", "final_test_accuracy", "final_test_loss",
//   "final_train_loss", "diverged", "diverged_at_step", "steps", "images_per_s"}],
//  "warning" (only when the data fell back), "config": toJson(config)}; NaN -> null.
nlohmann::json summaryJson(const ExperimentResults& results);
// Serialises JSON as the writers do (indented, invalid UTF-8 replaced, never throws on text).
std::string jsonText(const nlohmann::json& j);

// Creates `dir` (and its parents) if missing and checks that a file can be created in it.
// Throws NormLabError "cannot write to 'DIR': <reason>".
void prepareOutputDirectory(const std::string& dir);
// Writes `text` to path.tmp and renames it over `path`; on failure removes the .tmp and throws
// NormLabError "cannot write to 'PATH': <reason>".
void writeFileAtomically(const std::string& path, std::string_view text);

// Writes metrics.csv, layers.csv, histograms.json, summary.json and experiment.normlab (the
// saved experiment, reopenable without retraining) into `dir` (which must exist).
void writeResults(const std::string& dir, const ExperimentResults& results);

}  // namespace normlab
