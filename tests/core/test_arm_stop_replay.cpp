// A stop is part of the experiment, so it replays (issue 15): an arm stopped while the others
// train (Experiment::stopArm) and a whole experiment ended early (finishEarly) leave a config
// whose arms say where they stopped ("stop_at"); that config, written out, read back and trained
// from scratch, gives every run's rows bit for bit, the stopped runs' end-of-run points included:
// with two seeds, two batch sizes, branches, an arm added mid-run, and a stop taken back.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "support/file_helpers.h"
#include "support/run_compare.h"

using namespace normlab;
using namespace test;

namespace {

// Two seeds; GN reads batches of 12, the others of 8 (lockstep by samples seen). Test points
// every 10 steps, probes every 5.
std::string configText(const std::string& arms) {
  return R"({"name": "stops", "dataset": {"name": "synthetic", "train": 300, "test": 60}, "model": "tiny", "seeds": [1, 2],
    "train": {"lr": 0.05, "momentum": 0.9, "steps": 40, "batch_size": 8, "eval_every": 10}, "probe_every": 5,
    "arms": )" + arms + "}";
}
const std::string kBN = R"({"label": "BN", "norm": "batch"})";
const std::string kGN = R"({"label": "GN", "norm": "group", "groups": 2, "batch_size": 12})";
const std::string kSlow = R"({"label": "GN slow", "branch_from": "GN", "at_step": 6, "lr": 0.02})";
const std::string kLN = R"({"label": "LN", "norm": "layer"})";

std::unique_ptr<Experiment> prepared(const std::string& arms) {
  auto e = std::make_unique<Experiment>(parseExperimentConfig(configText(arms)), 2);
  e->prepare();
  return e;
}

// Advances until the run of `label` at seed index `seed` has taken `step` steps: its other seed
// is then a step behind (lockstep steps the lower index first).
void advanceRunTo(Experiment& e, const std::string& label, int seed, std::int64_t step) {
  while (runOf(e, label, seed).step < step && e.advance()) {}
}

std::int64_t stopOf(const Experiment& e, const std::string& label) {
  return e.config().arms.at(std::size_t(armIndex(e.config(), label))).stopAt;
}

// The session's config as Save writes it, read back and trained from the start to its end:
// every run equals the session's, bit for bit (rows, end-of-run point, final state, how it ended).
void checkReplay(const Experiment& session) {
  const ExperimentConfig config = parseExperimentConfig(toJson(session.config()));
  QVERIFY(sameConfig(config, session.config()));
  Experiment again(config, 2);
  again.prepare();
  runToEnd(again);
  QCOMPARE(again.runCount(), session.runCount());
  for (int i = 0; i < session.runCount(); ++i) {
    const RunRecord a = session.record(i, true), b = again.record(i, true);
    const std::string what = a.label + " seed " + std::to_string(a.seedIndex);
    QCOMPARE(b.label, a.label);
    QVERIFY2(sameBits(rows(a), rows(b)), what.c_str());
    QCOMPARE(b.step, a.step);
    QCOMPARE(b.finished, a.finished);
    QCOMPARE(b.failed, a.failed);
    QCOMPARE(b.failure, a.failure);
    QVERIFY2(sameBits({a.finalTrainLoss, a.finalTestLoss, a.finalTestAccuracy}, {b.finalTrainLoss, b.finalTestLoss, b.finalTestAccuracy}),
             what.c_str());
    QCOMPARE(bool(b.state), bool(a.state));
    if (a.state) QVERIFY2(sameTensors(a.state->params, b.state->params), what.c_str());
  }
}

}  // namespace

