// normlab-cli: the headless command line. Trains an experiment config without the GUI and writes
// the results (core/files/results_writer.h: CSV and JSON, and experiment.normlab), continues a saved
// experiment for more steps (exactly as one longer run), re-exports a saved experiment, or checks
// a config. With --charts it also renders every chart the window shows into DIR/charts/
// (ui/chart_export.h); only then is a QApplication created, on the "offscreen" platform unless
// QT_QPA_PLATFORM says otherwise, so no display is needed.
//
//   normlab-cli run CONFIG.json --out DIR [--charts png,svg,pdf] [--threads N] [--steps N] [--memory-budget SIZE] [--quiet]
//   normlab-cli resume FILE.normlab --steps N --out DIR [--charts png,svg,pdf] [--threads N] [--memory-budget SIZE] [--quiet]
//   normlab-cli export FILE.normlab --out DIR [--charts png,svg,pdf] [--quiet]
//   normlab-cli validate CONFIG.json [--memory-budget SIZE]
//   normlab-cli plan CONFIG.json --out JOBS [--runs-per-job K]
//   normlab-cli merge RESULTS/job-* --out DIR [--allow-failed] [--charts png,svg,pdf] [--quiet]
//
// Exit codes: 0 done (a diverged arm is a result, not an error; so is a run that failed on an
// error such as out of memory: it is marked failed and warned about, the others are written),
// 1 bad config, data, saved experiment or output directory, an estimate above the memory
// budget, or job results that do not merge (core/experiment/job_plan.h says why), 2 usage
// error, 128 + signal after SIGINT (130) or SIGTERM (143): training stops at the next step
// boundary and what was recorded is still written. This file only parses arguments,
// draws progress and handles signals; everything else is in the core.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QLocale>
#include <QString>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/job_plan.h"
#include "core/files/experiment_file.h"
#include "core/experiment/memory_estimate.h"
#include "core/files/results_writer.h"
#include "ui/export/chart_export.h"
#include "ui/images/qt_image_decoder.h"

using namespace normlab;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kUsage =
    "usage: normlab-cli run CONFIG.json --out DIR [--charts png,svg,pdf] [--threads N] [--steps N]\n"
    "                      [--memory-budget SIZE] [--quiet]\n"
    "       normlab-cli resume FILE.normlab --steps N --out DIR [--charts png,svg,pdf] [--threads N]\n"
    "                      [--memory-budget SIZE] [--quiet]\n"
    "       normlab-cli export FILE.normlab --out DIR [--charts png,svg,pdf] [--quiet]\n"
    "       normlab-cli validate CONFIG.json [--memory-budget SIZE]\n"
    "       normlab-cli plan CONFIG.json --out JOBS [--runs-per-job K]\n"
    "       normlab-cli merge RESULTS/job-* --out DIR [--allow-failed] [--charts png,svg,pdf] [--quiet]\n"
    "\n"
    "run       trains the experiment and writes its data files into DIR (columns: docs/export-formats.md)\n"
    "resume    continues a saved experiment (DIR/experiment.normlab of a run) N more steps from where it\n"
    "          stopped and writes the whole result set into DIR, the same as one longer run would\n"
    "export    writes the data files of a saved experiment (experiment.normlab) into DIR again\n"
    "validate  checks a config without training\n"
    "plan      splits the experiment into job files JOBS/job-0000.json, ... (each at most K runs, default 1)\n"
    "          and JOBS/plan.json; run each anywhere with 'normlab-cli run JOBS/job-0003.json --out RESULTS/job-0003'\n"
    "merge     puts the results of every job of one plan together into one result set in DIR, the same\n"
    "          as a run of the whole config (recipes for GNU parallel, Slurm, Kubernetes: docs/jobs.md)\n"
    "--allow-failed  merge also when a run failed on an error (it stays marked failed)\n"
    "--charts  also writes every chart into DIR/charts/, one file per chart and format\n"
    "--memory-budget  refuse a config estimated to need more (e.g. 8GiB; default: 75% of physical memory)\n";

