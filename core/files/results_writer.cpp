#include "core/files/results_writer.h"

#include "core/experiment/arm_colours.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/arm_results.h"

namespace normlab {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The parameters layers.csv has columns for, and the statistics per parameter.
constexpr const char* kParamNames[] = {"weight", "bias", "gamma", "beta"};
constexpr const char* kParamStats[] = {"grad_norm", "update_ratio", "mean_abs_grad", "max_abs_grad"};

// Numbers in files are formatted as in the C locale whatever the process's locale (the window's
// QApplication sets LC_ALL from the environment, which would make printf write "0,5"): std::to_chars.
std::string percentileColumn(double p) {  // "p%g"
  char buf[32] = {'p'};
  return std::string(buf, std::to_chars(buf + 1, buf + sizeof buf, p, std::chars_format::general, 6).ptr);
}

// Appends the fields as one CSV line (fields are already formatted).
void appendRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i];
  }
  out += '\n';
}

std::string header(const std::vector<std::string>& columns) {
  std::string out;
  std::vector<std::string> quoted;
  quoted.reserve(columns.size());
  for (const auto& c : columns) quoted.push_back(csvText(c));
  appendRow(out, quoted);
  return out;
}

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string reasonOf(int error) { return std::strerror(error); }

[[noreturn]] void cannotWrite(const std::string& path, const std::string& reason) {
  throw NormLabError("cannot write to '" + path + "': " + reason);
}

}  // namespace

std::string csvNumber(double value) {
  if (std::isnan(value)) return {};
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[32];  // "%.9g" in the C locale
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 9).ptr);
}

