// Training that resumes exactly: N steps, save to .normlab, load, continue M steps equals N + M
// steps straight, bit for bit in every weight, buffer and optimizer moment and in metrics.csv and
// layers.csv (wall-clock columns aside). SGD with momentum and Adam, a model with batch norm and
// dropout, three arms (batch sizes that cut epochs differently, one arm diverging), several save
// points (an evaluation step, a probe-only step, neither, a stop mid-run). Also: the bounded
// history restores exactly, and files that cannot continue (older version, a state that does
// not fit the model, damaged state fields) are refused with messages naming the file and key.
#include <QtTest>
#include <QTemporaryDir>

#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/files/experiment_file.h"
#include "core/model/optimizer.h"
#include "core/files/results_writer.h"
#include "core/data/sample_stream.h"
#include "support/csv_reader.h"
#include "support/file_helpers.h"

using namespace normlab;
using nlohmann::json;

namespace {

// conv, norm, relu, pool, flatten, dense, norm, relu, dropout, dense: batch norm and dropout in
// the model, both on the path of every gradient.
const char* kModel = R"({"name": "resume", "input": [1, 28, 28], "classes": 10, "layers": [
  {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
  {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
  {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
  {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "norm", "name": "norm2"},
  {"type": "relu", "name": "relu2"}, {"type": "dropout", "name": "drop", "p": 0.3},
  {"type": "dense", "name": "fc2", "out_features": 10}]})";

// 300 training images: batch 16 and 24 (without drop_last: a partial last batch of 12) cross
// several epochs in 200 steps. "wild" diverges within its first steps.
ExperimentConfig makeConfig(const std::string& optimizer, std::int64_t steps, int evalEvery, int probeEvery,
                            const std::string& seeds = "[7]") {
  const std::string text = R"({"name": "resume test",
    "dataset": {"name": "synthetic", "train": 300, "test": 60, "drop_last": false, "augment": true},
    "model": )" + std::string(kModel) +
                           R"(, "train": {)" + optimizer + R"(, "steps": )" + std::to_string(steps) +
                           R"(, "eval_every": )" + std::to_string(evalEvery) + R"(},
    "arms": [{"label": "BN", "norm": "batch", "batch_size": 16},
             {"label": "GN", "norm": "group", "groups": 2, "batch_size": 24},
             {"label": "wild", "norm": "none", "batch_size": 16, "optimizer": "sgd", "lr": 1000, "momentum": 0.9}],
    "seeds": )" + seeds + R"(, "probe_every": )" + std::to_string(probeEvery) + "}";
  return parseExperimentConfig(text);
}

const char* kSgd = R"("optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "weight_decay": 0.0001)";
const char* kAdam = R"("optimizer": "adam", "lr": 0.003, "weight_decay": 0.0001)";

ExperimentResults trainToEnd(Experiment& e) {
  while (e.advance()) {}
  return snapshotResults(e);
}

// A CSV with the named columns emptied (wall-clock times differ between any two runs).
std::string withoutColumns(const std::string& text, std::initializer_list<const char*> columns) {
  std::string error;
  test::Csv csv = test::parseCsv(text, &error);
  if (!error.empty()) return "unreadable CSV: " + error;
  std::string out;
  for (const std::string& h : csv.header) out += h + ",";
  out += "\n";
  for (auto& row : csv.rows) {
    for (const char* c : columns)
      if (csv.index.count(c)) row[std::size_t(csv.index.at(c))].clear();
    for (const std::string& f : row) out += f + ",";
    out += "\n";
  }
  return out;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

bool sameTensors(const std::vector<SavedTensor>& a, const std::vector<SavedTensor>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].dims != b[i].dims || !sameBits(a[i].values, b[i].values)) return false;
  return true;
}

bool sameBuffers(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!sameBits(a[i], b[i])) return false;
  return true;
}

