// Experiment configuration: the issue's example, defaults, per-arm overrides, label defaults,
// seeds, round trips, a table of bad configs (key path + problem in each message), an inline model,
// JSON syntax errors, files, and mutated configs that must fail cleanly, never crash.
#include <QtTest>

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment_config.h"
#include "core/model/presets.h"

using namespace normlab;
using json = nlohmann::json;

namespace {

// The example of the issue, verbatim.
const char* const kExample = R"({
  "name": "Batch norm vs group norm at batch size 2",
  "dataset": {"name": "fashion-mnist", "train_subset": 10000, "test_subset": 2000, "preprocess": "zscore"},
  "model": "bench-net",
  "train": {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "batch_size": 2, "dropout": 0.25,
            "epochs": 1, "seed": 1, "eval_every": 200},
  "arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 4}],
  "probe_every": 10
})";

json example() { return json::parse(kExample); }

// The example with an RFC 7386 merge patch applied (null deletes a key; lists are replaced).
json patched(const QString& patch) {
  json j = example();
  j.merge_patch(json::parse(patch.toStdString()));
  return j;
}

// The message of the NormLabError that parsing throws, or "" when it parses. Any other exception
// fails the test: errors must never escape as anything else.
QString parseError(const json& j) {
  try {
    parseExperimentConfig(j);
  } catch (const NormLabError& e) {
    return QString::fromStdString(e.what());
  } catch (const std::exception& e) {
    return "NOT A NormLabError: " + QString::fromStdString(e.what());
  }
  return {};
}

// One numeric (or boolean as 0/1) field of an arm, by its config key.
double field(const ArmConfig& a, const QString& key) {
  const OptimizerConfig& o = a.train.optimizer;
  if (key == "lr") return o.lr;
  if (key == "momentum") return o.momentum;
  if (key == "weight_decay") return o.weightDecay;
  if (key == "optimizer") return double(int(o.kind));
  if (key == "batch_size") return a.train.batchSize;
  if (key == "dropout") return a.train.dropout.value_or(-1);
  if (key == "epochs") return a.train.epochs;
  if (key == "steps") return double(a.train.steps);
  if (key == "seed") return double(a.train.seed);
  if (key == "eval_every") return a.train.evalEvery;
  if (key == "activation") return a.train.activation ? double(int(*a.train.activation)) : -1;
  if (key == "init") return double(int(a.train.init));
  if (key == "groups") return a.norm.groups;
  if (key == "norm_eps") return a.norm.eps;
  if (key == "norm_momentum") return a.norm.momentum;
  if (key == "affine") return a.norm.affine;
  if (key == "layer_norm_affine") return double(int(a.norm.affineShape));
  if (key == "lrn_size") return a.norm.lrnSize;
  if (key == "lrn_k") return a.norm.lrnK;
  qFatal("unknown field %s", qPrintable(key));
}

}  // namespace

class TestExperimentConfig : public QObject {
  Q_OBJECT
 private slots:
  // Every value of the issue's example lands where it belongs; unspecified keys take defaults.
  void issueExample() {
    const ExperimentConfig c = parseExperimentConfig(std::string_view(kExample));
    QCOMPARE(c.name, std::string("Batch norm vs group norm at batch size 2"));
    QCOMPARE(c.data.name, std::string("fashion-mnist"));
    QCOMPARE(c.data.trainSubset, 10000);
    QCOMPARE(c.data.testSubset, 2000);
    QVERIFY(c.data.preprocess == Preprocess::ZScore);
    QCOMPARE(c.modelName, std::string("bench-net"));
    QVERIFY(c.model == preset("bench-net"));
    QVERIFY(c.train.optimizer.kind == OptimizerKind::Sgd);
    QCOMPARE(c.train.optimizer.lr, 0.05);
    QCOMPARE(c.train.optimizer.momentum, 0.9);
    QCOMPARE(c.train.optimizer.nesterov, false);
    QCOMPARE(c.train.optimizer.weightDecay, 0.0);
    QCOMPARE(c.train.batchSize, 2);
    QCOMPARE(c.train.dropout.value_or(-1), 0.25);
    QCOMPARE(c.train.epochs, 1);
    QCOMPARE(c.train.steps, std::int64_t(0));
    QCOMPARE(c.train.seed, std::uint64_t(1));
    QCOMPARE(c.train.evalEvery, 200);
    QVERIFY(!c.train.activation);
    QVERIFY(c.train.init == InitScheme::PyTorchDefault);
    QCOMPARE(c.seeds, std::vector<std::uint64_t>{1});
    QCOMPARE(c.probeEvery, 10);
    QCOMPARE(c.histogramBins, 40);
    QCOMPARE(c.arms.size(), std::size_t(2));
    QCOMPARE(c.arms[0].label, std::string("BN"));
    QVERIFY(c.arms[0].norm.kind == NormKind::Batch);
    QCOMPARE(c.arms[0].norm.momentum, 0.1);  // PyTorch's running-stat momentum, not SGD's 0.9
    QCOMPARE(c.arms[1].label, std::string("GN"));
    QVERIFY(c.arms[1].norm.kind == NormKind::Group);
    QCOMPARE(c.arms[1].norm.groups, 4);
    for (const ArmConfig& a : c.arms) {
      QVERIFY(a.overrides.empty());
      QVERIFY(sameSettings(a.train, c.train));
    }
  }