volatile std::sig_atomic_t gStopSignal = 0;

extern "C" void onStopSignal(int signo) { gStopSignal = signo; }

// SIGINT/SIGTERM set the stop flag once; SA_RESETHAND restores the default action, so a second
// Ctrl-C ends the process at once, also while results are being written: the result set is
// replaced as a whole (core/files/results_writer.h), so --out keeps its previous complete set and the
// staging folder beside it is removed by the next write.
void installStopHandlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = onStopSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// Error messages are printed on one line.
std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

[[noreturn]] void usageError(const std::string& problem) {
  std::fprintf(stderr, "normlab-cli: %s (run 'normlab-cli --help' for usage)\n", oneLine(problem).c_str());
  std::exit(2);
}

[[noreturn]] void failure(const std::string& problem) {
  std::fprintf(stderr, "normlab-cli: %s\n", oneLine(problem).c_str());
  std::exit(1);
}

struct Options {
  std::string command, inputPath, outDir;  // inputPath: CONFIG.json, or FILE.normlab for resume and export
  std::vector<std::string> jobDirs;        // merge: the jobs' result folders
  int runsPerJob = 1;
  bool allowFailed = false;
  int threads = 0;
  std::int64_t steps = 0;
  bool quiet = false;
  QList<ChartFormat> charts;  // empty: no charts
  MemoryBudget memoryBudget = defaultMemoryBudget();
};

// "png,svg" -> the formats, in order, without repeats.
QList<ChartFormat> chartFormats(const std::string& text) {
  QList<ChartFormat> formats;
  for (const QString& name : QString::fromStdString(text).split(',')) {
    ChartFormat format;
    if (!parseChartFormat(name, &format))
      usageError("--charts takes png, svg or pdf, comma-separated (e.g. --charts png,pdf), got '" +
                 name.toStdString() + "' in '" + text + "'");
    if (!formats.contains(format)) formats.append(format);
  }
  return formats;
}

std::int64_t positiveInteger(const std::string& flag, const std::string& text, std::int64_t max) {
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end || errno == ERANGE || v < 1 || v > max)
    usageError(flag + " needs a whole number from 1 to " + std::to_string(max) + ", got '" + text + "'");
  return v;
}

Options parseArguments(int argc, char** argv) {
  Options o;
  if (argc < 2) usageError("missing command ('run', 'resume', 'export', 'validate', 'plan' or 'merge')");
  o.command = argv[1];
  if (o.command == "--help" || o.command == "-h" || o.command == "help") {
    std::fputs(kUsage, stdout);
    std::exit(0);
  }
  if (o.command != "run" && o.command != "resume" && o.command != "export" && o.command != "validate" &&
      o.command != "plan" && o.command != "merge")
    usageError("unknown command '" + o.command + "' (expected 'run', 'resume', 'export', 'validate', 'plan' or 'merge')");
  const bool resuming = o.command == "resume", run = o.command == "run" || resuming, merging = o.command == "merge",
             exporting = o.command == "export" || merging, writes = run || exporting, readsSaved = exporting || resuming,
             planning = o.command == "plan";
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) usageError(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if ((writes || planning) && a == "--out") o.outDir = value(i);
    else if (planning && a == "--runs-per-job") o.runsPerJob = int(positiveInteger(a, value(i), std::int64_t(kMaxRuns)));
    else if (merging && a == "--allow-failed") o.allowFailed = true;
    else if (writes && a == "--charts") o.charts = chartFormats(value(i));
    else if (run && a == "--threads") o.threads = int(positiveInteger(a, value(i), 1024));
    else if (run && a == "--steps") o.steps = positiveInteger(a, value(i), 1000000000);
    else if (writes && a == "--quiet") o.quiet = true;
    else if (!exporting && !planning && a == "--memory-budget") {
      const std::string size = value(i);
      try {
        o.memoryBudget = {parseByteSize(size), "--memory-budget"};
      } catch (const NormLabError& e) {
        usageError(std::string("--memory-budget: ") + e.what());
      }
    }
    else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a.size() > 1 && a[0] == '-')
      usageError("unknown option '" + a + "' for '" + o.command + "'");
    else if (merging) o.jobDirs.push_back(a);
    else if (o.inputPath.empty()) o.inputPath = a;
    else usageError("unexpected argument '" + a + "' (one " + (readsSaved ? "saved experiment" : "config file") + " only)");
  }
  if (merging && o.jobDirs.empty()) usageError("missing the jobs' result folders (e.g. RESULTS/job-*)");
  if (!merging && o.inputPath.empty()) usageError(readsSaved ? "missing FILE.normlab" : "missing CONFIG.json");
  if (writes && o.outDir.empty()) usageError("missing --out DIR");
  if (planning && o.outDir.empty()) usageError("missing --out JOBS (the folder for the job files)");
  if (resuming && o.steps == 0) usageError("missing --steps N (how many more steps to train)");
  return o;
}