// Every run's weights, buffers, optimizer state and stream position, and the metric and probe
// files, bit for bit.
void compareResults(const ExperimentResults& straight, const ExperimentResults& resumed) {
  QCOMPARE(resumed.runs.size(), straight.runs.size());
  for (std::size_t i = 0; i < straight.runs.size(); ++i) {
    const RunRecord &a = straight.runs[i], &b = resumed.runs[i];
    QCOMPARE(b.label, a.label);
    QCOMPARE(b.step, a.step);
    QCOMPARE(b.samplesSeen, a.samplesSeen);
    QCOMPARE(b.diverged, a.diverged);
    QCOMPARE(b.divergedAtStep, a.divergedAtStep);
    QCOMPARE(b.totalSteps, a.totalSteps);
    QCOMPARE(bool(b.state), bool(a.state));
    if (!a.state) continue;
    const TrainingState &x = *a.state, &y = *b.state;
    QVERIFY2(sameTensors(x.params, y.params), a.label.c_str());
    QVERIFY2(sameTensors(x.buffers, y.buffers), a.label.c_str());
    QCOMPARE(y.optimizer.steps, x.optimizer.steps);
    QVERIFY2(sameBuffers(x.optimizer.first, y.optimizer.first), a.label.c_str());
    QVERIFY2(sameBuffers(x.optimizer.second, y.optimizer.second), a.label.c_str());
    QCOMPARE(y.stream.epoch, x.stream.epoch);
    QCOMPARE(y.stream.offset, x.stream.offset);
    QCOMPARE(y.stream.lastBatchPosition, x.stream.lastBatchPosition);
  }
  const std::string a = withoutColumns(metricsCsv(straight), {"wall_s"}), b = withoutColumns(metricsCsv(resumed), {"wall_s"});
  QCOMPARE(b, a);
  QCOMPARE(layersCsv(resumed), layersCsv(straight));
  QCOMPARE(histogramsCsv(resumed), histogramsCsv(straight));
  QCOMPARE(withoutColumns(runsCsv(resumed), {"train_s", "images_per_s"}),
           withoutColumns(runsCsv(straight), {"train_s", "images_per_s"}));
}

}  // namespace

