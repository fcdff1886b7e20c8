// Runs an Experiment on a worker thread and publishes immutable snapshots of its state (latest
// wins) for a viewer to pull at its own pace: training never waits for drawing, and the caller's
// thread never trains. Training threads run at background priority so the viewer stays smooth.
// Commands (pause, resume, step, stop, speed, learning rate) take effect at the next step
// boundary. Every change of state (Finished and Failed included) is published as a new version
// at once, whatever the publish interval; only progress within a state is rate-limited.
// Snapshots published while paused, finished or stopped carry each run's training state (so a
// saved file can continue); those published while running do not (copying every weight 30 times
// a second would slow training). Must not depend on Qt.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"

namespace normlab {

enum class RunnerState { Idle, Loading, Running, Paused, Finished, Failed };
const char* runnerStateName(RunnerState state);

struct Snapshot {
  std::uint64_t version = 0;  // increases with every publication
  std::uint64_t request = 0;  // the last requestSnapshot() ticket served
  RunnerState state = RunnerState::Idle;
  std::string error;    // why loading or training failed (state Failed)
  std::string warning;  // e.g. the data fell back to the synthetic set
  std::vector<RunRecord> runs;
  std::int64_t stepsDone = 0, stepsTotal = 0;
  double elapsedSeconds = 0;  // wall time spent running (not paused)
  // The experiment's config as it stands: with the arms added and the learning-rate changes made
  // while it ran (as "events"), so that saving it and running it again replays the session.
  // Null before the first experiment is built.
  std::shared_ptr<const ExperimentConfig> config;
  // Why the last arm command (addArm, stopArm, removeArm, resumeArm, restoreArm) did nothing ("" when it applied); training goes on
  // either way. `commandsDone` counts those commands taken so far.
  std::string commandError;
  std::uint64_t commandsDone = 0;
  // Some arm added mid-run is still catching up with the others (its runs train unthrottled).
  bool catchingUp = false;
  // While Loading a folder of images: how many are read of how many (0 of 0 for other data).
  std::int64_t imagesRead = 0, imagesToRead = 0;
};

class ExperimentRunner {
 public:
  // Progress while training is published at most once per this interval (state changes: at once).
  static constexpr std::chrono::milliseconds kPublishInterval{30};

  // threads for training; 0 = all cores. publishInterval: see kPublishInterval (tests make it
  // long to see that state changes do not wait for it).
  explicit ExperimentRunner(int threads = 0, std::chrono::milliseconds publishInterval = kPublishInterval);
  ~ExperimentRunner();  // stops the worker and waits for it
  ExperimentRunner(const ExperimentRunner&) = delete;
  ExperimentRunner& operator=(const ExperimentRunner&) = delete;

  // Discards any current experiment, then loads the data and builds the runs on the worker
  // thread; starts training unless startPaused. A folder of images being read stops reading as
  // soon as another start or a reset is given (or the runner is destroyed).
  void start(ExperimentConfig config, bool startPaused = false);
  // As start, with continuedConfig(saved, moreSteps), then every run put back where `saved`
  // left it (Experiment::resumeFrom); a file that cannot continue fails with the reason.
  void continueFrom(ExperimentResults saved, std::int64_t moreSteps, bool startPaused = false);
  void pause();
  void resume();
  // While paused: advances every unfinished run by exactly one mini-batch.
  void step();
  // Ends every run now (each gets a final test evaluation); results stay available.
  void stop();
  // Discards the experiment; state Idle.
  void reset();
  // Throttle (steps of the lockstep scheduler per second); 0 = as fast as possible. A new speed
  // applies from the last step (a runner waiting for a slow step's time wakes for it).
  void setStepsPerSecond(double stepsPerSecond);
  // Experiment::setLearningRate from the next step (every run still training records it), in
  // order with the other commands: a rate given right after start() or step() applies after them.
  void setLearningRate(double lr);
  // Between two steps: Experiment::recomputePopulationStatistics on every batch-norm run.
  void recomputePopulationStatistics();
  // Between two steps: Experiment::addArm (an arm object of the config's "arms" list; a branch
  // without "at_step" branches at its parent's current step). Running or paused. The new arm
  // catches up in the normal lockstep loop (one step per loop turn, so pause, stop and every
  // other command still apply at the next step boundary) at full speed, whatever
  // setStepsPerSecond says, and then trains with the others. Published at once; an arm that
  // does not fit leaves the experiment as it was and sets the snapshot's commandError. Adding
  // to a finished experiment leaves it Paused (resume() trains the new arm).
  void addArm(nlohmann::json arm);
  // Experiment::stopArm / removeArm for the arm with this label (errors as addArm's). Stopping the
  // last arm that still trains finishes the experiment.
  void stopArm(std::string label);
  void removeArm(std::string label);
  // Their undo: Experiment::resumeArm / restoreArm (errors as addArm's). The arm catches up as an
  // added one does; a finished experiment that has it to train again is left Paused.
  void resumeArm(std::string label);
  void restoreArm(std::string label);

