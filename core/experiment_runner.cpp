#include "experiment_runner.h"

#include <algorithm>

namespace normlab {

using Clock = std::chrono::steady_clock;

namespace {
// Snapshots are published at most this often while training runs (state changes: at once).
constexpr auto kPublishInterval = std::chrono::milliseconds(30);
}  // namespace

const char* runnerStateName(RunnerState state) {
  switch (state) {
    case RunnerState::Idle: return "idle";
    case RunnerState::Loading: return "loading";
    case RunnerState::Running: return "running";
    case RunnerState::Paused: return "paused";
    case RunnerState::Finished: return "finished";
    case RunnerState::Failed: return "failed";
  }
  return "idle";
}

ExperimentRunner::ExperimentRunner(int threads) : threads_(threads) {
  snapshot_ = std::make_shared<Snapshot>();
  worker_ = std::thread([this] { workerLoop(); });
}

ExperimentRunner::~ExperimentRunner() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void ExperimentRunner::start(ExperimentConfig config, bool startPaused) {
  {
    std::lock_guard lock(mutex_);
    pendingConfig_ = std::move(config);
    pendingStartPaused_ = startPaused;
    commands_.push_back(Command::Start);
  }
  wake_.notify_all();
}

void ExperimentRunner::enqueue(Command command) {
  {
    std::lock_guard lock(mutex_);
    commands_.push_back(command);
  }
  wake_.notify_all();
}

void ExperimentRunner::pause() { enqueue(Command::Pause); }
void ExperimentRunner::resume() { enqueue(Command::Resume); }
void ExperimentRunner::step() { enqueue(Command::Step); }
void ExperimentRunner::stop() { enqueue(Command::Stop); }
void ExperimentRunner::reset() { enqueue(Command::Reset); }
void ExperimentRunner::recomputePopulationStatistics() { enqueue(Command::RecomputePopulation); }

void ExperimentRunner::setStepsPerSecond(double stepsPerSecond) {
  {
    std::lock_guard lock(mutex_);
    stepsPerSecond_ = std::max(0.0, stepsPerSecond);
  }
  wake_.notify_all();
}

void ExperimentRunner::setLearningRate(double lr) {
  {
    std::lock_guard lock(mutex_);
    pendingLearningRate_ = lr;
  }
  wake_.notify_all();
}

std::shared_ptr<const Snapshot> ExperimentRunner::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

bool ExperimentRunner::waitUntilDone(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    return commands_.empty() && !pendingConfig_ &&
           (state_ == RunnerState::Finished || state_ == RunnerState::Failed || state_ == RunnerState::Idle);
  });
}

void ExperimentRunner::setState(RunnerState s) {
  std::lock_guard lock(mutex_);
  state_ = s;
}

// Worker thread only. The snapshot is built without the lock (the viewer never waits for the
// copy); only the pointer swap is locked.
void ExperimentRunner::publish(bool force) {
  const auto now = Clock::now();
  if (!force && now - lastPublish_ < kPublishInterval) return;
  lastPublish_ = now;
  auto s = std::make_shared<Snapshot>();
  if (experiment_) {
    s->runs.reserve(std::size_t(experiment_->runCount()));
    for (int i = 0; i < experiment_->runCount(); ++i) s->runs.push_back(experiment_->record(i));
    s->stepsDone = experiment_->stepsDone();
    s->stepsTotal = experiment_->stepsTotal();
    s->warning = experiment_->warning();
  }
  s->elapsedSeconds = elapsed_;
  s->error = error_;
  {
    std::lock_guard lock(mutex_);
    s->state = state_;
    s->version = ++version_;
    snapshot_ = std::move(s);
  }
  changed_.notify_all();
}

void ExperimentRunner::workerLoop() {
  // Training yields to the viewer: a GUI thread that wakes to draw gets a core at once.
  lowerCurrentThreadPriority();
  auto nextStepAt = Clock::now();
  for (;;) {
    Command command = Command::None;
    std::optional<ExperimentConfig> config;
    std::optional<double> lr;
    bool startPaused = false, running = false;
    {
      std::unique_lock lock(mutex_);
      auto hasWork = [&] { return quit_ || !commands_.empty() || pendingLearningRate_.has_value(); };
      if (state_ == RunnerState::Running && stepsPerSecond_ > 0)
        wake_.wait_until(lock, nextStepAt, hasWork);
      else
        wake_.wait(lock, [&] { return hasWork() || state_ == RunnerState::Running; });
      if (quit_) return;
      if (!commands_.empty()) {
        command = commands_.front();
        commands_.erase(commands_.begin());
        if (command == Command::Start) {
          config = std::exchange(pendingConfig_, std::nullopt);
          startPaused = pendingStartPaused_;
          // Loading from the moment the command is taken: waitUntilDone must not see the
          // previous run's Finished while the new one is being built.
          if (config) state_ = RunnerState::Loading;
        }
      }
      lr = std::exchange(pendingLearningRate_, std::nullopt);
      running = state_ == RunnerState::Running;
      if (command == Command::None && running && stepsPerSecond_ > 0) {
        if (Clock::now() < nextStepAt) continue;  // woken early by nothing to do
        const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / stepsPerSecond_));
        nextStepAt = std::max(nextStepAt + period, Clock::now() - period);
      }
    }
    try {
      if (lr && experiment_) experiment_->setLearningRate(*lr);
      switch (command) {
        case Command::Start:
          if (!config) break;  // superseded by a later start
          experiment_.reset();
          error_.clear();
          elapsed_ = 0;
          setState(RunnerState::Loading);
          publish(true);
          {
            auto e = std::make_unique<Experiment>(std::move(*config), threads_, ThreadPriority::Background);
            e->prepare();
            experiment_ = std::move(e);
          }
          setState(startPaused ? RunnerState::Paused : RunnerState::Running);
          nextStepAt = Clock::now();
          publish(true);
          break;
        case Command::Pause:
          if (running) setState(RunnerState::Paused);
          publish(true);
          break;
        case Command::Resume:
          if (experiment_ && !running && !experiment_->finished()) setState(RunnerState::Running);
          publish(true);
          break;
        case Command::Step:
          if (experiment_ && !running && !experiment_->finished()) {
            const auto t0 = Clock::now();
            experiment_->stepAll();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
            if (experiment_->finished()) setState(RunnerState::Finished);
          }
          publish(true);
          break;
        case Command::Stop:
          if (experiment_ && !experiment_->finished()) {
            experiment_->finishEarly();
            setState(RunnerState::Finished);
          }
          publish(true);
          break;
        case Command::RecomputePopulation:
          if (experiment_) {
            const auto t0 = Clock::now();
            experiment_->recomputePopulationStatistics();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
          }
          publish(true);
          break;
        case Command::Reset:
          experiment_.reset();
          error_.clear();
          elapsed_ = 0;
          setState(RunnerState::Idle);
          publish(true);
          break;
        case Command::None:
          if (running && experiment_) {
            const auto t0 = Clock::now();
            const bool more = experiment_->advance();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
            if (!more || experiment_->finished()) {
              setState(RunnerState::Finished);
              publish(true);
            } else {
              publish(false);
            }
          }
          break;
      }
    } catch (const std::exception& e) {
      // A bad dataset, a config that does not fit the data, out of memory: report, keep running.
      error_ = e.what();
      setState(RunnerState::Failed);
      publish(true);
    }
  }
}

}  // namespace normlab
