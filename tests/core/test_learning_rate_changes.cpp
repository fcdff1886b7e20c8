// Learning-rate changes mid-run: every run still training records the change at its own step
// (samples seen, epoch, new rate, factor) and trains with the new rate from the next step; arms
// with rates of their own keep their ratio to the base rate; the changes survive saving and
// opening a .normlab file and continuing it; files without them still open; bad values are
// refused naming the key; summary.json lists them.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_runner.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"
#include "support/file_helpers.h"
#include "support/hang_guard.h"

using namespace normlab;
using nlohmann::json;

namespace {

// "base" follows the base rate; "own" has a rate of its own (half of it) and a smaller batch, so
// the two are at different steps when a change arrives; "wild" diverges within its first steps.
ExperimentConfig makeConfig(std::int64_t steps, bool wild = true) {
  const std::string arms = std::string(R"([{"label": "base", "norm": "batch", "batch_size": 16},
                                          {"label": "own", "norm": "group", "groups": 2, "batch_size": 8, "lr": 0.025})") +
                           (wild ? R"(, {"label": "wild", "norm": "none", "batch_size": 16, "lr": 1000, "momentum": 0.9}])" : "]");
  return parseExperimentConfig(R"({"name": "lr test", "dataset": {"name": "synthetic", "train": 320, "test": 64},
    "model": "tiny", "train": {"lr": 0.05, "momentum": 0.9, "steps": )" + std::to_string(steps) +
                               R"(, "eval_every": 10}, "arms": )" + arms + R"(, "probe_every": 5})");
}

// Advances until run `run` has taken `step` steps.
void advanceTo(Experiment& e, int run, std::int64_t step) {
  while (e.record(run).step < step && e.advance()) {}
}

void trainToEnd(Experiment& e) {
  while (e.advance()) {}
}

std::vector<std::int64_t> stepsOf(const Experiment& e) {
  std::vector<std::int64_t> steps;
  for (int i = 0; i < e.runCount(); ++i) steps.push_back(e.record(i).step);
  return steps;
}

json fileWithChanges() {
  Experiment e(makeConfig(20, false));
  e.prepare();
  advanceTo(e, 0, 5);  // "own" (half the batch) at about step 10 of 20
  e.setLearningRate(0.1);
  trainToEnd(e);
  return toJson(snapshotResults(e));
}

}  // namespace

class TestLearningRateChanges : public QObject {
  Q_OBJECT
 private slots:
  void everyTrainingRunRecordsTheChangeAtItsStep() {
    Experiment e(makeConfig(40));
    e.prepare();
    advanceTo(e, 0, 10);
    QVERIFY(e.record(2).diverged);  // "wild" stopped before the change: nothing changes for it
    const std::vector<std::int64_t> at = stepsOf(e);
    QVERIFY2(at[1] > at[0], "the smaller batch is further in steps");
    const RunRecord before0 = e.record(0), before1 = e.record(1);
    e.setLearningRate(0.1);
    QCOMPARE(e.learningRate(), 0.1);
    trainToEnd(e);

    const RunRecord base = e.record(0, true), own = e.record(1, true), wild = e.record(2);
    QCOMPARE(base.learningRateChanges.size(), std::size_t(1));
    QCOMPARE(own.learningRateChanges.size(), std::size_t(1));
    QVERIFY(wild.learningRateChanges.empty());
    const LearningRateChange& b = base.learningRateChanges[0];
    QCOMPARE(b.event, 1);
    QCOMPARE(b.step, at[0]);
    QCOMPARE(b.samplesSeen, before0.samplesSeen);
    QCOMPARE(b.epoch, before0.epoch);
    QVERIFY(b.lr == 0.1);  // exactly the rate typed (QCOMPARE of doubles is fuzzy)
    QCOMPARE(b.factor, 2.0);
    const LearningRateChange& o = own.learningRateChanges[0];
    QCOMPARE(o.event, 1);
    QCOMPARE(o.step, at[1]);
    QCOMPARE(o.samplesSeen, before1.samplesSeen);
    QCOMPARE(o.lr, 0.05);  // its own rate, doubled as the base was
    QCOMPARE(o.factor, 2.0);
    // And the optimizers train with them.
    QCOMPARE(base.state->optimizer.lr, 0.1);
    QCOMPARE(own.state->optimizer.lr, 0.05);
  }

  void theSameRateIsNoChangeAndLaterChangesAreNumbered() {
    Experiment e(makeConfig(40, false));
    e.prepare();
    advanceTo(e, 0, 5);
    e.setLearningRate(0.05);  // the base rate already
    QVERIFY(e.record(0).learningRateChanges.empty());
    e.setLearningRate(0.01);
    advanceTo(e, 0, 20);
    e.setLearningRate(0.02);
    const RunRecord r = e.record(0);
    QCOMPARE(r.learningRateChanges.size(), std::size_t(2));
    QCOMPARE(r.learningRateChanges[0].event, 1);
    QCOMPARE(r.learningRateChanges[0].step, std::int64_t(5));
    QCOMPARE(r.learningRateChanges[1].event, 2);
    QCOMPARE(r.learningRateChanges[1].step, std::int64_t(20));
    QCOMPARE(r.learningRateChanges[1].factor, 2.0);
    // A rate that is not positive changes nothing.
    QVERIFY(::test::errorOf([&] { e.setLearningRate(-1); }).find("positive") != std::string::npos);
    QCOMPARE(e.record(0).learningRateChanges.size(), std::size_t(2));
  }