std::string csvText(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::string> metricsColumns() {
  return {"arm", "seed", "step", "samples_seen", "epoch", "train_loss", "train_acc", "test_loss", "test_acc", "wall_s"};
}

std::vector<std::string> layerColumns() {
  std::vector<std::string> c = {"arm", "seed", "step", "samples_seen", "layer", "kind", "out_mean", "out_std", "zero_frac", "saturated_frac"};
  for (double p : kProbePercentiles) c.push_back(percentileColumn(p));
  c.push_back("grad_mean_abs");
  c.push_back("grad_max_abs");
  for (const char* p : kParamNames)
    for (const char* s : kParamStats) c.push_back(std::string(p) + "_" + s);
  for (const char* b : {"bn_batch_mean", "bn_running_mean", "bn_batch_var", "bn_running_var", "train_mode_acc", "eval_mode_acc"})
    c.push_back(b);
  return c;
}

std::string metricsCsv(const ExperimentResults& results) {
  std::string out = header(metricsColumns());
  std::vector<std::string> f;
  for (const RunRecord& run : results.runs) {
    const std::string arm = csvText(run.label), seed = std::to_string(run.seed);
    for (const MetricPoint& p : run.metrics) {
      f = {arm, seed, std::to_string(p.step), std::to_string(p.samplesSeen), csvNumber(p.epoch),
           csvNumber(p.trainLoss), csvNumber(p.trainAccuracy), csvNumber(p.testLoss), csvNumber(p.testAccuracy),
           csvNumber(p.wallSeconds)};
      appendRow(out, f);
    }
  }
  return out;
}

std::string layersCsv(const ExperimentResults& results) {
  std::string out = header(layerColumns());
  std::vector<std::string> f;
  for (const RunRecord& run : results.runs) {
    const std::string arm = csvText(run.label), seed = std::to_string(run.seed);
    for (const auto& probe : run.probes) {
      // Negative: not measured (no batch norm in this run).
      const double trainMode = probe->trainModeAccuracy >= 0 ? probe->trainModeAccuracy : kNotMeasured;
      const double evalMode = probe->evalModeAccuracy >= 0 ? probe->evalModeAccuracy : kNotMeasured;
      for (const LayerStats& l : probe->layers) {
        const ActivationStats& a = l.activation;
        f = {arm, seed, std::to_string(probe->step), std::to_string(probe->samplesSeen), csvText(l.name), csvText(l.kind), csvNumber(a.mean),
             csvNumber(a.std), csvNumber(a.zeroFraction), csvNumber(a.saturatedFraction)};
        for (float p : a.percentiles) f.push_back(csvNumber(p));
        f.push_back(csvNumber(l.gradMeanAbs));
        f.push_back(csvNumber(l.gradMaxAbs));
        for (const char* name : kParamNames) {
          const ParamStats* ps = nullptr;
          for (const ParamStats& s : l.params)
            if (s.name == name) ps = &s;
          if (ps) {
            for (double v : {ps->gradNorm, ps->updateRatio, ps->meanAbsGrad, ps->maxAbsGrad}) f.push_back(csvNumber(v));
          } else {
            f.insert(f.end(), std::size(kParamStats), std::string());
          }
        }
        const BatchNormStats& bn = l.batchNorm;
        for (double v : {bn.batchMean, bn.runningMean, bn.batchVar, bn.runningVar})
          f.push_back(l.hasBatchNorm ? csvNumber(v) : std::string());
        f.push_back(csvNumber(trainMode));
        f.push_back(csvNumber(evalMode));
        appendRow(out, f);
      }
    }
  }
  return out;
}

std::vector<std::string> histogramColumns() {
  return {"arm", "seed", "step", "samples_seen", "layer", "kind", "bin", "bin_lo", "bin_hi", "fraction"};
}

std::string histogramsCsv(const ExperimentResults& results) {
  std::string out = header(histogramColumns());
  std::vector<std::string> f;
  for (const RunRecord& run : results.runs) {
    const std::string arm = csvText(run.label), seed = std::to_string(run.seed);
    for (const auto& probe : run.probes) {
      const std::string step = std::to_string(probe->step), samples = std::to_string(probe->samplesSeen);
      for (const LayerStats& l : probe->layers) {
        const ActivationStats& a = l.activation;
        const std::size_t bins = a.histogram.size();
        const double lo = a.histLo, width = bins ? (double(a.histHi) - lo) / double(bins) : 0;
        const std::string name = csvText(l.name), kind = csvText(l.kind);
        for (std::size_t b = 0; b < bins; ++b) {
          // The last bin ends exactly at hi (no rounding drift from lo + bins * width).
          const double binHi = b + 1 == bins ? double(a.histHi) : lo + double(b + 1) * width;
          f = {arm, seed, step, samples, name, kind, std::to_string(b), csvNumber(lo + double(b) * width),
               csvNumber(binHi), csvNumber(a.histogram[b])};
          appendRow(out, f);
        }
      }
    }
  }
  return out;
}

std::vector<std::string> runColumns() {
  return {"arm", "arm_index", "norm", "colour", "seed", "steps", "samples_seen", "epoch", "diverged", "diverged_at_step",
          "failed", "failure", "final_train_loss", "final_test_loss", "final_test_acc", "train_s", "images_per_s"};
}

std::string runsCsv(const ExperimentResults& results) {
  std::string out = header(runColumns());
  // The colour the app draws the arm in (arm_colours.h), so plots made elsewhere match.
  const std::vector<ArmColour> colours = armColours(results.runs);
  for (const RunRecord& run : results.runs) {
    const bool known = run.arm >= 0 && std::size_t(run.arm) < results.config.arms.size();
    const std::string norm = known ? normKindName(results.config.arms[std::size_t(run.arm)].norm.kind) : "";
    appendRow(out, {csvText(run.label), std::to_string(run.arm), csvText(norm),
                    colourHex(colourOfArm(colours, run.arm).rgb), std::to_string(run.seed),
                    std::to_string(run.step), std::to_string(run.samplesSeen), csvNumber(run.epoch),
                    run.diverged ? "1" : "0", run.diverged ? std::to_string(run.divergedAtStep) : std::string(),
                    run.failed ? "1" : "0", csvText(run.failure),
                    csvNumber(run.finalTrainLoss), csvNumber(run.finalTestLoss), csvNumber(run.finalTestAccuracy),
                    csvNumber(run.trainSeconds), csvNumber(run.imagesPerSecond)});
  }
  return out;
}

std::vector<std::string> resultsColumns() {
  std::vector<std::string> columns = {"arm", "arm_index", "norm", "runs"};
  for (const char* q : {"test_acc", "test_loss", "train_loss"})
    for (const char* s : {"mean", "min", "max", "sd"}) columns.push_back(std::string(q) + "_" + s);
  for (const char* c : {"diverged_runs", "first_diverged_step", "failed_runs", "images_per_s_mean"}) columns.push_back(c);
  return columns;
}

std::string resultsCsv(const ExperimentResults& results) {
  std::string out = header(resultsColumns());
  for (const ArmResult& arm : armResults(results.runs)) {
    const bool known = arm.arm >= 0 && std::size_t(arm.arm) < results.config.arms.size();
    const std::string norm = known ? normKindName(results.config.arms[std::size_t(arm.arm)].norm.kind) : "";
    std::vector<std::string> fields = {csvText(arm.label), std::to_string(arm.arm), csvText(norm), std::to_string(arm.runs)};
    for (const SeedSpread* s : {&arm.testAccuracy, &arm.testLoss, &arm.trainLoss})
      for (double v : {s->mean, s->min, s->max, s->std}) fields.push_back(csvNumber(v));
    fields.push_back(std::to_string(arm.diverged));
    fields.push_back(arm.diverged ? std::to_string(arm.firstDivergedStep) : std::string());
    fields.push_back(std::to_string(arm.failed));
    fields.push_back(csvNumber(arm.imagesPerSecond.mean));
    appendRow(out, fields);
  }
  return out;
}

json histogramsJson(const ExperimentResults& results) {
  json runs = json::array();
  for (const RunRecord& run : results.runs) {
    json probes = json::array();
    for (const auto& probe : run.probes) {
      json layers = json::array();
      for (const LayerStats& l : probe->layers) {
        json bins = json::array();
        for (float b : l.activation.histogram) bins.push_back(number(b));
        layers.push_back({{"layer", l.name}, {"kind", l.kind}, {"lo", number(l.activation.histLo)},
                          {"hi", number(l.activation.histHi)}, {"bins", std::move(bins)}});
      }
      probes.push_back({{"step", probe->step}, {"samples_seen", probe->samplesSeen}, {"layers", std::move(layers)}});
    }
    runs.push_back({{"arm", run.label}, {"arm_index", run.arm}, {"seed", run.seed}, {"probes", std::move(probes)}});
  }
  return {{"runs", std::move(runs)}};
}

json summaryJson(const ExperimentResults& results) {
  json arms = json::array();
  for (const RunRecord& run : results.runs) {
    arms.push_back({{"label", run.label},
                    {"seed", run.seed},
                    {"final_test_accuracy", number(run.finalTestAccuracy)},
                    {"final_test_loss", number(run.finalTestLoss)},
                    {"final_train_loss", number(run.finalTrainLoss)},
                    {"diverged", run.diverged},
                    {"diverged_at_step", run.diverged ? json(run.divergedAtStep) : json(nullptr)},
                    {"failed", run.failed},
                    {"failure", run.failed ? json(run.failure) : json(nullptr)},
                    {"steps", run.step},
                    {"images_per_s", number(run.imagesPerSecond)}});
    if (!run.learningRateChanges.empty()) arms.back()["learning_rate_changes"] = toJson(run.learningRateChanges);
  }
  json j = {{"name", results.config.name}, {"arms", std::move(arms)}};
  if (!results.warning.empty()) j["warning"] = results.warning;
  j["config"] = toJson(results.config);
  return j;
}

std::string jsonText(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

void prepareOutputDirectory(const std::string& dir) {
  if (dir.empty()) cannotWrite(dir, "empty directory name");
  std::error_code ec;
  const fs::path p(dir);
  if (fs::exists(p, ec) && !fs::is_directory(p, ec)) cannotWrite(dir, "not a directory");
  fs::create_directories(p, ec);
  if (ec) cannotWrite(dir, ec.message());
  // Create and remove a probe file: permissions, read-only file systems and full disks show here.
  const std::string probe = (p / ".normlab-write-test.tmp").string();
  std::FILE* f = std::fopen(probe.c_str(), "wb");
  if (!f) cannotWrite(dir, reasonOf(errno));
  const bool ok = std::fputc('x', f) != EOF;
  const int closed = std::fclose(f);
  const int err = errno;
  std::remove(probe.c_str());
  if (!ok || closed != 0) cannotWrite(dir, reasonOf(err));
}

void writeFileAtomically(const std::string& path, std::string_view text) {
  const std::string tmp = path + ".tmp";
  // O_TRUNC: a .tmp left by a killed earlier write is overwritten, then renamed or removed.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) cannotWrite(path, reasonOf(errno));
  int err = 0;
  for (std::size_t done = 0; done < text.size() && !err;) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n > 0) done += std::size_t(n);
    else if (n < 0 && errno != EINTR) err = errno;
    else if (n == 0) err = ENOSPC;
  }
  // The data must be on disk before the rename makes it the file: else a crash can leave an
  // empty file under the final name.
  if (!err && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (err) {
    std::remove(tmp.c_str());
    cannotWrite(path, reasonOf(err));
  }
  resultSetEvent(".tmp written");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    std::remove(tmp.c_str());
    cannotWrite(path, reasonOf(err));
  }
}

