// normlab-cli end to end: runs the built binary (NORMLAB_CLI_PATH) with QProcess on the tiny model
// and small synthetic data. A two-arm run and every file it writes, --steps, --quiet, validate, a
// table of bad invocations and configs (exit code + one-line message), a diverging arm (a result,
// exit 0), the memory budget (validate and run) and a named allocation failure, SIGINT/SIGTERM
// during a long run (clean stop, files still written), unwritable --out; --charts (every chart
// as PNG/SVG/PDF, without a display) and `export` of a saved experiment.
#include <QtTest>

#include <signal.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/csv_reader.h"

using json = nlohmann::json;

namespace {

struct Result {
  int exitCode = -1;
  bool normalExit = false;
  QString out, err;
};

// 200 training images in batches of 20: 10 steps per epoch; 2 epochs = 20 steps per arm.
json baseConfig() {
  return json::parse(R"({
    "name": "cli test",
    "dataset": {"name": "synthetic", "train": 200, "test": 50, "size": 28},
    "model": "tiny",
    "train": {"lr": 0.05, "batch_size": 20, "epochs": 2, "eval_every": 5},
    "arms": [{"norm": "none"}, {"norm": "batch"}],
    "probe_every": 5
  })");
}

std::string readFile(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json readJson(const QString& path) { return json::parse(readFile(path)); }

test::Csv readCsv(const QString& path) {
  std::string error;
  test::Csv csv = test::parseCsv(readFile(path), &error);
  if (!error.empty()) qWarning("%s: %s", qPrintable(path), error.c_str());
  return csv;
}

double num(const std::string& s) { return std::stod(s); }

// A PNG's pixel size from its IHDR chunk (bytes 16..23: width and height, big-endian); this test
// links Qt Core only.
std::pair<int, int> pngSize(const std::string& png) {
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {-1, -1};
  auto be32 = [&](std::size_t at) {
    return int((unsigned char)png[at]) << 24 | int((unsigned char)png[at + 1]) << 16 |
           int((unsigned char)png[at + 2]) << 8 | int((unsigned char)png[at + 3]);
  };
  return {be32(16), be32(20)};
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  int counter_ = 0;

  QString path(const QString& name) const { return tmp_.path() + "/" + name; }

  // Writes a config file and returns its path.
  QString writeConfig(const json& j) { return writeText(j.dump(2)); }
  QString writeText(const std::string& text) {
    const QString p = path(QString("config%1.json").arg(++counter_));
    std::ofstream(p.toStdString()) << text;
    return p;
  }
  QString freshDir() { return path(QString("out%1").arg(++counter_)); }

  // headless: no display and no QT_QPA_PLATFORM, as on a server (the CLI picks offscreen itself).
  static Result run(const QStringList& args, int timeoutMs = 60000, bool headless = false) {
    QProcess p;
    if (headless) {
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.remove("QT_QPA_PLATFORM");
      env.remove("DISPLAY");
      env.remove("WAYLAND_DISPLAY");
      p.setProcessEnvironment(env);
    }
    p.start(NORMLAB_CLI_PATH, args);
    Result r;
    if (!p.waitForStarted(10000)) return r;
    if (!p.waitForFinished(timeoutMs)) {
      p.kill();
      p.waitForFinished();
      r.err = "TIMEOUT";
      return r;
    }
    r.normalExit = p.exitStatus() == QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
  }

  static void checkNoTmpFiles(const QString& dir) {
    const QStringList left = QDir(dir).entryList({"*.tmp"}, QDir::Files | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void runTwoArms() {
    const QString out = freshDir() + "/created/on/demand";
    const Result r = run({"run", writeConfig(baseConfig()), "--out", out, "--threads", "2"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    // Not a terminal: plain progress lines, the last at 100%; then the table on stdout.
    QVERIFY2(r.err.contains("100% 40/40 steps"), qPrintable(r.err));
    QVERIFY(!r.err.contains('\r'));
    QVERIFY(r.err.count('\n') <= 12);  // about one line per 10%
    QVERIFY2(r.out.contains("test acc") && r.out.contains("none") && r.out.contains("batch"), qPrintable(r.out));
    checkNoTmpFiles(out);
    for (const char* f : {"metrics.csv", "layers.csv", "histograms.csv", "runs.csv", "results.csv", "histograms.json", "summary.json",
                          "experiment.normlab"})
      QVERIFY2(QFile::exists(out + "/" + f), f);
    QVERIFY(!QFile::exists(out + "/charts"));  // only with --charts

    // metrics.csv: documented columns, samples_seen = step x batch, accuracies in [0, 1].
    const test::Csv m = readCsv(out + "/metrics.csv");
    QCOMPARE(m.header, (std::vector<std::string>{"arm", "seed", "step", "samples_seen", "epoch", "train_loss",
                                                  "train_acc", "test_loss", "test_acc", "wall_s"}));
    // Logged steps per arm: probes at 1, 5, 10, 15 (evaluations at 5, 10, 15) and the last, 20.
    QCOMPARE(m.rows.size(), std::size_t(2 * 5));
    std::map<std::string, std::int64_t> lastStep;
    for (std::size_t i = 0; i < m.rows.size(); ++i) {
      const std::int64_t step = std::stoll(m.at(i, "step"));
      QCOMPARE(std::stoll(m.at(i, "samples_seen")), step * 20);
      QCOMPARE(num(m.at(i, "epoch")), double(step) / 10);
      const double trainAcc = num(m.at(i, "train_acc"));
      QVERIFY(trainAcc >= 0 && trainAcc <= 1);
      QCOMPARE(m.at(i, "test_acc").empty(), step == 1);
      if (step != 1) {
        const double acc = num(m.at(i, "test_acc"));
        QVERIFY(acc >= 0 && acc <= 1);
        QVERIFY(num(m.at(i, "test_loss")) > 0);
      }
      QCOMPARE(m.at(i, "seed"), std::string("1"));
      lastStep[m.at(i, "arm")] = step;
    }
    QCOMPARE(lastStep, (std::map<std::string, std::int64_t>{{"none", 20}, {"batch", 20}}));

    // layers.csv: the probe columns; batch-norm columns filled only on the batch-norm layer.
    const test::Csv l = readCsv(out + "/layers.csv");
    for (const char* c : {"arm", "seed", "step", "layer", "kind", "out_mean", "out_std", "zero_frac", "saturated_frac",
                          "p0", "p1", "p7", "p50", "p99", "p100", "grad_mean_abs", "grad_max_abs", "weight_grad_norm",
                          "weight_update_ratio", "bias_mean_abs_grad", "gamma_max_abs_grad", "beta_grad_norm",
                          "bn_batch_mean", "bn_running_var", "train_mode_acc", "eval_mode_acc"})
      QVERIFY2(l.index.count(c), c);
    // tiny: conv1, (norm1), act1, pool1, flatten, fc1; probes at steps 1, 5, 10, 15, 20.
    QCOMPARE(l.rows.size(), std::size_t(5 * 5 + 5 * 6));
    int bnRows = 0;
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
      if (l.at(i, "kind") == "batch_norm" || !l.at(i, "bn_running_var").empty()) {
        ++bnRows;
        QCOMPARE(l.at(i, "arm"), std::string("batch"));
        QVERIFY(!l.at(i, "gamma_grad_norm").empty());
      }
      const double zeros = num(l.at(i, "zero_frac"));
      QVERIFY(zeros >= 0 && zeros <= 1);
    }
    QCOMPARE(bnRows, 5);

    // histograms.json: per run, probe step and layer.
    const json h = readJson(out + "/histograms.json");
    QCOMPARE(h.at("runs").size(), std::size_t(2));
    QCOMPARE(h["runs"][1].at("probes").size(), std::size_t(5));
    const json& layer = h["runs"][1]["probes"][0]["layers"][0];
    QVERIFY(layer.contains("lo") && layer.contains("hi"));
    QCOMPARE(layer.at("bins").size(), std::size_t(40));  // default histogram_bins

    // summary.json.
    const json s = readJson(out + "/summary.json");
    QCOMPARE(s.at("name").get<std::string>(), std::string("cli test"));
    QCOMPARE(s.at("arms").size(), std::size_t(2));
    for (const json& a : s["arms"]) {
      QCOMPARE(a.at("steps").get<int>(), 20);
      QCOMPARE(a.at("diverged").get<bool>(), false);
      QVERIFY(a.at("diverged_at_step").is_null());
      const double acc = a.at("final_test_accuracy").get<double>();
      QVERIFY(acc >= 0 && acc <= 1);
      QVERIFY(a.at("final_test_loss").get<double>() > 0);
      QVERIFY(a.at("final_train_loss").get<double>() > 0);
      QVERIFY(a.at("images_per_s").get<double>() > 0);
      QCOMPARE(a.at("seed").get<int>(), 1);
    }
    QCOMPARE(s["arms"][0]["label"].get<std::string>(), std::string("none"));
    QCOMPARE(s["arms"][1]["label"].get<std::string>(), std::string("batch"));
    QVERIFY(!s.contains("warning"));
    QCOMPARE(s.at("config").at("model").get<std::string>(), std::string("tiny"));
  }

  void stepsOverrideAndQuiet() {
    json c = baseConfig();
    c["arms"][1]["epochs"] = 3;  // an arm's own epochs is replaced too
    const QString out = freshDir();
    const Result r = run({"run", writeConfig(c), "--out", out, "--steps", "3", "--quiet"});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err, QString());
    const json s = readJson(out + "/summary.json");
    for (const json& a : s["arms"]) QCOMPARE(a.at("steps").get<int>(), 3);
    QCOMPARE(s["config"]["train"].at("steps").get<int>(), 3);
    QVERIFY(!s["config"]["train"].contains("epochs"));
    const test::Csv m = readCsv(out + "/metrics.csv");
    QCOMPARE(m.at(m.rows.size() - 1, "step"), std::string("3"));
  }

  // --charts without a display: one file per chart and format in DIR/charts/.
  void runWithCharts() {
    const QString out = freshDir();
    const Result r = run({"run", writeConfig(baseConfig()), "--out", out, "--steps", "10", "--charts", "png,SVG,pdf,png",
                          "--quiet"}, 120000, true);
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.err, QString());  // --quiet, and no Qt chatter
    const QString charts = out + "/charts";
    const QStringList files = QDir(charts).entryList(QDir::Files);
    for (const char* stem : {"loss", "accuracy", "activations-all-layers", "conv1-output-percentiles-over-time",
                             "conv1-latest-output-histogram", "gradient-flow-latest-probe", "conv1-gradient-over-time",
                             "mean-over-channels"})
      for (const char* ext : {".png", ".svg", ".pdf"})
        QVERIFY2(files.contains(QString(stem) + ext), qPrintable(QString(stem) + ext + " missing: " + files.join(' ')));
    // Every chart in every format (repeated png written once), nothing else.
    QCOMPARE(files.filter(".png").size() * 3, files.size());
    QCOMPARE(files.filter(".svg").size(), files.filter(".pdf").size());
    QCOMPARE(pngSize(readFile(charts + "/loss.png")), std::make_pair(1600, 1000));  // 800 x 500 at 2x
    QVERIFY(readFile(charts + "/loss.pdf").rfind("%PDF", 0) == 0);
    QVERIFY(readFile(charts + "/loss.svg").find("<svg") != std::string::npos);
    checkNoTmpFiles(charts);
    QVERIFY(QFile::exists(out + "/experiment.normlab"));
  }

  // export re-writes the data files of a saved experiment (identical to the run's), charts on demand.
  void exportSaved() {
    const QString first = freshDir();
    const Result trained = run({"run", writeConfig(baseConfig()), "--out", first, "--steps", "6", "--quiet"});
    QVERIFY2(trained.normalExit && trained.exitCode == 0, qPrintable(trained.err));
    const QString saved = first + "/experiment.normlab";

    const QString again = freshDir();
    const Result r = run({"export", saved, "--out", again});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("test acc") && r.out.contains("results in " + again), qPrintable(r.out));
    for (const char* f : {"metrics.csv", "layers.csv", "histograms.csv", "runs.csv", "histograms.json", "summary.json",
                          "experiment.normlab"})
      QVERIFY2(readFile(again + "/" + f) == readFile(first + "/" + f), f);
    QVERIFY(!QFile::exists(again + "/charts"));

    const QString withCharts = freshDir();
    const Result c = run({"export", saved, "--out", withCharts, "--charts", "svg", "--quiet"}, 120000, true);
    QVERIFY2(c.normalExit && c.exitCode == 0, qPrintable(c.err));
    QCOMPARE(c.out, QString());
    QVERIFY(QFile::exists(withCharts + "/charts/loss.svg"));
    QVERIFY(!QFile::exists(withCharts + "/charts/loss.png"));
    QVERIFY(QFile::exists(withCharts + "/metrics.csv"));
  }

  void validateOk() {
    const Result r = run({"validate", writeConfig(baseConfig())});
    QVERIFY(r.normalExit);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("ok: 2 arms x 1 seed, model tiny, dataset synthetic\nmemory: about "), qPrintable(r.out));
    json c = baseConfig();
    c["seeds"] = {1, 2, 3};
    c["arms"] = json::parse(R"([{"norm": "group", "groups": 2}])");
    QVERIFY(run({"validate", writeConfig(c)}).out.startsWith("ok: 1 arm x 3 seeds, model tiny, dataset synthetic\n"));
  }

  // A conv net on 128 x 128 images at batch 4096: about 17 GiB of activations per run.
  static json hugeBatchConfig() {
    return json::parse(R"({
      "dataset": {"name": "synthetic", "train": 100, "test": 10, "size": 128, "drop_last": false},
      "model": {"name": "wide", "input": [1, 128, 128], "classes": 10, "layers": [
        {"type": "conv2d", "name": "conv1", "out_channels": 32, "kernel": 3, "padding": 1},
        {"type": "relu"}, {"type": "max_pool", "kernel": 8}, {"type": "flatten"},
        {"type": "dense", "name": "fc", "out_features": 10}]},
      "train": {"batch_size": 4096, "steps": 1},
      "arms": [{"norm": "none"}]
    })");
  }

  // validate prints the estimate and refuses above the budget, naming the total and the largest
  // term; run refuses the same before allocating. The budget is given, whatever this machine has.
  void memoryBudget() {
    const QString small = writeConfig(baseConfig()), huge = writeConfig(hugeBatchConfig());
    Result r = run({"validate", small, "--memory-budget", "1GiB"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("memory: about ") && r.out.contains("(budget 1.0 GiB, --memory-budget); largest: "),
             qPrintable(r.out));
    r = run({"validate", huge, "--memory-budget", "8GiB"});
    QCOMPARE(r.exitCode, 1);
    for (const char* part : {"needs about", "budget 8.0 GiB, --memory-budget", "largest: run 'none' seed 1: activations",
                             "raise the memory budget"})
      QVERIFY2(r.err.contains(part), qPrintable(r.err + " should mention " + part));
    QVERIFY2(r.err.startsWith("normlab-cli: " + huge + ": "), qPrintable(r.err));
    const Result ran = run({"run", huge, "--out", freshDir(), "--memory-budget", "8GiB"});
    QCOMPARE(ran.exitCode, 1);
    QVERIFY2(ran.err.contains("budget 8.0 GiB, --memory-budget"), qPrintable(ran.err));
    QCOMPARE(run({"validate", huge, "--memory-budget", "1TiB"}).exitCode, 0);
    r = run({"validate", small, "--memory-budget", "lots"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--memory-budget: a memory size is a positive number"), qPrintable(r.err));
    QCOMPARE(run({"export", small, "--out", freshDir(), "--memory-budget", "1GiB"}).exitCode, 2);
  }

  // What passes a raised budget but cannot be allocated (address space capped with ulimit -v)
  // fails with what was being allocated and how much, never a bare std::bad_alloc.
  void allocationFailureIsNamed() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    QSKIP("sanitizers reserve more address space than the ulimit leaves");
#endif
    QProcess p;
    const QString script = QString("ulimit -v 2000000 && exec '%1' run '%2' --out '%3' --memory-budget 1TiB --quiet")
                               .arg(NORMLAB_CLI_PATH, writeConfig(hugeBatchConfig()), freshDir());
    p.start("/bin/sh", {"-c", script});
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("out of memory while allocating the output and gradient of layer 'conv1' (32x128x128 per sample) "
                          "for batches of 4096 (16.0 GiB requested)"),
             qPrintable(err));
    QVERIFY2(!err.contains("bad_alloc"), qPrintable(err));
  }

  void badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString good = writeConfig(baseConfig());
    const QString out = freshDir();
    json badNorm = baseConfig();
    badNorm["arms"][0]["norm"] = "bogus";
    json badDataset = baseConfig();
    badDataset["dataset"] = json::parse(R"({"name": "idx", "path": "/nonexistent/normlab-data"})");
    json noArms = baseConfig();
    noArms.erase("arms");
    QTest::newRow("no command") << QStringList{} << 2 << "missing command";
    QTest::newRow("unknown command") << QStringList{"train", good} << 2 << "unknown command 'train'";
    QTest::newRow("unknown flag") << QStringList{"run", good, "--out", out, "--fast"} << 2 << "unknown option '--fast'";
    QTest::newRow("flag of run on validate") << QStringList{"validate", good, "--quiet"} << 2 << "unknown option '--quiet'";
    QTest::newRow("missing --out") << QStringList{"run", good} << 2 << "missing --out DIR";
    QTest::newRow("--out without value") << QStringList{"run", good, "--out"} << 2 << "--out needs a value";
    QTest::newRow("missing config") << QStringList{"run", "--out", out} << 2 << "missing CONFIG.json";
    QTest::newRow("two configs") << QStringList{"validate", good, good} << 2 << "unexpected argument";
    QTest::newRow("threads 0") << QStringList{"run", good, "--out", out, "--threads", "0"} << 2
                               << "--threads needs a whole number from 1";
    QTest::newRow("steps text") << QStringList{"run", good, "--out", out, "--steps", "many"} << 2
                                << "--steps needs a whole number from 1";
    QTest::newRow("missing file") << QStringList{"validate", path("nothere.json")} << 1 << "nothere.json";
    QTest::newRow("invalid JSON") << QStringList{"validate", writeText("{\"arms\": [")} << 1 << "invalid JSON at line";
    QTest::newRow("invalid config") << QStringList{"validate", writeConfig(badNorm)} << 1 << "\"arms[0].norm\"";
    QTest::newRow("no arms") << QStringList{"run", writeConfig(noArms), "--out", out} << 1 << "arms";
    QTest::newRow("dataset load failure") << QStringList{"run", writeConfig(badDataset), "--out", out} << 1
                                          << "/nonexistent/normlab-data";
    QTest::newRow("unwritable --out") << QStringList{"run", good, "--out", "/proc/normlab"} << 1
                                      << "cannot write to '/proc/normlab': ";
    QTest::newRow("--out is a file") << QStringList{"run", good, "--out", good} << 1
                                     << "cannot write to '" + good + "': not a directory";
    QTest::newRow("bad --charts") << QStringList{"run", good, "--out", out, "--charts", "png,jpg"} << 2
                                  << "--charts takes png, svg or pdf, comma-separated (e.g. --charts png,pdf), got 'jpg'";
    QTest::newRow("empty --charts") << QStringList{"run", good, "--out", out, "--charts", ""} << 2 << "--charts takes png";
    QTest::newRow("--charts without value") << QStringList{"run", good, "--out", out, "--charts"} << 2
                                            << "--charts needs a value";
    QTest::newRow("--charts on validate") << QStringList{"validate", good, "--charts", "png"} << 2
                                          << "unknown option '--charts'";
    QTest::newRow("export without file") << QStringList{"export", "--out", out} << 2 << "missing FILE.normlab";
    QTest::newRow("export without --out") << QStringList{"export", path("x.normlab")} << 2 << "missing --out DIR";
    QTest::newRow("--threads on export") << QStringList{"export", path("x.normlab"), "--out", out, "--threads", "2"} << 2
                                         << "unknown option '--threads' for 'export'";
    QTest::newRow("export missing file") << QStringList{"export", path("nothere.normlab"), "--out", out} << 1
                                         << "cannot open '" + path("nothere.normlab") + "'";
    const QString truncated = writeText(R"({"format": "normlab-experiment", "schema_version": 1, "con)");
    QTest::newRow("export truncated") << QStringList{"export", truncated, "--out", out} << 1
                                      << "'" + truncated + "' is not valid JSON (truncated or damaged?)";
    const QString other = writeText(baseConfig().dump());
    QTest::newRow("export a config") << QStringList{"export", other, "--out", out} << 1
                                     << "not a NormLab experiment file";
    const QString future = writeText(R"({"format": "normlab-experiment", "schema_version": 99})");
    QTest::newRow("export unknown schema") << QStringList{"export", future, "--out", out, "--charts", "png"} << 1
                                           << "this file uses schema version 99";
    const QString mistyped = writeText(R"({"format": "normlab-experiment", "schema_version": "one"})");
    QTest::newRow("export wrong type") << QStringList{"export", mistyped, "--out", out} << 1
                                       << "schema_version\" must be a whole number";
  }
  void badInput() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result r = run(args);
    QVERIFY(r.normalExit);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.startsWith("normlab-cli: "), qPrintable(r.err));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);  // one line
    QVERIFY(r.err.endsWith('\n'));
    QCOMPARE(r.out, QString());
  }

  // lr 10 without a norm overflows: a result (exit 0), not an error.
  void divergence() {
    json c = baseConfig();
    c["train"]["lr"] = 10;
    c["train"].erase("epochs");
    c["train"]["steps"] = 60;
    c["arms"] = json::parse(R"([{"label": "no norm", "norm": "none"}])");
    const QString out = freshDir();
    const Result r = run({"run", writeConfig(c), "--out", out});
    QVERIFY2(r.normalExit && r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("yes (step"), qPrintable(r.out));
    const json s = readJson(out + "/summary.json");
    const json& a = s["arms"][0];
    QCOMPARE(a.at("diverged").get<bool>(), true);
    const std::int64_t at = a.at("diverged_at_step").get<std::int64_t>();
    QVERIFY(at >= 1 && at < 60);
    QCOMPARE(a.at("steps").get<std::int64_t>(), at);
    const test::Csv m = readCsv(out + "/metrics.csv");
    QCOMPARE(std::stoll(m.at(m.rows.size() - 1, "step")), at);  // rows end at the diverging step
  }

  void stopBySignal_data() {
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("SIGINT") << int(SIGINT) << 130;
    QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
  }
  // A long run stopped by a signal: exits 128 + signal after writing what was recorded; the
  // written experiment's config says where each arm stopped, so that it replays.
  void stopBySignal() {
    QFETCH(int, signal);
    QFETCH(int, exitCode);
    json c = baseConfig();
    c["train"].erase("epochs");
    c["train"]["steps"] = 4000;
    const QString out = freshDir();
    QProcess p;
    p.start(NORMLAB_CLI_PATH, {"run", writeConfig(c), "--out", out});
    QVERIFY(p.waitForStarted(10000));
    // Signal once training is under way: the first plain progress line (10% of 8000 steps).
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(p.readAllStandardError())).contains("10%"), 60000);
    QCOMPARE(p.state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(p.processId()), signal), 0);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), exitCode);
    err += QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains("stopped by"), qPrintable(err));
    const json s = readJson(out + "/summary.json");
    const json saved = readJson(out + "/experiment.normlab");
    QCOMPARE(s.at("arms").size(), std::size_t(2));
    for (std::size_t k = 0; k < 2; ++k) {
      const json& a = s["arms"][k];
      const std::int64_t steps = a.at("steps").get<std::int64_t>();
      QVERIFY(steps >= 1 && steps < 4000);
      QCOMPARE(a.at("diverged").get<bool>(), false);
      QCOMPARE(saved.at("config").at("arms").at(k).value("stop_at", std::int64_t(-1)), steps);
    }
    const test::Csv m = readCsv(out + "/metrics.csv");
    QCOMPARE(m.header.size(), std::size_t(10));
    QVERIFY(!m.rows.empty());
    // The stop evaluated the test set for the last row of each run.
    QVERIFY(!m.at(m.rows.size() - 1, "test_acc").empty());
    checkNoTmpFiles(out);
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