  // Publishes a new version once the worker has done every command given before this call, even
  // if nothing changed; returns a ticket that the snapshot's `request` reaches then. A caller
  // that waits for it knows those commands are done (a test tells that Pause held or that nothing
  // was started without waiting on a clock).
  std::uint64_t requestSnapshot();

  std::shared_ptr<const Snapshot> snapshot() const;
  // Blocks until the state is Finished, Failed or Idle, or the timeout passes (a hang guard). For
  // tests and the command line; a GUI polls snapshot() instead. On true, snapshot() shows that
  // final state.
  bool waitUntilDone(std::chrono::milliseconds timeout);

 private:
  enum class Command { None, Start, Pause, Resume, Step, Stop, Reset, RecomputePopulation, Publish, LearningRate, ArmChange };
  struct ArmCommand {
    enum Kind { Add, StopArm, Remove, ResumeArm, Restore } kind = Add;
    nlohmann::json arm;  // Add
    std::string label;   // the others
  };
  void enqueueArm(ArmCommand command);
  void applyArmCommand(const ArmCommand& command);
  void enqueue(Command command);
  void workerLoop();
  // Worker thread, while reading images: publishes the count; false when the load is superseded.
  bool loadProgress(std::int64_t done, std::int64_t total);
  // Progress: skipped if the last publication is less than the interval ago.
  void publishProgress();
  // A new version now; with a state, the state changes in the same locked step, so nobody sees a
  // state (waitUntilDone) whose snapshot is not out yet.
  void publish(std::optional<RunnerState> state = std::nullopt);

  const int threads_;
  const std::chrono::milliseconds publishInterval_;
  std::thread worker_;
  mutable std::mutex mutex_;  // guards everything below but experiment_
  std::condition_variable wake_, changed_;
  bool quit_ = false;
  std::vector<Command> commands_;
  std::optional<ExperimentConfig> pendingConfig_;
  struct Continuation {
    std::shared_ptr<const ExperimentResults> saved;
    std::int64_t moreSteps = 0;
  };
  std::optional<Continuation> pendingContinuation_;  // with pendingConfig_: continue instead of start
  bool pendingStartPaused_ = false;
  std::deque<double> learningRates_;  // one per LearningRate command, in order
  std::deque<ArmCommand> armCommands_;  // one per ArmChange command, in order
  double stepsPerSecond_ = 0;
  bool speedChanged_ = false;
  RunnerState state_ = RunnerState::Idle;
  std::shared_ptr<const Snapshot> snapshot_;
  std::uint64_t version_ = 0;
  std::uint64_t requestsGiven_ = 0, requestsTaken_ = 0;
  // Owned by the worker thread only.
  std::unique_ptr<Experiment> experiment_;
  std::chrono::steady_clock::time_point lastPublish_{};
  double elapsed_ = 0;
  std::string error_;
  std::string commandError_;
  std::uint64_t commandsDone_ = 0;
  std::int64_t imagesRead_ = 0, imagesToRead_ = 0;
  std::shared_ptr<const ExperimentConfig> config_;  // refreshed when the experiment's changes
};

}  // namespace normlab