std::vector<std::string> writeResults(const std::string& dir, const ExperimentResults& results) {
  const fs::path d(dir);
  std::vector<std::string> written;
  auto write = [&](const char* name, const std::string& text) {
    const std::string path = (d / name).string();
    writeFileAtomically(path, text);
    written.push_back(path);
    resultSetEvent(name);
  };
  // experiment.normlab first: it holds everything, the other files are views of it.
  const std::string saved = (d / "experiment.normlab").string();
  saveExperiment(saved, results);  // as the window's Save writes it
  written.push_back(saved);
  resultSetEvent("experiment.normlab");
  write("metrics.csv", metricsCsv(results));
  write("layers.csv", layersCsv(results));
  write("histograms.csv", histogramsCsv(results));
  write("runs.csv", runsCsv(results));
  write("results.csv", resultsCsv(results));
  write("histograms.json", jsonText(histogramsJson(results)));
  write("summary.json", jsonText(summaryJson(results)));
  return written;
}

// ---- The result set as a whole ----

namespace {

ResultSetEventHook gEventHook = nullptr;

constexpr const char* kSetFiles[] = {"experiment.normlab", "metrics.csv", "layers.csv", "histograms.csv",
                                     "runs.csv", "results.csv", "histograms.json", "summary.json"};
constexpr const char* kChartsFolder = "charts";

bool isSetFile(const std::string& name) {
  if (name == ".normlab-write-test.tmp") return true;  // prepareOutputDirectory's probe
  for (const char* f : kSetFiles)
    if (name == f || name == std::string(f) + ".tmp") return true;
  return false;
}

bool isChartFile(const fs::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".tmp") ext = p.stem().extension().string();
  return ext == ".png" || ext == ".svg" || ext == ".pdf";
}

