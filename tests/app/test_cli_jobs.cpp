// normlab-cli plan and merge end to end, with GNU parallel for real (docs/jobs.md's one-machine
// recipe): a grid config of 2 norms x 2 batch sizes x 2 seeds is planned into 8 jobs, which run
// as two parallel processes, the results merge, and the merged metrics.csv, layers.csv,
// histograms.csv, runs.csv and results.csv equal those of one `normlab-cli run` of the whole
// config (wall-clock and rate columns aside); the merged experiment.normlab opens as the whole
// experiment, with its batch-size sweep. Without `parallel` installed the test fails and says so.
// Then the command line's refusals: a missing job (named), a folder without results, usage.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/experiment/sweep.h"
#include "core/files/experiment_file.h"
#include "support/cli_process.h"
#include "support/file_helpers.h"
#include "support/without_columns.h"

using json = nlohmann::json;

namespace {

using Result = test::CliResult;
using test::runCli;

std::string readFile(const QString& path) { return test::readFile(path.toStdString()); }

// 8 runs of 24 steps on a small synthetic set: a few seconds in all.
const char* const kConfig = R"({
  "name": "jobs end to end",
  "dataset": {"name": "synthetic", "train": 96, "test": 32, "size": 12},
  "model": {"name": "small", "input": [1, 12, 12], "classes": 10, "layers": [
    {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "padding": 1},
    {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
    {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
    {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "relu", "name": "relu2"},
    {"type": "dropout", "name": "drop", "p": 0.2}, {"type": "dense", "name": "fc2", "out_features": 10}]},
  "train": {"lr": 0.05, "momentum": 0.9, "steps": 24, "eval_every": 8},
  "grid": {"norm": ["batch", "group"], "batch_size": [4, 8]},
  "seeds": [5, 6],
  "probe_every": 6, "histogram_bins": 8
})";

// Runs `script` with sh -c (as a user types a recipe); CLI stands for the built normlab-cli.
Result shell(QString script, const QString& dir) {
  script.replace("normlab-cli", QStringLiteral(NORMLAB_CLI_PATH));
  QProcess p;
  p.setWorkingDirectory(dir);
  p.start("sh", {"-c", script});
  Result r;
  if (!p.waitForStarted(10000) || !p.waitForFinished(600000)) return r;
  r.normalExit = p.exitStatus() == QProcess::NormalExit;
  r.exitCode = p.exitCode();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace

class TestCliJobs : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString path(const QString& name) const { return tmp_.path() + "/" + name; }
  static void expectOk(const Result& r) {
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.out + r.err));
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    std::ofstream(path("sweep.json").toStdString()) << kConfig;
  }

  void parallelRecipeEqualsSingleRun() {
    QVERIFY2(!QStandardPaths::findExecutable("parallel").isEmpty(),
             "GNU parallel is not installed: apt-get install parallel (./normlab.sh test installs it)");
    QElapsedTimer clock;
    clock.start();
    // One run a job (the default): the jobs of the second seed must load the data of the first.
    const Result planned = runCli({"plan", path("sweep.json"), "--out", path("jobs")});
    expectOk(planned);
    QVERIFY2(planned.out.contains("8 runs (4 arms x 2 seeds) in 8 jobs of at most 1 run"), qPrintable(planned.out));
    QCOMPARE(QDir(path("jobs")).entryList({"job-*.json"}, QDir::Files).size(), 8);
    const json plan = json::parse(readFile(path("jobs/plan.json")));
    QCOMPARE(plan["jobs"].size(), std::size_t(8));
    QCOMPARE(plan["jobs"][3]["arms"], json::array({"BN b8"}));
    QCOMPARE(plan["jobs"][3]["seeds"], json::array({6}));

    // docs/jobs.md, one machine.
    const Result ran = shell("parallel -j2 --halt now,fail=1 normlab-cli run {} --out results/{/.} --quiet --threads 1 "
                             "::: jobs/job-*.json", tmp_.path());
    expectOk(ran);
    const Result merged = shell("normlab-cli merge results/job-* --out merged", tmp_.path());
    expectOk(merged);
    QVERIFY2(merged.out.contains("merged 8 jobs into merged"), qPrintable(merged.out));
    const qint64 splitMs = clock.elapsed();

    clock.restart();
    expectOk(runCli({"run", path("sweep.json"), "--out", path("whole"), "--quiet", "--threads", "2"}));
    qInfo("plan + parallel -j2 + merge: %lld ms; one process: %lld ms", (long long)splitMs, (long long)clock.elapsed());

    const std::string metrics = readFile(path("whole/metrics.csv"));
    QVERIFY(metrics.size() > 1000);
    QCOMPARE(test::withoutColumns(readFile(path("merged/metrics.csv")), {"wall_s"}), test::withoutColumns(metrics, {"wall_s"}));
    QCOMPARE(readFile(path("merged/layers.csv")), readFile(path("whole/layers.csv")));
    QCOMPARE(readFile(path("merged/histograms.csv")), readFile(path("whole/histograms.csv")));
    QCOMPARE(test::withoutColumns(readFile(path("merged/runs.csv")), {"train_s", "images_per_s"}),
             test::withoutColumns(readFile(path("whole/runs.csv")), {"train_s", "images_per_s"}));
    QCOMPARE(test::withoutColumns(readFile(path("merged/results.csv")), {"images_per_s_mean"}),
             test::withoutColumns(readFile(path("whole/results.csv")), {"images_per_s_mean"}));
    const json summary = json::parse(readFile(path("merged/summary.json")));
    QCOMPARE(summary["config"], json::parse(readFile(path("whole/summary.json")))["config"]);

    // The merged file opens as the whole experiment (no "job" key), with its batch-size sweep.
    const normlab::ExperimentResults saved = normlab::loadExperiment(path("merged/experiment.normlab").toStdString());
    QVERIFY(!saved.config.job);
    QCOMPARE(saved.runs.size(), std::size_t(8));
    QCOMPARE(saved.runs[5].label, std::string("BN b8"));
    QCOMPARE(saved.runs[5].seedIndex, 1);
    const normlab::Sweep sweep = normlab::buildSweep(saved.runs);
    QCOMPARE(sweep.axis, normlab::SweepAxis::BatchSize);
    QCOMPARE(sweep.lines.size(), std::size_t(2));
    QCOMPARE(sweep.lines[0].points.size(), std::size_t(2));
    QCOMPARE(sweep.lines[0].points[0].runs, 2);
  }

  void refusals() {
    expectOk(runCli({"plan", path("sweep.json"), "--out", path("jobs2")}));  // 8 jobs of one run
    expectOk(runCli({"run", path("jobs2/job-0000.json"), "--out", path("r2/job-0000"), "--quiet"}));
    expectOk(runCli({"run", path("jobs2/job-0002.json"), "--out", path("r2/job-0002"), "--quiet"}));

    Result r = runCli({"merge", path("r2/job-0000"), path("r2/job-0002"), "--out", path("m2")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("missing job-0001, job-0003, job-0004, job-0005, job-0006, job-0007 (of 8 jobs of plan"),
             qPrintable(r.err));
    QVERIFY(!QDir(path("m2")).exists());

    QDir().mkpath(path("r2/job-0001"));
    r = runCli({"merge", path("r2/job-0000"), path("r2/job-0001"), "--out", path("m2")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("r2/job-0001' holds no experiment.normlab: its job did not write results"), qPrintable(r.err));

    r = runCli({"merge", path("r2/job-0000"), path("r2/job-0000"), "--out", path("m2")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("job-0000 is given twice"), qPrintable(r.err));

    r = runCli({"merge", "--out", path("m2")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("missing the jobs' result folders"), qPrintable(r.err));

    r = runCli({"plan", path("sweep.json"), "--out", path("jobs3"), "--runs-per-job", "0"});
    QCOMPARE(r.exitCode, 2);
    // A plan folder with other files is refused; an earlier plan's files are replaced.
    std::ofstream(path("jobs2/notes.txt").toStdString()) << "mine";
    r = runCli({"plan", path("sweep.json"), "--out", path("jobs2")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("holds \"notes.txt\", which is not part of a plan"), qPrintable(r.err));
    QDir(path("jobs2")).remove("notes.txt");
    expectOk(runCli({"plan", path("sweep.json"), "--out", path("jobs2"), "--runs-per-job", "8"}));
    QCOMPARE(QDir(path("jobs2")).entryList({"job-*.json"}, QDir::Files), QStringList{"job-0000.json"});
  }
};

QTEST_MAIN(TestCliJobs)
#include "test_cli_jobs.moc"