class TestArmStopReplay : public QObject {
  Q_OBJECT
 private slots:
  // One arm stopped at a step with no point of the schedule, at a probe step and at a test step
  // (where the end-of-run point follows the step's own point), for either batch size.
  void aStoppedArmReplays_data() {
    QTest::addColumn<QString>("arm");
    QTest::addColumn<int>("step");
    QTest::newRow("GN at 9") << "GN" << 9;
    QTest::newRow("GN at 15 (probe)") << "GN" << 15;
    QTest::newRow("GN at 20 (test)") << "GN" << 20;
    QTest::newRow("BN at 10 (test)") << "BN" << 10;
  }
  void aStoppedArmReplays() {
    QFETCH(QString, arm);
    QFETCH(int, step);
    const std::string label = arm.toStdString();
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceRunTo(*e, label, 0, step);
    QCOMPARE(runOf(*e, label, 1).step, std::int64_t(step - 1));  // its second seed is a step behind
    e->stopArm(armIndex(e->config(), label));
    QCOMPARE(stopOf(*e, label), std::int64_t(step));
    for (int seed = 0; seed < 2; ++seed) {
      QVERIFY(runOf(*e, label, seed).finished);
      QCOMPARE(runOf(*e, label, seed).step, std::int64_t(step));  // both end at one step
      QCOMPARE(runOf(*e, label, seed).metrics.back().step, std::int64_t(step));
    }
    runToEnd(*e);
    QCOMPARE(runOf(*e, label == "BN" ? "GN" : "BN").step, std::int64_t(40));
    checkReplay(*e);
  }

  // Stopped before its first step: "stop_at": 0, no rows, in the session and the replay.
  void anArmStoppedBeforeItTrainsReplays() {
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    e->stopArm(1);
    QCOMPARE(stopOf(*e, "GN"), std::int64_t(0));
    QVERIFY(runOf(*e, "GN").metrics.empty());
    runToEnd(*e);
    checkReplay(*e);
  }

  // An arm added mid-run and stopped while it catches up: the replay has it from the start,
  // stopping at the same step.
  void anArmStoppedWhileCatchingUpReplays() {
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceUntil(*e, "BN", 16);
    e->addArm(nlohmann::json::parse(kLN));
    for (int k = 0; k < 7; ++k) e->advanceCatchUp();
    QVERIFY(runOf(*e, "LN", 1).catchingUp);
    e->stopArm(2);
    QCOMPARE(stopOf(*e, "LN"), std::int64_t(4));
    QCOMPARE(runOf(*e, "LN", 1).step, std::int64_t(4));
    QVERIFY(!e->catchingUp());
    runToEnd(*e);
    checkReplay(*e);
  }

  // Branches: a parent stopped at its branch's step (one seed's branch had not started: the
  // parent's run takes the step that starts it), a branch stopped after its start and one stopped
  // at its own step, and a parent stopped before its branch's step (the branch fails, with the
  // same words in the replay).
  void stoppedBranchesAndParentsReplay() {
    const std::string arms = "[" + kBN + ", " + kGN + ", " + kSlow + "]";
    auto atTheStep = prepared(arms);
    advanceRunTo(*atTheStep, "GN", 0, 6);
    QVERIFY(runOf(*atTheStep, "GN slow", 1).step == 0);  // waiting for its parent's step 6
    atTheStep->stopArm(1);
    QCOMPARE(runOf(*atTheStep, "GN slow", 1).step, std::int64_t(6));
    advanceRunTo(*atTheStep, "GN slow", 0, 13);
    atTheStep->stopArm(2);
    QCOMPARE(stopOf(*atTheStep, "GN slow"), std::int64_t(13));
    runToEnd(*atTheStep);
    checkReplay(*atTheStep);

    auto ownStep = prepared(arms);
    advanceRunTo(*ownStep, "GN", 0, 6);
    ownStep->stopArm(2);  // seed 0's branch started now, seed 1's starts for the stop
    QCOMPARE(stopOf(*ownStep, "GN slow"), std::int64_t(6));
    QCOMPARE(runOf(*ownStep, "GN slow", 1).metrics.size(), std::size_t(1));  // the end-of-run point only
    runToEnd(*ownStep);
    checkReplay(*ownStep);

    auto before = prepared(arms);
    advanceUntil(*before, "GN", 3);
    before->stopArm(1);
    QVERIFY(runOf(*before, "GN slow").failed);
    runToEnd(*before);
    checkReplay(*before);
  }