// Quotes at most a short prefix of a name found on disk.
std::string shortName(const std::string& name) {
  constexpr std::size_t kMax = 60;
  return name.size() <= kMax ? name : name.substr(0, kMax) + "...";
}

// The first entry of `dir` that is not part of a result set ("" when there is none): the set is
// replaced as a whole, so it may only replace files a result set wrote.
std::string foreignEntry(const fs::path& dir) {
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_symlink(ec)) return name;
    if (e.is_regular_file(ec) && isSetFile(name)) continue;
    if (e.is_directory(ec) && name == kChartsFolder) {
      for (const fs::directory_entry& c : fs::directory_iterator(e.path(), ec))
        if (c.is_symlink(ec) || !c.is_regular_file(ec) || !isChartFile(c.path()))
          return std::string(kChartsFolder) + "/" + c.path().filename().string();
      continue;
    }
    return name;
  }
  if (ec) return "(cannot list it: " + ec.message() + ")";
  return {};
}

// Both exchanged or nothing: Linux's renameat2(RENAME_EXCHANGE). A file system without it gets
// two renames (the old set moved aside, the new one moved in): a kill between them leaves no folder.
bool exchangePaths(const fs::path& staging, const fs::path& target, int* err) {
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) {
    *err = errno;
    return false;
  }
  const fs::path aside = staging.string() + "-old";
  std::error_code ec;
  fs::remove_all(aside, ec);
  if (std::rename(target.c_str(), aside.c_str()) != 0) {
    *err = errno;
    return false;
  }
  if (std::rename(staging.c_str(), target.c_str()) != 0) {
    *err = errno;
    std::rename(aside.c_str(), target.c_str());  // the old set back in place
    return false;
  }
  std::rename(aside.c_str(), staging.c_str());  // where commit() removes the old set
  return true;
}

