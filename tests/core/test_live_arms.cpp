// Arms added, branched and stopped through the threaded runner while it trains or is paused
// (issue 15): the added arm catches up on the worker thread (also while paused, and unthrottled),
// its runs equal those of the arm present from the start bit for bit, the snapshot carries the
// grown config, and a bad arm leaves the experiment going. Run under ThreadSanitizer too. The
// tests wait on states, versions and request tickets; the clock is only a hang guard.
#include <QtTest>

#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_runner.h"
#include "support/hang_guard.h"

using namespace normlab;
using namespace std::chrono_literals;
using test::kHangGuard;
using Clock = std::chrono::steady_clock;

namespace {

std::string configText(const std::string& arms, int steps = 60) {
  return R"({"dataset": {"name": "synthetic", "train": 300, "test": 60}, "model": "tiny", "seeds": [1, 2],
    "train": {"lr": 0.05, "momentum": 0.9, "steps": )" + std::to_string(steps) + R"(, "batch_size": 8, "eval_every": 10},
    "probe_every": 5, "arms": )" + arms + "}";
}
const std::string kBN = R"({"label": "BN", "norm": "batch"})";
const std::string kGN = R"({"label": "GN", "norm": "group", "groups": 2, "batch_size": 12})";

template <typename F>
std::shared_ptr<const Snapshot> waitFor(ExperimentRunner& r, F done) {
  const auto giveUp = Clock::now() + kHangGuard;
  for (;;) {
    auto s = r.snapshot();
    if (done(*s) || Clock::now() > giveUp) return s;
    std::this_thread::sleep_for(1ms);
  }
}

std::shared_ptr<const Snapshot> settled(ExperimentRunner& r) {
  return waitFor(r, [ticket = r.requestSnapshot()](const Snapshot& s) { return s.request >= ticket; });
}

std::vector<double> rows(const RunRecord& r) {
  std::vector<double> v;
  for (const MetricPoint& p : r.metrics)
    v.insert(v.end(), {double(p.step), double(p.samplesSeen), p.trainLoss, p.trainAccuracy, p.testLoss, p.testAccuracy});
  return v;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// The runs of an experiment that had every arm from the start, trained on this thread.
std::vector<RunRecord> fromTheStart(const std::string& arms) {
  Experiment e(parseExperimentConfig(configText(arms)), 2);
  e.prepare();
  while (e.advance()) {}
  std::vector<RunRecord> out;
  for (int i = 0; i < e.runCount(); ++i) out.push_back(e.record(i));
  return out;
}

const RunRecord* find(const Snapshot& s, const std::string& label, int seed) {
  for (const RunRecord& r : s.runs)
    if (r.label == label && r.seedIndex == seed) return &r;
  return nullptr;
}

void compareWith(const std::vector<RunRecord>& want, const Snapshot& got) {
  QCOMPARE(got.runs.size(), want.size());
  for (const RunRecord& w : want) {
    const RunRecord* g = find(got, w.label, w.seedIndex);
    QVERIFY(g);
    QVERIFY2(w.metrics.size() > 5, w.label.c_str());
    QVERIFY2(sameBits(rows(w), rows(*g)), (w.label + " seed " + std::to_string(w.seedIndex)).c_str());
  }
}

}  // namespace

