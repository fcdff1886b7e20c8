// The threaded runner: snapshots, pause/resume/step/stop/reset, failures reported as a state,
// every state change a new version, and shutdown while training. Run under ThreadSanitizer too
// (./normlab.sh sanitize thread). Nothing here depends on how fast the machine is: the tests go
// through states (start paused, step, resume) and versions, throttle the runs that must still be
// running when looked at, and use the clock only as a hang guard or for a lower bound on time.
#include <QtTest>

#include <thread>

#include "core/experiment/experiment_runner.h"
#include "support/hang_guard.h"

using namespace normlab;
using namespace std::chrono_literals;
using test::kHangGuard;
using Clock = std::chrono::steady_clock;

namespace {

ExperimentConfig tinyConfig(int steps, const std::string& arms = R"([{"norm": "none"}, {"norm": "batch"}])") {
  return parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 300, "test": 60}, "model": "tiny",
    "train": {"lr": 0.05, "steps": )" + std::to_string(steps) + R"(, "batch_size": 8, "eval_every": 50},
    "arms": )" + arms + "}");
}
const std::string kOneArm = R"([{"norm": "none"}])";

// A pace no machine's training keeps up with for long, far from any end: a run throttled to it
// is still running when looked at, however fast the machine.
constexpr double kSteadyPace = 2000;  // steps per second

// Waits until the snapshot satisfies `done` (a hang guard ends the wait; the caller checks).
template <typename F>
std::shared_ptr<const Snapshot> waitFor(ExperimentRunner& r, F done) {
  const auto giveUp = Clock::now() + kHangGuard;
  for (;;) {
    auto s = r.snapshot();
    if (done(*s) || Clock::now() > giveUp) return s;
    std::this_thread::sleep_for(1ms);
  }
}

// Waits for the first snapshot published after `s`.
std::shared_ptr<const Snapshot> waitForNext(ExperimentRunner& r, const Snapshot& s) {
  return waitFor(r, [v = s.version](const Snapshot& n) { return n.version > v; });
}

// A snapshot published after every command given so far was done.
std::shared_ptr<const Snapshot> settled(ExperimentRunner& r) {
  return waitFor(r, [ticket = r.requestSnapshot()](const Snapshot& s) { return s.request >= ticket; });
}

bool isState(const Snapshot& s, RunnerState state) { return s.state == state; }

}  // namespace

