// Result writers: CSV number and text fields, metrics.csv / layers.csv / histograms.csv /
// runs.csv / histograms.json / summary.json from a small real Experiment (synthetic 12x12 data, an inline tiny model, 2 arms of
// which one has batch norm and a label that needs quoting, 2 seeds, 7 steps), read back and checked
// column by column; a diverging run; atomic writes (no .tmp left, replaced content, failure
// cleanup) and unwritable output directories. Every CSV's header matches the column table in
// docs/export-formats.md.
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/files/results_writer.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using namespace normlab;
using json = nlohmann::json;
namespace fs = std::filesystem;
using test::errorOf;
using test::readFile;

namespace {

const char* const kQuotedLabel = "plain, \"no norm\"";

// 7 steps of 10 images; probes at steps 1, 2, 4, 6 (step 1 and every 2nd); test set at 3, 6 and
// the last step 7. Logged steps: probes, evaluations and the last: 1, 2, 3, 4, 6, 7.
json smallConfig() {
  json c = json::parse(R"({
    "name": "writer test",
    "dataset": {"name": "synthetic", "train": 200, "test": 50, "size": 12},
    "model": {"name": "mini", "input": [1, 12, 12], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 1, "padding": 1},
      {"type": "norm", "name": "norm1"}, {"type": "activation", "name": "act1"},
      {"type": "flatten", "name": "flat"}, {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"lr": 0.05, "batch_size": 10, "steps": 7, "eval_every": 3},
    "arms": [{"norm": "none"}, {"label": "BN", "norm": "batch"}],
    "seeds": [1, 2],
    "probe_every": 2,
    "histogram_bins": 16
  })");
  c["arms"][0]["label"] = kQuotedLabel;  // (not in the raw string: moc misreads \" inside one)
  return c;
}

ExperimentResults runExperiment(const json& config) {
  Experiment e(parseExperimentConfig(config), 1);
  e.prepare();
  while (e.advance()) {
  }
  return snapshotResults(e);
}