class TestLiveArms : public QObject {
  Q_OBJECT
 private slots:
  // Added while training at full speed: equal to the arm from the start.
  void anArmAddedWhileRunningEqualsTheArmFromTheStart() {
    const auto want = fromTheStart("[" + kBN + ", " + kGN + "]");
    ExperimentRunner runner(2, 5ms);
    runner.start(parseExperimentConfig(configText("[" + kBN + "]")));
    waitFor(runner, [](const Snapshot& s) { return s.stepsDone >= 30 || s.state == RunnerState::Finished; });
    runner.addArm(nlohmann::json::parse(kGN));
    // On a loaded machine the others may have finished first: the new arm then waits, Paused.
    runner.resume();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    const auto s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Finished);
    QCOMPARE(s->commandError, std::string());
    QCOMPARE(s->commandsDone, std::uint64_t(1));
    QVERIFY(s->config);
    QCOMPARE(s->config->arms.size(), std::size_t(2));
    compareWith(want, *s);
  }

  // Added while paused: the new arm alone trains until it stands where the others do; they do
  // not move. Resumed, everything ends as the experiment with the arm from the start.
  void anArmAddedWhilePausedCatchesUpAlone() {
    const auto want = fromTheStart("[" + kBN + ", " + kGN + "]");
    ExperimentRunner runner(2, 1ms);
    runner.start(parseExperimentConfig(configText("[" + kBN + "]")), true);
    for (int i = 0; i < 21; ++i) runner.step();
    const auto before = settled(runner);
    QCOMPARE(before->runs.at(0).step, std::int64_t(21));
    runner.addArm(nlohmann::json::parse(kGN));
    const auto caught = waitFor(runner, [](const Snapshot& s) { return s.commandsDone == 1 && !s.catchingUp && s.runs.size() == 4; });
    QCOMPARE(caught->state, RunnerState::Paused);
    for (int seed = 0; seed < 2; ++seed) {
      QCOMPARE(find(*caught, "BN", seed)->step, std::int64_t(21));
      // 168 samples: GN (batch 12) needs 14 steps to reach them.
      QCOMPARE(find(*caught, "GN", seed)->samplesSeen, std::int64_t(168));
      QVERIFY(!find(*caught, "GN", seed)->catchingUp);
    }
    runner.resume();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    compareWith(want, *runner.snapshot());
  }

  // The throttle holds the lockstep, not the catching up; a branch made "here" while paused
  // starts at the parent's step; stop ends one arm only; a bad arm is reported, not fatal.
  void branchStopAndErrorsThroughTheRunner() {
    ExperimentRunner runner(2, 1ms);
    runner.start(parseExperimentConfig(configText("[" + kBN + "]")), true);
    for (int i = 0; i < 10; ++i) runner.step();
    settled(runner);
    runner.addArm(nlohmann::json::parse(R"({"label": "BN no momentum", "branch_from": "BN", "momentum": 0})"));
    runner.addArm(nlohmann::json::parse(R"({"label": "BN", "norm": "group", "groups": 2})"));
    auto s = waitFor(runner, [](const Snapshot& n) { return n.commandsDone == 2; });
    QVERIFY2(s->commandError.find("arms[2]") != std::string::npos, s->commandError.c_str());
    QCOMPARE(s->state, RunnerState::Paused);
    QCOMPARE(s->config->arms.size(), std::size_t(2));
    QCOMPARE(s->config->arms[1].atStep, std::int64_t(10));
    QCOMPARE(find(*s, "BN no momentum", 1)->step, std::int64_t(10));
    runner.stopArm("BN");
    s = waitFor(runner, [](const Snapshot& n) { return n.commandsDone == 3; });
    QCOMPARE(s->commandError, std::string());
    QVERIFY(find(*s, "BN", 0)->finished);
    QVERIFY(!find(*s, "BN no momentum", 0)->finished);
    runner.setStepsPerSecond(1);  // the lockstep crawls; an arm added now catches up anyway
    runner.resume();
    runner.addArm(nlohmann::json::parse(R"({"label": "LN", "norm": "layer"})"));
    s = waitFor(runner, [](const Snapshot& n) { return n.commandsDone == 4 && !n.catchingUp; });
    QCOMPARE(s->commandError, std::string());
    QVERIFY(find(*s, "LN", 0)->samplesSeen >= find(*s, "BN", 0)->samplesSeen);
    runner.stop();
    QVERIFY(runner.waitUntilDone(kHangGuard));
  }

  // Undo through the runner, paused: GN stopped and resumed, a branch removed and brought back;
  // they catch up while the others stay. Stopping every arm finishes the experiment; resuming
  // one leaves it Paused. Everything ends as the experiment where none of it happened.
  void stopAndRemoveAreUndoneThroughTheRunner() {
    const std::string branch = R"({"label": "GN copy", "branch_from": "GN", "at_step": 4})";
    const auto want = fromTheStart("[" + kBN + ", " + kGN + ", " + branch + "]");
    ExperimentRunner runner(2, 1ms);
    runner.start(parseExperimentConfig(configText("[" + kBN + ", " + kGN + ", " + branch + "]")), true);
    for (int i = 0; i < 8; ++i) runner.step();
    settled(runner);
    runner.removeArm("GN copy");
    runner.stopArm("GN");
    for (int i = 0; i < 6; ++i) runner.step();
    auto s = settled(runner);
    QCOMPARE(s->commandError, std::string());
    QCOMPARE(s->runs.size(), std::size_t(4));
    QVERIFY(find(*s, "GN", 0)->finished);
    QCOMPARE(find(*s, "BN", 0)->step, std::int64_t(14));
    runner.restoreArm("GN copy");
    runner.resumeArm("GN");
    s = waitFor(runner, [](const Snapshot& n) { return n.commandsDone == 4 && !n.catchingUp; });
    QCOMPARE(s->commandError, std::string());
    QCOMPARE(s->state, RunnerState::Paused);
    QVERIFY(s->config && sameConfig(*s->config, parseExperimentConfig(configText("[" + kBN + ", " + kGN + ", " + branch + "]"))));
    for (int seed = 0; seed < 2; ++seed)
      for (const char* label : {"GN", "GN copy"}) QVERIFY(find(*s, label, seed)->samplesSeen >= find(*s, "BN", seed)->samplesSeen);
    runner.stopArm("BN");
    runner.stopArm("GN");
    runner.stopArm("GN copy");
    QVERIFY(runner.waitUntilDone(kHangGuard));  // every arm stopped: finished
    runner.resumeArm("GN copy");
    runner.resumeArm("GN");
    runner.resumeArm("BN");
    s = waitFor(runner, [](const Snapshot& n) { return n.commandsDone == 10; });
    QCOMPARE(s->state, RunnerState::Paused);
    runner.resume();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    compareWith(want, *runner.snapshot());
  }

  // An arm stopped while paused and the whole experiment stopped while running (its runs may
  // stand a step apart): the snapshot's config records both stops and replays every run, the
  // end-of-run points included, bit for bit.
  void stopsThroughTheRunnerReplay() {
    ExperimentRunner runner(2, 1ms);
    runner.start(parseExperimentConfig(configText("[" + kBN + ", " + kGN + "]", 400)), true);
    for (int i = 0; i < 9; ++i) runner.step();
    runner.stopArm("GN");
    auto s = settled(runner);
    QCOMPARE(s->commandError, std::string());
    QVERIFY(s->config);
    QCOMPARE(s->config->arms[1].stopAt, std::int64_t(9));
    runner.setStepsPerSecond(200);
    runner.resume();
    waitFor(runner, [](const Snapshot& n) { return find(n, "BN", 1)->step >= 20; });
    runner.stop();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Finished);
    QVERIFY(s->config->arms[0].stopAt >= 20);
    Experiment again(parseExperimentConfig(toJson(*s->config)), 2);
    again.prepare();
    while (again.advance()) {}
    QCOMPARE(std::size_t(again.runCount()), s->runs.size());
    for (int i = 0; i < again.runCount(); ++i) {
      const RunRecord r = again.record(i);
      const RunRecord* g = find(*s, r.label, r.seedIndex);
      QVERIFY(g);
      QCOMPARE(g->step, r.step);
      QVERIFY2(sameBits(rows(r), rows(*g)), (r.label + " seed " + std::to_string(r.seedIndex)).c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestLiveArms)
#include "test_live_arms.moc"
