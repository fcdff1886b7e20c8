// normlab-cli writes its result set as a whole (core/files/results_writer.h): SIGKILL while `export
// --charts` writes (killed once the k-th chart file is in the staging folder, for many k), a
// second Ctrl-C while `run` writes, an --out folder holding other files (refused before
// training), and a run that failed (its row in the final table, a warning, runs.csv). After
// each kill --out holds the previous complete set or the new complete set, and the next write
// removes what the killed one left.
#include <QtTest>

#include <signal.h>

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli_process.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using json = nlohmann::json;

namespace {

using Result = test::CliResult;
using test::runCli;

std::string readFile(const QString& path) { return test::readFile(path.toStdString()); }

// Every file under dir, relative path -> content (charts/ included).
using Contents = std::map<QString, std::string>;
Contents contentsOf(const QString& dir) {
  Contents c;
  QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    c[QDir(dir).relativeFilePath(file)] = readFile(file);
  }
  return c;
}

// The staging folder a write of `dir` uses (beside it, hidden).
QString stagingOf(const QString& dir) {
  const QFileInfo info(dir);
  return info.absolutePath() + "/." + info.fileName() + ".normlab-tmp";
}

int chartFiles(const QString& dir) { return int(QDir(dir + "/charts").entryList(QDir::Files).size()); }

}  // namespace