class TestExperimentRunner : public QObject {
  Q_OBJECT
 private slots:
  void runsToTheEnd() {
    ExperimentRunner runner(2);
    QCOMPARE(runner.snapshot()->state, RunnerState::Idle);
    runner.start(tinyConfig(60));
    QVERIFY(runner.waitUntilDone(kHangGuard));
    const auto s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Finished);
    QCOMPARE(s->runs.size(), std::size_t(2));
    for (const auto& run : s->runs) {
      QCOMPARE(run.step, std::int64_t(60));
      QVERIFY(run.finished && !run.metrics.empty() && !run.probes.empty());
    }
    QCOMPARE(s->stepsDone, s->stepsTotal);
  }

  // After a finished run, start() then waitUntilDone() must wait for the new run (the state is
  // Loading from the moment the worker takes the command, never the old Finished), and once it
  // returns the snapshot shows the end (the state changes with its publication). Repeated
  // because the window it guards is short.
  void waitUntilDoneWaitsForTheNewRun() {
    ExperimentRunner runner(1);
    runner.start(tinyConfig(2));
    QVERIFY(runner.waitUntilDone(kHangGuard));
    for (int i = 0; i < 20; ++i) {
      const std::string label = "run" + std::to_string(i);
      runner.start(tinyConfig(3, R"([{"label": ")" + label + R"(", "norm": "none"}])"));
      QVERIFY(runner.waitUntilDone(kHangGuard));
      const auto s = runner.snapshot();
      QCOMPARE(s->state, RunnerState::Finished);
      QCOMPARE(s->runs.size(), std::size_t(1));
      QCOMPARE(s->runs[0].label, label);
      QCOMPARE(s->runs[0].step, std::int64_t(3));
    }
  }

  void pauseStepResumeStop() {
    ExperimentRunner runner(2);
    runner.setStepsPerSecond(kSteadyPace);  // still running when paused below
    runner.start(tinyConfig(100000), /*startPaused=*/true);
    auto s = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    QCOMPARE(s->state, RunnerState::Paused);
    QCOMPARE(s->runs[0].step, std::int64_t(0));
    runner.step();
    s = waitForNext(runner, *s);  // a step publishes once, when its mini-batch is done
    QCOMPARE(s->runs[0].step, std::int64_t(1));  // exactly one mini-batch for every arm
    QCOMPARE(s->runs[1].step, std::int64_t(1));
    s = settled(runner);
    QCOMPARE(s->runs[0].step, std::int64_t(1));  // paused: no progress between commands
    QCOMPARE(s->state, RunnerState::Paused);
    runner.resume();
    s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step > 20; });
    QCOMPARE(s->state, RunnerState::Running);
    runner.pause();
    s = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    const auto pausedAt = s->runs[0].step;
    QCOMPARE(settled(runner)->runs[0].step, pausedAt);
    runner.stop();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Finished);
    QCOMPARE(s->runs[0].step, pausedAt);
    QVERIFY(std::isfinite(s->runs[0].finalTestAccuracy));  // stopped runs are evaluated
    runner.reset();
    s = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Idle); });
    QVERIFY(s->runs.empty());
  }

  // The throttle bounds the pace from above: from the start, k steps take at least k - 3 periods
  // (the first step is at once, and one late step may be followed by a catch-up step). A lower
  // bound on time holds on any machine; a slow one simply takes longer.
  void throttleBoundsThePace() {
    ExperimentRunner runner(1);
    runner.setStepsPerSecond(50);  // one step per 20 ms
    const auto t0 = Clock::now();
    runner.start(tinyConfig(100000, kOneArm));
    const auto s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step >= 20; });
    const auto elapsed = Clock::now() - t0;
    QVERIFY(s->runs[0].step >= 20);
    QVERIFY2(elapsed >= 17 * 20ms,
             qPrintable(QString("%1 steps in %2 ms").arg(s->runs[0].step).arg(std::chrono::duration<double, std::milli>(elapsed).count())));
  }

  // A new speed takes effect at once, even while the runner waits for a slow step's time.
  void speedChangeWakesAWaitingRunner() {
    ExperimentRunner runner(1);
    runner.setStepsPerSecond(1e-4);  // the first step at once, the next after hours
    runner.start(tinyConfig(100000, kOneArm), /*startPaused=*/true);
    waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    runner.resume();
    const auto resumed = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Running); });
    QCOMPARE(resumed->state, RunnerState::Running);
    runner.setStepsPerSecond(0);  // as fast as possible
    const auto s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step >= 50; });
    QVERIFY2(s->runs[0].step >= 50, qPrintable(QString::number(s->runs[0].step)));
  }

  void learningRateChangeApplies() {
    ExperimentRunner runner(1);
    runner.start(tinyConfig(100000, kOneArm), true);
    waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    runner.setLearningRate(1e6);  // absurd on purpose: the run must diverge from the next steps
    runner.resume();
    const auto s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].diverged; });
    QVERIFY(s->runs[0].diverged);
    QVERIFY(runner.waitUntilDone(kHangGuard));
  }

  void failuresAreReportedNotThrown() {
    ExperimentRunner runner(1);
    runner.start(parseExperimentConfig(R"({"dataset": {"name": "idx", "path": "/nonexistent/mnist"}, "model": "tiny",
      "arms": [{"norm": "none"}]})"));
    QVERIFY(runner.waitUntilDone(kHangGuard));
    const auto s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Failed);
    QVERIFY2(QString::fromStdString(s->error).contains("/nonexistent/mnist"), s->error.c_str());
    runner.start(tinyConfig(10));  // still usable afterwards
    QVERIFY(runner.waitUntilDone(kHangGuard));
    QCOMPARE(runner.snapshot()->state, RunnerState::Finished);
    QVERIFY(runner.snapshot()->error.empty());
  }

  // The end is always a version of its own, however recently progress was published. A publish
  // interval longer than the test makes "a moment ago" certain: no progress is published at all,
  // so only the state changes are.
  void finishedIsANewVersion() {
    ExperimentRunner runner(1, std::chrono::hours(1));
    runner.start(tinyConfig(5, kOneArm), /*startPaused=*/true);
    const auto paused = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    QCOMPARE(paused->state, RunnerState::Paused);
    runner.resume();  // trains to the end without a publication between Running and Finished
    QVERIFY(runner.waitUntilDone(kHangGuard));
    auto end = runner.snapshot();
    QCOMPARE(end->state, RunnerState::Finished);
    QVERIFY2(end->version > paused->version + 1, qPrintable(QString::number(end->version)));  // after Running's
    QCOMPARE(end->runs[0].step, std::int64_t(5));  // and it holds the last step
    // Stepping to the end: the step that finishes publishes Finished.
    runner.start(tinyConfig(2, kOneArm), /*startPaused=*/true);
    waitFor(runner, [v = end->version](const Snapshot& s) { return s.version > v && isState(s, RunnerState::Paused); });
    runner.step();
    const auto one = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step == 1; });
    QCOMPARE(one->state, RunnerState::Paused);
    runner.step();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    end = runner.snapshot();
    QCOMPARE(end->state, RunnerState::Finished);
    QVERIFY(end->version > one->version);
    QCOMPARE(end->runs[0].step, std::int64_t(2));
  }

  void failedIsANewVersion() {
    ExperimentRunner runner(1, std::chrono::hours(1));
    // While training: a learning rate the optimizer refuses fails the experiment. Throttled to
    // one step, then hours: the change reaches a runner that waits between two steps.
    runner.setStepsPerSecond(1e-4);
    runner.start(tinyConfig(100000, kOneArm));
    const auto running = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Running); });
    QCOMPARE(running->state, RunnerState::Running);
    runner.setLearningRate(-1);
    QVERIFY(runner.waitUntilDone(kHangGuard));
    auto end = runner.snapshot();
    QCOMPARE(end->state, RunnerState::Failed);
    QVERIFY(end->version > running->version);
    QVERIFY2(QString::fromStdString(end->error).contains("learning rate"), end->error.c_str());
    // While loading: the Loading publication came just before.
    const auto before = runner.snapshot();
    runner.start(parseExperimentConfig(R"({"dataset": {"name": "idx", "path": "/nonexistent/mnist"}, "model": "tiny",
      "arms": [{"norm": "none"}]})"));
    QVERIFY(runner.waitUntilDone(kHangGuard));
    end = runner.snapshot();
    QCOMPARE(end->state, RunnerState::Failed);
    QVERIFY2(end->version > before->version + 1, qPrintable(QString::number(end->version)));  // after Loading's
    QVERIFY2(QString::fromStdString(end->error).contains("/nonexistent/mnist"), end->error.c_str());
  }

  void destroyWhileTraining() {
    auto runner = std::make_unique<ExperimentRunner>(2);
    runner->setStepsPerSecond(kSteadyPace);
    runner->start(tinyConfig(1000000));
    waitFor(*runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step > 5; });
    runner.reset();  // joins the worker at the next step boundary
    QVERIFY(true);
  }

  // An old snapshot never changes under its reader. Driven through states, not time: the early
  // snapshot is taken while paused, then the run goes to its end.
  void snapshotsAreImmutable() {
    ExperimentRunner runner(2);
    runner.start(tinyConfig(200), /*startPaused=*/true);
    auto s = waitFor(runner, [](const Snapshot& s) { return isState(s, RunnerState::Paused); });
    for (int i = 0; i < 11; ++i) {
      runner.step();
      s = waitForNext(runner, *s);
    }
    const auto early = s;
    QCOMPARE(early->runs[0].step, std::int64_t(11));
    const auto metricsThen = early->runs[0].metrics.size();
    runner.resume();
    QVERIFY(runner.waitUntilDone(kHangGuard));
    const auto end = runner.snapshot();
    QCOMPARE(end->state, RunnerState::Finished);
    QCOMPARE(end->runs[0].step, std::int64_t(200));
    QVERIFY(end->version > early->version);
    QCOMPARE(early->state, RunnerState::Paused);
    QCOMPARE(early->runs[0].step, std::int64_t(11));
    QCOMPARE(early->runs[0].metrics.size(), metricsThen);
  }

  // requestSnapshot's ticket is served after every earlier command.
  void requestedSnapshotFollowsEarlierCommands() {
    ExperimentRunner runner(1);
    runner.start(tinyConfig(100000, kOneArm), /*startPaused=*/true);
    runner.step();
    runner.step();
    const auto s = settled(runner);
    QCOMPARE(s->state, RunnerState::Paused);
    QCOMPARE(s->runs.at(0).step, std::int64_t(2));
  }
};

QTEST_APPLESS_MAIN(TestExperimentRunner)
#include "test_experiment_runner.moc"
