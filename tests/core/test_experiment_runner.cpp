// The threaded runner: snapshots, pause/resume/step/stop/reset, failures reported as a state,
// and shutdown while training. Run under ThreadSanitizer too (./normlab.sh sanitize thread).
#include <QtTest>

#include <thread>

#include "core/experiment_runner.h"

using namespace normlab;
using namespace std::chrono_literals;

namespace {

ExperimentConfig tinyConfig(int steps, const std::string& arms = R"([{"norm": "none"}, {"norm": "batch"}])") {
  return parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 300, "test": 60}, "model": "tiny",
    "train": {"lr": 0.05, "steps": )" + std::to_string(steps) + R"(, "batch_size": 8, "eval_every": 50},
    "arms": )" + arms + "}");
}

// Waits until the snapshot satisfies `done` (or 20 s pass).
template <typename F>
std::shared_ptr<const Snapshot> waitFor(ExperimentRunner& r, F done) {
  for (int i = 0; i < 2000; ++i) {
    auto s = r.snapshot();
    if (done(*s)) return s;
    std::this_thread::sleep_for(10ms);
  }
  return r.snapshot();
}

}  // namespace

class TestExperimentRunner : public QObject {
  Q_OBJECT
 private slots:
  void runsToTheEnd() {
    ExperimentRunner runner(2);
    QCOMPARE(runner.snapshot()->state, RunnerState::Idle);
    runner.start(tinyConfig(60));
    QVERIFY(runner.waitUntilDone(20s));
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
  // Loading from the moment the worker takes the command, never the old Finished). Repeated
  // because the window it guards is short.
  void waitUntilDoneWaitsForTheNewRun() {
    ExperimentRunner runner(1);
    runner.start(tinyConfig(2));
    QVERIFY(runner.waitUntilDone(20s));
    for (int i = 0; i < 20; ++i) {
      const std::string label = "run" + std::to_string(i);
      runner.start(tinyConfig(3, R"([{"label": ")" + label + R"(", "norm": "none"}])"));
      QVERIFY(runner.waitUntilDone(20s));
      const auto s = runner.snapshot();
      QCOMPARE(s->state, RunnerState::Finished);
      QCOMPARE(s->runs.size(), std::size_t(1));
      QCOMPARE(s->runs[0].label, label);
      QCOMPARE(s->runs[0].step, std::int64_t(3));
    }
  }

  void pauseStepResumeStop() {
    ExperimentRunner runner(2);
    runner.start(tinyConfig(100000), /*startPaused=*/true);
    auto s = waitFor(runner, [](const Snapshot& s) { return s.state == RunnerState::Paused; });
    QCOMPARE(s->state, RunnerState::Paused);
    QCOMPARE(s->runs[0].step, std::int64_t(0));
    runner.step();
    s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step == 1; });
    QCOMPARE(s->runs[0].step, std::int64_t(1));  // exactly one mini-batch for every arm
    QCOMPARE(s->runs[1].step, std::int64_t(1));
    std::this_thread::sleep_for(100ms);
    QCOMPARE(runner.snapshot()->runs[0].step, std::int64_t(1));  // paused: no progress
    runner.resume();
    s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step > 20; });
    QCOMPARE(s->state, RunnerState::Running);
    runner.pause();
    s = waitFor(runner, [](const Snapshot& s) { return s.state == RunnerState::Paused; });
    const auto pausedAt = s->runs[0].step;
    std::this_thread::sleep_for(100ms);
    QCOMPARE(runner.snapshot()->runs[0].step, pausedAt);
    runner.stop();
    QVERIFY(runner.waitUntilDone(20s));
    s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Finished);
    QVERIFY(std::isfinite(s->runs[0].finalTestAccuracy));  // stopped runs are evaluated
    runner.reset();
    s = waitFor(runner, [](const Snapshot& s) { return s.state == RunnerState::Idle; });
    QVERIFY(s->runs.empty());
  }

  void throttledSpeed() {
    ExperimentRunner runner(1);
    runner.setStepsPerSecond(50);
    runner.start(tinyConfig(100000, R"([{"norm": "none"}])"));
    waitFor(runner, [](const Snapshot& s) { return s.state == RunnerState::Running; });
    const auto before = runner.snapshot()->runs.at(0).step;
    std::this_thread::sleep_for(500ms);
    const auto steps = runner.snapshot()->runs.at(0).step - before;
    QVERIFY2(steps >= 5 && steps <= 40, qPrintable(QString::number(steps)));  // about 25
    runner.setStepsPerSecond(0);  // as fast as possible
    std::this_thread::sleep_for(300ms);
    QVERIFY(runner.snapshot()->runs.at(0).step - before > 60);
  }

  void learningRateChangeApplies() {
    ExperimentRunner runner(1);
    runner.start(tinyConfig(100000, R"([{"norm": "none"}])"), true);
    waitFor(runner, [](const Snapshot& s) { return s.state == RunnerState::Paused; });
    runner.setLearningRate(1e6);  // absurd on purpose: the run must diverge from the next steps
    runner.resume();
    const auto s = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].diverged; });
    QVERIFY(s->runs[0].diverged);
    QVERIFY(runner.waitUntilDone(20s));
  }

  void failuresAreReportedNotThrown() {
    ExperimentRunner runner(1);
    runner.start(parseExperimentConfig(R"({"dataset": {"name": "idx", "path": "/nonexistent/mnist"}, "model": "tiny",
      "arms": [{"norm": "none"}]})"));
    QVERIFY(runner.waitUntilDone(20s));
    const auto s = runner.snapshot();
    QCOMPARE(s->state, RunnerState::Failed);
    QVERIFY2(QString::fromStdString(s->error).contains("/nonexistent/mnist"), s->error.c_str());
    runner.start(tinyConfig(10));  // still usable afterwards
    QVERIFY(runner.waitUntilDone(20s));
    QCOMPARE(runner.snapshot()->state, RunnerState::Finished);
    QVERIFY(runner.snapshot()->error.empty());
  }

  void destroyWhileTraining() {
    auto runner = std::make_unique<ExperimentRunner>(2);
    runner->start(tinyConfig(1000000));
    waitFor(*runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step > 5; });
    runner.reset();  // joins the worker at the next step boundary
    QVERIFY(true);
  }

  void snapshotsAreImmutable() {
    ExperimentRunner runner(2);
    runner.start(tinyConfig(200));
    auto early = waitFor(runner, [](const Snapshot& s) { return !s.runs.empty() && s.runs[0].step > 10; });
    const auto stepThen = early->runs[0].step;
    const auto versionThen = early->version;
    QVERIFY(runner.waitUntilDone(20s));
    QCOMPARE(early->runs[0].step, stepThen);  // an old snapshot never changes under the reader
    QVERIFY(runner.snapshot()->version > versionThen);
  }
};

QTEST_APPLESS_MAIN(TestExperimentRunner)
#include "test_experiment_runner.moc"