  // Only "arms" is required; everything else has the documented default.
  void defaults() {
    const ExperimentConfig c = parseExperimentConfig(R"({"arms": [{}]})");
    QVERIFY(sameConfig(c, parseExperimentConfig(std::string(R"({"arms": [{}]})"))));
    QCOMPARE(c.name, std::string("experiment"));
    QCOMPARE(c.data.name, std::string("fashion-mnist"));
    QCOMPARE(c.modelName, std::string(defaultPresetName()));
    QVERIFY(c.train.optimizer.kind == OptimizerKind::Sgd);
    QCOMPARE(c.train.optimizer.lr, 0.01);
    QCOMPARE(c.train.optimizer.momentum, 0.0);
    QCOMPARE(c.train.batchSize, 32);
    QVERIFY(!c.train.dropout);
    QCOMPARE(c.train.epochs, 1);
    QCOMPARE(c.train.steps, std::int64_t(0));
    QCOMPARE(c.train.seed, std::uint64_t(1));
    QCOMPARE(c.train.evalEvery, 200);
    QCOMPARE(c.probeEvery, 10);
    QCOMPARE(c.histogramBins, 40);
    QCOMPARE(c.seeds, std::vector<std::uint64_t>{1});
    QCOMPARE(c.arms[0].label, std::string("none"));
    QVERIFY(c.arms[0].norm.kind == NormKind::None);
  }

  // An override in arms[1] changes arms[1] only; arms[0] keeps the base value.
  void armOverride_data() {
    QTest::addColumn<QString>("arm1");  // the second arm's JSON
    QTest::addColumn<QString>("key");
    QTest::addColumn<double>("base");   // value in arms[0] (from the example's "train" or defaults)
    QTest::addColumn<double>("value");  // value in arms[1]
    QTest::newRow("lr") << R"({"norm": "group", "lr": 0.2})" << "lr" << 0.05 << 0.2;
    QTest::newRow("batch_size") << R"({"norm": "group", "batch_size": 64})" << "batch_size" << 2.0 << 64.0;
    QTest::newRow("dropout") << R"({"norm": "group", "dropout": 0})" << "dropout" << 0.25 << 0.0;
    QTest::newRow("momentum") << R"({"norm": "group", "momentum": 0.5})" << "momentum" << 0.9 << 0.5;
    QTest::newRow("weight_decay") << R"({"norm": "group", "weight_decay": 5e-4})" << "weight_decay" << 0.0 << 5e-4;
    QTest::newRow("optimizer") << R"({"norm": "group", "optimizer": "adam"})" << "optimizer"
                               << double(int(OptimizerKind::Sgd)) << double(int(OptimizerKind::Adam));
    QTest::newRow("epochs") << R"({"norm": "group", "epochs": 3})" << "epochs" << 1.0 << 3.0;
    QTest::newRow("steps") << R"({"norm": "group", "steps": 500})" << "steps" << 0.0 << 500.0;
    QTest::newRow("seed") << R"({"norm": "group", "seed": 7})" << "seed" << 1.0 << 7.0;
    QTest::newRow("eval_every") << R"({"norm": "group", "eval_every": 50})" << "eval_every" << 200.0 << 50.0;
    QTest::newRow("activation") << R"({"norm": "group", "activation": "tanh"})" << "activation" << -1.0
                                << double(int(ActivationKind::Tanh));
    QTest::newRow("init") << R"({"norm": "group", "init": "xavier"})" << "init"
                          << double(int(InitScheme::PyTorchDefault)) << double(int(InitScheme::Xavier));
    QTest::newRow("groups") << R"({"norm": "group", "groups": 8})" << "groups" << 4.0 << 8.0;
    QTest::newRow("norm_eps") << R"({"norm": "batch", "norm_eps": 1e-3})" << "norm_eps" << 1e-5 << 1e-3;
    QTest::newRow("norm_momentum") << R"({"norm": "batch", "norm_momentum": 0.01})" << "norm_momentum" << 0.1 << 0.01;
    QTest::newRow("affine") << R"({"norm": "layer", "affine": false})" << "affine" << 1.0 << 0.0;
    QTest::newRow("layer_norm_affine") << R"({"norm": "layer", "layer_norm_affine": "element"})" << "layer_norm_affine"
                                       << double(int(AffineShape::Channel)) << double(int(AffineShape::Element));
    QTest::newRow("lrn_size") << R"({"norm": "lrn", "lrn_size": 3})" << "lrn_size" << 5.0 << 3.0;
    QTest::newRow("lrn_k") << R"({"norm": "lrn", "lrn_k": 2})" << "lrn_k" << 1.0 << 2.0;
  }
  void armOverride() {
    QFETCH(QString, arm1);
    QFETCH(QString, key);
    QFETCH(double, base);
    QFETCH(double, value);
    json j = example();
    j["arms"][1] = json::parse(arm1.toStdString());
    const ExperimentConfig c = parseExperimentConfig(j);
    QCOMPARE(field(c.arms[0], key), base);
    QCOMPARE(field(c.arms[1], key), value);
    QVERIFY(c.arms[0].overrides.empty());
    if (!key.startsWith("norm") && !key.startsWith("lrn") && key != "groups" && key != "affine" &&
        key != "layer_norm_affine")
      QCOMPARE(c.arms[1].overrides, std::vector<std::string>{key.toStdString()});
    // Everything else in arms[1] still comes from the base.
    QCOMPARE(c.arms[1].train.optimizer.lr, key == "lr" ? 0.2 : 0.05);
    QCOMPARE(c.arms[1].train.batchSize, key == "batch_size" ? 64 : 2);
  }

