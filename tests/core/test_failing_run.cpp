// A run that throws mid-training (Experiment::injectFailureAt: std::bad_alloc or another
// std::exception at step k) is marked failed with its message, the other runs train to the end,
// and the whole result set is written: runs.csv and summary.json say which run failed and why,
// experiment.normlab keeps it (and a file from before the field opens as "not failed").
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using namespace normlab;
using json = nlohmann::json;
namespace fs = std::filesystem;
using test::readFile;

namespace {

// Two arms x one seed, 8 steps each.
ExperimentConfig twoArms() {
  return parseExperimentConfig(json::parse(R"({
    "name": "failing run",
    "dataset": {"name": "synthetic", "train": 80, "test": 20, "size": 12},
    "model": {"name": "mini", "input": [1, 12, 12], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 2, "kernel": 3, "stride": 1, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "activation", "name": "act1"},
      {"type": "flatten", "name": "flat"}, {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"lr": 0.05, "batch_size": 10, "steps": 8, "eval_every": 2},
    "arms": [{"label": "breaks", "norm": "batch"}, {"label": "healthy", "norm": "layer"}],
    "probe_every": 2
  })"));
}

}  // namespace

class TestFailingRun : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void failureMarksTheRunAndTheOthersGoOn_data() {
    QTest::addColumn<bool>("outOfMemory");
    QTest::addColumn<QString>("failure");
    QTest::newRow("bad_alloc") << true << "step 3: out of memory (std::bad_alloc)";
    QTest::newRow("other exception") << false << "step 3: injected failure";
  }
  void failureMarksTheRunAndTheOthersGoOn() {
    QFETCH(bool, outOfMemory);
    QFETCH(QString, failure);
    Experiment e(twoArms(), 1);
    e.prepare();
    e.injectFailureAt(0, 3, outOfMemory);
    int advances = 0;
    while (e.advance()) ++advances;
    QCOMPARE(advances, 2 + 1 + 8);  // the failing run's 2 steps and its failed 3rd, the other's 8
    QVERIFY(e.finished());
    QCOMPARE(e.stepsDone(), e.stepsTotal());  // as for a diverged run: progress reaches 100%

    const RunRecord broken = e.record(0), healthy = e.record(1);
    QVERIFY(broken.failed && broken.finished && !broken.diverged);
    QCOMPARE(QString::fromStdString(broken.failure), failure);
    QCOMPARE(broken.step, std::int64_t(2));  // what was recorded before the failing step
    QVERIFY(!broken.metrics.empty());
    QVERIFY(!healthy.failed && healthy.failure.empty());
    QCOMPARE(healthy.step, std::int64_t(8));
    QVERIFY(std::isfinite(healthy.finalTestAccuracy));
    // A failed run's network is not touched again.
    QCOMPARE(e.recomputePopulationStatistics(20), 0);

    // Everything is written, and says which run failed.
    const fs::path dir = fs::path(tmp_.path().toStdString()) / (outOfMemory ? "oom" : "other");
    const ExperimentResults results = snapshotResults(e);
    writeResultSet(dir.string(), results);
    const test::Csv runs = test::parseCsv(readFile(dir / "runs.csv"));
    QCOMPARE(runs.rows.size(), std::size_t(2));
    QCOMPARE(runs.at(0, "failed"), std::string("1"));
    QCOMPARE(QString::fromStdString(runs.at(0, "failure")), failure);
    QCOMPARE(runs.at(0, "steps"), std::string("2"));
    QCOMPARE(runs.at(1, "failed"), std::string("0"));
    QCOMPARE(runs.at(1, "failure"), std::string());
    QCOMPARE(runs.at(1, "steps"), std::string("8"));
    const json summary = json::parse(readFile(dir / "summary.json"));
    QCOMPARE(summary["arms"][0]["failed"].get<bool>(), true);
    QCOMPARE(QString::fromStdString(summary["arms"][0]["failure"].get<std::string>()), failure);
    QCOMPARE(summary["arms"][1]["failed"].get<bool>(), false);
    QVERIFY(summary["arms"][1]["failure"].is_null());
    const ExperimentResults reopened = loadExperiment((dir / "experiment.normlab").string());
    QVERIFY(reopened.runs[0].failed);
    QCOMPARE(QString::fromStdString(reopened.runs[0].failure), failure);
    QVERIFY(!reopened.runs[1].failed);
  }

  // The GUI's Step (stepAll) fails the same way.
  void stepAllMarksTheRunFailed() {
    Experiment e(twoArms(), 1);
    e.prepare();
    e.injectFailureAt(1, 1);
    e.stepAll();
    QVERIFY(e.record(1).failed);
    QCOMPARE(e.record(1).failure, std::string("step 1: injected failure"));
    QCOMPARE(e.record(0).step, std::int64_t(1));
    e.stepAll();
    QCOMPARE(e.record(0).step, std::int64_t(2));
  }

  // Files saved before runs could fail have no "failed"/"failure": they open as not failed.
  void fileWithoutTheFieldsOpens() {
    Experiment e(twoArms(), 1);
    e.prepare();
    while (e.advance()) {
    }
    json j = toJson(snapshotResults(e));
    for (json& run : j["runs"]) {
      QVERIFY(run.contains("failed") && run.contains("failure"));
      run.erase("failed");
      run.erase("failure");
    }
    const ExperimentResults old = savedExperimentFromJson(j);
    QCOMPARE(old.runs.size(), std::size_t(2));
    QVERIFY(!old.runs[0].failed && old.runs[0].failure.empty());
  }
};

QTEST_APPLESS_MAIN(TestFailingRun)
#include "test_failing_run.moc"
