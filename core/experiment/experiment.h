// core/experiment/: experiments: the config (arms x seeds), the experiment trained in
// lockstep (this file), the background runner, probes, bounded histories, sweeps and the
// memory estimate that validate checks.
//
// An experiment in progress: every (arm, seed) run of a config, trained in lockstep by samples
// seen on one shared thread pool, with metrics and per-layer probes recorded in bounded
// histories. Single-threaded control: the caller (command line, or the GUI's worker thread)
// drives it with advance(). Must not depend on Qt.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/experiment/bounded_history.h"
#include "core/data/data_config.h"
#include "core/experiment/experiment_config.h"
#include "core/experiment/memory_estimate.h"
#include "core/model/model_spec.h"
#include "core/model/model_summary.h"
#include "core/experiment/probes.h"
#include "core/data/sample_stream.h"

#include <nlohmann/json_fwd.hpp>

namespace normlab {

inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

// Test evaluation runs in chunks of at least this many images (and the network is planned for
// it), so small-batch arms do not evaluate two images at a time.
inline constexpr int kMinEvalBatch = 64;
// Points a run's metric and probe histories keep (bounded_history.h).
inline constexpr std::size_t kMetricHistory = 4096, kProbeHistory = 512;

// A parameter or buffer tensor of a saved run, with the name and shape it had in the network
// ("conv1.weight", dims as Param::dims) so that a restore can tell it belongs there.
struct SavedTensor {
  std::string name;
  std::vector<int> dims;
  std::vector<float> values;
};

// Everything one run needs to continue exactly where it stopped, besides what its RunRecord
// already holds (step, samples seen, metric and probe points, final values). Random numbers need
// no state of their own: every stream is keyed by (seed, purpose, step, layer) or by the sample
// stream's position (random.h), so the step and `stream` pin all of them (weights init, dropout
// masks, shuffles, augmentation).
struct TrainingState {
  std::vector<SavedTensor> params, buffers;  // Network::params() / buffers() order
  OptimizerState<float> optimizer;           // its steps equal the record's step
  SampleStream::Position stream;
  // Training totals since the last point of the metric history (a point's train loss and
  // accuracy are their means).
  double lossSum = 0;
  std::int64_t correct = 0, samples = 0, steps = 0;
  // BoundedHistory::added() and stride() of the metric and probe histories.
  std::uint64_t metricsAdded = 0, metricsStride = 1, probesAdded = 0, probesStride = 1;
  // Whether the record's last metric point is the end-of-run point (finishRun: with a test
  // evaluation, logged because the run ended, not by the schedule). It is not part of the
  // history; a continued run drops it, or keeps it where the schedule logs a point at that step.
  bool endPoint = false;
  // The record's final values before the end-of-run point set them.
  double finalTrainLoss = kNotMeasured, finalTestLoss = kNotMeasured, finalTestAccuracy = kNotMeasured;
};

// One logged step of one run. Train loss and accuracy are means over the steps since the
// previous point; test values are NaN where the test set was not evaluated at this step.
struct MetricPoint {
  std::int64_t step = 0, samplesSeen = 0;
  double epoch = 0;  // samples seen / training-set size
  double trainLoss = kNotMeasured, trainAccuracy = kNotMeasured;
  double testLoss = kNotMeasured, testAccuracy = kNotMeasured;
  double wallSeconds = 0;  // this run's training time so far
};

// "Recompute population statistics" applied to a batch-norm run: its eval-mode test accuracy
// with the running statistics before, and with the recomputed ones after.
struct PopulationUpdate {
  std::int64_t step = 0;
  int images = 0;  // training images averaged over
  double testAccuracyBefore = kNotMeasured, testAccuracyAfter = kNotMeasured;
};

// The learning rate changed mid-run (the window's Learning rate field while training): from the
// step after `step` this run trains with `lr`. One change of the experiment reaches every run that
// is still training, each at its own step (runs train in lockstep by samples seen), under the
// same `event` number. An arm with a rate of its own keeps its ratio to the base rate, so every
// run's rate is multiplied by the same `factor`.
struct LearningRateChange {
  int event = 0;                            // 1, 2, ...: which change of the experiment
  std::int64_t step = 0, samplesSeen = 0;   // the run's position when it took effect
  double epoch = 0;
  double lr = 0;                            // this run's rate from then on
  double factor = 1;                        // lr / the rate before
};

// The recorded state of one (arm, seed) run; plain values, cheap to copy for a snapshot.
struct RunRecord {
  int arm = 0, seedIndex = 0;
  std::string label;
  std::uint64_t seed = 0;
  int batchSize = 0;
  double dropout = 0;  // the rate of the model's dropout layers in this run (0 without any)
  double lr = 0;       // the arm's configured learning rate (before any change mid-run)
  std::int64_t step = 0, samplesSeen = 0, totalSteps = 0;
  double epoch = 0;
  bool diverged = false;
  std::int64_t divergedAtStep = -1;
  bool finished = false;
  // The run threw mid-training (e.g. out of memory): it stops there, the other runs go on.
  // `failure` says at which step and why; like a diverged run it counts as finished.
  bool failed = false;
  std::string failure;
  double trainSeconds = 0, imagesPerSecond = 0;
  double finalTrainLoss = kNotMeasured, finalTestLoss = kNotMeasured, finalTestAccuracy = kNotMeasured;
  std::vector<MetricPoint> metrics;
  std::vector<std::shared_ptr<const ProbeRecord>> probes;
  std::vector<NormPlacement> norms;
  // The arm's network as a Keras-style summary (layers, output shapes, parameter counts).
  std::vector<SummaryRow> modelLayers;
  std::vector<PopulationUpdate> populationUpdates;
  std::vector<LearningRateChange> learningRateChanges;  // in the order they took effect
  // An arm added while the others trained: true while its runs train alone to reach them
  // (Experiment::addArm). Not saved.
  bool catchingUp = false;
  // Set when the record was taken with its training state (and the run can continue: not
  // diverged, not failed); null otherwise.
  std::shared_ptr<const TrainingState> state;
};

struct ExperimentResults;

class Experiment {
 public:
  // threads: 0 = all cores. Background priority for training behind a GUI.
  explicit Experiment(ExperimentConfig config, int threads = 0,
                      ThreadPriority priority = ThreadPriority::Normal);
  ~Experiment();

