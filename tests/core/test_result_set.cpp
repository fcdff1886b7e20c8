// The result set written as a whole (core/files/results_writer.h, ResultSetWriter / writeResultSet):
// a second set replaces the first entirely (charts/ included), a folder holding other files is
// refused untouched, an error part-way keeps the previous set, a SIGKILL at every point of a write
// (a forked child kills itself from the test hook at the k-th point) leaves the previous or the
// new complete set, and a full disk (a small tmpfs, mounted when permitted) at many fill levels
// leaves the previous or the new complete set with a message naming the file. Each checks "whole
// or absent" with setState().
#include <QtTest>

#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/files/results_writer.h"
#include "support/file_helpers.h"

using namespace normlab;
namespace fs = std::filesystem;
using test::errorOf;
using test::readFile;

namespace {

ExperimentResults runExperiment(int steps) {
  ExperimentConfig config = parseExperimentConfig(nlohmann::json::parse(R"({
    "name": "set test",
    "dataset": {"name": "synthetic", "train": 60, "test": 20, "size": 12},
    "model": {"name": "mini", "input": [1, 12, 12], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 2, "kernel": 3, "stride": 1, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "activation", "name": "act1"},
      {"type": "flatten", "name": "flat"}, {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"lr": 0.05, "batch_size": 10, "steps": 1, "eval_every": 2},
    "arms": [{"norm": "batch"}],
    "probe_every": 2,
    "histogram_bins": 8
  })"));
  config.arms[0].train.steps = steps;
  Experiment e(config, 1);
  e.prepare();
  while (e.advance()) {
  }
  return snapshotResults(e);
}

// Every file under `dir` (relative path -> content).
using Contents = std::map<std::string, std::string>;
Contents contentsOf(const fs::path& dir) {
  Contents c;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) c[fs::relative(e.path(), dir).string()] = readFile(e.path());
  return c;
}

// A chart stand-in: the charts/ part of a set is written by the caller's callback, last. Set B's
// loss.svg is large, so a full disk can strike after every data file has been written.
void writeFakeCharts(const std::string& staging, const std::string& tag) {
  fs::create_directories(fs::path(staging) / "charts");
  const std::string body(tag == "B" ? 40000 : 10, '.');
  writeFileAtomically(staging + "/charts/loss.svg", "<svg>" + tag + body + "</svg>");
  resultSetEvent("loss.svg");
  writeFileAtomically(staging + "/charts/accuracy.png", "png " + tag);
  resultSetEvent("accuracy.png");
}

// "absent", the name of the complete set found ("A" or "B"), or "mixed" (with what differs).
std::string setState(const fs::path& dir, const std::map<std::string, Contents>& sets) {
  if (!fs::exists(dir)) return "absent";
  const Contents now = contentsOf(dir);
  if (now.empty()) return "absent";
  for (const auto& [name, contents] : sets)
    if (now == contents) return name;
  std::string files;
  for (const auto& [path, text] : now) files += path + "(" + std::to_string(text.size()) + ") ";
  return "mixed: " + files;
}

std::string stagingOf(const fs::path& dir) {
  std::string name = ".";  // (not "." + string: GCC 12 warns falsely, -Wrestrict)
  name += dir.filename().string();
  name += ".normlab-tmp";
  return (dir.parent_path() / name).string();
}

// The kill test's child: dies by SIGKILL at the k-th hook call.
int gKillAt = -1, gEvents = 0;
void killAtEvent(const char*) {
  if (++gEvents == gKillAt) ::raise(SIGKILL);
}

}  // namespace

class TestResultSet : public QObject {
  Q_OBJECT

  ExperimentResults a_, b_;  // two different experiments: set A and set B
  Contents setA_, setB_;
  QTemporaryDir tmp_;

  fs::path fresh(const char* name) { return fs::path(tmp_.path().toStdString()) / name; }

