// The "grid" key of an experiment config (core/experiment/grid.h): the product in its fixed key
// order with the last key fastest, the generated labels, crossing with listed arms, writing back
// as plain arms, and every error naming its key.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment_config.h"

using namespace normlab;
using json = nlohmann::json;

namespace {

// A small model so that parsing checks arms against something real; fast to build.
json base() {
  return json::parse(R"({"name": "grid", "dataset": {"name": "synthetic", "train": 64, "test": 16, "size": 8},
    "model": {"name": "m", "input": [1, 8, 8], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "padding": 1}, {"type": "norm", "name": "norm1"},
      {"type": "relu", "name": "relu1"}, {"type": "flatten", "name": "flatten"},
      {"type": "dropout", "name": "drop", "p": 0.1}, {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"lr": 0.05, "batch_size": 8, "steps": 4}})");
}

std::vector<std::string> labels(const ExperimentConfig& c) {
  std::vector<std::string> out;
  for (const ArmConfig& a : c.arms) out.push_back(a.label);
  return out;
}

QString errorOf(const json& j) {
  try {
    parseExperimentConfig(j);
  } catch (const NormLabError& e) {
    return QString::fromStdString(e.what());
  }
  return "(no error)";
}

}  // namespace

class TestGrid : public QObject {
  Q_OBJECT

 private slots:
  void issueExampleExpandsInKeyOrder() {
    json j = base();
    // Written in another order than the expansion's: the fixed order (norm, batch_size, lr) wins.
    j["grid"] = json::parse(R"({"lr": [0.01, 0.05], "norm": ["batch", "group"], "batch_size": [2, 4, 8, 16, 32]})");
    const ExperimentConfig c = parseExperimentConfig(j);
    QCOMPARE(c.arms.size(), std::size_t(2 * 5 * 2));
    const std::vector<std::string> l = labels(c);
    QCOMPARE(l[0], std::string("BN b2 lr0.01"));
    QCOMPARE(l[1], std::string("BN b2 lr0.05"));
    QCOMPARE(l[2], std::string("BN b4 lr0.01"));
    QCOMPARE(l[9], std::string("BN b32 lr0.05"));
    QCOMPARE(l[10], std::string("GN b2 lr0.01"));
    QCOMPARE(l[19], std::string("GN b32 lr0.05"));
    const ArmConfig& a = c.arms[15];  // GN b8 lr0.05
    QCOMPARE(a.label, std::string("GN b8 lr0.05"));
    QCOMPARE(a.norm.kind, NormKind::Group);
    QCOMPARE(a.train.batchSize, 8);
    QCOMPARE(a.train.optimizer.lr, 0.05);
    // Written back as plain arms, which parse to the same config.
    const json back = toJson(c);
    QVERIFY(!back.contains("grid"));
    QVERIFY(sameConfig(parseExperimentConfig(back), c));
  }