  // Loads the data and builds every run (identical weights for layers the arms share).
  // Throws NormLabError naming the problem (missing/corrupt dataset, images that do not fit, an
  // estimate above the memory budget, checked before loading and again with the loaded data; an
  // allocation that fails anyway names what it was for).
  void prepare();
  // The budget prepare() checks the memory estimate against; defaultMemoryBudget() unless set.
  void setMemoryBudget(MemoryBudget budget) { budget_ = std::move(budget); }
  // Told how far prepare() has read a folder of images; may cancel it (image_folder.h).
  void setLoadProgress(ImageLoadProgress progress) { loadProgress_ = std::move(progress); }
  bool prepared() const { return !runs_.empty(); }

  // Advances the unfinished run with the fewest samples seen (ties: lowest index) by one
  // mini-batch. Returns false when every run has finished, diverged or failed. A step that throws
  // a std::exception (std::bad_alloc included) marks that run failed with the message; it does
  // not propagate.
  bool advance();
  // Advances every unfinished run by exactly one mini-batch (the GUI's Step); failures as above.
  void stepAll();
  // Test-only fault injection: run `run`'s step `step` (1-based) throws instead of training:
  // std::bad_alloc when outOfMemory, else std::runtime_error "injected failure". One integer
  // comparison per step.
  void injectFailureAt(int run, std::int64_t step, bool outOfMemory = false);
  bool finished() const;
  // Ends every run now (stop, Ctrl-C): evaluates the test set for runs that did not finish.
  // Each arm ends as stopArm ends it (a run one step behind its arm's others takes that step
  // first) and is recorded the same way, so that config() replays the stop. A branch that has
  // not started yet ends without rows (recorded as "stop_at" below its "at_step").
  void finishEarly();
  // The base learning rate ("train.lr") becomes lr from the next step of every run still
  // training; an arm with a rate of its own is scaled by the same factor (lesson 2 scales the rate
  // with the batch size, and keeps doing so). Each run records the change (learningRateChanges).
  // Throws NormLabError, changing nothing, unless lr is a positive number.
  void setLearningRate(double lr);
  // The base learning rate now: the config's, or the last one set.
  double learningRate() const { return baseLearningRate_; }
  // Changes made this way are added to config().events, so that running config() again replays
  // them. When every arm trains at one step (one batch size), as one event for all arms (no
  // "arm") at the furthest run's step: runs there change now, runs one step behind when they get
  // there, and an arm added later when it catches up to it, as an arm there from the start would.
  // Otherwise one event per arm that is still training ("arm": its label, "lr": its new rate
  // exactly, all under one "change" number), at the furthest step of that arm's runs.