void syncFolder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void setResultSetEventHook(ResultSetEventHook hook) { gEventHook = hook; }

void resultSetEvent(const char* event) {
  if (gEventHook) gEventHook(event);
}

ResultSetWriter::ResultSetWriter(const std::string& dir) : dir_(dir) {
  if (dir.empty()) cannotWrite(dir, "empty directory name");
  std::error_code ec;
  fs::path target = fs::absolute(fs::path(dir), ec).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" -> "out"
  // A symbolic link to a folder: the set replaces the folder it points to, not the link.
  std::error_code missing;  // (a folder that does not exist yet is no link)
  if (!ec && fs::is_symlink(fs::symlink_status(target, missing))) target = fs::canonical(target, ec);
  if (ec) cannotWrite(dir, ec.message());
  target_ = target;
  // Exchanging the folder a shell stands in would leave the shell in the removed old set.
  if (const fs::path cwd = fs::current_path(ec); !ec && fs::equivalent(cwd, target_, ec))
    cannotWrite(dir, "it is the current folder (results replace the folder as a whole): name a folder inside it");
  ec.clear();
  if (fs::exists(target_, ec)) {
    if (!fs::is_directory(target_, ec)) cannotWrite(dir, "not a directory");
    if (const std::string other = foreignEntry(target_); !other.empty())
      cannotWrite(dir, "it holds '" + shortName(other) +
                           "', which is not a NormLab result file (results replace the folder's contents as a "
                           "whole): choose an empty or new folder");
  }
  const fs::path parent = target_.parent_path();
  fs::create_directories(parent, ec);
  if (ec) cannotWrite(dir, ec.message());
  // The new set is written beside the folder, then exchanged with it in one step.
  staging_ = parent / ("." + target_.filename().string() + ".normlab-tmp");
  fs::remove_all(staging_, ec);  // a staging folder left by a killed earlier write
  if (!fs::create_directory(staging_, ec) || ec)
    cannotWrite(dir, "cannot create '" + staging_.string() + "': " + (ec ? ec.message() : "it exists"));
  resultSetEvent("staging created");
}

ResultSetWriter::~ResultSetWriter() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
}

std::string ResultSetWriter::stagingDir() const { return staging_.string(); }

void ResultSetWriter::commit() {
  syncFolder(staging_);
  std::error_code ec;
  if (fs::exists(target_, ec)) {
    int err = 0;
    if (!exchangePaths(staging_, target_, &err)) cannotWrite(dir_, reasonOf(err));
    resultSetEvent("exchanged");
  } else if (std::rename(staging_.c_str(), target_.c_str()) != 0) {
    cannotWrite(dir_, reasonOf(errno));
  }
  committed_ = true;
  syncFolder(target_.parent_path());
  fs::remove_all(staging_, ec);  // now the previous set (if any); a kill here leaves it for the next write
  resultSetEvent("committed");
}

void checkResultSetDirectory(const std::string& dir) {
  ResultSetWriter probe(dir);  // checks the folder and creates (then removes) the staging folder
}

std::vector<std::string> writeResultSet(const std::string& dir, const ExperimentResults& results,
                                        const std::function<void(const std::string& stagingDir)>& alsoWrite) {
  ResultSetWriter writer(dir);
  try {
    writeResults(writer.stagingDir(), results);
    if (alsoWrite) alsoWrite(writer.stagingDir());
    writer.commit();
  } catch (const std::exception& e) {
    // The failing path is in the staging folder: say what happened to the folder the user named.
    throw NormLabError(std::string(e.what()) + " (nothing replaced: '" + dir + "' is as it was)");
  }
  std::vector<std::string> written;
  for (const char* f : kSetFiles) written.push_back((fs::path(dir) / f).string());
  return written;
}

}  // namespace normlab