  void labelsOfEveryKey() {
    json j = base();
    j["train"]["optimizer"] = "sgd";
    j["grid"] = json::parse(R"({"dropout": [0.25], "momentum": [0.9], "weight_decay": [0.0005], "init": ["xavier"],
      "activation": ["tanh"], "norm_position": ["after_activation"], "input_norm": ["minmax"], "steps": [7],
      "lr": [0.0001]})");
    j["model"]["layers"][2] = json{{"type", "activation"}, {"name", "act1"}};
    j["arms"] = json::parse(R"([{"label": "GN2", "norm": "group", "groups": 2}, {"norm": "batch"}])");
    const ExperimentConfig c = parseExperimentConfig(j);
    QCOMPARE(c.arms.size(), std::size_t(2));
    QCOMPARE(c.arms[0].label, std::string("GN2 lr1e-04 m0.9 wd5e-04 p0.25 tanh xavier norm-after in-minmax s7"));
    QCOMPARE(c.arms[1].label, std::string("BN lr1e-04 m0.9 wd5e-04 p0.25 tanh xavier norm-after in-minmax s7"));
    QCOMPARE(c.arms[0].norm.groups, 2);
    QCOMPARE(c.arms[1].train.steps, std::int64_t(7));
  }

  void crossesListedArms() {
    json j = base();
    j["arms"] = json::parse(R"([{"label": "GN4", "norm": "group", "groups": 4}, {"label": "plain"}])");
    j["grid"] = json::parse(R"({"batch_size": [4, 8], "epochs": [1, 2], "groups": [1]})");
    j["arms"][1]["norm"] = "group";
    const std::vector<std::string> expected = {"GN4 G1 b4 e1", "GN4 G1 b4 e2", "GN4 G1 b8 e1", "GN4 G1 b8 e2",
                                               "plain G1 b4 e1", "plain G1 b4 e2", "plain G1 b8 e1", "plain G1 b8 e2"};
    // groups is a grid key here, so an arm may not set it.
    QCOMPARE(errorOf(j), QString("\"arms[0].groups\" is also a key of \"grid\": an arm crossed with the grid may not set what the grid varies"));
    j["arms"][0].erase("groups");
    QCOMPARE(labels(parseExperimentConfig(j)), expected);
  }

  void errorsNameTheKey_data() {
    QTest::addColumn<QString>("grid");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << R"({"batch_sise": [2]})" << "unknown key \"grid.batch_sise\"";
    QTest::newRow("not an object") << R"([1, 2])" << "\"grid\" must be a JSON object";
    QTest::newRow("not a list") << R"({"lr": 0.1})" << "\"grid.lr\" must be a list of values";
    QTest::newRow("empty list") << R"({"lr": []})" << "\"grid.lr\" must list at least one value";
    QTest::newRow("no keys") << R"({})" << "\"grid\" must vary at least one key";
    QTest::newRow("string for a number") << R"({"lr": [0.1, "0.2"]})" << "\"grid.lr[1]\" must be a number, got \"0.2\"";
    QTest::newRow("fraction for a whole") << R"({"batch_size": [2, 2.5]})" << "\"grid.batch_size[1]\" must be a whole number, got 2.5";
    QTest::newRow("unknown norm") << R"({"norm": ["batch", "weight"]})" << "\"grid.norm[1]\" must be one of none, batch";
    QTest::newRow("repeated value") << R"({"batch_size": [2, 4, 2]})" << "\"grid.batch_size[2]\" repeats 2";
    QTest::newRow("out of range") << R"({"batch_size": [2, 5000]})" << "\"grid[b5000].batch_size\" must be between 1 and 4096";
    QTest::newRow("too many arms") << R"({"lr": [1,2,3,4,5,6,7,8,9,10], "batch_size": [1,2,3,4,5,6,7,8,9,10],
      "steps": [1,2,3,4,5,6,7,8,9,10], "epochs": [1,2,3,4,5,6,7,8,9,10], "groups": [1, 2]})"
                                   << "\"grid\" expands to more than 10000 arms";
  }
  void errorsNameTheKey() {
    QFETCH(QString, grid);
    QFETCH(QString, message);
    json j = base();
    j["grid"] = json::parse(grid.toStdString());
    const QString e = errorOf(j);
    QVERIFY2(e.contains(message), qPrintable(e));
  }

  void runLimitCountsSeeds() {
    json j = base();
    j["seeds"] = json::array();
    for (int s = 1; s <= 5; ++s) j["seeds"].push_back(s);
    j["grid"] = json{{"steps", json::array()}};
    for (int s = 1; s <= 2001; ++s) j["grid"]["steps"].push_back(s);
    QCOMPARE(errorOf(j), QString("\"grid\" expands to 2001 arms x 5 seeds = 10005 runs (at most 10000)"));
    j["grid"]["steps"].erase(2000);
    QCOMPARE(parseExperimentConfig(j).arms.size(), std::size_t(2000));
  }

  void listedArmsMustBeObjectsWithTextLabels() {
    json j = base();
    j["grid"] = json::parse(R"({"lr": [0.1, 0.2]})");
    j["arms"] = json::parse(R"([{"label": 5}])");
    QVERIFY2(errorOf(j).contains("\"arms[0].label\" must be a string"), qPrintable(errorOf(j)));
    j["arms"] = json::array();
    QVERIFY2(errorOf(j).contains("\"arms\" must list at least one arm"), qPrintable(errorOf(j)));
  }
};

QTEST_MAIN(TestGrid)
#include "test_grid.moc"
