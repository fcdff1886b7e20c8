#include "core/experiment/experiment_runner.h"

#include <algorithm>

#include "core/base/error.h"

namespace normlab {

using Clock = std::chrono::steady_clock;

namespace {
Clock::duration stepPeriod(double stepsPerSecond) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / stepsPerSecond));
}
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

ExperimentRunner::ExperimentRunner(int threads, std::chrono::milliseconds publishInterval)
    : threads_(threads), publishInterval_(publishInterval) {
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
    pendingContinuation_.reset();
    pendingStartPaused_ = startPaused;
    commands_.push_back(Command::Start);
  }
  wake_.notify_all();
}

void ExperimentRunner::continueFrom(ExperimentResults saved, std::int64_t moreSteps, bool startPaused) {
  {
    std::lock_guard lock(mutex_);
    pendingConfig_ = saved.config;  // replaced by continuedConfig on the worker (it may throw there)
    pendingContinuation_ = Continuation{std::make_shared<const ExperimentResults>(std::move(saved)), moreSteps};
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

void ExperimentRunner::enqueueArm(ArmCommand command) {
  {
    std::lock_guard lock(mutex_);
    armCommands_.push_back(std::move(command));
    commands_.push_back(Command::ArmChange);
  }
  wake_.notify_all();
}

void ExperimentRunner::addArm(nlohmann::json arm) { enqueueArm({ArmCommand::Add, std::move(arm), {}}); }
void ExperimentRunner::stopArm(std::string label) { enqueueArm({ArmCommand::StopArm, {}, std::move(label)}); }
void ExperimentRunner::removeArm(std::string label) { enqueueArm({ArmCommand::Remove, {}, std::move(label)}); }
void ExperimentRunner::resumeArm(std::string label) { enqueueArm({ArmCommand::ResumeArm, {}, std::move(label)}); }
void ExperimentRunner::restoreArm(std::string label) { enqueueArm({ArmCommand::Restore, {}, std::move(label)}); }

// Worker thread only. Bounded work: parsing, building the runs (and a branch's state copy);
// catching up happens in the loop, a step at a time.
void ExperimentRunner::applyArmCommand(const ArmCommand& c) {
  ++commandsDone_;
  commandError_.clear();
  try {
    if (!experiment_) throw NormLabError("there is no experiment to change: press Start first");
    if (c.kind == ArmCommand::Add) {
      experiment_->addArm(c.arm);
    } else if (c.kind == ArmCommand::Restore) {
      experiment_->restoreArm(c.label);
    } else {
      const int arm = armIndex(experiment_->config(), c.label);
      if (arm < 0) throw NormLabError("there is no arm '" + c.label + "'");
      if (c.kind == ArmCommand::StopArm) experiment_->stopArm(arm);
      else if (c.kind == ArmCommand::ResumeArm) experiment_->resumeArm(arm);
      else experiment_->removeArm(arm);
    }
    config_ = std::make_shared<const ExperimentConfig>(experiment_->config());
  } catch (const std::exception& e) {
    commandError_ = e.what();
  }
}

std::uint64_t ExperimentRunner::requestSnapshot() {
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock(mutex_);
    commands_.push_back(Command::Publish);
    ticket = ++requestsGiven_;
  }
  wake_.notify_all();
  return ticket;
}

void ExperimentRunner::setStepsPerSecond(double stepsPerSecond) {
  {
    std::lock_guard lock(mutex_);
    stepsPerSecond_ = std::max(0.0, stepsPerSecond);
    speedChanged_ = true;
  }
  wake_.notify_all();
}

void ExperimentRunner::setLearningRate(double lr) {
  {
    std::lock_guard lock(mutex_);
    learningRates_.push_back(lr);
    commands_.push_back(Command::LearningRate);
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

// Worker thread only.
bool ExperimentRunner::loadProgress(std::int64_t done, std::int64_t total) {
  imagesRead_ = done;
  imagesToRead_ = total;
  publish();  // every report (one per 32 images): a bar that stops moving means the reading did
  const std::lock_guard lock(mutex_);
  return !quit_ && std::none_of(commands_.begin(), commands_.end(),
                                [](Command c) { return c == Command::Start || c == Command::Reset; });
}

// Worker thread only.
void ExperimentRunner::publishProgress() {
  if (Clock::now() - lastPublish_ < publishInterval_) return;
  publish();
}

// Worker thread only. The snapshot is built without the lock (the viewer never waits for the
// copy); only the state change and the pointer swap are locked.
void ExperimentRunner::publish(std::optional<RunnerState> state) {
  lastPublish_ = Clock::now();
  auto s = std::make_shared<Snapshot>();
  if (experiment_) {
    s->runs.reserve(std::size_t(experiment_->runCount()));
    // The state being published (a new one, or the current one). Only this thread writes
    // state_, so reading it here needs no lock.
    const RunnerState shown = state.value_or(state_);
    const bool withState = shown != RunnerState::Running && shown != RunnerState::Loading;
    for (int i = 0; i < experiment_->runCount(); ++i) s->runs.push_back(experiment_->record(i, withState));
    s->stepsDone = experiment_->stepsDone();
    s->stepsTotal = experiment_->stepsTotal();
    s->warning = experiment_->warning();
    s->catchingUp = experiment_->catchingUp();
  }
  s->config = config_;
  s->commandError = commandError_;
  s->commandsDone = commandsDone_;
  s->elapsedSeconds = elapsed_;
  s->error = error_;
  s->imagesRead = imagesRead_;
  s->imagesToRead = imagesToRead_;
  {
    std::lock_guard lock(mutex_);
    if (state) state_ = *state;
    s->state = state_;
    s->version = ++version_;
    s->request = requestsTaken_;
    snapshot_ = std::move(s);
  }
  changed_.notify_all();
}

void ExperimentRunner::workerLoop() {
  // Training yields to the viewer: a GUI thread that wakes to draw gets a core at once.
  lowerCurrentThreadPriority();
  // Throttled: when the next step is due, and when the last one began (a new speed counts from it).
  auto nextStepAt = Clock::now();
  Clock::time_point lastStepAt{};
  for (;;) {
    Command command = Command::None;
    std::optional<ExperimentConfig> config;
    std::optional<Continuation> continuation;
    double lr = 0;
    ArmCommand armCommand;
    bool startPaused = false, running = false, stepDue = false, catchUpDue = false;
    {
      std::unique_lock lock(mutex_);
      auto hasWork = [&] { return quit_ || speedChanged_ || !commands_.empty(); };
      // An added arm catches up at full speed, running or paused: no waiting meanwhile.
      const bool catchUp = experiment_ && (state_ == RunnerState::Running || state_ == RunnerState::Paused) &&
                           experiment_->catchingUp();
      if (catchUp) {
      } else if (state_ == RunnerState::Running && stepsPerSecond_ > 0)
        wake_.wait_until(lock, nextStepAt, hasWork);
      else
        wake_.wait(lock, [&] { return hasWork() || state_ == RunnerState::Running; });
      if (quit_) return;
      if (std::exchange(speedChanged_, false) && stepsPerSecond_ > 0)
        nextStepAt = lastStepAt + stepPeriod(stepsPerSecond_);
      if (!commands_.empty()) {
        command = commands_.front();
        commands_.erase(commands_.begin());
        if (command == Command::Publish) ++requestsTaken_;
        if (command == Command::LearningRate) {
          lr = learningRates_.front();
          learningRates_.pop_front();
        }
        if (command == Command::ArmChange) {
          armCommand = std::move(armCommands_.front());
          armCommands_.pop_front();
        }
        if (command == Command::Start) {
          config = std::exchange(pendingConfig_, std::nullopt);
          continuation = std::exchange(pendingContinuation_, std::nullopt);
          startPaused = pendingStartPaused_;
          // Loading from the moment the command is taken: waitUntilDone must not see the
          // previous run's Finished while the new one is being built.
          if (config) state_ = RunnerState::Loading;
        }
      }
      running = state_ == RunnerState::Running;
      stepDue = running;
      catchUpDue = command == Command::None && catchUp;
      if (command == Command::None && running && stepsPerSecond_ > 0 && !catchUp) {
        const auto now = Clock::now();
        stepDue = now >= nextStepAt;
        // Woken before the step is due, by nothing (a command, a learning rate too, is done at
        // once while the step waits for its time).
        if (!stepDue) continue;
        lastStepAt = now;
        // Late (a slow step): the next one may follow at once, but the pace never exceeds one
        // step per period plus that one catch-up step.
        const auto period = stepPeriod(stepsPerSecond_);
        nextStepAt = std::max(nextStepAt + period, lastStepAt - period);
      }
    }
    try {
      switch (command) {
        case Command::LearningRate:
          // Published at once: the change is marked on the charts even while paused.
          if (experiment_) {
            experiment_->setLearningRate(lr);
            config_ = std::make_shared<const ExperimentConfig>(experiment_->config());
            publish();
          }
          break;
        case Command::ArmChange: {
          applyArmCommand(armCommand);
          // A finished experiment with an arm to train again waits for resume(); one whose last
          // training arm was stopped has finished.
          const bool live = state_ == RunnerState::Running || state_ == RunnerState::Paused;
          std::optional<RunnerState> next;
          if (experiment_ && state_ == RunnerState::Finished && !experiment_->finished()) next = RunnerState::Paused;
          if (experiment_ && live && experiment_->finished()) next = RunnerState::Finished;
          publish(next);
          break;
        }
        case Command::Start:
          if (!config) break;  // superseded by a later start
          experiment_.reset();
          config_.reset();
          error_.clear();
          elapsed_ = 0;
          publish(RunnerState::Loading);
          {
            if (continuation) config = continuedConfig(*continuation->saved, continuation->moreSteps);
            auto e = std::make_unique<Experiment>(std::move(*config), threads_, ThreadPriority::Background);
            e->setLoadProgress([this](std::int64_t done, std::int64_t total) { return loadProgress(done, total); });
            e->prepare();
            imagesRead_ = imagesToRead_ = 0;
            if (continuation) e->resumeFrom(*continuation->saved, continuation->moreSteps);
            experiment_ = std::move(e);
            config_ = std::make_shared<const ExperimentConfig>(experiment_->config());
          }
          nextStepAt = Clock::now();
          publish(startPaused ? RunnerState::Paused : RunnerState::Running);
          break;
        case Command::Pause:
          publish(running ? std::optional(RunnerState::Paused) : std::nullopt);
          break;
        case Command::Resume:
          publish(experiment_ && !running && !experiment_->finished() ? std::optional(RunnerState::Running) : std::nullopt);
          break;
        case Command::Step: {
          bool ended = false;
          if (experiment_ && !running && !experiment_->finished()) {
            const auto t0 = Clock::now();
            experiment_->stepAll();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
            ended = experiment_->finished();
          }
          publish(ended ? std::optional(RunnerState::Finished) : std::nullopt);
          break;
        }
        case Command::Stop:
          if (experiment_ && !experiment_->finished()) {
            experiment_->finishEarly();
            config_ = std::make_shared<const ExperimentConfig>(experiment_->config());  // with the stops
            publish(RunnerState::Finished);
          } else {
            publish();
          }
          break;
        case Command::RecomputePopulation:
          if (experiment_) {
            const auto t0 = Clock::now();
            experiment_->recomputePopulationStatistics();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
          }
          publish();
          break;
        case Command::Publish:
          publish();
          break;
        case Command::Reset:
          experiment_.reset();
          config_.reset();
          error_.clear();
          elapsed_ = 0;
          publish(RunnerState::Idle);
          break;
        case Command::None:
          if (catchUpDue) {
            // One step of the arm catching up per turn: commands still apply between steps.
            const auto t0 = Clock::now();
            experiment_->advanceCatchUp();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
            if (running && experiment_->finished()) publish(RunnerState::Finished);
            else if (!experiment_->catchingUp()) publish();  // caught up: shown at once
            else publishProgress();
          } else if (stepDue && experiment_) {
            const auto t0 = Clock::now();
            const bool more = experiment_->advance();
            elapsed_ += std::chrono::duration<double>(Clock::now() - t0).count();
            // The end goes out at once, however recently progress was published.
            if (!more || experiment_->finished())
              publish(RunnerState::Finished);
            else
              publishProgress();
          }
          break;
      }
    } catch (const ImageLoadCancelled&) {
      // A newer start or a reset is waiting: it publishes what comes next.
      imagesRead_ = imagesToRead_ = 0;
    } catch (const std::exception& e) {
      // A bad dataset, a config that does not fit the data, out of memory: report, keep running.
      imagesRead_ = imagesToRead_ = 0;
      error_ = e.what();
      publish(RunnerState::Failed);
    }
  }
}

}  // namespace normlab