  // Adds an arm while the experiment trains or is paused (between steps only). `arm` is one
  // object of the config's "arms" list (parseArm): an ordinary arm builds its runs from the same
  // initial weights and sample stream as the others and trains alone until it has caught up
  // with them (advance() always steps the run with fewest samples seen; catchingUp() says so
  // meanwhile), then in lockstep: its curves equal those of the same arm present from the start.
  // A branch ("branch_from") without "at_step" branches at its parent's current step; with one,
  // no run of the parent may be past it. Returns the new arm's index. Throws NormLabError,
  // changing nothing, when the arm does not parse or fit (label taken, memory budget, ...).
  int addArm(const nlohmann::json& arm);
  // Ends the arm's runs now, as finishEarly() does for all (their results stay). Their state is
  // kept, so resumeArm can take it back. All its runs end at one step, its furthest run's (a run
  // one step behind takes that step first; a branch's run still waiting for its parent's step
  // has the parent's run take it), which config() records as the arm's "stop_at", so that
  // running config() again replays the session: the arm's rows, its end-of-run point included,
  // are those of the session bit for bit. An arm stopped before its first step records 0.
  void stopArm(int arm);
  // Takes back stopArm: the runs it ended go on from where they stopped (without the end-of-run
  // point it added), catch up with the others like an added arm, then train in lockstep: their
  // rows equal those of runs never stopped (learning-rate changes made meanwhile did not reach
  // them: they are recorded per arm). Branches that failed because the stop came before their
  // step wait for it again. Runs that ended otherwise stay ended. The recorded "stop_at" goes.
  void resumeArm(int arm);
  // Removes an arm and its runs (and events naming it). Throws NormLabError when another arm
  // branches from it. The removed arm is kept (runs, config entry, events) for restoreArm until
  // the experiment ends.
  void removeArm(int arm);
  // Takes back the last removeArm, which must have removed `label`: the arm, its runs as they
  // were and its events return to their places; its runs catch up from where they were removed.
  // Throws NormLabError when `label` is not the arm removed last, when its runs would exceed the
  // run limit or no longer fit the memory budget (as addArm's would; arms added meanwhile count):
  // nothing changes then, and it may come back later. Throws, dropping it for good, when its
  // label was taken meanwhile. A branch that had not started and whose parent went past its step
  // meanwhile comes back failed.
  int restoreArm(const std::string& label);
  // Whether some run added by addArm is still catching up with the others.
  bool catchingUp() const;
  // One step of the catching-up run with the fewest samples seen (the others stay where they
  // are: catching up goes on while paused). Returns false when none is catching up.
  bool advanceCatchUp();
  // For every batch-norm run that has not diverged: replaces the running statistics by their
  // average over the first `images` training images, in Train-mode batches of the arm's batch
  // size (PyTorch's torch.optim.swa_utils.update_bn: cumulative average, dropout active), and
  // records the eval-mode test accuracy before and after. Training later continues from there
  // with the usual momentum. Returns how many runs were updated.
  int recomputePopulationStatistics(int images = 4096);