  // Writes set A or B (B with charts, A with other charts) into dir.
  void writeA(const fs::path& dir) { writeResultSet(dir.string(), a_, [](const std::string& s) { writeFakeCharts(s, "A"); }); }
  void writeB(const fs::path& dir) { writeResultSet(dir.string(), b_, [](const std::string& s) { writeFakeCharts(s, "B"); }); }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    a_ = runExperiment(2);
    b_ = runExperiment(5);
    writeA(fresh("reference-a"));
    writeB(fresh("reference-b"));
    setA_ = contentsOf(fresh("reference-a"));
    setB_ = contentsOf(fresh("reference-b"));
    QCOMPARE(setA_.size(), std::size_t(10));  // 8 data files + 2 charts
    QVERIFY(setA_ != setB_);
  }

  void secondSetReplacesTheFirstWhole() {
    const fs::path dir = fresh("replace");
    writeA(dir);
    QCOMPARE(setState(dir, {{"A", setA_}}), std::string("A"));
    // Without charts this time: charts/ belongs to the set, so the old charts go with it.
    writeResultSet(dir.string(), b_);
    Contents noCharts = setB_;
    noCharts.erase("charts/loss.svg");
    noCharts.erase("charts/accuracy.png");
    QCOMPARE(setState(dir, {{"B without charts", noCharts}}), std::string("B without charts"));
    QVERIFY(!fs::exists(stagingOf(dir)));
    // A trailing slash names the same folder.
    writeA(dir.string() + "/");
    QCOMPARE(setState(dir, {{"A", setA_}}), std::string("A"));
    QVERIFY(!fs::exists(stagingOf(dir)));
  }

  void folderWithOtherFilesIsRefusedUntouched() {
    const fs::path dir = fresh("foreign");
    writeA(dir);
    std::ofstream(dir / "notes.txt") << "mine";
    const std::string err = errorOf([&] { writeB(dir); });
    QVERIFY2(err.rfind("cannot write to '" + dir.string() + "': it holds 'notes.txt'", 0) == 0, err.c_str());
    QCOMPARE(readFile(dir / "notes.txt"), std::string("mine"));
    fs::remove(dir / "notes.txt");
    QCOMPARE(setState(dir, {{"A", setA_}}), std::string("A"));
    // The same inside charts/, and checkResultSetDirectory (run's check before training) says it too.
    std::ofstream(dir / "charts" / "readme.md") << "mine";
    const std::string check = errorOf([&] { checkResultSetDirectory(dir.string()); });
    QVERIFY2(check.find("it holds 'charts/readme.md'") != std::string::npos, check.c_str());
    QVERIFY(fs::exists(dir / "charts" / "readme.md"));
    QVERIFY(!fs::exists(stagingOf(dir)));
    // The current folder (a shell standing in it would be left in the removed old set).
    const fs::path cwd = fs::current_path();
    fs::current_path(dir);
    const std::string here = errorOf([&] { writeB(fs::path(".")); });
    fs::current_path(cwd);
    QVERIFY2(here.rfind("cannot write to '.': it is the current folder", 0) == 0, here.c_str());
    // A file where the folder should be.
    const fs::path file = fresh("a-file");
    std::ofstream(file) << "x";
    QCOMPARE(QString::fromStdString(errorOf([&] { writeA(file); })),
             QString::fromStdString("cannot write to '" + file.string() + "': not a directory"));
  }

  void errorPartWayKeepsThePreviousSet() {
    const fs::path dir = fresh("error");
    writeA(dir);
    const std::string err = errorOf([&] {
      writeResultSet(dir.string(), b_, [](const std::string&) { throw NormLabError("cannot write to 'chart': broken"); });
    });
    QCOMPARE(err, "cannot write to 'chart': broken (nothing replaced: '" + dir.string() + "' is as it was)");
    QCOMPARE(setState(dir, {{"A", setA_}}), std::string("A"));
    QVERIFY(!fs::exists(stagingOf(dir)));
  }

  void staleStagingAndTmpFilesAreRemoved() {
    const fs::path dir = fresh("stale");
    writeA(dir);
    fs::create_directories(stagingOf(dir));
    std::ofstream(stagingOf(dir) + "/metrics.csv") << "half";
    std::ofstream(dir / "summary.json.tmp") << "half";  // from the old file-by-file writer
    writeB(dir);
    QCOMPARE(setState(dir, {{"B", setB_}}), std::string("B"));
    QVERIFY(!fs::exists(stagingOf(dir)));
  }

  // A SIGKILL at every point a write passes (k = 1, 2, ... until the write completes), once over
  // an existing set A and once into a folder that does not exist yet: after each kill the folder
  // holds A (or nothing) or the complete set B, and the next write works and leaves no staging.
  void killAtEveryPointLeavesAWholeSet_data() {
    QTest::addColumn<bool>("previous");
    QTest::newRow("over set A") << true;
    QTest::newRow("into a new folder") << false;
  }
  void killAtEveryPointLeavesAWholeSet() {
    QFETCH(bool, previous);
    std::map<std::string, int> outcomes;
    int k = 1;
    for (;; ++k) {
      const fs::path dir = fresh(previous ? "kill-over" : "kill-new");
      fs::remove_all(dir);
      if (previous) writeA(dir);
      std::fflush(nullptr);
      const pid_t child = ::fork();
      QVERIFY(child >= 0);
      if (child == 0) {
        gKillAt = k;
        setResultSetEventHook(killAtEvent);
        try {
          writeB(dir);
        } catch (...) {
          ::_exit(2);
        }
        ::_exit(0);  // the write completed before the k-th point: all points were tried
      }
      int status = 0;
      QCOMPARE(::waitpid(child, &status, 0), child);
      const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
      QVERIFY2(killed || (WIFEXITED(status) && WEXITSTATUS(status) == 0), qPrintable(QString("k=%1 status %2").arg(k).arg(status)));
      const std::string state = setState(dir, {{"A", setA_}, {"B", setB_}});
      QVERIFY2(state == "B" || state == (previous ? "A" : "absent"), qPrintable(QString("k=%1: %2").arg(k).arg(QString::fromStdString(state))));
      ++outcomes[state];
      if (!killed) break;
      // The next write cleans up after the killed one.
      writeB(dir);
      QCOMPARE(setState(dir, {{"B", setB_}}), std::string("B"));
      QVERIFY(!fs::exists(stagingOf(dir)));
    }
    QVERIFY(k > 20);  // staging, 9 files with their .tmp, exchange/rename, commit
    QString summary;
    for (const auto& [state, n] : outcomes) summary += QString(" %1: %2").arg(QString::fromStdString(state)).arg(n);
    qInfo("%d kill points (the last ran to the end):%s", k, qPrintable(summary));
  }

  // A tmpfs of 256 KiB, with a filler file taking more and more of it: each write of set B over
  // set A either completes or fails naming a file and "No space left on device", and the folder
  // holds A or B whole, never a mix. Needs permission to mount (root); skipped otherwise.
  void fullDiskLeavesAWholeSet() {
    const fs::path mountPoint = fresh("tmpfs");
    fs::create_directories(mountPoint);
    if (::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=256k") != 0)
      QSKIP(qPrintable(QString("cannot mount a tmpfs here (%1): needs root").arg(strerror(errno))));
    struct Unmount {
      fs::path p;
      ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
    } unmount{mountPoint};
    std::size_t setBytes = 0;
    for (const auto& [path, text] : setB_) setBytes += text.size();
    QVERIFY2(setBytes < 120 * 1024, qPrintable(QString::number(setBytes)));
    std::map<std::string, int> outcomes;
    int failures = 0, attempts = 0;
    const fs::path dir = mountPoint / "out", filler = mountPoint / "filler";
    for (std::size_t fill = 0; fill <= 256 * 1024; fill += 4096) {
      fs::remove_all(dir);
      fs::remove(filler);
      writeA(dir);  // A is small enough to fit next to every filler tried
      std::ofstream(filler, std::ios::binary) << std::string(fill, 'x');
      ++attempts;
      const std::string err = errorOf([&] { writeB(dir); });
      const std::string state = setState(dir, {{"A", setA_}, {"B", setB_}});
      if (!err.empty()) {
        ++failures;
        QVERIFY2(err.rfind("cannot write to '", 0) == 0 && err.find("No space left on device") != std::string::npos &&
                     err.find("(nothing replaced: '" + dir.string() + "' is as it was)") != std::string::npos,
                 err.c_str());
        QCOMPARE(state, std::string("A"));
      } else {
        QCOMPARE(state, std::string("B"));
      }
      QVERIFY(!fs::exists(stagingOf(dir)));
      ++outcomes[err.empty() ? "written B" : "failed, A kept"];
      if (fs::file_size(filler) < fill) break;  // the filler itself no longer fits
    }
    QVERIFY(failures > 0 && failures < attempts);
    qInfo("full disk: %d fill levels: %d written whole, %d refused with A kept", attempts, attempts - failures, failures);
  }
};

QTEST_APPLESS_MAIN(TestResultSet)
#include "test_result_set.moc"
