// normlab-cli with branches and learning-rate events end to end: `run` on a config with a branch
// and an event writes metrics.csv where the branch's rows start after its at_step and, since the
// branch changes nothing but its name, equal its parent's rows from there (wall clock aside);
// summary.json records the event's change; the written experiment.normlab's config runs again to
// the same metrics.csv; a bad branch is refused before training with the file and key named.
#include <QtTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/cli_process.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using json = nlohmann::json;

namespace {

using Result = test::CliResult;
using test::runCli;

json config() {
  return json::parse(R"({
    "name": "cli branches",
    "dataset": {"name": "synthetic", "train": 160, "test": 40},
    "model": {"name": "bn-dropout", "input": [1, 28, 28], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
      {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
      {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "relu", "name": "relu2"},
      {"type": "dropout", "name": "drop", "p": 0.25}, {"type": "dense", "name": "fc2", "out_features": 10}]},
    "train": {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "batch_size": 8, "steps": 40, "eval_every": 10},
    "arms": [{"label": "BN", "norm": "batch"},
             {"label": "BN again", "branch_from": "BN", "at_step": 17},
             {"label": "BN no dropout", "branch_from": "BN", "at_step": 17, "dropout": 0}],
    "events": [{"at_step": 12, "lr": 0.02}],
    "seeds": [1, 2],
    "probe_every": 5
  })");
}

// The rows of one arm and seed as text, step first, without the wall-clock column.
std::vector<std::string> rowsOf(const test::Csv& csv, const std::string& arm, const std::string& seed) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    if (csv.at(i, "arm") != arm || csv.at(i, "seed") != seed) continue;
    std::string row;
    for (std::size_t c = 0; c < csv.header.size(); ++c)
      if (csv.header[c] != "arm" && csv.header[c] != "wall_s") row += csv.rows[i][c] + ",";
    out.push_back(row);
  }
  return out;
}

}  // namespace

class TestCliBranches : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString write(const QString& name, const json& j) {
    const QString p = tmp_.path() + "/" + name;
    std::ofstream(p.toStdString()) << j.dump(2);
    return p;
  }
  static void expectOk(const Result& r) { QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err)); }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void branchRowsStartAfterTheBranchStep() {
    const QString out = tmp_.path() + "/out";
    expectOk(runCli({"run", write("branches.json", config()), "--out", out, "--threads", "2", "--quiet"}));
    std::string error;
    const std::string metricsText = test::readFile((out + "/metrics.csv").toStdString());
    const test::Csv csv = test::parseCsv(metricsText, &error);
    QVERIFY2(error.empty(), error.c_str());
    QVERIFY(csv.index.count("wall_s"));
    int branchRows = 0;
    for (std::size_t i = 0; i < csv.rows.size(); ++i)
      if (csv.at(i, "arm") != "BN") {
        QVERIFY2(std::stoll(csv.at(i, "step")) > 17, csv.at(i, "step").c_str());
        ++branchRows;
      }
    QVERIFY(branchRows >= 4 * 4);
    for (const char* seed : {"1", "2"}) {
      std::vector<std::string> parent = rowsOf(csv, "BN", seed);
      const std::vector<std::string> copy = rowsOf(csv, "BN again", seed), changed = rowsOf(csv, "BN no dropout", seed);
      QVERIFY(parent.size() > copy.size());
      QVERIFY(!copy.empty());
      // Bit-identical after the branch step (9 significant digits of identical doubles).
      parent.erase(parent.begin(), parent.end() - std::ptrdiff_t(copy.size()));
      QVERIFY(parent == copy);
      QVERIFY(changed.size() == copy.size() && changed != copy);
    }
    // The event reached every run at its step 12; the branches took it over with the state.
    const json summary = json::parse(test::readFile((out + "/summary.json").toStdString()));
    QVERIFY2(summary.dump().find("\"learning_rate_changes\"") != std::string::npos, "the event is recorded");
    // The written file's config replays to the same rows.
    const json saved = json::parse(test::readFile((out + "/experiment.normlab").toStdString()));
    QVERIFY(saved["config"].contains("events"));
    QCOMPARE(saved["config"]["arms"][1]["branch_from"].get<std::string>(), std::string("BN"));
    const QString again = tmp_.path() + "/again";
    expectOk(runCli({"run", write("again.json", saved["config"]), "--out", again, "--threads", "1", "--quiet"}));
    const test::Csv csv2 = test::parseCsv(test::readFile((again + "/metrics.csv").toStdString()));
    for (const char* arm : {"BN", "BN again", "BN no dropout"})
      for (const char* seed : {"1", "2"}) QVERIFY2(rowsOf(csv, arm, seed) == rowsOf(csv2, arm, seed), arm);
  }

  void aBadBranchIsRefusedNamingFileAndKey() {
    json c = config();
    c["arms"][1]["at_step"] = 40;
    const QString path = write("bad.json", c);
    const Result r = runCli({"run", path, "--out", tmp_.path() + "/bad", "--quiet"});
    QVERIFY(r.normalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(path) && r.err.contains("\"arms[1].at_step\"") && r.err.contains("beyond the 40 steps"),
             qPrintable(r.err));
    c = config();
    c["arms"][2]["branch_from"] = "LN";
    const Result v = runCli({"validate", write("bad2.json", c)});
    QCOMPARE(v.exitCode, 1);
    QVERIFY2(v.err.contains("\"arms[2].branch_from\"") && v.err.contains("no arm"), qPrintable(v.err));
  }
};

QTEST_GUILESS_MAIN(TestCliBranches)
#include "test_cli_branches.moc"
