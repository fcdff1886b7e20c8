// normlab-cli resume end to end: `run --steps 30`, then `resume DIR/experiment.normlab --steps 30`
// writes the same metrics.csv and layers.csv as `run --steps 60` (wall-clock column aside), for
// SGD with momentum and for Adam, with batch norm and dropout in the model and two arms; the
// continued experiment.normlab says 60 steps and continues again. Files that cannot continue
// (an older version, a run saved without its state) and a missing --steps exit with a clear
// one-line message.
#include <QtTest>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/cli_process.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using json = nlohmann::json;

namespace {

using Result = test::CliResult;
using test::runCli;

std::string readFile(const QString& path) { return test::readFile(path.toStdString()); }

// 120 training images, batches of 16 and 12 (drop_last off: partial batches), augmentation on.
json config(const std::string& optimizer) {
  json c = json::parse(R"({
    "name": "cli resume",
    "dataset": {"name": "synthetic", "train": 120, "test": 40, "drop_last": false, "augment": true},
    "model": {"name": "bn-dropout", "input": [1, 28, 28], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
      {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
      {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "relu", "name": "relu2"},
      {"type": "dropout", "name": "drop", "p": 0.25}, {"type": "dense", "name": "fc2", "out_features": 10}]},
    "train": {"steps": 10, "eval_every": 20},
    "arms": [{"label": "BN", "norm": "batch", "batch_size": 16}, {"label": "LN", "norm": "layer", "batch_size": 12}],
    "probe_every": 7
  })");
  if (optimizer == "sgd") c["train"].update(json{{"optimizer", "sgd"}, {"lr", 0.05}, {"momentum", 0.9}});
  else c["train"].update(json{{"optimizer", "adam"}, {"lr", 0.003}});
  return c;
}

// The CSV with the named column emptied.
std::string withoutColumn(const std::string& text, const std::string& column) {
  std::string error;
  test::Csv csv = test::parseCsv(text, &error);
  if (!error.empty() || !csv.index.count(column)) return "unreadable CSV: " + error;
  std::string out;
  for (auto& row : csv.rows) {
    row[std::size_t(csv.index.at(column))].clear();
    for (const std::string& f : row) out += f + ",";
    out += "\n";
  }
  return out;
}

}  // namespace

class TestCliResume : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  int counter_ = 0;

  QString fresh(const QString& name) { return tmp_.path() + QString("/%1%2").arg(name).arg(++counter_); }
  QString writeConfig(const json& j) {
    const QString p = fresh("config") + ".json";
    std::ofstream(p.toStdString()) << j.dump(2);
    return p;
  }
  static void expectOk(const Result& r) { QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err)); }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void resumeEqualsStraightRun_data() {
    QTest::addColumn<QString>("optimizer");
    QTest::newRow("sgd momentum") << "sgd";
    QTest::newRow("adam") << "adam";
  }
  void resumeEqualsStraightRun() {
    QFETCH(QString, optimizer);
    const QString cfg = writeConfig(config(optimizer.toStdString()));
    const QString straight = fresh("straight"), first = fresh("first"), resumed = fresh("resumed");
    expectOk(runCli({"run", cfg, "--out", straight, "--steps", "60", "--quiet"}));
    expectOk(runCli({"run", cfg, "--out", first, "--steps", "30", "--quiet"}));
    const Result r = runCli({"resume", first + "/experiment.normlab", "--steps", "30", "--out", resumed});
    expectOk(r);
    QVERIFY2(r.out.contains("results in " + resumed), qPrintable(r.out));

    const std::string metrics = readFile(straight + "/metrics.csv");
    QVERIFY(metrics.size() > 200);
    QCOMPARE(withoutColumn(readFile(resumed + "/metrics.csv"), "wall_s"), withoutColumn(metrics, "wall_s"));
    QCOMPARE(readFile(resumed + "/layers.csv"), readFile(straight + "/layers.csv"));
    QCOMPARE(readFile(resumed + "/histograms.csv"), readFile(straight + "/histograms.csv"));
    // The continued file's config trains 60 steps, like the straight one's.
    const json saved = json::parse(readFile(resumed + "/experiment.normlab"));
    QCOMPARE(saved["config"]["train"]["steps"].get<int>(), 60);
    QCOMPARE(saved["runs"][0]["step"].get<int>(), 60);
  }

  void resumedFileResumesAgain() {
    const QString cfg = writeConfig(config("adam"));
    const QString straight = fresh("straight"), a = fresh("a"), b = fresh("b"), c = fresh("c");
    expectOk(runCli({"run", cfg, "--out", straight, "--steps", "40", "--quiet"}));
    expectOk(runCli({"run", cfg, "--out", a, "--steps", "15", "--quiet"}));
    expectOk(runCli({"resume", a + "/experiment.normlab", "--steps", "10", "--out", b, "--quiet"}));
    expectOk(runCli({"resume", b + "/experiment.normlab", "--steps", "15", "--out", c, "--quiet", "--threads", "1"}));
    QCOMPARE(withoutColumn(readFile(c + "/metrics.csv"), "wall_s"), withoutColumn(readFile(straight + "/metrics.csv"), "wall_s"));
  }

  void refusals_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("older file") << "v1" << 1 << "cannot be continued: it was saved by an older NormLab (file version 1)";
    QTest::newRow("no state") << "no-state" << 1 << "was saved without its training state";
    QTest::newRow("missing --steps") << "no-steps" << 2 << "missing --steps N";
    QTest::newRow("not a file") << "missing" << 1 << "cannot open";
  }
  void refusals() {
    QFETCH(QString, kind);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString first = fresh("first");
    expectOk(runCli({"run", writeConfig(config("sgd")), "--out", first, "--steps", "5", "--quiet"}));
    json j = json::parse(readFile(first + "/experiment.normlab"));
    if (kind == "v1") j["schema_version"] = 1;
    if (kind == "v1" || kind == "no-state")
      for (json& run : j["runs"]) run.erase("training_state");
    const QString file = fresh("saved") + ".normlab";
    std::ofstream(file.toStdString()) << j.dump();
    QStringList args = {"resume", kind == "missing" ? file + ".gone" : file, "--out", fresh("out")};
    if (kind != "no-steps") args << "--steps" << "5";
    const Result r = runCli(args);
    QVERIFY(r.normalExit);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);  // one line
    if (kind == "v1" || kind == "no-state") QVERIFY2(r.err.contains(file), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(TestCliResume)
#include "test_cli_resume.moc"
