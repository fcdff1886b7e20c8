// Result files of an experiment, as the command line and the GUI's "Export data" write them into
// an output directory: metrics.csv (one row per run and logged step), layers.csv (one row per run,
// probe step and layer: every probe statistic, percentiles included), histograms.csv (one row per
// run, probe step, layer and bin), runs.csv (one row per run: final values), histograms.json (per
// run, probe step and layer), summary.json (final values per run, plus the config echoed back)
// and experiment.normlab (everything, reopenable). Every CSV column is documented in
// docs/export-formats.md. Every file is written atomically (NAME.tmp,
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

// The column names of metrics.csv, layers.csv, histograms.csv and runs.csv, in order.
std::vector<std::string> metricsColumns();
std::vector<std::string> layerColumns();
std::vector<std::string> histogramColumns();
std::vector<std::string> runColumns();

// The files' contents. metrics.csv/layers.csv: header row, then one row per (run, point) in run
// order; unmeasured values are empty fields.
std::string metricsCsv(const ExperimentResults& results);
std::string layersCsv(const ExperimentResults& results);
// histograms.csv (long format): one row per (run, probe, layer, bin) with the bin's edges and the
// fraction of values in it.
std::string histogramsCsv(const ExperimentResults& results);
// runs.csv: one row per run (final values; empty fields where not measured).
std::string runsCsv(const ExperimentResults& results);
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

// Writes metrics.csv, layers.csv, histograms.csv, runs.csv, histograms.json, summary.json and
// experiment.normlab (the saved experiment as JSON: everything, reopenable without retraining)
// into `dir` (which must exist). Returns the written paths, in that order.
std::vector<std::string> writeResults(const std::string& dir, const ExperimentResults& results);

}  // namespace normlab