std::set<std::string> filesIn(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

class TestResultsWriter : public QObject {
  Q_OBJECT

  ExperimentResults results_;
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    results_ = runExperiment(smallConfig());
    QCOMPARE(results_.runs.size(), std::size_t(4));  // 2 arms x 2 seeds
  }

  void csvNumber_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("not measured") << kNotMeasured << "";
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("tenth") << 0.1 << "0.1";
    QTest::newRow("third") << 1.0 / 3.0 << "0.333333333";  // 9 significant digits
    QTest::newRow("large") << 123456789012.0 << "1.23456789e+11";
    QTest::newRow("negative") << -2.5 << "-2.5";
    QTest::newRow("inf") << double(INFINITY) << "inf";
    QTest::newRow("-inf") << -double(INFINITY) << "-inf";
  }
  void csvNumber() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(normlab::csvNumber(value)), text);
  }

  void csvText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << "BN" << "BN";
    QTest::newRow("space") << "group norm" << "group norm";
    QTest::newRow("comma") << "a,b" << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "a\nb" << "\"a\nb\"";
    QTest::newRow("empty") << "" << "";
  }
  void csvText() {
    QFETCH(QString, text);
    QFETCH(QString, field);
    const std::string f = normlab::csvText(text.toStdString());
    QCOMPARE(QString::fromStdString(f), field);
    // Reads back to the original text.
    const test::Csv csv = test::parseCsv("h\n" + f + "\n");
    QCOMPARE(csv.rows.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(csv.rows[0][0]), text);
  }

  void metricsCsv() {
    const std::string text = normlab::metricsCsv(results_);
    std::string error;
    const test::Csv csv = test::parseCsv(text, &error);
    QVERIFY2(error.empty(), error.c_str());
    const std::vector<std::string> columns = {"arm",       "seed",     "step",      "samples_seen", "epoch",
                                              "train_loss", "train_acc", "test_loss", "test_acc",     "wall_s"};
    QCOMPARE(csv.header, columns);
    QCOMPARE(metricsColumns(), columns);
    // One row per logged step per run: 6 steps x 4 runs.
    QCOMPARE(csv.rows.size(), std::size_t(24));
    // The label with a comma and quotes is quoted in the file and reads back intact.
    QVERIFY(text.find("\"plain, \"\"no norm\"\"\",1,1,10,") != std::string::npos);
    const std::vector<std::int64_t> steps = {1, 2, 3, 4, 6, 7};
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
      const std::size_t run = r / 6, k = r % 6;
      const RunRecord& rec = results_.runs[run];
      QCOMPARE(csv.at(r, "arm"), rec.label);
      QCOMPARE(csv.at(r, "seed"), std::to_string(rec.seed));
      const std::int64_t step = std::stoll(csv.at(r, "step"));
      QCOMPARE(step, steps[k]);
      QCOMPARE(std::stoll(csv.at(r, "samples_seen")), step * 10);
      QCOMPARE(std::stod(csv.at(r, "epoch")), double(step * 10) / 200.0);  // samples / training images
      const double trainAcc = std::stod(csv.at(r, "train_acc"));
      QVERIFY(trainAcc >= 0 && trainAcc <= 1);
      QVERIFY(std::stod(csv.at(r, "train_loss")) > 0);
      QVERIFY(std::stod(csv.at(r, "wall_s")) >= 0);
      const bool tested = step == 3 || step == 6 || step == 7;
      QCOMPARE(csv.at(r, "test_loss").empty(), !tested);
      QCOMPARE(csv.at(r, "test_acc").empty(), !tested);
      if (tested) {
        const double acc = std::stod(csv.at(r, "test_acc"));
        QVERIFY(acc >= 0 && acc <= 1);
        // 50 test images: accuracy is a multiple of 1/50, written with 9 digits.
        QCOMPARE(std::round(acc * 50) / 50, acc);
      }
    }
    // The runs' seeds: arms x seeds, seed-major.
    QCOMPARE(csv.at(0, "seed"), std::string("1"));
    QCOMPARE(csv.at(12, "seed"), std::string("2"));
    QCOMPARE(csv.at(6, "arm"), std::string("BN"));
  }

  void layersCsv() {
    std::string error;
    const test::Csv csv = test::parseCsv(normlab::layersCsv(results_), &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(csv.header, layerColumns());
    for (const char* c : {"arm", "seed", "step", "samples_seen", "layer", "kind", "out_mean", "out_std", "zero_frac", "saturated_frac",
                          "p0", "p1", "p7", "p15", "p16", "p31", "p50", "p69", "p84", "p85", "p93", "p99", "p100",
                          "grad_mean_abs", "grad_max_abs", "weight_grad_norm", "weight_update_ratio",
                          "weight_mean_abs_grad", "weight_max_abs_grad", "bias_grad_norm", "gamma_update_ratio",
                          "beta_max_abs_grad", "bn_batch_mean", "bn_running_mean", "bn_batch_var", "bn_running_var",
                          "train_mode_acc", "eval_mode_acc"})
      QVERIFY2(csv.index.count(c), c);
    QCOMPARE(csv.header.size(), std::size_t(10 + 13 + 2 + 16 + 6));
    // Rows: probe steps 1, 2, 4, 6 x layers (4 without a norm, 5 with batch norm) x 2 seeds.
    QCOMPARE(csv.rows.size(), std::size_t(2 * 4 * (4 + 5)));
    std::set<std::string> kinds;
    for (std::size_t r = 0; r < csv.rows.size(); ++r) {
      const bool bnArm = csv.at(r, "arm") == "BN";
      const std::string layer = csv.at(r, "layer"), kind = csv.at(r, "kind");
      kinds.insert(kind);
      QVERIFY(std::set<std::string>({"1", "2", "4", "6"}).count(csv.at(r, "step")));
      QCOMPARE(std::stoll(csv.at(r, "samples_seen")), std::stoll(csv.at(r, "step")) * 10);  // batch 10
      // Percentiles are non-decreasing.
      double prev = -INFINITY;
      for (double p : kProbePercentiles) {
        const double v = std::stod(csv.at(r, "p" + QString::number(p).toStdString()));
        QVERIFY(v >= prev);
        prev = v;
      }
      const double zeros = std::stod(csv.at(r, "zero_frac"));
      QVERIFY(zeros >= 0 && zeros <= 1);
      // Parameter columns are filled exactly for the layers that have that parameter.
      const bool weighted = layer == "conv1" || layer == "fc";
      QCOMPARE(csv.at(r, "weight_grad_norm").empty(), !weighted);
      QCOMPARE(csv.at(r, "bias_mean_abs_grad").empty(), !weighted);
      QCOMPARE(csv.at(r, "gamma_grad_norm").empty(), layer != "norm1");
      QCOMPARE(csv.at(r, "beta_update_ratio").empty(), layer != "norm1");
      QCOMPARE(csv.at(r, "bn_running_var").empty(), layer != "norm1");
      if (layer == "norm1") {
        QVERIFY(bnArm);
        QVERIFY(std::stod(csv.at(r, "bn_batch_var")) > 0);
      }
      // Train/eval-mode accuracy only in the batch-norm arm, on every layer row of the probe.
      QCOMPARE(csv.at(r, "train_mode_acc").empty(), !bnArm);
      QCOMPARE(csv.at(r, "eval_mode_acc").empty(), !bnArm);
      if (bnArm) {
        const double a = std::stod(csv.at(r, "eval_mode_acc"));
        QVERIFY(a >= 0 && a <= 1);
      }
    }
    QVERIFY(kinds.count("conv2d") && kinds.count("dense") && kinds.count("relu"));
  }

  // Long format: one row per (run, probe, layer, bin); the bins of one histogram tile [lo, hi]
  // and their fractions sum to 1.
  void histogramsCsv() {
    std::string error;
    const test::Csv csv = test::parseCsv(normlab::histogramsCsv(results_), &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(csv.header, histogramColumns());
    // Probes at steps 1, 2, 4, 6; layers 4 (no norm) or 5 (batch norm); 16 bins; 2 seeds.
    QCOMPARE(csv.rows.size(), std::size_t(2 * 4 * (4 + 5) * 16));
    std::size_t r = 0;
    for (const RunRecord& run : results_.runs)
      for (const auto& probe : run.probes)
        for (const LayerStats& l : probe->layers) {
          const double lo = l.activation.histLo, hi = l.activation.histHi;
          const double width = (hi - lo) / 16;  // histogram_bins 16
          double sum = 0;
          for (int b = 0; b < 16; ++b, ++r) {
            QCOMPARE(csv.at(r, "arm"), run.label);
            QCOMPARE(std::stoll(csv.at(r, "step")), probe->step);
            QCOMPARE(std::stoll(csv.at(r, "samples_seen")), probe->step * 10);
            QCOMPARE(csv.at(r, "layer"), l.name);
            QCOMPARE(std::stoi(csv.at(r, "bin")), b);
            // Edges: lo + b * width and lo + (b + 1) * width, the last exactly hi.
            QVERIFY(std::abs(std::stod(csv.at(r, "bin_lo")) - (lo + b * width)) <= 1e-6 * (1 + std::abs(lo)));
            QVERIFY(std::abs(std::stod(csv.at(r, "bin_hi")) - (lo + (b + 1) * width)) <= 1e-6 * (1 + std::abs(hi)));
            if (b == 15) QCOMPARE(csv.at(r, "bin_hi"), normlab::csvNumber(hi));
            sum += std::stod(csv.at(r, "fraction"));
          }
          QVERIFY(std::abs(sum - 1) < 1e-4);
        }
  }

  void runsCsv() {
    std::string error;
    const test::Csv csv = test::parseCsv(normlab::runsCsv(results_), &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(csv.header, runColumns());
    QCOMPARE(csv.rows.size(), std::size_t(4));
    for (std::size_t i = 0; i < 4; ++i) {
      const RunRecord& run = results_.runs[i];
      QCOMPARE(csv.at(i, "arm"), run.label);
      QCOMPARE(csv.at(i, "arm_index"), std::to_string(run.arm));
      QCOMPARE(csv.at(i, "norm"), std::string(run.label == "BN" ? "batch" : "none"));
      QCOMPARE(csv.at(i, "steps"), std::string("7"));
      QCOMPARE(csv.at(i, "samples_seen"), std::string("70"));  // 7 steps x batch 10
      QCOMPARE(std::stod(csv.at(i, "epoch")), 70.0 / 200);  // 200 training images
      QCOMPARE(csv.at(i, "diverged"), std::string("0"));
      QCOMPARE(csv.at(i, "diverged_at_step"), std::string());
      QCOMPARE(csv.at(i, "final_test_acc"), normlab::csvNumber(run.finalTestAccuracy));
    }
  }

  // results.csv: one row per arm (2 arms x 2 seeds here), its mean, min and max the seeds' own values.
  void resultsCsvSummarizesSeeds() {
    std::string error;
    const test::Csv csv = test::parseCsv(normlab::resultsCsv(results_), &error);
    QVERIFY2(error.empty(), error.c_str());
    QCOMPARE(csv.header, resultsColumns());
    QCOMPARE(csv.rows.size(), std::size_t(2));
    for (std::size_t arm = 0; arm < 2; ++arm) {
      std::vector<const RunRecord*> seeds;
      for (const RunRecord& run : results_.runs)
        if (run.arm == int(arm)) seeds.push_back(&run);
      QCOMPARE(seeds.size(), std::size_t(2));
      const RunRecord& a = *seeds[0];
      const RunRecord& b = *seeds[1];
      QCOMPARE(csv.at(arm, "arm"), a.label);
      QCOMPARE(csv.at(arm, "runs"), std::string("2"));
      QCOMPARE(csv.at(arm, "norm"), std::string(arm == 1 ? "batch" : "none"));
      const double lo = std::min(a.finalTestAccuracy, b.finalTestAccuracy), hi = std::max(a.finalTestAccuracy, b.finalTestAccuracy);
      QCOMPARE(csv.at(arm, "test_acc_min"), normlab::csvNumber(lo));
      QCOMPARE(csv.at(arm, "test_acc_max"), normlab::csvNumber(hi));
      QVERIFY(std::abs(std::stod(csv.at(arm, "test_acc_mean")) - (lo + hi) / 2) < 1e-8);
      // Two values: sd = |a - b| / sqrt(2).
      QVERIFY(std::abs(std::stod(csv.at(arm, "test_acc_sd")) - (hi - lo) / std::sqrt(2.0)) < 1e-8);
      QVERIFY(std::abs(std::stod(csv.at(arm, "test_loss_mean")) - (a.finalTestLoss + b.finalTestLoss) / 2) < 1e-6);
      QCOMPARE(csv.at(arm, "diverged_runs"), std::string("0"));
      QCOMPARE(csv.at(arm, "first_diverged_step"), std::string());
    }
  }

  // docs/export-formats.md documents each CSV's columns in a table under "## `NAME.csv`"; the
  // files' header rows must list exactly those columns, in that order.
  void documentedColumns_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("text");
    QTest::newRow("metrics") << "metrics.csv" << QString::fromStdString(normlab::metricsCsv(results_));
    QTest::newRow("layers") << "layers.csv" << QString::fromStdString(normlab::layersCsv(results_));
    QTest::newRow("histograms") << "histograms.csv" << QString::fromStdString(normlab::histogramsCsv(results_));
    QTest::newRow("runs") << "runs.csv" << QString::fromStdString(normlab::runsCsv(results_));
    QTest::newRow("results") << "results.csv" << QString::fromStdString(normlab::resultsCsv(results_));
  }
  void documentedColumns() {
    QFETCH(QString, file);
    QFETCH(QString, text);
    const QString docs = QFINDTESTDATA("../../docs/export-formats.md");
    QVERIFY2(!docs.isEmpty(), "docs/export-formats.md not found");
    std::vector<std::string> documented;
    bool inSection = false;
    std::istringstream lines(readFile(docs.toStdString()));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("## ", 0) == 0) {
        inSection = line == "## `" + file.toStdString() + "`";
        continue;
      }
      // Table rows: "| `column` | meaning |".
      if (inSection && line.rfind("| `", 0) == 0) {
        const std::size_t end = line.find('`', 3);
        if (end != std::string::npos) documented.push_back(line.substr(3, end - 3));
      }
    }
    QVERIFY2(!documented.empty(), qPrintable("no column table for " + file));
    const test::Csv csv = test::parseCsv(text.toStdString());
    QCOMPARE(csv.header, documented);
  }

  void histogramsJson() {
    const json h = json::parse(jsonText(normlab::histogramsJson(results_)));
    QCOMPARE(h.at("runs").size(), std::size_t(4));
    for (std::size_t i = 0; i < 4; ++i) {
      const json& run = h["runs"][i];
      QCOMPARE(run.at("arm").get<std::string>(), results_.runs[i].label);
      QCOMPARE(run.at("seed").get<std::uint64_t>(), results_.runs[i].seed);
      QCOMPARE(run.at("probes").size(), std::size_t(4));  // steps 1, 2, 4, 6
      QCOMPARE(run["probes"][3].at("step").get<int>(), 6);
      for (const json& probe : run["probes"])
        for (const json& layer : probe.at("layers")) {
          QVERIFY(layer.at("layer").is_string());
          QVERIFY(layer.at("lo").get<double>() <= layer.at("hi").get<double>());
          QCOMPARE(layer.at("bins").size(), std::size_t(16));  // histogram_bins
          double sum = 0;
          for (const json& b : layer["bins"]) sum += b.get<double>();
          QVERIFY(std::abs(sum - 1) < 1e-4);  // fractions
        }
    }
  }

  void summaryJson() {
    const json s = json::parse(jsonText(normlab::summaryJson(results_)));
    QCOMPARE(s.at("name").get<std::string>(), std::string("writer test"));
    QVERIFY(!s.contains("warning"));  // synthetic data asked for: no fallback
    QCOMPARE(s.at("arms").size(), std::size_t(4));
    for (std::size_t i = 0; i < 4; ++i) {
      const json& a = s["arms"][i];
      for (const char* k : {"label", "seed", "final_test_accuracy", "final_test_loss", "final_train_loss", "diverged",
                            "diverged_at_step", "steps", "images_per_s"})
        QVERIFY2(a.contains(k), k);
      QCOMPARE(a["label"].get<std::string>(), results_.runs[i].label);
      QCOMPARE(a["steps"].get<int>(), 7);
      QCOMPARE(a["diverged"].get<bool>(), false);
      QVERIFY(a["diverged_at_step"].is_null());
      const double acc = a["final_test_accuracy"].get<double>();
      QVERIFY(acc >= 0 && acc <= 1);
      QVERIFY(a["images_per_s"].get<double>() > 0);
    }
    QCOMPARE(s["arms"][0]["label"].get<std::string>(), std::string(kQuotedLabel));
    // The config echoed back parses to the same config.
    QVERIFY(sameConfig(parseExperimentConfig(s.at("config")), results_.config));
  }

  void warningInSummary() {
    ExperimentResults r = results_;
    r.warning = "Fashion-MNIST not found: training on the built-in synthetic set instead";
    const json s = normlab::summaryJson(r);
    QCOMPARE(s.at("warning").get<std::string>(), r.warning);
  }

  // lr 10 without a norm: the loss overflows. The run's rows end at the diverging step.
  void divergedRun() {
    json c = smallConfig();
    c["train"]["lr"] = 10;
    c["train"]["steps"] = 60;
    c["arms"] = json::parse(R"([{"norm": "none"}])");
    c["seeds"] = json::parse("[1]");
    const ExperimentResults r = runExperiment(c);
    QVERIFY(r.runs[0].diverged);
    const std::int64_t at = r.runs[0].divergedAtStep;
    const json s = normlab::summaryJson(r);
    QCOMPARE(s["arms"][0]["diverged"].get<bool>(), true);
    QCOMPARE(s["arms"][0]["diverged_at_step"].get<std::int64_t>(), at);
    QCOMPARE(s["arms"][0]["steps"].get<std::int64_t>(), at);
    const test::Csv csv = test::parseCsv(normlab::metricsCsv(r));
    QVERIFY(!csv.rows.empty());
    QCOMPARE(std::stoll(csv.at(csv.rows.size() - 1, "step")), at);
    for (std::size_t i = 0; i < csv.rows.size(); ++i) QVERIFY(std::stoll(csv.at(i, "step")) <= at);
    // The summary must still be valid JSON (NaN/inf written as null).
    QVERIFY(!json::parse(jsonText(s)).is_discarded());
  }

  void writeResultsAtomically() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "out" / "nested";
    prepareOutputDirectory(dir.string());  // creates missing parents
    QVERIFY(fs::is_directory(dir));
    QCOMPARE(filesIn(dir), std::set<std::string>());  // the write probe is removed
    const std::vector<std::string> written = writeResults(dir.string(), results_);
    const std::set<std::string> names = {"experiment.normlab", "histograms.csv", "histograms.json", "layers.csv",
                                         "metrics.csv", "runs.csv", "results.csv", "summary.json"};
    QCOMPARE(filesIn(dir), names);
    QCOMPARE(written.size(), names.size());
    for (const std::string& path : written) QVERIFY(names.count(fs::path(path).filename().string()));
    QCOMPARE(readFile(dir / "histograms.csv"), normlab::histogramsCsv(results_));
    QCOMPARE(readFile(dir / "runs.csv"), normlab::runsCsv(results_));
    QCOMPARE(readFile(dir / "results.csv"), normlab::resultsCsv(results_));
    QCOMPARE(readFile(dir / "metrics.csv"), normlab::metricsCsv(results_));
    QCOMPARE(readFile(dir / "layers.csv"), normlab::layersCsv(results_));
    QVERIFY(json::parse(readFile(dir / "summary.json")) == json::parse(jsonText(normlab::summaryJson(results_))));
    QVERIFY(json::parse(readFile(dir / "histograms.json")).contains("runs"));
  }

  void atomicReplaceAndFailure() {
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "atomic";
    fs::create_directories(dir);
    const std::string file = (dir / "a.txt").string();
    writeFileAtomically(file, "first");
    writeFileAtomically(file, "second, longer");
    QCOMPARE(readFile(file), std::string("second, longer"));
    QCOMPARE(filesIn(dir), std::set<std::string>{"a.txt"});
    // Renaming onto a directory fails: the error names the path and no .tmp is left behind.
    fs::create_directories(dir / "taken");
    const std::string err = errorOf([&] { writeFileAtomically((dir / "taken").string(), "x"); });
    QVERIFY2(err.rfind("cannot write to '" + (dir / "taken").string() + "': ", 0) == 0, err.c_str());
    QCOMPARE(filesIn(dir), (std::set<std::string>{"a.txt", "taken"}));
    // A missing directory: fopen fails.
    const std::string missing = (dir / "no" / "b.txt").string();
    const std::string err2 = errorOf([&] { writeFileAtomically(missing, "x"); });
    QCOMPARE(QString::fromStdString(err2), QString::fromStdString("cannot write to '" + missing + "': No such file or directory"));
  }

  void unwritableDirectory_data() {
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("reason");
    const QString file = tmp_.path() + "/plain-file";
    std::ofstream(file.toStdString()) << "x";
    QTest::newRow("proc") << "/proc/normlab" << "";
    QTest::newRow("a file") << file << "not a directory";
    QTest::newRow("under a file") << file + "/sub" << "";
    QTest::newRow("empty") << "" << "empty directory name";
  }
  void unwritableDirectory() {
    QFETCH(QString, dir);
    QFETCH(QString, reason);
    const std::string err = errorOf([&] { prepareOutputDirectory(dir.toStdString()); });
    const std::string prefix = "cannot write to '" + dir.toStdString() + "': ";
    QVERIFY2(err.rfind(prefix, 0) == 0, err.c_str());
    QVERIFY2(err.size() > prefix.size(), err.c_str());  // a reason follows
    if (!reason.isEmpty()) QCOMPARE(QString::fromStdString(err.substr(prefix.size())), reason);
  }

  // A read-only directory (permissions do not apply to root, so skipped there).
  void readOnlyDirectory() {
    if (geteuid() == 0) QSKIP("running as root: permissions are not enforced");
    const fs::path dir = fs::path(tmp_.path().toStdString()) / "readonly";
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
    const std::string err = errorOf([&] { prepareOutputDirectory(dir.string()); });
    fs::permissions(dir, fs::perms::owner_all);
    QCOMPARE(QString::fromStdString(err), QString::fromStdString("cannot write to '" + dir.string() + "': Permission denied"));
  }
};

QTEST_APPLESS_MAIN(TestResultsWriter)
#include "test_results_writer.moc"