class TestResume : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  int files_ = 0;

  // Saves to a real file and reads it back, as a user's session would.
  ExperimentResults throughFile(const ExperimentResults& results) {
    const std::string path = dir_.filePath(QString("run%1.normlab").arg(++files_)).toStdString();
    saveExperiment(path, results);
    return loadExperiment(path);
  }

  ExperimentResults continueFor(const ExperimentResults& saved, std::int64_t moreSteps) {
    Experiment e(continuedConfig(saved, moreSteps));
    e.prepare();
    e.resumeFrom(saved, moreSteps);
    return trainToEnd(e);
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  // The save step S = 100: an evaluation step (eval 20), a probe step only (probe 10, eval 30),
  // neither (probe 7, eval 30): the end-of-run point at S becomes the scheduled point or goes.
  void straightEqualsSavedAndResumed_data() {
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<int>("evalEvery");
    QTest::addColumn<int>("probeEvery");
    for (const char* opt : {"sgd", "adam"}) {
      QTest::addRow("%s, save at an eval step", opt) << QString(opt) << 20 << 10;
      QTest::addRow("%s, save at a probe step", opt) << QString(opt) << 30 << 10;
      QTest::addRow("%s, save between points", opt) << QString(opt) << 30 << 7;
    }
  }
  void straightEqualsSavedAndResumed() {
    QFETCH(QString, optimizer);
    QFETCH(int, evalEvery);
    QFETCH(int, probeEvery);
    const std::string opt = optimizer == "sgd" ? kSgd : kAdam;

    Experiment straight(makeConfig(opt, 200, evalEvery, probeEvery));
    straight.prepare();
    const ExperimentResults whole = trainToEnd(straight);
    QVERIFY(whole.runs[2].diverged);  // "wild" stays as it ended, in both
    QVERIFY(!whole.runs[0].diverged && !whole.runs[1].diverged);

    Experiment first(makeConfig(opt, 100, evalEvery, probeEvery));
    first.prepare();
    const ExperimentResults half = throughFile(trainToEnd(first));
    QCOMPARE(whyNotResumable(half), std::string());
    QVERIFY(sameConfig(continuedConfig(half, 100), whole.config));  // the config says 200 steps
    compareResults(whole, continueFor(half, 100));
  }

  // Stopped mid-run (Ctrl-C, Stop) after an unscheduled step and after an evaluated one (whose
  // point is already in the history), with two seeds.
  void stoppedRunResumes_data() {
    QTest::addColumn<int>("stopAt");
    QTest::newRow("between points") << 37;
    QTest::newRow("just after an evaluation") << 40;
  }
  void stoppedRunResumes() {
    QFETCH(int, stopAt);
    Experiment straight(makeConfig(kAdam, 90, 20, 10, "[3, 4]"));
    straight.prepare();
    const ExperimentResults whole = trainToEnd(straight);

    Experiment stopped(makeConfig(kAdam, 90, 20, 10, "[3, 4]"));
    stopped.prepare();
    for (int s = 0; s < stopAt; ++s) stopped.stepAll();
    stopped.finishEarly();
    const ExperimentResults saved = throughFile(snapshotResults(stopped));
    QCOMPARE(saved.runs[0].step, std::int64_t(stopAt));
    compareResults(whole, continueFor(saved, 90 - stopAt));
  }

  // Continued twice (100 + 50 + 50) still equals 200 straight: a continued file continues too.
  void resumedFileResumesAgain() {
    Experiment straight(makeConfig(kSgd, 200, 20, 10));
    straight.prepare();
    const ExperimentResults whole = trainToEnd(straight);
    Experiment first(makeConfig(kSgd, 100, 20, 10));
    first.prepare();
    const ExperimentResults a = throughFile(trainToEnd(first));
    const ExperimentResults b = throughFile(continueFor(a, 50));
    compareResults(whole, continueFor(b, 50));
  }

  void floatsRoundTripExactly() {
    // Values whose bits a printed decimal could lose: subnormals, extremes, negative zero.
    Experiment e(makeConfig(kSgd, 3, 20, 10));
    e.prepare();
    ExperimentResults r = trainToEnd(e);
    auto state = std::make_shared<TrainingState>(*r.runs[0].state);
    std::vector<float>& w = state->params[0].values;
    const float specials[] = {1e-45f, -1e-45f, 1.17549435e-38f, 3.4028235e38f, -0.0f, 0.1f, 1.0f / 3.0f};
    for (std::size_t k = 0; k < std::size(specials); ++k) w[k] = specials[k];
    r.runs[0].state = state;
    const ExperimentResults back = throughFile(r);
    QVERIFY(sameBits(back.runs[0].state->params[0].values, w));
    QVERIFY(std::signbit(back.runs[0].state->params[0].values[4]));
  }

  // A history restored from (points, added, stride) goes on exactly as the original, across
  // many compactions.
  void boundedHistoryRestores() {
    for (std::uint64_t cut : {0ull, 1ull, 15ull, 16ull, 17ull, 100ull, 257ull, 1000ull}) {
      BoundedHistory<int> original(16), restored(16);
      for (std::uint64_t i = 0; i < cut; ++i) original.add(int(i));
      QVERIFY(restored.restore(original.points(), original.added(), original.stride()));
      for (std::uint64_t i = cut; i < 3000; ++i) {
        original.add(int(i));
        restored.add(int(i));
      }
      QVERIFY2(restored.points() == original.points(), qPrintable(QString("cut at %1").arg(cut)));
    }
    BoundedHistory<int> h(16);
    QVERIFY(!h.restore({0, 1, 2}, 3, 3));     // stride not a power of two
    QVERIFY(!h.restore({0, 1, 2}, 2, 1));     // more points than were added
    QVERIFY(!h.restore({0, 2}, 5, 2));        // 5 added at stride 2 keep 0, 2, 4
    QVERIFY(h.restore({0, 2, 4}, 5, 2));
    QVERIFY(!h.restore(std::vector<int>(16), 16, 1));  // a full history would have compacted
  }

  // The pieces: an optimizer restored from another's state takes the same next step; a stream
  // seeked to another's position draws the same batches; mismatched states are refused.
  void optimizerAndStreamContinue() {
    for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam}) {
      OptimizerConfig c;
      c.kind = kind;
      c.momentum = 0.9;
      Param<float> a("weight", ParamRole::Weight, {3}, 3, 1), b = a;
      Optimizer<float> first(c, {&a}), second(c, {&b});
      for (int s = 0; s < 3; ++s) {
        a.grad = {0.5f, -1.0f, 2.0f * float(s)};
        first.step();
      }
      b.value = a.value;
      second.restore(first.state());
      a.grad = b.grad = {0.25f, 0.75f, -1.5f};
      first.step();
      second.step();
      QVERIFY(std::memcmp(a.value.data(), b.value.data(), 3 * sizeof(float)) == 0);
      QCOMPARE(second.steps(), std::int64_t(4));
      OptimizerState<float> wrong = first.state();
      wrong.first[0].resize(2);
      const std::string error = test::errorOf([&] { second.restore(wrong); });
      QVERIFY2(error.find("of parameter 0 ('weight') holds 2 values, expected 3") != std::string::npos, error.c_str());
    }
    SampleStream one(10, 5), other(10, 5);
    int batch[4], again[4];
    for (int s = 0; s < 4; ++s) one.next(4, false, batch);  // into the second epoch
    other.seek(one.position());
    for (int s = 0; s < 6; ++s) {
      QCOMPARE(other.next(4, false, again), one.next(4, false, batch));
      QVERIFY(std::equal(batch, batch + 4, again));
      QCOMPARE(other.lastBatchPosition(), one.lastBatchPosition());
    }
    QVERIFY(test::errorOf([&] { other.seek({0, 11, 0, 0}); }).find("offset 11 of 10") != std::string::npos);
  }

  void olderFileOpensButCannotContinue() {
    Experiment e(makeConfig(kSgd, 5, 20, 10));
    e.prepare();
    const ExperimentResults r = trainToEnd(e);
    json j = toJson(r);
    j["schema_version"] = 1;
    for (json& run : j["runs"]) run.erase("training_state");
    const ExperimentResults old = parseExperimentFile(j.dump());
    QCOMPARE(old.runs.size(), r.runs.size());  // it still opens
    const std::string why = whyNotResumable(old);
    QVERIFY2(why.find("older NormLab (file version 1)") != std::string::npos, why.c_str());
    QVERIFY(test::errorOf([&] { continuedConfig(old, 5); }).find("older NormLab") != std::string::npos);
    // A version 1 file never held training states.
    j["runs"][0]["training_state"] = toJson(r)["runs"][0]["training_state"];
    const std::string e1 = test::errorOf([&] { parseExperimentFile(j.dump()); });
    QVERIFY2(e1.find("runs[0].training_state\" is not part of a version 1 file") != std::string::npos, e1.c_str());
  }

  void runSavedWhileTrainingCannotContinue() {
    Experiment e(makeConfig(kSgd, 5, 20, 10));
    e.prepare();
    e.advance();
    ExperimentResults r;
    r.config = e.config();
    for (int i = 0; i < e.runCount(); ++i) r.runs.push_back(e.record(i));  // no state, as while running
    const std::string why = whyNotResumable(throughFile(r));
    QVERIFY2(why.find("run 'BN' (seed 7) was saved without its training state") != std::string::npos, why.c_str());
  }

  // Damaged or mismatched states: refused with the key path, nothing trained.
  void badStatesAreRefused_data() {
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated base64") << "short-f32" << "runs[0].training_state.params[0].f32le\" is 48 characters long; 36 float32 values take 192";
    QTest::newRow("base64 alphabet") << "bad-char" << "runs[0].training_state.params[0].f32le\" is not valid base64 (character 1)";
    QTest::newRow("dims of other size") << "dims" << "runs[0].training_state.params[0].f32le\" is 192 characters long; 72 float32 values take 384";
    QTest::newRow("optimizer steps") << "opt-steps" << "runs[0].training_state.optimizer.steps\" is 4, not a whole number from 5 to 5";
    QTest::newRow("negative offset") << "offset" << "runs[0].training_state.sample_stream.offset\" is -1, not a whole number";
    QTest::newRow("samples seen") << "stream-seen" << "runs[0].training_state.sample_stream.samples_seen\" is 1";
    QTest::newRow("moment count") << "moments" << "runs[0].training_state.optimizer.first\" lists 9 buffers, one per parameter tensor makes 10";
    QTest::newRow("moment length") << "moment-length" << "runs[0].training_state.optimizer.first[0]\" is 8 characters long";
    QTest::newRow("stride") << "stride" << "runs[0].training_state.metric_history.stride\" is 3, not a power of two";
    QTest::newRow("correct above samples") << "correct" << "runs[0].training_state.totals.correct\"";
    QTest::newRow("diverged run with a state") << "diverged" << "runs[0].training_state\" is given for a run that diverged";
  }
  void badStatesAreRefused() {
    QFETCH(QString, mutation);
    QFETCH(QString, expected);
    Experiment e(makeConfig(kSgd, 5, 20, 10));
    e.prepare();
    json j = toJson(trainToEnd(e));
    json& st = j["runs"][0]["training_state"];
    const std::string m = mutation.toStdString();
    // conv1.weight: 4 x 1 x 3 x 3 = 36 floats, 144 bytes, 192 base64 characters.
    if (m == "short-f32") st["params"][0]["f32le"] = st["params"][0]["f32le"].get<std::string>().substr(0, 48);
    if (m == "bad-char") st["params"][0]["f32le"] = "!" + st["params"][0]["f32le"].get<std::string>().substr(1);
    if (m == "dims") st["params"][0]["dims"] = json::array({8, 1, 3, 3});
    if (m == "opt-steps") st["optimizer"]["steps"] = 4;
    if (m == "offset") st["sample_stream"]["offset"] = -1;
    if (m == "stream-seen") st["sample_stream"]["samples_seen"] = 1;
    if (m == "moments") st["optimizer"]["first"].erase(0);
    if (m == "moment-length") st["optimizer"]["first"][0] = "AAAAAA==";
    if (m == "stride") st["metric_history"]["stride"] = 3;
    if (m == "correct") st["totals"]["correct"] = st["totals"]["samples"].get<std::int64_t>() + 1;
    if (m == "diverged") j["runs"][0].update(json{{"diverged", true}, {"diverged_at_step", 3}});
    const std::string error = test::errorOf([&] { parseExperimentFile(j.dump()); });
    QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
  }

  // Well-formed states that do not fit the model built from the config: refused on resume,
  // naming the run and tensor.
  void stateThatDoesNotFitTheModel() {
    Experiment e(makeConfig(kSgd, 5, 20, 10));
    e.prepare();
    ExperimentResults r = trainToEnd(e);
    auto state = std::make_shared<TrainingState>(*r.runs[1].state);
    state->params[0].name = "fc9.weight";
    r.runs[1].state = state;
    Experiment resumed(continuedConfig(r, 5));
    resumed.prepare();
    const std::string error = test::errorOf([&] { resumed.resumeFrom(r, 5); });
    QVERIFY2(error.find("runs[1].training_state.params[0] is \"fc9.weight\" of 4 x 1 x 3 x 3 (36 values), the model's "
                        "is \"conv1.weight\" of 4 x 1 x 3 x 3") != std::string::npos,
             error.c_str());
  }
};

QTEST_APPLESS_MAIN(TestResume)
#include "test_resume.moc"
