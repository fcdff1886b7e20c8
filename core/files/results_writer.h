// Result files of an experiment, as the command line and the GUI's "Export data" write them into
// an output directory: metrics.csv (one row per run and logged step), layers.csv (one row per run,
// probe step and layer: every probe statistic, percentiles included), histograms.csv (one row per
// run, probe step, layer and bin), runs.csv (one row per run: final values), results.csv (one row
// per arm: final values over its seeds, as the window's Results tab shows them), histograms.json (per
// run, probe step and layer), summary.json (final values per run, plus the config echoed back)
// and experiment.normlab (everything, reopenable). Every CSV column is documented in
// docs/export-formats.md. Every file is written atomically and checked to its end (NAME.tmp,
// written, fsync'ed and closed, then renamed), so a crash never leaves a half-written file.
//
// The result set (these eight files and charts/) is replaced as a whole (ResultSetWriter): it is
// written into a hidden folder beside the output folder (".DIR.normlab-tmp"), which is then
// exchanged with the output folder in one rename (renameat2 RENAME_EXCHANGE), and the previous
// set removed. A full disk, a kill or an error at any point leaves the previous complete set or
// the new complete set, never a mix. Because the folder is replaced whole, it may only hold
// files a result set writes: an output folder with other files in it (or the current folder)
// is refused, nothing is written. A staging folder left by a killed write is removed by the next write. Must not
// depend on Qt.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/files/experiment_file.h"

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
std::vector<std::string> resultsColumns();

// The files' contents. metrics.csv/layers.csv: header row, then one row per (run, point) in run
// order; unmeasured values are empty fields.
std::string metricsCsv(const ExperimentResults& results);
std::string layersCsv(const ExperimentResults& results);
// histograms.csv (long format): one row per (run, probe, layer, bin) with the bin's edges and the
// fraction of values in it.
std::string histogramsCsv(const ExperimentResults& results);
// runs.csv: one row per run (final values; empty fields where not measured).
std::string runsCsv(const ExperimentResults& results);
// results.csv: one row per arm (core/experiment/arm_results.h): test accuracy, test loss and train
// loss as mean, min, max and sd over the seeds that neither diverged nor failed; how many seeds
// diverged (and the first step) or failed; the mean images/s.
std::string resultsCsv(const ExperimentResults& results);
// {"runs": [{"arm", "arm_index", "seed", "probes": [{"step", "samples_seen",
//   "layers": [{"layer", "kind", "lo", "hi", "bins": [fractions]}]}]}]}
nlohmann::json histogramsJson(const ExperimentResults& results);
// {"name", "arms": [{"label", "seed", "final_test_accuracy", "final_test_loss",
//   "final_train_loss", "diverged", "diverged_at_step", "failed", "failure", "steps", "images_per_s",
//   "learning_rate_changes" (only when the rate was changed mid-run: see experiment_file.h)}],
//  "warning" (only when the data fell back), "config": toJson(config)}; NaN -> null.
nlohmann::json summaryJson(const ExperimentResults& results);
// Serialises JSON as the writers do (indented, invalid UTF-8 replaced, never throws on text).
std::string jsonText(const nlohmann::json& j);

// Creates `dir` (and its parents) if missing and checks that a file can be created in it.
// Throws NormLabError "cannot write to 'DIR': <reason>".
void prepareOutputDirectory(const std::string& dir);
// Writes `text` to path.tmp (checked to the last byte, fsync'ed, closed) and renames it over
// `path`; on failure removes the .tmp and throws NormLabError "cannot write to 'PATH': <reason>".
void writeFileAtomically(const std::string& path, std::string_view text);

// Writes experiment.normlab (the saved experiment as JSON: everything, reopenable without
// retraining), metrics.csv, layers.csv, histograms.csv, runs.csv, results.csv, histograms.json and
// summary.json into `dir` (which must exist), one file after another. Returns the written paths,
// in that order. Use writeResultSet for an output folder: this one does not replace as a whole.
std::vector<std::string> writeResults(const std::string& dir, const ExperimentResults& results);

// One replacement of the result set in `dir` (see the top of this file). The constructor checks
// `dir` (not a file, no other files in it; creates its parents) and creates the staging folder;
// write everything into stagingDir(), then commit() puts it in place. Without commit() (an
// exception) the destructor removes the staging folder and `dir` keeps its previous set.
// Errors: NormLabError "cannot write to 'DIR': <reason>".
class ResultSetWriter {
 public:
  explicit ResultSetWriter(const std::string& dir);
  ~ResultSetWriter();
  ResultSetWriter(const ResultSetWriter&) = delete;
  ResultSetWriter& operator=(const ResultSetWriter&) = delete;

  std::string stagingDir() const;
  void commit();

 private:
  std::string dir_;  // as given, for messages
  std::filesystem::path target_, staging_;
  bool committed_ = false;
};

// Throws what writing a result set into `dir` would throw before writing any file (run checks
// this before training). Leaves `dir` as it was.
void checkResultSetDirectory(const std::string& dir);

// Writes the whole result set into `dir`: writeResults, then `alsoWrite` (e.g. the charts into
// STAGING/charts), then commit. Returns the eight data files' paths in `dir`. A failure while
// writing throws the writer's message + " (nothing replaced: 'DIR' is as it was)".
std::vector<std::string> writeResultSet(const std::string& dir, const ExperimentResults& results,
                                        const std::function<void(const std::string& stagingDir)>& alsoWrite = {});

// Test-only: a hook called at each point of a write where a kill could fall: "staging created",
// ".tmp written" (before each rename), each file's name once renamed, "exchanged" and
// "committed" (the previous set removed); tests kill the process there. nullptr (the default) switches it off.
using ResultSetEventHook = void (*)(const char* event);
void setResultSetEventHook(ResultSetEventHook hook);
void resultSetEvent(const char* event);

}  // namespace normlab