  const ExperimentConfig& config() const { return config_; }
  const LoadedData& data() const { return data_; }
  const std::string& warning() const { return data_.warning; }
  int runCount() const { return int(runs_.size()); }
  // A copy of run i's record (histories included); withState adds its training state (weights,
  // optimizer, stream position, ...) unless the run diverged or failed. Between steps only.
  RunRecord record(int i, bool withState = false) const;
  // After prepare() on continuedConfig(saved, moreSteps) (experiment_file.h): puts every run
  // back where `saved` left it and sets its end `moreSteps` steps further (runs that diverged
  // or failed stay as saved). Trained on, the runs then match the runs of one straight, longer
  // experiment bit for bit (wall-clock times aside). Throws NormLabError, naming the run and key
  // ("runs[1].training_state.params[2]"), when a run holds no state (whyNotResumable) or its
  // state does not fit the model built from the config (names, shapes, sizes, counts).
  void resumeFrom(const ExperimentResults& saved, std::int64_t moreSteps);
  // Sample indices of run i's last training batch (the twin-run contract is tested with it).
  std::vector<int> lastBatchIndices(int i) const;
  std::int64_t stepsDone() const;
  std::int64_t stepsTotal() const;
  int threads() const;

 private:
  struct Run;
  void trainOneStep(Run& run);
  void stepOrFail(Run& run);
  void markFailed(Run& run, std::int64_t step, const std::string& what);
  void evaluateTest(Run& run, double& loss, double& accuracy);
  void measureTrainVersusEval(Run& run, ProbeRecord& record);
  // The metric point of the steps since the last one (and a test evaluation when withTest).
  MetricPoint pointNow(Run& run, bool withTest);
  // Adds it to the history, resets the totals and updates the record's final values.
  void addPoint(Run& run, const MetricPoint& point, bool withTest);
  void logPoint(Run& run, bool withTest);
  TrainingState trainingState(const Run& run) const;
  void restoreLearningRateEvents();
  void finishRun(Run& run);
  // Learning-rate events (config_.events) due at the run's step that it has not applied yet.
  void applyEvents(Run& run);
  void applyEvent(Run& run, std::size_t event);
  bool waiting(const Run& run) const;  // a branch whose parent has not reached its step yet
  // After a run's step: starts the branches that wait for it at this step (or fails them when it
  // stopped before).
  void startBranches(Run& parent);
  void branchFrom(Run& child, const Run& parent);
  void checkBranchSteps(const ArmConfig& arm, const std::string& path) const;
  void checkStop(const ArmConfig& arm, const std::string& path) const;
  void stopBeforeStart(Run& run);
  // stopArm (undoable: resumeArm can take it back) and finishEarly, per arm: its runs end at one
  // step, recorded as the arm's "stop_at".
  void endArm(int arm, bool undoable);
  void bringTo(Run& run, std::int64_t step);
  // The most samples seen by a run that did not fail: where an added or resumed run catches up to.
  std::int64_t leadSamples() const;
  // Puts branches that failed because `parent` ended before their step back to waiting.
  void reviveBranches(const Run& parent);
  // A stopped or removed run coming back: it catches up to `lead` samples; a branch that had not
  // started and whose parent went past its step `meanwhile` never can, and fails.
  void rejoin(Run& run, std::int64_t lead, const std::string& meanwhile);
  bool behind(const Run& run) const;  // added or brought back, and still catching up

  ExperimentConfig config_;
  int threadsWanted_;
  ThreadPriority priority_;
  std::unique_ptr<ThreadPool> pool_;
  MemoryBudget budget_ = defaultMemoryBudget();
  ImageLoadProgress loadProgress_;
  LoadedData data_;
  std::vector<std::unique_ptr<Run>> runs_;
  struct RemovedArm;
  std::vector<RemovedArm> removed_;  // removeArm's, the last at the back (restoreArm)
  double baseLearningRate_ = 0;  // see learningRate()
  int learningRateEvents_ = 0;   // changes made so far (the last event number)
};

}  // namespace normlab