class TestCliResultSet : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString saved_;  // a small saved experiment

  QString path(const QString& name) const { return tmp_.path() + "/" + name; }

  // "previous" (set P), "new" (set N), "absent", or "mixed: ..." for what `dir` holds.
  static QString setState(const QString& dir, const Contents& previous, const Contents& fresh) {
    const Contents now = QFileInfo::exists(dir) ? contentsOf(dir) : Contents();
    if (now.empty()) return "absent";
    if (now == previous) return "previous";
    if (now == fresh) return "new";
    QStringList files;
    for (const auto& [name, text] : now) files << name;
    return "mixed: " + files.join(", ");
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    const json config = json::parse(R"({
      "name": "set test",
      "dataset": {"name": "synthetic", "train": 200, "test": 50, "size": 28},
      "model": "tiny",
      "train": {"lr": 0.05, "batch_size": 20, "steps": 6, "eval_every": 3},
      "arms": [{"norm": "none"}, {"norm": "batch"}],
      "probe_every": 3
    })");
    std::ofstream(path("config.json").toStdString()) << config.dump(2);
    const Result r = runCli({"run", path("config.json"), "--out", path("trained"), "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    saved_ = path("trained/experiment.normlab");
  }

  // Kill points: once the k-th chart file is in the staging folder (k = 1, 4, 7, ...), and once
  // the data files are there before any chart. The previous set has SVG charts, the new one PNG.
  void sigkillDuringExportLeavesAWholeSet() {
    const QString reference = path("reference-png"), out = path("killed");
    Result r = runCli({"export", saved_, "--out", reference, "--charts", "png", "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    const Contents fresh = contentsOf(reference);
    const int charts = chartFiles(reference);
    QVERIFY(charts > 5);
    r = runCli({"export", saved_, "--out", out, "--charts", "svg", "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    const Contents previous = contentsOf(out);

    std::map<QString, int> outcomes;
    int tried = 0;
    std::vector<int> killPoints;
    for (int k = 0; k < charts; k += 3) killPoints.push_back(k);
    killPoints.push_back(charts);  // every chart written: the exchange is next
    for (const int k : killPoints) {
      QProcess p;
      p.start(NORMLAB_CLI_PATH, {"export", saved_, "--out", out, "--charts", "png", "--quiet"});
      QVERIFY(p.waitForStarted(10000));
      // Waits on files appearing (in the staging folder, or in --out itself for a writer that
      // wrote there directly), not on time.
      const QString staging = stagingOf(out);
      auto pngs = [](const QString& dir) { return int(QDir(dir + "/charts").entryList({"*.png"}, QDir::Files).size()); };
      auto reached = [&] {
        if (k == 0)
          return QFileInfo::exists(staging + "/experiment.normlab") || QFileInfo::exists(out + "/experiment.normlab.tmp");
        return pngs(staging) + pngs(out) >= k;
      };
      bool finished = false;
      while (!reached() && !(finished = p.waitForFinished(1))) {
      }
      const bool killed = !finished;
      if (killed) {
        ::kill(pid_t(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(60000));
      }
      ++tried;
      const QString state = setState(out, previous, fresh);
      QVERIFY2(state == "previous" || state == "new", qPrintable(QString("k=%1: %2").arg(k).arg(state)));
      ++outcomes[QString(killed ? "killed, " : "finished, ") + state];
      if (state == "new") {  // back to the previous set for the next kill point
        r = runCli({"export", saved_, "--out", out, "--charts", "svg", "--quiet"});
        QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(setState(out, previous, fresh), QString("previous"));
      }
    }
    // The next complete write removes the staging folder a kill left behind.
    r = runCli({"export", saved_, "--out", out, "--charts", "png", "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(setState(out, previous, fresh), QString("new"));
    QVERIFY(!QFileInfo::exists(stagingOf(out)));
    QString summary;
    for (const auto& [what, n] : outcomes) summary += QString(" %1: %2;").arg(what).arg(n);
    qInfo("%d kill points over %d chart files:%s", tried, charts, qPrintable(summary));
  }

  // A long run: the first Ctrl-C stops training, the second arrives while the stop's results
  // (with charts) are being written into the staging folder and ends the process at once
  // (SA_RESETHAND). --out keeps its previous set whole; the next write cleans up.
  void secondCtrlCWhileWritingKeepsThePreviousSet() {
    const QString out = path("interrupted");
    Result r = runCli({"export", saved_, "--out", out, "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    const Contents previous = contentsOf(out);
    json config = json::parse(readFile(path("config.json")));
    config["train"]["steps"] = 4000;
    std::ofstream(path("long.json").toStdString()) << config.dump(2);
    QProcess p;
    p.start(NORMLAB_CLI_PATH, {"run", path("long.json"), "--out", out, "--charts", "svg"});
    QVERIFY(p.waitForStarted(10000));
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError())).contains("10%"), 120000);
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    const QString staging = stagingOf(out);
    bool finished = false;  // (the previous set has no charts: a chart file is from this write)
    while (chartFiles(staging) + chartFiles(out) < 1 && !(finished = p.waitForFinished(1))) {
    }
    QVERIFY2(!finished, "the run finished writing before the second SIGINT");
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // ended by the second SIGINT
    QCOMPARE(setState(out, previous, {}), QString("previous"));
    r = runCli({"export", saved_, "--out", out, "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(staging));
  }

  // Results replace --out's contents as a whole, so a folder with other files is refused at once
  // (before training), naming the file; nothing in it changes.
  void outFolderWithOtherFilesIsRefused() {
    const QString out = path("shared");
    QVERIFY(QDir().mkpath(out));
    std::ofstream((out + "/notes.txt").toStdString()) << "mine";
    const Result r = runCli({"run", path("config.json"), "--out", out});
    QVERIFY(r.normalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("normlab-cli: cannot write to '" + out + "': it holds 'notes.txt'"), qPrintable(r.err));
    QVERIFY2(!r.err.contains("%"), qPrintable(r.err));  // no training began
    QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"notes.txt"});
  }

  // A run that failed (here: marked so in a saved file) is in the final table with its message,
  // warned about on stderr, and in runs.csv; the exit code stays 0, as for a diverged run.
  void failedRunIsShownAndWritten() {
    json j = json::parse(readFile(saved_));
    j["runs"][1]["failed"] = true;
    j["runs"][1]["failure"] = "step 4: out of memory (std::bad_alloc)";
    j["runs"][1].erase("training_state");  // a failed run has none (a file giving one is refused)
    const QString file = path("failed.normlab");
    std::ofstream(file.toStdString()) << j.dump();
    const QString out = path("failed-out");
    const Result r = runCli({"export", file, "--out", out});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("failed") && r.out.contains("yes (step 4: out of memory (std::bad_alloc))"), qPrintable(r.out));
    QVERIFY2(r.err.contains("warning: run 'batch' (seed") && r.err.contains("failed: step 4: out of memory"), qPrintable(r.err));
    std::string error;
    const test::Csv runs = test::parseCsv(readFile(out + "/runs.csv"), &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(runs.at(0, "failed"), std::string("0"));
    QCOMPARE(runs.at(1, "failed"), std::string("1"));
    QCOMPARE(runs.at(1, "failure"), std::string("step 4: out of memory (std::bad_alloc)"));
  }
};

QTEST_GUILESS_MAIN(TestCliResultSet)
#include "test_cli_result_set.moc"