  // A run that ended (here: a shorter one) trains no more: it keeps its rate, should its saved
  // state be continued, and records nothing.
  void aRunThatEndedKeepsItsRate() {
    ExperimentConfig config = makeConfig(40, false);
    config.arms[1].train.steps = 5;
    Experiment e(std::move(config));
    e.prepare();
    advanceTo(e, 0, 10);
    QVERIFY(e.record(1).finished);
    e.setLearningRate(0.1);
    QVERIFY(e.record(1).learningRateChanges.empty());
    QCOMPARE(e.record(1, true).state->optimizer.lr, 0.025);
    QCOMPARE(e.record(0, true).state->optimizer.lr, 0.1);
  }

  // The change applies from the next step: the curves agree up to it and part after it.
  void theNewRateTrainsFromTheNextStep() {
    Experiment plain(makeConfig(30, false)), changed(makeConfig(30, false));
    plain.prepare();
    changed.prepare();
    advanceTo(changed, 0, 10);
    changed.setLearningRate(0.5);
    trainToEnd(plain);
    trainToEnd(changed);
    const RunRecord a = plain.record(0), b = changed.record(0);
    QCOMPARE(a.metrics.size(), b.metrics.size());
    bool parted = false;
    for (std::size_t k = 0; k < a.metrics.size(); ++k) {
      if (a.metrics[k].step <= 10) QCOMPARE(b.metrics[k].trainLoss, a.metrics[k].trainLoss);
      else parted = parted || b.metrics[k].trainLoss != a.metrics[k].trainLoss;
    }
    QVERIFY(parted);
  }

  void theRunnerRecordsAChangeMadeWhilePaused() {
    ExperimentRunner runner(1);
    runner.start(makeConfig(100000, false), /*startPaused=*/true);
    runner.step();
    runner.step();
    runner.setLearningRate(0.2);
    runner.step();
    const std::uint64_t ticket = runner.requestSnapshot();
    std::shared_ptr<const Snapshot> s;
    QVERIFY(QTest::qWaitFor([&] {
      s = runner.snapshot();
      return s->request >= ticket;
    }, normlab::test::kHangGuardMs));
    QCOMPARE(s->runs.size(), std::size_t(2));
    for (const RunRecord& r : s->runs) {
      QCOMPARE(r.step, std::int64_t(3));
      QCOMPARE(r.learningRateChanges.size(), std::size_t(1));
      QCOMPARE(r.learningRateChanges[0].step, std::int64_t(2));  // applied between steps 2 and 3
    }
    QCOMPARE(s->runs[0].learningRateChanges[0].lr, 0.2);
    QCOMPARE(s->runs[1].learningRateChanges[0].lr, 0.1);
  }

  void changesSurviveSavingAndOpening() {
    const json j = fileWithChanges();
    QVERIFY(j["runs"][0].contains("learning_rate_changes"));
    const ExperimentResults back = parseExperimentFile(j.dump());
    Experiment e(makeConfig(20, false));
    e.prepare();
    advanceTo(e, 0, 5);
    e.setLearningRate(0.1);
    for (int i = 0; i < 2; ++i) {
      const auto& want = e.record(i).learningRateChanges;
      const auto& got = back.runs[std::size_t(i)].learningRateChanges;
      QCOMPARE(got.size(), std::size_t(1));
      QCOMPARE(got[0].event, want[0].event);
      QCOMPARE(got[0].step, want[0].step);
      QCOMPARE(got[0].samplesSeen, want[0].samplesSeen);
      QCOMPARE(got[0].epoch, want[0].epoch);
      QCOMPARE(got[0].lr, want[0].lr);
      QCOMPARE(got[0].factor, want[0].factor);
    }
    // summary.json lists them per run too.
    const json summary = summaryJson(back);
    QCOMPARE(summary["arms"][1]["learning_rate_changes"][0]["lr"].get<double>(), 0.05);
  }

  void aFileWithoutChangesOpensAndWritesNone() {
    json j = fileWithChanges();
    for (json& run : j["runs"]) run.erase("learning_rate_changes");
    const ExperimentResults back = parseExperimentFile(j.dump());
    QVERIFY(back.runs[0].learningRateChanges.empty());
    QVERIFY(!toJson(back)["runs"][0].contains("learning_rate_changes"));
    QVERIFY(!summaryJson(back)["arms"][0].contains("learning_rate_changes"));
  }