  // resumeArm takes the recording back: the config is the one never stopped, and replays too.
  void aStopTakenBackLeavesNoRecord() {
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceRunTo(*e, "GN", 0, 9);
    e->stopArm(1);
    QCOMPARE(stopOf(*e, "GN"), std::int64_t(9));
    advanceUntil(*e, "BN", 20);
    e->resumeArm(1);
    QCOMPARE(stopOf(*e, "GN"), std::int64_t(-1));
    QVERIFY(sameConfig(e->config(), parseExperimentConfig(configText("[" + kBN + ", " + kGN + "]"))));
    runToEnd(*e);
    checkReplay(*e);
  }

  // The whole experiment ended early (Ctrl-C in normlab-cli, the runner's stop): every arm records
  // where it ended, a branch that had not started yet ends without rows (not failed), and an arm
  // with an "epochs" length keeps it. The saved config replays.
  void anExperimentEndedEarlyReplays() {
    const std::string late = R"({"label": "BN late", "branch_from": "BN", "at_step": 30, "momentum": 0})";
    const std::string epochs = R"({"label": "LN", "norm": "layer", "epochs": 2})";
    auto e = prepared("[" + kBN + ", " + kGN + ", " + late + ", " + epochs + "]");
    advanceRunTo(*e, "GN", 0, 11);
    QCOMPARE(runOf(*e, "GN", 1).step, std::int64_t(10));
    e->finishEarly();
    QVERIFY(e->finished());
    QCOMPARE(stopOf(*e, "GN"), std::int64_t(11));
    QCOMPARE(stopOf(*e, "BN late"), std::int64_t(0));
    QVERIFY(!runOf(*e, "BN late").failed && runOf(*e, "BN late").metrics.empty());
    QVERIFY(e->config().arms[3].isOverridden("epochs"));
    for (const std::string label : {"BN", "LN"}) QCOMPARE(runOf(*e, label, 1).step, runOf(*e, label, 0).step);
    checkReplay(*e);
  }

  // Continuing a saved experiment continues its stopped arm too: the continued config drops the
  // record, and the stopped runs go on from their stop.
  void aContinuedExperimentDropsTheStop() {
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceRunTo(*e, "GN", 0, 9);
    e->stopArm(1);
    runToEnd(*e);
    const ExperimentResults saved = snapshotResults(*e);
    const ExperimentConfig more = continuedConfig(saved, 5);
    QCOMPARE(more.arms[1].stopAt, std::int64_t(-1));
    Experiment continued(more, 2);
    continued.prepare();
    continued.resumeFrom(saved, 5);
    runToEnd(continued);
    QCOMPARE(runOf(continued, "GN", 1).step, std::int64_t(14));
    QCOMPARE(runOf(continued, "BN", 1).step, std::int64_t(45));
  }

  // "stop_at" is checked as the other keys: below the arm's length, a whole number from 0.
  void aStopBeyondTheArmIsRefused() {
    const std::string error = errorOf([] { parseExperimentConfig(configText(R"([{"label": "BN", "norm": "batch", "stop_at": 40}])")); });
    QVERIFY2(error.find("\"arms[0].stop_at\"") != std::string::npos && error.find("only 40 steps") != std::string::npos, error.c_str());
    QVERIFY(!errorOf([] { parseExperimentConfig(configText(R"([{"label": "BN", "norm": "batch", "stop_at": -1}])")); }).empty());
    const ExperimentConfig c = parseExperimentConfig(configText("[" + kGN + R"(, {"label": "b", "branch_from": "GN", "at_step": 6, "stop_at": 3}])"));
    QCOMPARE(c.arms[1].stopAt, std::int64_t(3));
    QCOMPARE(c.arms[0].stopAt, std::int64_t(-1));
  }
};

QTEST_APPLESS_MAIN(TestArmStopReplay)
#include "test_arm_stop_replay.moc"
