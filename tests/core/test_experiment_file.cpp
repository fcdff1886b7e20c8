// The .normlab file: save then open gives identical metrics and probes; damaged, mistyped and
// future files get clear errors.
#include <QtTest>
#include <QTemporaryDir>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/files/experiment_file.h"

using namespace normlab;
using nlohmann::json;

namespace {

ExperimentResults runTiny() {
  ExperimentConfig config = parseExperimentConfig(R"({"name": "file test", "dataset": {"name": "synthetic", "train": 200, "test": 40},
    "model": "tiny", "train": {"lr": 0.05, "steps": 12, "batch_size": 8, "eval_every": 5},
    "arms": [{"norm": "batch"}, {"label": "wild", "norm": "none", "lr": 500}], "probe_every": 4})");
  config.arms[1].label = "wild, \"quoted\"";  // set here: moc cannot read escaped quotes in raw strings
  Experiment e(config);
  e.prepare();
  while (e.advance()) {}
  return snapshotResults(e);
}

// Bitwise equality of doubles, NaN equal to NaN.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

template <typename F>
QString errorOf(F f) {
  try {
    f();
  } catch (const NormLabError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

class TestExperimentFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void saveThenOpenGivesIdenticalMetrics() {
    const ExperimentResults saved = runTiny();
    const std::string path = dir_.filePath("a.normlab").toStdString();
    saveExperiment(path, saved);
    const ExperimentResults loaded = loadExperiment(path);
    QVERIFY(sameConfig(saved.config, loaded.config));
    QCOMPARE(loaded.runs.size(), saved.runs.size());
    QVERIFY(saved.runs[1].diverged);
    for (std::size_t i = 0; i < saved.runs.size(); ++i) {
      const RunRecord &a = saved.runs[i], &b = loaded.runs[i];
      QCOMPARE(b.label, a.label);
      QCOMPARE(b.diverged, a.diverged);
      QCOMPARE(b.divergedAtStep, a.divergedAtStep);
      QCOMPARE(b.step, a.step);
      QVERIFY(same(b.finalTestAccuracy, a.finalTestAccuracy));
      QCOMPARE(b.metrics.size(), a.metrics.size());
      for (std::size_t k = 0; k < a.metrics.size(); ++k) {
        QCOMPARE(b.metrics[k].step, a.metrics[k].step);
        QVERIFY(same(b.metrics[k].trainLoss, a.metrics[k].trainLoss));
        QVERIFY(same(b.metrics[k].testAccuracy, a.metrics[k].testAccuracy));
      }
      QCOMPARE(b.probes.size(), a.probes.size());
      for (std::size_t k = 0; k < a.probes.size(); ++k) {
        QCOMPARE(b.probes[k]->layers.size(), a.probes[k]->layers.size());
        for (std::size_t l = 0; l < a.probes[k]->layers.size(); ++l) {
          const LayerStats &x = a.probes[k]->layers[l], &y = b.probes[k]->layers[l];
          QVERIFY(same(y.activation.mean, x.activation.mean));
          QVERIFY(y.activation.histogram == x.activation.histogram);
          QVERIFY(same(y.gradMeanAbs, x.gradMeanAbs));
          QCOMPARE(y.hasBatchNorm, x.hasBatchNorm);
        }
      }
      QCOMPARE(b.norms.size(), a.norms.size());
      QVERIFY(!a.modelLayers.empty());
      QCOMPARE(b.modelLayers.size(), a.modelLayers.size());
      for (std::size_t l = 0; l < a.modelLayers.size(); ++l) {
        QCOMPARE(b.modelLayers[l].name, a.modelLayers[l].name);
        QCOMPARE(b.modelLayers[l].outputShape, a.modelLayers[l].outputShape);
        QCOMPARE(b.modelLayers[l].trainable, a.modelLayers[l].trainable);
        QCOMPARE(b.modelLayers[l].nonTrainable, a.modelLayers[l].nonTrainable);
      }
    }
    QVERIFY(!QFile::exists(dir_.filePath("a.normlab.tmp")));
  }

  // Layer norm's per-element affine survives the file: the arm's setting and its parameter count.
  void layerNormAffineSurvivesTheFile() {
    ExperimentConfig config = parseExperimentConfig(R"({"name": "ln file", "dataset": {"name": "synthetic", "train": 64, "test": 16},
      "model": "tiny", "train": {"steps": 2, "batch_size": 8, "eval_every": 2},
      "arms": [{"label": "LN", "norm": "layer"}, {"label": "LNe", "norm": "layer", "layer_norm_affine": "element"}]})");
    Experiment e(config);
    e.prepare();
    while (e.advance()) {}
    const ExperimentResults saved = snapshotResults(e);
    const std::string path = dir_.filePath("ln.normlab").toStdString();
    saveExperiment(path, saved);
    const ExperimentResults loaded = loadExperiment(path);
    QVERIFY(sameConfig(saved.config, loaded.config));
    QVERIFY(loaded.config.arms[0].norm.affineShape == AffineShape::Channel);
    QVERIFY(loaded.config.arms[1].norm.affineShape == AffineShape::Element);
    std::int64_t channel = 0, element = 0;
    for (const auto& l : loaded.runs[0].modelLayers) channel += l.trainable;
    for (const auto& l : loaded.runs[1].modelLayers) element += l.trainable;
    QCOMPARE(element - channel, std::int64_t(2 * (4 * 14 * 14 - 4)));  // tiny's norm1 over 4x14x14
  }

  // Files written before runs recorded their model summary still open (without parameter counts).
  void fileWithoutModelLayersOpens() {
    json j = toJson(runTiny());
    for (json& run : j["runs"]) run.erase("model_layers");
    const QString path = dir_.filePath("old.normlab");
    std::ofstream(path.toStdString()) << j.dump();
    const ExperimentResults loaded = loadExperiment(path.toStdString());
    QVERIFY(!loaded.runs.empty());
    QVERIFY(loaded.runs[0].modelLayers.empty());
  }

  void damagedFiles_data() {
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << "truncate" << "not valid JSON";
    QTest::newRow("not ours") << "format" << "not a NormLab experiment file";
    QTest::newRow("future version") << "version" << "schema version 99";
    QTest::newRow("top-level type") << "version-type" << "\"schema_version\" must be a whole number";
    QTest::newRow("wrong type") << "type" << "runs[0].step";
    QTest::newRow("bad metric row") << "row" << "runs[0].metrics.rows[0]";
    QTest::newRow("bad config") << "config" << "\"config\" is invalid";
    QTest::newRow("missing field") << "missing" << "runs[1].probes";
    QTest::newRow("bad parameter count") << "params" << "runs[0].model_layers[0].trainable";
    // Consistency and range, not only type.
    QTest::newRow("run missing") << "run-missing" << "its \"runs\" lists 1 runs, but the config's 2 arms x 1 seeds make 2";
    QTest::newRow("run repeated") << "run-repeated" << "\"runs[1]\" repeats arm 0 with seed index 0";
    QTest::newRow("arm out of range") << "arm" << "\"runs[1].arm\" is 2, not a whole number from 0 to 1";
    QTest::newRow("seed index out of range") << "seed-index" << "\"runs[0].seed_index\" is 1, not a whole number from 0 to 0";
    QTest::newRow("negative step") << "negative-step" << "\"runs[0].step\" is -1";
    QTest::newRow("step beyond the total") << "step-beyond" << "\"runs[0].step\" is 13, not a whole number from 0 to 12";
    QTest::newRow("accuracy above 1") << "accuracy" << "\"runs[0].final_test_accuracy\" is 1.5, outside [0.0, 1.0]";
    QTest::newRow("metric accuracy above 1") << "metric-accuracy" << "\"runs[0].metrics.rows[0][6] (test_acc)\" is 2";
    QTest::newRow("huge shape") << "shape" << "\"runs[0].model_layers[0].shape\" holds more than 16777216 values";
    QTest::newRow("overflowing count") << "overflow" << "\"runs[0].model_layers[0].non_trainable\" is 9223372036854775807";
    QTest::newRow("histogram unordered") << "histogram-order" << "has \"hist_lo\" above \"hist_hi\"";
    QTest::newRow("too many bins") << "bins" << "histogram\" lists 1000 values (at most 256)";
    QTest::newRow("float overflow") << "float" << "percentiles[3]\" is 1e+300";
    QTest::newRow("long label") << "label" << "\"runs[0].label\" is 100000 bytes long (at most 200)";
    // Strict text.
    QTest::newRow("repeated key") << "repeated-key" << "the key \"format\" appears twice in the top-level object";
    QTest::newRow("text after a NUL") << "nul" << "a NUL byte";
    QTest::newRow("huge number") << "huge-number" << "\"runs[0].step\" holds a number too large";
    QTest::newRow("deep nesting") << "deep" << "more than 64 levels deep";
  }
  void damagedFiles() {
    QFETCH(QString, mutation);
    QFETCH(QString, expected);
    static const json good = toJson(runTiny());
    json j = good;
    std::string text;
    if (mutation == "truncate") text = good.dump().substr(0, 300);
    if (mutation == "format") j["format"] = "something-else";
    if (mutation == "version") j["schema_version"] = 99;
    if (mutation == "version-type") j["schema_version"] = "one";
    if (mutation == "type") j["runs"][0]["step"] = "twelve";
    if (mutation == "row") j["runs"][0]["metrics"]["rows"][0] = json::array({1});
    if (mutation == "config") j["config"]["arms"] = json::array();
    if (mutation == "missing") j["runs"][1].erase("probes");
    if (mutation == "params") j["runs"][0]["model_layers"][0]["trainable"] = 1.5;
    if (mutation == "run-missing") j["runs"].erase(1);
    if (mutation == "run-repeated") j["runs"][1]["arm"] = 0;
    if (mutation == "arm") j["runs"][1]["arm"] = 2;
    if (mutation == "seed-index") j["runs"][0]["seed_index"] = 1;
    if (mutation == "negative-step") j["runs"][0]["step"] = -1;
    if (mutation == "step-beyond") j["runs"][0]["step"] = 13;
    if (mutation == "accuracy") j["runs"][0]["final_test_accuracy"] = 1.5;
    if (mutation == "metric-accuracy") j["runs"][0]["metrics"]["rows"][0][6] = 2;
    if (mutation == "shape") j["runs"][0]["model_layers"][0]["shape"] = json::array({65536, 65536, 65536});
    if (mutation == "overflow") j["runs"][0]["model_layers"][0]["non_trainable"] = INT64_MAX;
    if (mutation == "histogram-order") j["runs"][0]["probes"][0]["layers"][0]["hist_lo"] = 1e30;
    if (mutation == "bins") j["runs"][0]["probes"][0]["layers"][0]["histogram"] = std::vector<double>(1000, 0.001);
    if (mutation == "float") j["runs"][0]["probes"][0]["layers"][0]["percentiles"][3] = 1e300;
    if (mutation == "label") j["runs"][0]["label"] = std::string(100000, 'L');
    if (mutation == "repeated-key") text = "{\"format\": \"x\", " + good.dump().substr(1);
    if (mutation == "nul") text = good.dump() + std::string(1, '\0') + "{}";
    if (mutation == "huge-number") {
      j["runs"][0]["step"] = "@@";
      text = j.dump();
      text.replace(text.find("\"@@\""), 4, "1e999");
    }
    if (mutation == "deep") {
      j["warning"] = "@@";
      text = j.dump();
      text.replace(text.find("\"@@\""), 4, std::string(100000, '[') + std::string(100000, ']'));
    }
    if (text.empty()) text = j.dump();
    const QString path = dir_.filePath("bad-" + mutation + ".normlab");
    std::ofstream(path.toStdString()) << text;
    const QString message = errorOf([&] { loadExperiment(path.toStdString()); });
    QVERIFY2(message.contains(expected) && message.contains(path), qPrintable(message));
    QVERIFY2(message.size() < 400, qPrintable(message));  // never a value echoed whole
  }

  void unwritableAndMissing() {
    const ExperimentResults r = runTiny();
    QVERIFY(errorOf([&] { saveExperiment("/nonexistent-folder/x.normlab", r); }).contains("cannot write to"));
    QVERIFY(errorOf([&] { loadExperiment(dir_.filePath("nope.normlab").toStdString()); }).contains("cannot open"));
  }
};

QTEST_APPLESS_MAIN(TestExperimentFile)
#include "test_experiment_file.moc"