  void badChangesAreRefusedNamingTheKey_data() {
    QTest::addColumn<QString>("edit");  // the field of runs[0].learning_rate_changes[0] and its new JSON value
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("problem");
    QTest::newRow("negative rate") << "lr=-1" << "runs[0].learning_rate_changes[0].lr" << "outside";
    QTest::newRow("zero rate") << "lr=0" << "runs[0].learning_rate_changes[0].lr" << "positive";
    QTest::newRow("null rate") << "lr=null" << "runs[0].learning_rate_changes[0].lr" << "positive";
    QTest::newRow("text rate") << "lr=\"fast\"" << "runs[0].learning_rate_changes[0].lr" << "must be a number";
    QTest::newRow("zero factor") << "factor=0" << "runs[0].learning_rate_changes[0].factor" << "positive";
    QTest::newRow("step beyond the run") << "step=21" << "runs[0].learning_rate_changes[0].step" << "from 0 to 20";
    QTest::newRow("samples beyond the run") << "samples_seen=1000000" << "runs[0].learning_rate_changes[0].samples_seen" << "not a whole number";
    QTest::newRow("event 0") << "event=0" << "runs[0].learning_rate_changes[0].event" << "from 1";
    QTest::newRow("null epoch") << "epoch=null" << "runs[0].learning_rate_changes[0].epoch" << "must be a number";
    QTest::newRow("missing samples") << "samples_seen" << "runs[0].learning_rate_changes[0].samples_seen" << "is missing";
    QTest::newRow("not a list") << "=7" << "runs[0].learning_rate_changes" << "must be a list";
  }
  void badChangesAreRefusedNamingTheKey() {
    QFETCH(QString, edit);
    QFETCH(QString, path);
    QFETCH(QString, problem);
    json j = fileWithChanges();
    json& changes = j["runs"][0]["learning_rate_changes"];
    const QStringList kv = edit.split('=');
    const std::string key = kv[0].toStdString();
    if (key.empty()) changes = json::parse(kv[1].toStdString());
    else if (kv.size() == 1) changes[0].erase(key);
    else changes[0][key] = json::parse(kv[1].toStdString());
    const std::string error = ::test::errorOf([&] { parseExperimentFile(j.dump()); });
    QVERIFY2(QString::fromStdString(error).contains("\"" + path + "\""), error.c_str());
    QVERIFY2(QString::fromStdString(error).contains(problem), error.c_str());
  }

  void changesOutOfOrderAreRefused() {
    json j = fileWithChanges();
    json& changes = j["runs"][0]["learning_rate_changes"];
    changes.push_back(changes[0]);  // the same event again
    std::string error = ::test::errorOf([&] { parseExperimentFile(j.dump()); });
    QVERIFY2(error.find("\"runs[0].learning_rate_changes[1].event\"") != std::string::npos, error.c_str());
    changes[1]["event"] = 2;
    changes[1]["step"] = 3;  // before the first change
    error = ::test::errorOf([&] { parseExperimentFile(j.dump()); });
    QVERIFY2(error.find("\"runs[0].learning_rate_changes[1]\"") != std::string::npos, error.c_str());
  }

  // Saved after a change and continued: the same curves as one straight run with that change;
  // the changes stay in the record, and the base rate and the event count go on from the file.
  void aContinuedRunGoesOnWithItsChanges() {
    Experiment straight(makeConfig(40, false));
    straight.prepare();
    advanceTo(straight, 0, 5);
    straight.setLearningRate(0.1);
    trainToEnd(straight);

    Experiment first(makeConfig(20, false));
    first.prepare();
    advanceTo(first, 0, 5);
    first.setLearningRate(0.1);
    trainToEnd(first);
    const ExperimentResults saved = parseExperimentFile(toJson(snapshotResults(first)).dump());
    Experiment resumed(continuedConfig(saved, 20));
    resumed.prepare();
    resumed.resumeFrom(saved, 20);
    QCOMPARE(resumed.learningRate(), 0.1);
    trainToEnd(resumed);
    for (int i = 0; i < 2; ++i) {
      const RunRecord a = straight.record(i), b = resumed.record(i);
      QCOMPARE(b.learningRateChanges.size(), std::size_t(1));
      QCOMPARE(b.learningRateChanges[0].step, a.learningRateChanges[0].step);
      QCOMPARE(b.metrics.size(), a.metrics.size());
      for (std::size_t k = 0; k < a.metrics.size(); ++k) QCOMPARE(b.metrics[k].trainLoss, a.metrics[k].trainLoss);
    }
    // A change after continuing is the file's second, relative to the rate the file left.
    Experiment again(continuedConfig(saved, 20));
    again.prepare();
    again.resumeFrom(saved, 20);
    again.setLearningRate(0.1);  // the base rate already: no change
    QCOMPARE(again.record(0).learningRateChanges.size(), std::size_t(1));
    again.setLearningRate(0.2);
    const RunRecord own = again.record(1);
    QCOMPARE(own.learningRateChanges.size(), std::size_t(2));
    QCOMPARE(own.learningRateChanges[1].event, 2);
    QCOMPARE(own.learningRateChanges[1].factor, 2.0);
    QCOMPARE(own.learningRateChanges[1].lr, 0.1);
  }
};

QTEST_GUILESS_MAIN(TestLearningRateChanges)
#include "test_learning_rate_changes.moc"