ExperimentConfig loadConfig(const Options& o) {
  try {
    ExperimentConfig config = loadExperimentConfig(o.inputPath);
    if (o.steps > 0) {
      // Every arm trains exactly `steps` steps: set the base, drop the arms' own epochs/steps.
      nlohmann::json j = toJson(config);
      j["train"].erase("epochs");
      j["train"]["steps"] = o.steps;
      for (auto& arm : j["arms"]) {
        arm.erase("epochs");
        arm.erase("steps");
      }
      config = parseExperimentConfig(j);
    }
    return config;
  } catch (const std::exception& e) {
    failure(e.what());
  }
}

std::string modelName(const ExperimentConfig& c) { return c.modelName.empty() ? c.model.name + " (inline)" : c.modelName; }

// Norms an arm asks for that some position cannot take (they stay empty there).
void printNormNotes(const ExperimentConfig& c, std::FILE* to) {
  for (const std::string& note : normNotes(c)) std::fprintf(to, "note: %s\n", note.c_str());
}

int validate(const Options& o) {
  const ExperimentConfig c = loadConfig(o);
  MemoryEstimate estimate;
  try {
    estimate = estimateMemory(c, expectedDatasetSize(c.data));
    checkMemoryBudget(estimate, o.memoryBudget);
  } catch (const std::exception& e) {
    failure(o.inputPath + ": " + e.what());
  }
  std::printf("ok: %zu arm%s x %zu seed%s, model %s, dataset %s\n", c.arms.size(), c.arms.size() == 1 ? "" : "s",
              c.seeds.size(), c.seeds.size() == 1 ? "" : "s", modelName(c).c_str(), c.data.name.c_str());
  printNormNotes(c, stdout);
  std::printf("memory: %s\n", describeEstimate(estimate, o.memoryBudget).c_str());
  return 0;
}