  // An arm's "steps" replaces the inherited "epochs" and an arm's "epochs" an inherited "steps".
  void stepsAndEpochsReplaceEachOther() {
    json j = patched(R"({"train": {"epochs": null, "steps": 300}})");
    j["arms"][1]["epochs"] = 2;
    const ExperimentConfig c = parseExperimentConfig(j);
    QCOMPARE(c.arms[0].train.steps, std::int64_t(300));
    QCOMPARE(c.arms[1].train.steps, std::int64_t(0));
    QCOMPARE(c.arms[1].train.epochs, 2);
  }

  // ArmSettings carries the arm's norm, activation, dropout, init and the replicate seed.
  void armSettings() {
    json j = example();
    j["arms"][1] = json::parse(R"({"norm": "group", "groups": 2, "activation": "sigmoid", "dropout": 0.1,
                                   "init": "kaiming_normal"})");
    const ExperimentConfig c = parseExperimentConfig(j);
    const ArmSettings s0 = c.arms[0].armSettings(5), s1 = c.arms[1].armSettings(9);
    QVERIFY(s0.norm.kind == NormKind::Batch);
    QCOMPARE(s0.dropout.value_or(-1), 0.25);
    QVERIFY(!s0.activation);
    QCOMPARE(s0.seed, std::uint64_t(5));
    QVERIFY(s1.norm.kind == NormKind::Group);
    QCOMPARE(s1.norm.groups, 2);
    QVERIFY(s1.activation == ActivationKind::Sigmoid);
    QCOMPARE(s1.dropout.value_or(-1), 0.1);
    QVERIFY(s1.init == InitScheme::KaimingNormal);
    QCOMPARE(s1.seed, std::uint64_t(9));
  }

  // A label defaults to the norm's name.
  // "norm_position" is a train key: the base sets it, an arm may override it, and it reaches the
  // model builder; "input_norm" is an arm's own.
  void normPositionAndInputNorm() {
    const ExperimentConfig c = parseExperimentConfig(patched(R"({"train": {"norm_position": "after_activation"},
        "arms": [{"label": "BN", "norm": "batch", "input_norm": "minmax"},
                 {"label": "GN", "norm": "group", "norm_position": "before_activation"}]})"));
    QVERIFY(c.arms[0].armSettings(1).normPosition == NormPosition::AfterActivation);
    QVERIFY(c.arms[1].armSettings(1).normPosition == NormPosition::BeforeActivation);
    QVERIFY(c.arms[0].inputNorm == Preprocess::MinMax);
    QVERIFY(!c.arms[1].inputNorm.has_value());
    QVERIFY(parseExperimentConfig(example()).train.normPosition == NormPosition::BeforeActivation);
  }

  void labelDefaults_data() {
    QTest::addColumn<QString>("norm");
    QTest::addColumn<QString>("label");
    for (const char* n : {"none", "batch", "layer", "instance", "group", "lrn"}) QTest::newRow(n) << n << n;
  }
  void labelDefaults() {
    QFETCH(QString, norm);
    QFETCH(QString, label);
    json j = example();
    j["arms"] = json::array({json{{"norm", norm.toStdString()}}});
    j["train"]["batch_size"] = 8;
    QCOMPARE(QString::fromStdString(parseExperimentConfig(j).arms[0].label), label);
  }

  // "seeds" replaces train.seed: every arm runs once per seed; an arm that fixes its own seed (only
  // allowed with a single seed) keeps it.
  void seeds() {
    const ExperimentConfig c = parseExperimentConfig(patched(R"({"train": {"seed": null}, "seeds": [3, 1, 2]})"));
    QCOMPARE(c.seeds, (std::vector<std::uint64_t>{3, 1, 2}));
    QCOMPARE(c.train.seed, std::uint64_t(3));
    for (std::uint64_t s : c.seeds) QCOMPARE(c.arms[1].armSettings(s).seed, s);

    json j = example();
    j["arms"][1]["seed"] = 42;
    const ExperimentConfig d = parseExperimentConfig(j);
    QCOMPARE(d.arms[0].armSettings(1).seed, std::uint64_t(1));
    QCOMPARE(d.arms[1].armSettings(1).seed, std::uint64_t(42));

    // Large seeds survive exactly (2^53).
    const ExperimentConfig e = parseExperimentConfig(patched(R"({"train": {"seed": 9007199254740992}})"));
    QCOMPARE(e.seeds.front(), std::uint64_t(9007199254740992ull));
  }

  // An inline model spec instead of a preset name.
  void inlineModel() {
    const json j = patched(R"({"train": {"dropout": null}, "model": {"name": "mini", "input": [1, 28, 28], "classes": 10, "layers": [
        {"type": "conv2d", "name": "c1", "out_channels": 6, "kernel": 5, "stride": 4},
        {"type": "norm", "name": "n1"}, {"type": "activation"}, {"type": "flatten"},
        {"type": "dense", "name": "fc", "out_features": 10}]},
      "arms": [{"label": "GN2", "norm": "group", "groups": 2}, {"label": "GN4", "norm": "group", "groups": 4}]})");
    const QString err = parseError(j);
    QVERIFY(err.contains("arms[1] (GN4): "));  // 6 channels: G = 4 does not divide
    QVERIFY(err.contains("'n1'"));
    QVERIFY(err.contains("G = 4"));
    json ok = j;
    ok["arms"][1]["groups"] = 3;
    const ExperimentConfig c = parseExperimentConfig(ok);
    QCOMPARE(c.modelName, std::string());
    QCOMPARE(c.model.name, std::string("mini"));
    QCOMPARE(c.model.layers.size(), std::size_t(5));
    QCOMPARE(c.model.layers[0].outChannels, 6);
    QVERIFY(toJson(c)["model"].is_object());
  }

  // parse(toJson(c)) equals c, through the text form too; a preset stays a name, arms keep only
  // their overrides.
  void roundTrip_data() {
    QTest::addColumn<QString>("patch");
    QTest::newRow("issue example") << "{}";
    QTest::newRow("arm overrides") << R"({"arms": [{"norm": "batch", "lr": 0.1, "batch_size": 16, "norm_momentum": 0.01},
        {"label": "GN", "norm": "group", "groups": 8, "dropout": 0, "steps": 40, "activation": "tanh"},
        {"label": "LN", "norm": "layer", "affine": false, "norm_eps": 0.001, "optimizer": "adam", "beta1": 0.8},
        {"label": "LN per element", "norm": "layer", "layer_norm_affine": "element"},
        {"label": "LN plain", "norm": "layer", "layer_norm_affine": "none", "affine": false},
        {"label": "LRN", "norm": "lrn", "lrn_size": 3, "lrn_alpha": 0.001, "lrn_beta": 0.5, "lrn_k": 2, "seed": 9},
        {"label": "plain", "init": "xavier", "weight_decay": 0.0001, "nesterov": true}]})";
    QTest::newRow("adam base, steps") << R"({"train": {"optimizer": "adam", "momentum": null, "lr": 0.001,
        "beta2": 0.99, "adam_eps": 1e-7, "epochs": null, "steps": 1000, "activation": "leaky_relu"}})";
    QTest::newRow("seeds") << R"({"train": {"seed": null}, "seeds": [5, 6, 7], "histogram_bins": 64,
        "probe_every": 3})";
    QTest::newRow("synthetic data") << R"({"train": {"dropout": null}, "dataset": {"name": "synthetic", "classes": 4, "train": 500,
        "test": 100, "size": 16, "preprocess": "minmax", "validation": 0.1, "drop_last": false, "train_subset": null,
        "test_subset": null},
        "model": {"input": [1, 16, 16], "classes": 4, "layers": [{"type": "flatten"}, {"type": "dense",
        "out_features": 8}, {"type": "norm"}, {"type": "activation"}, {"type": "dense", "out_features": 4}]}})";
    QTest::newRow("norm position, input norm") << R"({"train": {"norm_position": "after_activation"},
        "arms": [{"label": "BN", "norm": "batch", "input_norm": "raw"},
        {"label": "GN", "norm": "group", "norm_position": "before_activation", "input_norm": "minmax"}]})";
    QTest::newRow("lesson") << R"({"lesson": {"number": 2, "title": "Batch norm needs batches",
        "text": "Watch the sweep. It rises.", "watch": "Loss & accuracy", "explainer": "batch-norm",
        "sweep": {"x": "batch_size"}}, "arms": [{"label": "BN", "norm": "batch"},
        {"label": "BN8", "norm": "batch", "batch_size": 8}]})";
  }
  void roundTrip() {
    QFETCH(QString, patch);
    const ExperimentConfig c = parseExperimentConfig(patched(patch));
    const json j = toJson(c);
    const ExperimentConfig d = parseExperimentConfig(std::string_view(j.dump(2)));
    QVERIFY2(sameConfig(c, d), j.dump(2).c_str());
    QCOMPARE(toJson(d), j);
    if (!c.modelName.empty()) QCOMPARE(j["model"], json(c.modelName));
    for (std::size_t i = 0; i < c.arms.size(); ++i)
      for (const char* k : {"lr", "batch_size", "optimizer", "epochs"})
        QCOMPARE(j["arms"][i].contains(k), c.arms[i].isOverridden(k));
  }

  // sameConfig notices a change in each part (so the round trip above can fail).
  void sameConfigSeesChanges() {
    const ExperimentConfig c = parseExperimentConfig(example());
    QVERIFY(sameConfig(c, c));
    auto changed = [&](auto edit) {
      ExperimentConfig d = c;
      edit(d);
      return !sameConfig(c, d);
    };
    QVERIFY(changed([](ExperimentConfig& d) { d.name += "x"; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.data.testSubset = 5; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.model.layers[0].outChannels = 8; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.train.optimizer.momentum = 0.5; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.train.dropout.reset(); }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[1].norm.groups = 2; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[0].norm.momentum = 0.2; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[1].train.batchSize = 4; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[1].label += "x"; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.seeds = {1, 2}; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.histogramBins = 41; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[0].train.normPosition = NormPosition::AfterActivation; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.arms[1].inputNorm = Preprocess::Raw; }));
    QVERIFY(changed([](ExperimentConfig& d) { d.lesson = LessonInfo{1, "t", "x.", "Model", "", ""}; }));
    QVERIFY(!changed([](ExperimentConfig& d) { d.arms[0].norm.groups = 2; }));  // unused by batch norm
    QVERIFY(!changed([](ExperimentConfig& d) { d.arms[0].norm.affineShape = AffineShape::Element; }));  // layer norm's
    const ExperimentConfig ln = parseExperimentConfig(patched(R"({"arms": [{"norm": "layer"}]})"));
    ExperimentConfig perElement = ln;
    perElement.arms[0].norm.affineShape = AffineShape::Element;
    QVERIFY(!sameConfig(ln, perElement));
  }

  // Bad configs: the message names the key path and the problem.
  void invalid_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char* name, const char* patch, QStringList expected) {
      QTest::newRow(name) << QString(patch) << expected;
    };
    row("unknown top key", R"({"nmae": "x"})", {"unknown key \"nmae\"", "known keys"});
    row("unknown arm key", R"({"arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "grups": 4}]})",
        {"unknown key \"arms[1].grups\"", "groups"});
    row("unknown train key", R"({"train": {"learning_rate": 0.1}})", {"unknown key \"train.learning_rate\""});
    row("unknown dataset key", R"({"dataset": {"subset": 5}})", {"unknown key \"dataset.subset\""});
    row("name type", R"({"name": 5})", {"\"name\"", "must be a string"});
    row("lr type", R"({"train": {"lr": "fast"}})", {"\"train.lr\"", "must be a number"});
    row("lr zero", R"({"train": {"lr": 0}})", {"\"train.lr\"", "greater than 0"});
    row("lr huge", R"({"train": {"lr": 1e9}})", {"\"train.lr\"", "between 0.0 and 1000.0"});
    row("batch_size 0", R"({"train": {"batch_size": 0}})", {"\"train.batch_size\"", "between 1 and 4096", "got 0"});
    row("batch_size 5000", R"({"train": {"batch_size": 5000}})", {"\"train.batch_size\"", "between 1 and 4096"});
    row("batch_size fraction", R"({"train": {"batch_size": 2.5}})", {"\"train.batch_size\"", "whole number"});
    row("dropout 1", R"({"train": {"dropout": 1}})", {"\"train.dropout\"", "less than 1"});
    row("dropout negative", R"({"train": {"dropout": -0.1}})", {"\"train.dropout\"", "between 0.0 and 1.0", "-0.1"});
    row("epochs and steps", R"({"train": {"steps": 100}})", {"\"train.steps\"", "\"train.epochs\"", "not both"});
    row("arm epochs and steps", R"({"arms": [{"norm": "batch", "epochs": 2, "steps": 10}]})",
        {"\"arms[0].steps\"", "\"arms[0].epochs\""});
    row("seed negative", R"({"train": {"seed": -1}})", {"\"train.seed\"", "whole number from 0", "-1"});
    row("seed fraction", R"({"train": {"seed": 1.5}})", {"\"train.seed\"", "whole number"});
    row("seed string", R"({"train": {"seed": "1"}})", {"\"train.seed\"", "whole number"});
    row("optimizer", R"({"train": {"optimizer": "rmsprop"}})", {"\"train.optimizer\"", "sgd, adam", "rmsprop"});
    row("activation", R"({"train": {"activation": "gelu"}})",
        {"\"train.activation\"", "relu, leaky_relu, sigmoid, tanh", "gelu"});
    row("init", R"({"train": {"init": "he"}})", {"\"train.init\"", "pytorch, kaiming_normal, kaiming_uniform, xavier"});
    row("sgd key with adam", R"({"train": {"optimizer": "adam"}})", {"\"train.momentum\"", "only applies to the sgd"});
    row("adam key with sgd", R"({"arms": [{"norm": "batch", "beta1": 0.5}]})",
        {"\"arms[0].beta1\"", "only applies to the adam", "this arm uses sgd"});
    row("nesterov without momentum", R"({"train": {"momentum": 0, "nesterov": true}})",
        {"\"train.nesterov\"", "momentum greater than 0"});
    row("arm momentum 0 under nesterov", R"({"train": {"nesterov": true}, "arms": [{"norm": "batch", "momentum": 0}]})",
        {"\"arms[0].momentum\"", "Nesterov"});
    row("unknown preset", R"({"model": "resnet"})", {"\"model\"", "'resnet'", "bench-net", "small-cnn"});
    row("model type", R"({"model": 5})", {"\"model\"", "preset name or a model spec"});
    row("inline model broken", R"({"model": {"input": [1, 28, 28], "classes": 10,
        "layers": [{"type": "dense", "out_features": 10}]}})", {"\"model\"", "flat input"});
    row("model vs dataset", R"({"model": {"input": [3, 32, 32], "classes": 10,
        "layers": [{"type": "flatten"}, {"type": "dense", "out_features": 10}]}})",
        {"\"model\"", "3x32x32", "fashion-mnist", "1x28x28"});
    row("model classes", R"({"dataset": {"name": "synthetic", "classes": 6, "train_subset": null, "test_subset": null},
        "model": {"input": [784], "classes": 4, "layers": [{"type": "dense", "out_features": 4}]}})",
        {"\"model\"", "4 outputs", "6 classes"});
    row("dataset name", R"({"dataset": {"name": "mnist"}})", {"\"dataset.name\"", "fashion-mnist", "mnist"});
    row("arms missing", R"({"arms": null})", {"\"arms\"", "missing"});
    row("arms not a list", R"({"arms": {"norm": "batch"}})", {"\"arms\"", "must be a list"});
    row("arms empty", R"({"arms": []})", {"\"arms\"", "at least one arm"});
    row("arm not an object", R"({"arms": [{"norm": "batch"}, 7]})", {"\"arms[1]\"", "must be a JSON object"});
    row("duplicate labels", R"({"arms": [{"norm": "batch"}, {"norm": "layer"}, {"norm": "batch"}]})",
        {"\"arms[2].label\"", "\"batch\"", "arms[0]", "unique"});
    row("duplicate explicit labels", R"({"arms": [{"label": "A", "norm": "batch"}, {"label": "A", "norm": "layer"}]})",
        {"\"arms[1].label\"", "unique"});
    row("empty label", R"({"arms": [{"label": "", "norm": "batch"}]})", {"\"arms[0].label\"", "must not be empty"});
    row("unknown norm", R"({"arms": [{"norm": "batchnorm"}]})",
        {"\"arms[0].norm\"", "none, batch, layer, instance, group, lrn", "batchnorm"});
    row("groups on batch norm", R"({"arms": [{"norm": "batch", "groups": 2}]})",
        {"\"arms[0].groups\"", "only applies to group norm", "\"batch\""});
    row("norm_momentum on layer norm", R"({"arms": [{"norm": "layer", "norm_momentum": 0.2}]})",
        {"\"arms[0].norm_momentum\"", "only applies to batch norm"});
    row("lrn key on group norm", R"({"arms": [{"norm": "group", "lrn_size": 3}]})", {"\"arms[0].lrn_size\"", "lrn"});
    row("layer_norm_affine on group norm", R"({"arms": [{"norm": "group", "layer_norm_affine": "element"}]})",
        {"\"arms[0].layer_norm_affine\"", "only applies to layer norm", "\"group\""});
    row("layer_norm_affine unknown", R"({"arms": [{"norm": "layer", "layer_norm_affine": "elementwise"}]})",
        {"\"arms[0].layer_norm_affine\"", "channel, element, none", "elementwise"});
    row("layer_norm_affine against affine", R"({"arms": [{"norm": "layer", "affine": false, "layer_norm_affine": "element"}]})",
        {"\"arms[0].layer_norm_affine\"", "\"element\"", "\"affine\" is false", "give one of them"});
    row("norm_momentum range", R"({"arms": [{"norm": "batch", "norm_momentum": 1.5}]})",
        {"\"arms[0].norm_momentum\"", "between 0.0 and 1.0", "1.5"});
    row("norm_eps zero", R"({"arms": [{"norm": "batch", "norm_eps": 0}]})", {"\"arms[0].norm_eps\"", "greater than 0"});
    row("groups zero", R"({"arms": [{"norm": "group", "groups": 0}]})", {"\"arms[0].groups\"", "between 1 and 4096"});
    row("lrn_k zero", R"({"arms": [{"norm": "lrn", "lrn_k": 0}]})", {"\"arms[0].lrn_k\"", "greater than 0"});
    row("arm override type", R"({"arms": [{"norm": "batch", "batch_size": "big"}]})",
        {"\"arms[0].batch_size\"", "whole number"});
    row("groups do not divide", R"({"arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 3}]})",
        {"arms[1] (GN): ", "'norm1'", "G = 3", "C = 16"});
    row("batch norm at batch 1 on a dense position", R"({"model": "small-cnn", "train": {"batch_size": 1},
        "arms": [{"label": "LN", "norm": "layer"}, {"label": "BN", "norm": "batch"}]})",
        {"arms[1] (BN): ", "'norm3'", "one value per channel", "batch size 1"});
    row("arm batch 1 with batch norm", R"({"model": "small-cnn", "arms": [{"label": "BN1", "norm": "batch", "batch_size": 1}]})",
        {"arms[0] (BN1): ", "batch norm"});
    row("batch larger than the data", R"({"dataset": {"train_subset": 100}, "arms": [{"label": "big", "norm": "batch",
        "batch_size": 256}]})", {"arms[0] (big): ", "\"batch_size\" 256", "100 training images", "drop_last"});
    row("seeds with train.seed", R"({"seeds": [1, 2]})", {"\"seeds\"", "\"train.seed\""});
    row("seeds empty", R"({"train": {"seed": null}, "seeds": []})", {"\"seeds\"", "non-empty"});
    row("seeds not a list", R"({"train": {"seed": null}, "seeds": 3})", {"\"seeds\"", "non-empty list"});
    row("seed repeated", R"({"train": {"seed": null}, "seeds": [1, 2, 1]})", {"\"seeds[2]\"", "repeats the seed 1"});
    row("seed element", R"({"train": {"seed": null}, "seeds": [1, "two"]})", {"\"seeds[1]\"", "whole number"});
    row("arm seed with several seeds", R"({"train": {"seed": null}, "seeds": [1, 2],
        "arms": [{"norm": "batch", "seed": 5}]})", {"\"arms[0].seed\"", "several seeds"});
    row("dropout without dropout layer", R"({"model": {"name": "lin", "input": [784], "classes": 10,
        "layers": [{"type": "dense", "out_features": 10}]}})", {"\"train.dropout\"", "no effect", "'lin'"});
    row("arm activation without placeholder", R"({"train": {"dropout": null}, "model": {"input": [784], "classes": 10,
        "layers": [{"type": "dense", "out_features": 10}]}, "arms": [{"norm": "batch", "activation": "tanh"}]})",
        {"\"arms[0].activation\"", "no effect", "placeholder"});
    row("probe_every", R"({"probe_every": 0})", {"\"probe_every\"", "between 1 and 1000000"});
    row("histogram_bins", R"({"histogram_bins": 4})", {"\"histogram_bins\"", "between 8 and 256"});
    row("eval_every", R"({"train": {"eval_every": 0}})", {"\"train.eval_every\"", "between 1"});
    row("norm_position value", R"({"train": {"norm_position": "after"}})",
        {"\"train.norm_position\"", "before_activation, after_activation"});
    row("norm_position without an activation after the norm", R"({"train": {"dropout": null},
        "model": {"name": "np", "input": [784], "classes": 10, "layers": [{"type": "dense", "out_features": 8},
        {"type": "norm", "name": "n"}, {"type": "dense", "out_features": 10}]},
        "arms": [{"label": "LN", "norm": "layer", "norm_position": "after_activation"}]})",
        {"arms[0] (LN): ", "'n' (norm)", "after_activation", "needs an activation layer"});
    row("norm_position without norm placeholders", R"({"train": {"dropout": null}, "model": {"name": "lin",
        "input": [784], "classes": 10, "layers": [{"type": "dense", "out_features": 10}]},
        "arms": [{"norm": "none", "norm_position": "after_activation"}]})",
        {"\"arms[0].norm_position\"", "no effect", "'lin'"});
    row("input_norm value", R"({"arms": [{"norm": "batch", "input_norm": "standard"}]})",
        {"\"arms[0].input_norm\"", "raw, minmax, zscore"});
    row("input_norm is not a train key", R"({"train": {"input_norm": "raw"}})", {"unknown key \"train.input_norm\""});
    row("lesson not an object", R"({"lesson": "why"})", {"\"lesson\" must be a JSON object"});
    row("lesson unknown key", R"({"lesson": {"number": 1, "title": "t", "text": "x.", "watch": "Model", "txet": ""}})",
        {"unknown key \"lesson.txet\""});
    row("lesson text missing", R"({"lesson": {"number": 1, "title": "t", "watch": "Model"}})",
        {"\"lesson.text\"", "is missing"});
    row("lesson number", R"({"lesson": {"number": 0, "title": "t", "text": "x.", "watch": "Model"}})",
        {"\"lesson.number\"", "between 1 and 99"});
    row("lesson watch", R"({"lesson": {"number": 1, "title": "t", "text": "x.", "watch": "Loss"}})",
        {"\"lesson.watch\"", "not a chart tab", "Loss & accuracy", "Gradient flow"});
    row("lesson explainer", R"({"lesson": {"number": 1, "title": "t", "text": "x.", "watch": "Model",
        "explainer": "lrn"}})", {"\"lesson.explainer\"", "batch-norm, dropout, norm-axes"});
    row("lesson sweep", R"({"lesson": {"number": 1, "title": "t", "text": "x.", "watch": "Model",
        "sweep": {"x": "lr"}}})", {"\"lesson.sweep.x\"", "batch_size, dropout"});
  }
  void invalid() {
    QFETCH(QString, patch);
    QFETCH(QStringList, expected);
    const QString err = parseError(patched(patch));
    QVERIFY2(!err.isEmpty(), "the config was accepted");
    QVERIFY2(!err.startsWith("NOT A"), qPrintable(err));
    for (const QString& e : expected)
      QVERIFY2(err.contains(e), qPrintable("expected \"" + e + "\" in: " + err));
  }

  // Syntax errors give the line and column where the parser stopped (the last character of the
  // offending token, as nlohmann/json reports it); a non-object top level is named.
  void syntaxError_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing comma") << "{\n  \"name\": \"x\"\n  \"arms\": []\n}" << "invalid JSON at line 3, column 8";  // end of "arms"
    QTest::newRow("trailing comma") << "{\"arms\": [{},]}" << "invalid JSON at line 1, column 14";
    QTest::newRow("truncated") << "{\"arms\": [" << "invalid JSON at line 1";
    QTest::newRow("empty") << "" << "invalid JSON at line 1, column 1";
    QTest::newRow("not an object") << "[1, 2]" << "the configuration must be a JSON object";
  }
  void syntaxError() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const std::string s = text.toStdString();
    try {
      parseExperimentConfig(std::string_view(s));
      QFAIL("accepted");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains(expected), e.what());
    }
  }

  // Untrusted text (json_input.h): refused with the key's path and a short message, never a
  // crash, a raw nlohmann message or a value echoed whole.
  void strictText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const QString arms = R"("arms": [{"norm": "none"}])";
    QTest::newRow("repeated key") << R"({"train": {"lr": 0.05, "lr": 500}, )" + arms + "}"
                                  << QStringList{"the key \"lr\" appears twice in \"train\""};
    QTest::newRow("repeated top key") << "{" + arms + ", " + arms + "}"
                                      << QStringList{"\"arms\" appears twice in the top-level object"};
    QTest::newRow("huge number") << R"({"train": {"lr": 1e999}, )" + arms + "}"
                                 << QStringList{"\"train.lr\"", "too large"};
    QTest::newRow("huge number in a list") << R"({"seeds": [1, -1e999], )" + arms + "}"
                                           << QStringList{"\"seeds[1]\"", "too large"};
    QTest::newRow("text after the value") << "{" + arms + "} {}" << QStringList{"invalid JSON at line 1", "end of input"};
    QTest::newRow("deep nesting") << "{\"lesson\": " + QString(100000, '[') + QString(100000, ']') + ", " + arms + "}"
                                  << QStringList{"\"lesson[0][0]", "more than 64 levels deep"};
    QTest::newRow("key without meaning") << R"({"dataset": {"name": "synthetic", "path": "/tmp"}, )" + arms + "}"
                                         << QStringList{"\"dataset.path\" does not apply to the synthetic dataset"};
    QTest::newRow("flip without augment") << R"({"dataset": {"name": "synthetic", "augment_flip": true}, )" + arms + "}"
                                          << QStringList{"\"dataset.augment_flip\" only applies when"};
    QTest::newRow("long label") << "{\"arms\": [{\"norm\": \"none\", \"label\": \"" + QString(5000, 'L') + "\"}]}"
                                << QStringList{"\"arms[0].label\" is 5000 bytes long (at most 200)"};
    QTest::newRow("long unknown key") << "{\"" + QString(5000, 'K') + "\": 1, " + arms + "}"
                                      << QStringList{"unknown key \"KKKK", "(5000 bytes)"};
    QTest::newRow("long value") << "{\"model\": \"" + QString(5000, 'M') + "\", " + arms + "}"
                                << QStringList{"\"model\"", "MMMM"};
  }
  void strictText() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const std::string s = text.toStdString();
    try {
      parseExperimentConfig(std::string_view(s));
      QFAIL("accepted");
    } catch (const NormLabError& e) {
      for (const QString& x : expected) QVERIFY2(QString(e.what()).contains(x), e.what());
      QVERIFY2(std::strlen(e.what()) < 400, e.what());  // a 5,000-byte value is not echoed whole
    }
  }
  void nulByteEndsNothing() {
    const std::string text = std::string(R"({"arms": [{"norm": "none"}]})") + '\0' + R"({"arms": []})";
    try {
      parseExperimentConfig(std::string_view(text));
      QFAIL("accepted");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("a NUL byte"), e.what());
    }
  }

  // A norm a position cannot take is said, naming the arm and the layer.
  void normNotesNameArmAndLayer() {
    const ExperimentConfig c = parseExperimentConfig(R"({"dataset": {"name": "synthetic"}, "model": "small-cnn",
      "arms": [{"norm": "batch"}, {"label": "IN", "norm": "instance"}, {"norm": "none"}]})");
    const std::vector<std::string> notes = normNotes(c);
    QCOMPARE(int(notes.size()), 1);
    QVERIFY2(QString::fromStdString(notes[0]).startsWith("arms[1] (IN): norm3 after fc1 stays empty: instance norm"),
             notes[0].c_str());
  }

  // Files: a good one loads; a missing one and a broken one name the path.
  void files() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string good = (dir.path() + "/good.json").toStdString();
    const std::string bad = (dir.path() + "/bad.json").toStdString();
    std::ofstream(good) << kExample;
    std::ofstream(bad) << R"({"arms": [{"norm": "bach"}]})";
    QVERIFY(sameConfig(loadExperimentConfig(good), parseExperimentConfig(example())));
    const std::string missing = (dir.path() + "/nope.json").toStdString();
    for (const std::string& path : {missing, bad}) {
      try {
        loadExperimentConfig(path);
        QFAIL("accepted");
      } catch (const NormLabError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
      }
    }
    try {
      loadExperimentConfig(bad);
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("\"arms[0].norm\""), e.what());
    }
  }

  // Every value anywhere in the example replaced by values of the wrong type or absurd size:
  // parsing either succeeds or throws NormLabError, nothing else.
  void mutationsFailCleanly() {
    const json base = example();
    const std::vector<json> bad{nullptr, "x", -1, 0, 1e300, -1e300, 2.5, true, json::array(), json::object(),
                                json::array({1, 2}), 4294967296.0, 18446744073709551615ull};
    int checked = 0, rejected = 0;
    const json flat = base.flatten();
    for (const auto& item : flat.items()) {
      for (const json& v : bad) {
        json j = base;
        j[json::json_pointer(item.key())] = v;
        const QString err = parseError(j);
        QVERIFY2(!err.startsWith("NOT A"), qPrintable(QString::fromStdString(item.key()) + ": " + err));
        ++checked;
        rejected += !err.isEmpty();
      }
    }
    QVERIFY(checked > 200);
    QVERIFY(rejected > checked / 2);
  }
};

QTEST_APPLESS_MAIN(TestExperimentConfig)
#include "test_experiment_config.moc"