std::string clockText(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Progress on stderr: a bar redrawn in place on a terminal (at most 10 times a second), else one
// plain line per 10%. Rates and the time left count from the start (a continued experiment's
// earlier steps and samples are not part of them).
class Progress {
 public:
  Progress(bool enabled, bool terminal, const Experiment& e)
      : enabled_(enabled), terminal_(terminal), start_(Clock::now()), doneAtStart_(e.stepsDone()),
        samplesAtStart_(samplesSeen(e)) {}

  void update(const Experiment& e, bool force = false) {
    if (!enabled_) return;
    const auto now = Clock::now();
    const std::int64_t done = e.stepsDone(), total = std::max<std::int64_t>(1, e.stepsTotal());
    const int tenth = int(done * 10 / total);
    if (force && drawn_ && done == lastDone_) return;  // the final state is already shown
    if (terminal_) {
      if (!force && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    } else if (!force && tenth <= lastTenth_) {
      return;
    }
    lastDraw_ = now;
    lastTenth_ = tenth;
    lastDone_ = done;
    const std::string line = text(e, done, total, now);
    if (terminal_) std::fprintf(stderr, "\r%s\033[K", line.c_str());
    else std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }

  // Ends the bar's line so later output starts on a fresh line.
  void finish() {
    if (enabled_ && terminal_ && drawn_) std::fputc('\n', stderr);
  }

 private:
  static std::int64_t samplesSeen(const Experiment& e) {
    std::int64_t samples = 0;
    for (int i = 0; i < e.runCount(); ++i) samples += e.record(i).samplesSeen;
    return samples;
  }

  // Images/s: images trained by all runs together per second of wall time.
  std::string text(const Experiment& e, std::int64_t done, std::int64_t total, Clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? double(samplesSeen(e) - samplesAtStart_) / elapsed : 0;
    const std::int64_t doneHere = done - doneAtStart_;
    const double left = doneHere > 0 ? elapsed * double(total - done) / double(doneHere) : NAN;
    const double fraction = std::min(1.0, double(done) / double(total));
    const std::size_t arms = e.config().arms.size(), seeds = e.config().seeds.size();
    char buf[256];
    std::snprintf(buf, sizeof buf, "%3d%% %lld/%lld steps, %zu arm%s x %zu seed%s, %.0f images/s, %s elapsed, %s left",
                  int(fraction * 100), (long long)done, (long long)total, arms, arms == 1 ? "" : "s", seeds,
                  seeds == 1 ? "" : "s", rate, clockText(elapsed).c_str(), clockText(left).c_str());
    if (!terminal_) return std::string("normlab-cli: ") + buf;
    constexpr int kWidth = 20;
    const int filled = int(fraction * kWidth);
    std::string bar(1, '[');
    bar.append(std::size_t(filled), '#');
    bar.append(std::size_t(kWidth - filled), '.');
    bar += "] ";
    bar += buf;
    return bar;
  }

  bool enabled_, terminal_;
  Clock::time_point start_, lastDraw_{};
  std::int64_t doneAtStart_, samplesAtStart_;
  int lastTenth_ = 0;
  std::int64_t lastDone_ = -1;
  bool drawn_ = false;
};

// A failure message as the table shows it: one line, at most a short prefix.
std::string shortFailure(const std::string& failure) {
  constexpr std::size_t kMax = 100;
  std::string s = oneLine(failure);
  return s.size() <= kMax ? s : s.substr(0, kMax) + "...";
}

void printTable(const ExperimentResults& r) {
  int armWidth = 3, seedWidth = 4;
  for (const RunRecord& run : r.runs) {
    armWidth = std::max(armWidth, int(run.label.size()));
    seedWidth = std::max(seedWidth, int(std::to_string(run.seed).size()));
  }
  std::printf("%-*s  %*s  %9s  %-16s  %s\n", armWidth, "arm", seedWidth, "seed", "test acc", "diverged", "failed");
  for (const RunRecord& run : r.runs) {
    char acc[32] = "-";
    if (std::isfinite(run.finalTestAccuracy)) std::snprintf(acc, sizeof acc, "%.4f", run.finalTestAccuracy);
    const std::string diverged = run.diverged ? "yes (step " + std::to_string(run.divergedAtStep) + ")" : "no";
    const std::string failed = run.failed ? "yes (" + shortFailure(run.failure) + ")" : "no";
    std::printf("%-*s  %*llu  %9s  %-16s  %s\n", armWidth, run.label.c_str(), seedWidth, (unsigned long long)run.seed,
                acc, diverged.c_str(), failed.c_str());
  }
}

// Qt's messages go to stderr on one line each, except the notice that XDG_RUNTIME_DIR is unset
// (usual for a headless session, and nothing the user needs to act on).
void qtMessage(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (type == QtDebugMsg || type == QtInfoMsg || message.startsWith("QStandardPaths: XDG_RUNTIME_DIR")) return;
  std::fprintf(stderr, "normlab-cli: Qt: %s\n", oneLine(message.toStdString()).c_str());
}

// Renders every chart into CHARTS (DIR/charts/ of the set being written). The only part that
// needs Qt's GUI: the application object is created here, on the offscreen platform unless the
// user chose one. Returns the number of files written.
qsizetype writeCharts(const Options& o, const ExperimentResults& results, const std::string& charts) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  qInstallMessageHandler(qtMessage);
  static int argc = 1;
  static char name[] = "normlab-cli";
  static char* argv[] = {name, nullptr};
  QApplication app(argc, argv);
  return exportAllCharts(results, QString::fromStdString(charts), o.charts).size();
}

// The data files and the charts as one result set: all of it replaces DIR's previous set, or none.
void writeAll(const Options& o, const ExperimentResults& results) {
  qsizetype charts = 0;
  try {
    writeResultSet(o.outDir, results, [&](const std::string& staging) {
      if (!o.charts.isEmpty()) charts = writeCharts(o, results, staging + "/charts");
    });
  } catch (const std::exception& e) {
    failure(e.what());
  }
  if (!o.charts.isEmpty() && !o.quiet)
    std::printf("%lld chart files in %s\n", (long long)charts, qPrintable(QDir(QString::fromStdString(o.outDir)).filePath("charts")));
  // Fewer charts than layers is said even with --quiet, like a failed run.
  if (const QString note = o.charts.isEmpty() ? QString() : exportedChartsNote(results); !note.isEmpty())
    std::fprintf(stderr, "normlab-cli: note: %s\n", qPrintable(note));
  for (const RunRecord& run : results.runs)
    if (run.failed)
      std::fprintf(stderr, "normlab-cli: warning: run '%s' (seed %llu) failed: %s\n", oneLine(run.label).c_str(),
                   (unsigned long long)run.seed, shortFailure(run.failure).c_str());
}

int exportSaved(const Options& o) {
  ExperimentResults results;
  try {
    results = loadExperiment(o.inputPath);
  } catch (const std::exception& e) {
    failure(e.what());
  }
  writeAll(o, results);
  if (!o.quiet) {
    printTable(results);
    std::printf("results in %s\n", o.outDir.c_str());
  }
  return 0;
}

// Trains `config` (continuing `saved` when given), then writes the result set.
int trainAndWrite(const Options& o, const ExperimentConfig& config, const ExperimentResults* saved) {
  if (!o.quiet) printNormNotes(config, stderr);
  try {
    checkResultSetDirectory(o.outDir);  // before training: a folder in the way is said at once
  } catch (const std::exception& e) {
    failure(e.what());
  }

  Experiment experiment(config, o.threads);
  experiment.setMemoryBudget(o.memoryBudget);
  // A folder of images reads for a while: its own progress line on a terminal.
  const bool tty = isatty(STDERR_FILENO) == 1;
  if (!o.quiet && tty)
    experiment.setLoadProgress([](std::int64_t done, std::int64_t total) {
      std::fprintf(stderr, "\rreading images %lld / %lld%s", (long long)done, (long long)total, done == total ? "\n" : "");
      return true;
    });
  try {
    experiment.prepare();
    if (saved) experiment.resumeFrom(*saved, o.steps);
  } catch (const std::exception& e) {
    failure(saved ? "'" + o.inputPath + "': " + e.what() : std::string(e.what()));
  }
  if (!experiment.warning().empty()) std::fprintf(stderr, "normlab-cli: warning: %s\n", oneLine(experiment.warning()).c_str());

  Progress progress(!o.quiet, isatty(STDERR_FILENO) == 1, experiment);
  try {
    while (!gStopSignal && experiment.advance()) progress.update(experiment);
    if (gStopSignal) experiment.finishEarly();
  } catch (const std::exception& e) {
    progress.finish();
    failure(std::string("training failed: ") + e.what());
  }
  progress.update(experiment, true);
  progress.finish();
  const int stopSignal = gStopSignal;
  if (stopSignal && !o.quiet)
    std::fprintf(stderr, "normlab-cli: stopped by %s after %lld of %lld steps; writing what was recorded\n",
                 stopSignal == SIGINT ? "SIGINT" : "SIGTERM", (long long)experiment.stepsDone(),
                 (long long)experiment.stepsTotal());

  const ExperimentResults results = snapshotResults(experiment);
  writeAll(o, results);
  if (!o.quiet) {
    printTable(results);
    std::printf("results in %s\n", o.outDir.c_str());
  }
  return stopSignal ? 128 + stopSignal : 0;
}

// Splits the config into job files (core/experiment/job_plan.h).
int plan(const Options& o) {
  const ExperimentConfig c = loadConfig(o);
  try {
    const JobPlan p = planJobs(c, o.runsPerJob);
    const std::vector<std::string> files = writePlan(c, p, o.outDir);
    const std::size_t runs = c.arms.size() * c.seeds.size();
    std::printf("plan %s: %zu run%s (%zu arm%s x %zu seed%s) in %zu job%s of at most %d run%s\n", p.fingerprint.c_str(), runs,
                runs == 1 ? "" : "s", c.arms.size(), c.arms.size() == 1 ? "" : "s", c.seeds.size(),
                c.seeds.size() == 1 ? "" : "s", files.size(), files.size() == 1 ? "" : "s", o.runsPerJob,
                o.runsPerJob == 1 ? "" : "s");
    std::printf("run each with: normlab-cli run %s --out RESULTS/job-NNNN\n",
                (std::filesystem::path(o.outDir) / "job-NNNN.json").string().c_str());
    std::printf("%zu job files in %s\n", files.size(), o.outDir.c_str());
  } catch (const std::exception& e) {
    failure(o.inputPath + ": " + e.what());
  }
  return 0;
}

// The jobs' result sets as one (core/experiment/job_plan.h).
int merge(const Options& o) {
  ExperimentResults results;
  try {
    results = mergeJobResults(loadJobResults(o.jobDirs), o.allowFailed);
  } catch (const std::exception& e) {
    failure(e.what());
  }
  writeAll(o, results);
  if (!o.quiet) {
    printTable(results);
    std::printf("merged %zu job%s into %s\n", o.jobDirs.size(), o.jobDirs.size() == 1 ? "" : "s", o.outDir.c_str());
  }
  return 0;
}

int run(const Options& o) {
  installStopHandlers();  // a signal from here on stops cleanly (before training: writes empty results)
  return trainAndWrite(o, loadConfig(o), nullptr);
}

// The saved experiment, continued: each run from its saved state, --steps further.
int resume(const Options& o) {
  installStopHandlers();
  ExperimentResults saved;
  ExperimentConfig config;
  try {
    saved = loadExperiment(o.inputPath);
    if (const std::string why = whyNotResumable(saved); !why.empty()) failure("'" + o.inputPath + "': " + why);
    config = continuedConfig(saved, o.steps);
  } catch (const std::exception& e) {
    failure(e.what());
  }
  return trainAndWrite(o, config, &saved);
}

}  // namespace

int main(int argc, char** argv) {
  // The command line stays English and its files never follow the locale: numbers Qt formats
  // (the charts' captions) use the C locale, whatever LANG says.
  QLocale::setDefault(QLocale::c());
  const Options o = parseArguments(argc, argv);
  normlab::installQtImageDecoder();
  if (o.command == "validate") return validate(o);
  if (o.command == "resume") return resume(o);
  if (o.command == "plan") return plan(o);
  if (o.command == "merge") return merge(o);
  return o.command == "export" ? exportSaved(o) : run(o);
}
