#include "core/experiment/experiment.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>

#include "core/base/error.h"
#include "core/files/experiment_file.h"
#include "core/files/json_input.h"
#include "core/layers/normalization.h"
#include "core/base/random.h"

#include <nlohmann/json.hpp>

namespace normlab {

namespace {

using Clock = std::chrono::steady_clock;

// The arm's override, else the model's first dropout layer, else 0.
double dropoutRate(const ModelSpec& model, const TrainSettings& train) {
  if (train.dropout) return *train.dropout;
  for (const LayerSpec& l : model.layers)
    if (l.type == LayerType::Dropout) return l.p;
  return 0;
}

// The explainer's block: 4 samples x 4 channels x 6 x 6 (readable as one drawing).
constexpr int kBlockSamples = 4, kBlockChannels = 4, kBlockPixels = 6;

bool hasBatchNorm(const std::vector<NormPlacement>& norms) {
  for (const auto& n : norms)
    if (n.kind == NormKind::Batch) return true;
  return false;
}

}  // namespace

struct Experiment::Run {
  Run(const ExperimentConfig& config, const LoadedData& data, int armIndex, int seedIndex)
      : arm(config.arms[std::size_t(armIndex)]),
        settings(arm.armSettings(config.seeds[std::size_t(seedIndex)])),
        model(buildModel<float>(config.model, settings, std::max(arm.train.batchSize, kMinEvalBatch))),
        optimizer(arm.train.optimizer, model.network.params()),
        loss(makeLoss<float>(LossKind::CrossEntropy)),
        stream(data.dataset.train.size(), settings.seed),
        // An arm with its own "input_norm" fits its own transform on the same training split.
        transform(arm.inputNorm ? fitInputTransform(data.dataset.train, *arm.inputNorm) : data.transform) {
    const int batch = arm.train.batchSize;
    evalBatch = std::max(batch, kMinEvalBatch);
    record.arm = armIndex;
    record.seedIndex = seedIndex;
    record.label = arm.label;
    record.seed = settings.seed;
    record.batchSize = batch;
    record.dropout = dropoutRate(config.model, arm.train);
    record.lr = arm.train.optimizer.lr;
    record.norms = model.norms;
    record.modelLayers = summarizeModel(model, config.model.name, arm.label).rows;
    const int trainSize = data.dataset.train.size();
    const std::int64_t perEpoch = config.data.dropLast ? trainSize / batch : (trainSize + batch - 1) / batch;
    record.totalSteps = arm.train.steps > 0 ? arm.train.steps : std::int64_t(arm.train.epochs) * perEpoch;
    if (record.totalSteps < 1)
      throw NormLabError("arm '" + arm.label + "': batch size " + std::to_string(batch) +
                         " leaves no training step with " + std::to_string(trainSize) + " training images");
    inputShape = config.model.input;
    x.resize(std::size_t(evalBatch) * inputShape.size());
    labels.resize(std::size_t(evalBatch));
    indices.resize(std::size_t(evalBatch));
    evalIndices.resize(std::size_t(evalBatch));
    batchNorm = hasBatchNorm(model.norms);
    // The explainer's block: what the first norm position sees (-1: the input itself).
    if (!model.norms.empty())
      for (std::size_t i = 0; i < model.network.size(); ++i)
        if (model.network.layer(i).name() == model.norms.front().follows) blockLayer = int(i);
    for (auto* b : model.network.buffers()) savedBuffers.insert(savedBuffers.end(), b->value.begin(), b->value.end());
    augment.key = streamKey(settings.seed, Purpose::Augment);
    augment.padding = config.data.augmentPadding;
    augment.flip = config.data.augmentFlip;
  }

  Tensor<float> input(int n) { return {x.data(), n, inputShape}; }

  ArmConfig arm;
  ArmSettings settings;
  BuiltModel<float> model;
  Optimizer<float> optimizer;
  std::unique_ptr<Loss<float>> loss;
  SampleStream stream;
  InputTransform transform;
  RunRecord record;  // scalars only; histories below
  BoundedHistory<MetricPoint> metrics{kMetricHistory};
  BoundedHistory<std::shared_ptr<const ProbeRecord>> probes{kProbeHistory};
  Shape inputShape;
  int evalBatch = 0;
  AlignedVector<float> x;
  std::vector<int> labels, indices, evalIndices;  // training batch / evaluation chunks
  bool batchNorm = false;
  int blockLayer = -1;  // network layer whose output feeds the first norm position
  AlignedVector<float> savedBuffers;
  Augmentation augment;
  ProbeScratch scratch;
  std::int64_t failAtStep = 0;  // injectFailureAt (tests); 0: never
  bool failWithBadAlloc = false;
  // Accumulated since the last point of the metric history (an end point leaves them as they are).
  double lossSum = 0;
  std::int64_t correct = 0, samples = 0, steps = 0;
  // The end-of-run point (finishRun), shown after the history but not part of it, and the
  // record's final values before it set them: what a continued run starts from.
  std::optional<MetricPoint> endPoint;
  double finalTrainLossBefore = kNotMeasured, finalTestLossBefore = kNotMeasured, finalTestAccuracyBefore = kNotMeasured;
  // A branch's run: the same seed's run of the parent arm (runs_ owns both).
  Run* parent = nullptr;
  // The base rate as this run has seen it (the config's, then each "events" entry without "arm").
  double runBase = 0;
  std::vector<char> eventApplied;  // per config event: this run has applied it
  std::int64_t catchUpTo = 0;      // an added arm's run: samples seen of the others when it was added
  bool stopped = false;            // ended by stopArm (resumeArm takes it back)
};

// A removed arm as it was, for restoreArm: its place in "arms", its entry, its events with their
// places in "events" (ascending) and its runs (seed order).
struct Experiment::RemovedArm {
  std::size_t index = 0;
  ArmConfig arm;
  std::vector<std::pair<std::size_t, LearningRateEvent>> events;
  std::vector<std::unique_ptr<Run>> runs;
};

Experiment::Experiment(ExperimentConfig config, int threads, ThreadPriority priority)
    : config_(std::move(config)), threadsWanted_(threads), priority_(priority),
      baseLearningRate_(config_.train.optimizer.lr) {}

Experiment::~Experiment() = default;

int Experiment::threads() const { return pool_ ? pool_->threads() : threadsWanted_; }

void Experiment::prepare() {
  runs_.clear();
  removed_.clear();
  const std::optional<DatasetSize> expected = expectedDatasetSize(config_.data);
  checkMemoryBudget(estimateMemory(config_, expected), budget_);
  try {
    data_ = loadData(config_.data, config_.dataSeed(), loadProgress_);
  } catch (const std::bad_alloc&) {
    throwOutOfMemory("loading the dataset " + config_.data.name,
                     expected ? expected->images * std::uint64_t(expected->shape.size()) : 0);
  }
  const MemoryEstimate estimate = estimateMemory(config_, loadedDatasetSize(data_));
  checkMemoryBudget(estimate, budget_);
  const Dataset& d = data_.dataset;
  const ModelSpec& spec = config_.model;
  if (d.train.shape.size() != spec.input.size())
    throw NormLabError("images of the wrong size for the model: dataset '" + d.name + "' has " + d.train.shape.str() +
                       " images, model '" + spec.name + "' expects " + spec.input.str());
  if (d.classes > spec.classes)
    throw NormLabError("dataset '" + d.name + "' has " + std::to_string(d.classes) + " classes but model '" + spec.name +
                       "' has only " + std::to_string(spec.classes) + " outputs");
  if (!pool_) pool_ = std::make_unique<ThreadPool>(threadsWanted_, priority_);
  for (const ArmConfig& arm : config_.arms)
    try {
      validateLastBatch(spec, arm.armSettings(config_.seeds.front()), arm.train.batchSize, d.train.size(), config_.data.dropLast);
    } catch (const NormLabError& e) {
      throw NormLabError("arm '" + arm.label + "': " + e.what());
    }
  for (int s = 0; s < int(config_.seeds.size()); ++s)
    for (int a = 0; a < int(config_.arms.size()); ++a) {
      try {
        runs_.push_back(std::make_unique<Run>(config_, data_, a, s));
      } catch (const std::bad_alloc&) {
        runs_.clear();
        const std::string run = "run '" + config_.arms[std::size_t(a)].label + "' seed " + std::to_string(config_.seeds[std::size_t(s)]);
        std::uint64_t bytes = 0;
        for (const MemoryTerm& t : estimate.terms)
          if (t.what.starts_with(run + ":")) bytes += t.bytes;
        throwOutOfMemory("building " + run, bytes);
      }
    }
  for (std::size_t a = 0; a < config_.arms.size(); ++a) {
    if (config_.arms[a].isBranch()) checkBranchSteps(config_.arms[a], "arms[" + std::to_string(a) + "]");
    checkStop(config_.arms[a], "arms[" + std::to_string(a) + "]");
  }
  // A change made from here on gets the next number after the config's events.
  learningRateEvents_ = 0;
  for (const LearningRateEvent& e : config_.events) learningRateEvents_ = std::max(learningRateEvents_, e.change);
  const std::size_t arms = config_.arms.size();
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    Run& run = *runs_[i];
    run.runBase = config_.train.optimizer.lr;
    if (run.arm.isBranch()) run.parent = runs_[i - i % arms + std::size_t(run.arm.parent)].get();
    stopBeforeStart(run);
  }
}

// "stop_at" must come before the arm's last step (known once the data is).
void Experiment::checkStop(const ArmConfig& arm, const std::string& path) const {
  const std::int64_t steps = armSteps(config_, arm, data_.dataset.train.size());
  if (arm.stopAt >= steps)
    throw NormLabError("\"" + path + ".stop_at\" is " + std::to_string(arm.stopAt) + ", but the arm trains only " +
                       std::to_string(steps) + " steps: a stop comes before the arm's last step");
}

// A run stopped before it trained: at step 0, or a branch stopped below its step (it never
// starts). Both end without a row, as stopArm and finishEarly left them.
void Experiment::stopBeforeStart(Run& run) {
  const std::int64_t at = run.arm.stopAt;
  if (at >= 0 && run.record.step == 0 && (at == 0 || (run.arm.isBranch() && at < run.arm.atStep))) finishRun(run);
}

// The branch must start before its parent's last step and its own (known once the data is).
void Experiment::checkBranchSteps(const ArmConfig& arm, const std::string& path) const {
  const int images = data_.dataset.train.size();
  const std::int64_t parentSteps = armSteps(config_, config_.arms[std::size_t(arm.parent)], images), mine = armSteps(config_, arm, images);
  if (arm.atStep >= parentSteps)
    throw NormLabError("\"" + path + ".at_step\" is " + std::to_string(arm.atStep) + ", beyond the " + std::to_string(parentSteps) +
                       " steps of \"" + arm.branchFrom + "\": a branch starts before its parent's last step");
  if (arm.atStep >= mine)
    throw NormLabError("\"" + path + ".at_step\" is " + std::to_string(arm.atStep) + ", but the branch itself trains only " +
                       std::to_string(mine) + " steps");
}

bool Experiment::waiting(const Run& run) const {
  return run.parent && !run.record.finished && run.record.step < run.arm.atStep;
}

bool Experiment::finished() const {
  for (const auto& r : runs_)
    if (!r->record.finished) return false;
  return true;
}

bool Experiment::advance() {
  Run* next = nullptr;
  for (auto& r : runs_)
    if (!r->record.finished && !waiting(*r) && (!next || r->record.samplesSeen < next->record.samplesSeen)) next = r.get();
  if (!next) return false;
  stepOrFail(*next);
  return true;
}

void Experiment::stepAll() {
  // The runs as they stand: a branch started by its parent's step here waits for the next Step.
  std::vector<Run*> due;
  for (auto& r : runs_)
    if (!r->record.finished && !waiting(*r)) due.push_back(r.get());
  for (Run* r : due) stepOrFail(*r);
}

void Experiment::injectFailureAt(int run, std::int64_t step, bool outOfMemory) {
  Run& r = *runs_.at(std::size_t(run));
  r.failAtStep = step;
  r.failWithBadAlloc = outOfMemory;
}

// The run's state after a throw is unknown: it is not trained, probed or evaluated again, and its
// record keeps what was measured before the failing step.
void Experiment::stepOrFail(Run& run) {
  const std::int64_t step = run.record.step + 1;  // (trainOneStep may have counted it when it threw)
  try {
    if (step == run.failAtStep) {
      if (run.failWithBadAlloc) throw std::bad_alloc();
      throw std::runtime_error("injected failure");
    }
    trainOneStep(run);
  } catch (const std::bad_alloc&) {
    markFailed(run, step, "out of memory (std::bad_alloc)");
  } catch (const std::exception& e) {
    markFailed(run, step, e.what());
  }
  startBranches(run);
}

void Experiment::startBranches(Run& parent) {
  for (auto& r : runs_) {
    Run& child = *r;
    if (child.parent != &parent || !waiting(child)) continue;
    const RunRecord& p = parent.record;
    if (p.diverged || p.failed || (p.finished && p.step < child.arm.atStep)) {
      markFailed(child, child.arm.atStep + 1,
                 "its parent '" + parent.arm.label + "' " +
                     (p.diverged ? "diverged at step " + std::to_string(p.divergedAtStep)
                                 : p.failed ? "failed (" + p.failure + ")" : "ended at step " + std::to_string(p.step)) +
                     ", before the branch step " + std::to_string(child.arm.atStep));
      startBranches(child);  // and its own branches with it
      continue;
    }
    if (p.step == child.arm.atStep) {
      try {
        branchFrom(child, parent);
        if (child.arm.stopAt == child.record.step) finishRun(child);  // stopped before a step of its own
      } catch (const std::bad_alloc&) {
        markFailed(child, child.arm.atStep + 1, "out of memory (std::bad_alloc) copying its parent's state");
      } catch (const std::exception& e) {
        markFailed(child, child.arm.atStep + 1, e.what());
      }
      startBranches(child);  // a branch of the branch at the same step (parseArm refuses it; kept safe)
    }
  }
}

void Experiment::markFailed(Run& run, std::int64_t step, const std::string& what) {
  RunRecord& rec = run.record;
  rec.failed = true;
  rec.failure = "step " + std::to_string(step) + ": " + what;
  // Bounded, so that the saved file reads back (its texts are at most kMaxTextBytes long).
  if (rec.failure.size() > kMaxTextBytes) rec.failure.resize(kMaxTextBytes);
  rec.finished = true;
  rec.imagesPerSecond = rec.trainSeconds > 0 ? double(rec.samplesSeen) / rec.trainSeconds : 0;
}

void Experiment::trainOneStep(Run& run) {
  applyEvents(run);
  RunRecord& rec = run.record;
  const TrainSettings& train = run.arm.train;
  const int n = run.stream.next(train.batchSize, config_.data.dropLast, run.indices.data());
  Tensor<float> x = run.input(n);
  fillBatch(data_.dataset.train, run.indices.data(), n, run.transform, x, run.labels.data(),
            config_.data.augment ? &run.augment : nullptr, run.stream.lastBatchPosition());
  x.shape = run.inputShape;  // a flat model reads the same C x H x W values
  const std::int64_t step = rec.step + 1;  // 1-based: the step being taken
  const bool probeNow = step == 1 || step % config_.probeEvery == 0;
  const StepContext ctx{pool_.get(), run.settings.seed, step};

  const auto t0 = Clock::now();
  const StepResult result = trainStep(run.model.network, *run.loss, run.optimizer, x, run.labels.data(), ctx, probeNow);
  rec.trainSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
  rec.step = step;
  rec.samplesSeen += n;
  rec.epoch = double(rec.samplesSeen) / double(data_.dataset.train.size());
  run.lossSum += result.loss;
  run.correct += result.correct;
  run.samples += n;
  ++run.steps;

  if (!std::isfinite(result.loss)) {
    rec.diverged = true;
    rec.divergedAtStep = step;
    rec.finished = true;
    logPoint(run, false);
    rec.finalTrainLoss = result.loss;
    rec.imagesPerSecond = rec.trainSeconds > 0 ? double(rec.samplesSeen) / rec.trainSeconds : 0;
    return;
  }
  if (probeNow) {
    auto record = std::make_shared<ProbeRecord>(
        probeNetwork(run.model.network, run.optimizer, config_.histogramBins, run.scratch, pool_.get()));
    record->step = step;
    record->samplesSeen = rec.samplesSeen;
    if (!run.model.norms.empty()) {
      Tensor<float> seen = run.blockLayer >= 0 ? run.model.network.output(std::size_t(run.blockLayer)) : x;
      captureBlock(seen, run.blockLayer >= 0 ? run.model.network.layer(std::size_t(run.blockLayer)).name() : "input",
                   kBlockSamples, kBlockChannels, kBlockPixels, *record);
    }
    if (run.batchNorm) measureTrainVersusEval(run, *record);
    run.probes.add(std::move(record));
  }
  const bool last = step >= rec.totalSteps;
  const bool evalNow = step % train.evalEvery == 0;
  if (last) finishRun(run);
  else if (probeNow || evalNow) logPoint(run, evalNow);
  // A recorded stop ("stop_at"): the step as a stopped run took it, then its end, as stopArm gave it.
  if (step == run.arm.stopAt) finishRun(run);
}

void Experiment::evaluateTest(Run& run, double& loss, double& accuracy) {
  const ImageSet& test = data_.dataset.test;
  double lossSum = 0;
  std::int64_t correct = 0;
  const StepContext ctx{pool_.get(), run.settings.seed, 0};
  for (int start = 0; start < test.size(); start += run.evalBatch) {
    const int n = std::min(run.evalBatch, test.size() - start);
    for (int i = 0; i < n; ++i) run.evalIndices[std::size_t(i)] = start + i;
    Tensor<float> x = run.input(n);
    fillBatch(test, run.evalIndices.data(), n, run.transform, x, run.labels.data());
    x.shape = run.inputShape;
    const StepResult r = evaluateBatch(run.model.network, *run.loss, x, run.labels.data(), Mode::Eval, ctx);
    lossSum += r.loss * n;
    correct += r.correct;
  }
  loss = lossSum / test.size();
  accuracy = double(correct) / test.size();
}

// Accuracy on one fixed held-out batch (the first test images) in eval mode (running statistics)
// and in train mode (statistics of mini-batches of the arm's own batch size). Train-mode passes
// would move the running statistics, so they are saved and restored.
void Experiment::measureTrainVersusEval(Run& run, ProbeRecord& record) {
  const ImageSet& test = data_.dataset.test;
  const int held = std::min(run.evalBatch, test.size());
  const int batch = run.arm.train.batchSize;
  Network<float>& net = run.model.network;
  std::size_t k = 0;
  for (auto* b : net.buffers()) {
    std::copy(b->value.begin(), b->value.end(), run.savedBuffers.begin() + std::ptrdiff_t(k));
    k += b->value.size();
  }
  const StepContext ctx{pool_.get(), run.settings.seed, record.step};
  auto accuracyOf = [&](Mode mode, int chunk) {
    std::int64_t correct = 0, seen = 0;
    for (int start = 0; start + chunk <= held; start += chunk) {
      for (int i = 0; i < chunk; ++i) run.evalIndices[std::size_t(i)] = start + i;
      Tensor<float> x = run.input(chunk);
      fillBatch(test, run.evalIndices.data(), chunk, run.transform, x, run.labels.data());
      x.shape = run.inputShape;
      correct += evaluateBatch(net, *run.loss, x, run.labels.data(), mode, ctx).correct;
      seen += chunk;
    }
    return seen ? double(correct) / double(seen) : kNotMeasured;
  };
  record.evalModeAccuracy = accuracyOf(Mode::Eval, held);
  record.trainModeAccuracy = accuracyOf(Mode::Train, std::min(batch, held));
  k = 0;
  for (auto* b : net.buffers()) {
    std::copy_n(run.savedBuffers.begin() + std::ptrdiff_t(k), b->value.size(), b->value.begin());
    k += b->value.size();
  }
}

int Experiment::recomputePopulationStatistics(int images) {
  int updated = 0;
  const ImageSet& train = data_.dataset.train;
  for (auto& r : runs_) {
    Run& run = *r;
    if (!run.batchNorm || run.record.diverged || run.record.failed || run.record.step == 0) continue;
    Network<float>& net = run.model.network;
    std::vector<Normalization<float>*> norms;
    for (std::size_t i = 0; i < net.size(); ++i)
      if (auto* n = dynamic_cast<Normalization<float>*>(&net.layer(i)); n && n->config().kind == NormKind::Batch)
        norms.push_back(n);
    PopulationUpdate update;
    update.step = run.record.step;
    double loss = 0;
    evaluateTest(run, loss, update.testAccuracyBefore);
    for (auto* n : norms) n->startPopulationEstimate();
    const int batch = run.arm.train.batchSize;
    const StepContext ctx{pool_.get(), run.settings.seed, run.record.step};
    // Whole batches only: batch norm on a batch of one value per channel is undefined.
    for (int start = 0; start + batch <= std::min(images, train.size()); start += batch) {
      for (int i = 0; i < batch; ++i) run.evalIndices[std::size_t(i)] = start + i;
      Tensor<float> x = run.input(batch);
      fillBatch(train, run.evalIndices.data(), batch, data_.transform, x, run.labels.data());
      x.shape = run.inputShape;
      evaluateBatch(net, *run.loss, x, run.labels.data(), Mode::Train, ctx);
      update.images += batch;
    }
    for (auto* n : norms) n->finishPopulationEstimate();
    evaluateTest(run, loss, update.testAccuracyAfter);
    run.record.finalTestAccuracy = update.testAccuracyAfter;
    run.record.finalTestLoss = loss;
    run.record.populationUpdates.push_back(update);
    ++updated;
  }
  return updated;
}

MetricPoint Experiment::pointNow(Run& run, bool withTest) {
  MetricPoint p;
  p.step = run.record.step;
  p.samplesSeen = run.record.samplesSeen;
  p.epoch = run.record.epoch;
  if (run.steps > 0) {
    p.trainLoss = run.lossSum / double(run.steps);
    p.trainAccuracy = run.samples ? double(run.correct) / double(run.samples) : kNotMeasured;
  }
  if (withTest) evaluateTest(run, p.testLoss, p.testAccuracy);
  p.wallSeconds = run.record.trainSeconds;
  return p;
}

void Experiment::addPoint(Run& run, const MetricPoint& p, bool withTest) {
  run.metrics.add(p);
  run.lossSum = 0;
  run.correct = run.samples = run.steps = 0;
  if (std::isfinite(p.trainLoss)) run.record.finalTrainLoss = p.trainLoss;
  if (withTest) {
    run.record.finalTestLoss = p.testLoss;
    run.record.finalTestAccuracy = p.testAccuracy;
  }
}

void Experiment::logPoint(Run& run, bool withTest) { addPoint(run, pointNow(run, withTest), withTest); }

void Experiment::finishRun(Run& run) {
  if (run.record.finished) return;
  if (run.record.step > 0) {
    RunRecord& rec = run.record;
    run.finalTrainLossBefore = rec.finalTrainLoss;
    run.finalTestLossBefore = rec.finalTestLoss;
    run.finalTestAccuracyBefore = rec.finalTestAccuracy;
    const MetricPoint p = pointNow(run, true);
    run.endPoint = p;
    if (std::isfinite(p.trainLoss)) rec.finalTrainLoss = p.trainLoss;
    rec.finalTestLoss = p.testLoss;
    rec.finalTestAccuracy = p.testAccuracy;
  }
  run.record.finished = true;
  run.record.imagesPerSecond = run.record.trainSeconds > 0 ? double(run.record.samplesSeen) / run.record.trainSeconds : 0;
}

// Every arm ends as stopArm ends one (and is recorded the same way, so that the saved config
// replays the stop), branches before their parents: a branch that has not started stays
// unstarted (it would fail if its parent ended first). Not undoable.
void Experiment::finishEarly() {
  for (int a = int(config_.arms.size()) - 1; a >= 0; --a) endArm(a, false);
  for (auto& r : runs_) finishRun(*r);
}

void Experiment::setLearningRate(double lr) {
  if (!(lr > 0) || !std::isfinite(lr)) throw NormLabError("learning rate must be a positive number, got " + std::to_string(lr));
  const double factor = lr / baseLearningRate_;
  if (factor == 1) return;
  // Per arm: its furthest run still training (runs behind it are at most one step behind, and
  // take the change when they reach that step). A diverged, failed or ended run trains no more:
  // it keeps its rate (and a saved state that continues goes on with it), and records nothing;
  // a branch that has not started yet takes its parent's rate when it does.
  struct Change {
    std::int64_t step = -1;
    double rate = 0;
  };
  std::vector<Change> changes(config_.arms.size());
  for (const auto& r : runs_) {
    if (r->record.finished || waiting(*r)) continue;
    Change& c = changes[std::size_t(r->record.arm)];
    if (r->record.step <= c.step) continue;
    const double before = r->optimizer.config().lr;
    // An arm that follows the base gets exactly the rate typed, not before * factor rounded.
    c = {r->record.step, r->arm.isOverridden("lr") ? before * factor : lr};
    // Checked for every arm first: a rate that cannot be applied to all changes none.
    if (!(c.rate > 0 && std::isfinite(c.rate)))
      throw NormLabError("learning rate " + std::to_string(lr) + " would make the rate of arm '" + r->arm.label + "' " +
                         std::to_string(c.rate) + "; it must be a positive number");
  }
  if (config_.events.size() + config_.arms.size() > kMaxEvents)
    throw NormLabError("the experiment already holds " + std::to_string(config_.events.size()) + " learning-rate events (at most " +
                       std::to_string(kMaxEvents) + ")");
  const int change = ++learningRateEvents_;
  // Every arm training at one step (one batch size, lockstep: runs are at most a step apart), and
  // every run following the base as it stands: one event for all, which an arm added later takes
  // at that step as it catches up, like an arm present from the start. Else one per arm.
  std::int64_t common = -1;
  for (const Change& c : changes) common = std::max(common, c.step);
  bool forAll = std::all_of(changes.begin(), changes.end(), [&](const Change& c) { return c.step >= 0 && c.step >= common - 1; });
  for (const auto& r : runs_) forAll = forAll && r->runBase == baseLearningRate_;
  if (forAll) config_.events.push_back({common, lr, "", change});
  for (std::size_t a = 0; a < changes.size() && !forAll; ++a)
    if (changes[a].step >= 0) config_.events.push_back({changes[a].step, changes[a].rate, config_.arms[a].label, change});
  for (auto& r : runs_)
    if (!r->record.finished && !waiting(*r)) applyEvents(*r);  // those at the change's step
  baseLearningRate_ = lr;
}

void Experiment::applyEvents(Run& run) {
  run.eventApplied.resize(config_.events.size(), 0);
  for (std::size_t e = 0; e < config_.events.size(); ++e)
    if (!run.eventApplied[e] && config_.events[e].atStep == run.record.step) applyEvent(run, e);
}

void Experiment::applyEvent(Run& run, std::size_t index) {
  const LearningRateEvent& e = config_.events[index];
  run.eventApplied[index] = 1;
  if (!e.arm.empty() && e.arm != run.arm.label) return;
  const double before = run.optimizer.config().lr;
  double now = e.lr;
  if (e.arm.empty()) {
    // The base rate: an arm with a rate of its own keeps its ratio to it.
    if (run.arm.isOverridden("lr")) now = before * (e.lr / run.runBase);
    run.runBase = e.lr;
    if (!behind(run)) baseLearningRate_ = e.lr;  // (a run catching up takes past events)
  }
  if (!(now > 0) || !std::isfinite(now)) return;  // (a base rate of a huge ratio; the run keeps its rate)
  run.optimizer.setLearningRate(now);
  RunRecord& rec = run.record;
  rec.learningRateChanges.push_back({e.change, rec.step, rec.samplesSeen, rec.epoch, now, now / before});
}

RunRecord Experiment::record(int i, bool withState) const {
  const Run& run = *runs_[std::size_t(i)];
  RunRecord r = run.record;
  r.metrics = run.metrics.points();
  if (run.endPoint) r.metrics.push_back(*run.endPoint);
  r.probes = run.probes.points();
  if (!r.finished && r.trainSeconds > 0) r.imagesPerSecond = double(r.samplesSeen) / r.trainSeconds;
  r.catchingUp = behind(run);
  if (withState && !r.diverged && !r.failed) r.state = std::make_shared<const TrainingState>(trainingState(run));
  return r;
}

namespace {

std::vector<SavedTensor> saveTensors(Network<float>& net, bool buffers) {
  std::vector<SavedTensor> out;
  for (std::size_t i = 0; i < net.size(); ++i) {
    Layer<float>& layer = net.layer(i);
    for (Param<float>* p : buffers ? layer.buffers() : layer.params())
      out.push_back({layer.name() + "." + p->name, p->dims, {p->value.begin(), p->value.end()}});
  }
  return out;
}

std::string dimsText(const std::vector<int>& dims) {
  std::string s;
  for (int d : dims) s += (s.empty() ? "" : " x ") + std::to_string(d);
  return s.empty() ? "a scalar" : s;
}

// Copies saved tensors into the network's, after checking that every name, shape and size fits.
void restoreTensors(Network<float>& net, bool buffers, const std::vector<SavedTensor>& saved, const std::string& path) {
  std::vector<std::pair<std::string, Param<float>*>> mine;
  for (std::size_t i = 0; i < net.size(); ++i) {
    Layer<float>& layer = net.layer(i);
    for (Param<float>* p : buffers ? layer.buffers() : layer.params()) mine.emplace_back(layer.name() + "." + p->name, p);
  }
  if (saved.size() != mine.size())
    throw NormLabError(path + " lists " + std::to_string(saved.size()) + " tensors, the model built from the config has " +
                       std::to_string(mine.size()));
  for (std::size_t k = 0; k < mine.size(); ++k) {
    const SavedTensor& t = saved[k];
    const Param<float>& p = *mine[k].second;
    const std::string where = path + "[" + std::to_string(k) + "]";
    if (t.name != mine[k].first || t.dims != p.dims || t.values.size() != p.size())
      throw NormLabError(where + " is " + shortText(t.name) + " of " + dimsText(t.dims) + " (" + std::to_string(t.values.size()) +
                         " values), the model's is \"" + mine[k].first + "\" of " + dimsText(p.dims));
  }
  for (std::size_t k = 0; k < mine.size(); ++k) std::copy(saved[k].values.begin(), saved[k].values.end(), mine[k].second->value.begin());
}

// A branch's buffers: each of the parent's that the branch's network has too (same name and
// shape); the others keep their initial values (batch norm's running statistics start at 0 and 1
// where a branch switches to it).
void copyMatchingBuffers(Network<float>& net, const std::vector<SavedTensor>& saved) {
  for (std::size_t i = 0; i < net.size(); ++i) {
    Layer<float>& layer = net.layer(i);
    for (Param<float>* p : layer.buffers()) {
      const std::string name = layer.name() + "." + p->name;
      for (const SavedTensor& t : saved)
        if (t.name == name && t.dims == p->dims && t.values.size() == p->size()) std::copy(t.values.begin(), t.values.end(), p->value.begin());
    }
  }
}

}  // namespace

// The child starts as its parent stands after step atStep: weights (the shapes agree:
// parseArm checks it), the buffers they share, the optimizer state where the rule and its
// buffers agree (else a fresh one from here, as a new torch.optim would be), the sample stream,
// the totals since the last metric point and the clock. Its histories start empty: its rows
// start after the branch step.
void Experiment::branchFrom(Run& child, const Run& parent) {
  const TrainingState st = trainingState(parent);
  const std::string path = "branch '" + child.arm.label + "' from '" + parent.arm.label + "'";
  restoreTensors(child.model.network, false, st.params, path + ": params");
  copyMatchingBuffers(child.model.network, st.buffers);
  const OptimizerConfig& mine = child.arm.train.optimizer;
  if (mine.kind == parent.arm.train.optimizer.kind) {
    try {
      child.optimizer.restore(st.optimizer);
    } catch (const NormLabError&) {
      // Momentum switched on or off: the buffers differ; the rule starts afresh.
    }
  }
  const bool ownRate = std::find(child.arm.branchKeys.begin(), child.arm.branchKeys.end(), "lr") != child.arm.branchKeys.end();
  child.optimizer.setLearningRate(ownRate ? mine.lr : st.optimizer.lr);
  child.stream.seek(st.stream);
  std::copy(parent.indices.begin(), parent.indices.end(), child.indices.begin());
  child.lossSum = st.lossSum;
  child.correct = st.correct;
  child.samples = st.samples;
  child.steps = st.steps;
  child.runBase = parent.runBase;
  child.eventApplied = parent.eventApplied;  // events at this step the parent took already
  RunRecord& rec = child.record;
  const RunRecord& from = parent.record;
  rec.step = from.step;
  rec.samplesSeen = from.samplesSeen;
  rec.epoch = from.epoch;
  rec.trainSeconds = from.trainSeconds;
  rec.finalTrainLoss = st.finalTrainLoss;
  rec.finalTestLoss = st.finalTestLoss;
  rec.finalTestAccuracy = st.finalTestAccuracy;
  child.metrics.clear();
  child.probes.clear();
}

int Experiment::addArm(const nlohmann::json& armJson) {
  if (!prepared()) throw NormLabError("an arm can be added to a prepared experiment only");
  const std::size_t index = config_.arms.size();
  const std::string path = "arms[" + std::to_string(index) + "]";
  if ((index + 1) * config_.seeds.size() > kMaxRuns)
    throw NormLabError("another arm would make " + std::to_string((index + 1) * config_.seeds.size()) + " runs (at most " +
                       std::to_string(kMaxRuns) + ")");
  ArmConfig arm = parseArm(config_, armJson, path, true);
  const std::size_t arms = index, seeds = config_.seeds.size();
  if (arm.isBranch()) {
    // Its parent's furthest run still training: a branch starts there, or later.
    std::int64_t now = -1;
    for (std::size_t s = 0; s < seeds; ++s) {
      const Run& p = *runs_[s * arms + std::size_t(arm.parent)];
      if (!p.record.finished && !waiting(p)) now = std::max(now, p.record.step);
    }
    if (now < 0) throw NormLabError("\"" + path + ".branch_from\": \"" + arm.branchFrom + "\" is not training (ended, or not started yet): there is no step to branch at");
    if (arm.atStep == 0) arm.atStep = now;
    if (arm.atStep < now)
      throw NormLabError("\"" + path + ".at_step\" is " + std::to_string(arm.atStep) + ", but \"" + arm.branchFrom +
                         "\" is at step " + std::to_string(now) + " already: branch at its current step or later");
    if (arm.atStep == 0)
      throw NormLabError("\"" + path + ".branch_from\": \"" + arm.branchFrom + "\" has not taken a step yet: add an ordinary arm instead");
  }
  const ExperimentConfig before = config_;
  config_.arms.push_back(arm);
  try {
    if (arm.isBranch()) checkBranchSteps(config_.arms.back(), path);
    checkStop(config_.arms.back(), path);
    validateLastBatch(config_.model, arm.armSettings(config_.seeds.front()), arm.train.batchSize, data_.dataset.train.size(),
                      config_.data.dropLast);
    checkMemoryBudget(estimateMemory(config_, loadedDatasetSize(data_)), budget_);
  } catch (const NormLabError& e) {
    config_ = before;
    throw NormLabError(path + " (" + arm.label + "): " + e.what());
  }
  std::vector<std::unique_ptr<Run>> added;
  try {
    for (std::size_t s = 0; s < seeds; ++s) added.push_back(std::make_unique<Run>(config_, data_, int(index), int(s)));
  } catch (const std::bad_alloc&) {
    config_ = before;
    throwOutOfMemory("building the runs of arm '" + arm.label + "'", 0);
  } catch (...) {
    config_ = before;
    throw;
  }
  const std::int64_t lead = leadSamples();
  // Seed-major order, as prepare() builds it (resumeFrom and saved files rely on it).
  std::vector<std::unique_ptr<Run>> runs;
  runs.reserve(runs_.size() + seeds);
  for (std::size_t s = 0; s < seeds; ++s) {
    for (std::size_t a = 0; a < arms; ++a) runs.push_back(std::move(runs_[s * arms + a]));
    Run& run = *added[s];
    run.runBase = config_.train.optimizer.lr;
    if (arm.isBranch()) run.parent = runs[s * (arms + 1) + std::size_t(arm.parent)].get();
    else run.catchUpTo = lead;
    runs.push_back(std::move(added[s]));
  }
  runs_ = std::move(runs);
  for (std::size_t s = 0; s < seeds; ++s) stopBeforeStart(*runs_[s * (arms + 1) + index]);
  if (arm.isBranch())
    for (std::size_t s = 0; s < seeds; ++s) startBranches(*runs_[s * (arms + 1) + std::size_t(arm.parent)]);
  return int(index);
}

std::int64_t Experiment::leadSamples() const {
  std::int64_t lead = 0;
  for (const auto& r : runs_)
    if (!r->record.failed) lead = std::max(lead, r->record.samplesSeen);
  return lead;
}

void Experiment::stopArm(int arm) {
  if (arm < 0 || std::size_t(arm) >= config_.arms.size()) throw NormLabError("there is no arm " + std::to_string(arm));
  endArm(arm, true);
}

// Runs steps of its own and, for a branch that waits, of its parent's run until `run` stands at
// `step` (or ends on its way: the last step, divergence, failure, a parent that ended first).
void Experiment::bringTo(Run& run, std::int64_t step) {
  while (!run.record.finished && run.record.step < step) {
    if (!waiting(run)) {
      stepOrFail(run);
      continue;
    }
    if (run.parent->record.finished) return;  // (startBranches failed it already)
    bringTo(*run.parent, run.arm.atStep);     // its step starts the branch (startBranches)
    if (waiting(run)) return;
  }
}

// The stop is recorded as the arm's "stop_at", one step for all its runs, so they must all end
// there: its furthest run's step (runs of one arm are at most one step apart: lockstep interleaves
// them). A run one step behind takes that step first, as it would have next. Stepping runs is
// independent of order (every random stream is keyed by seed, step and layer), so the rows equal
// those of a run that trains to that step and stops. A stop at a run's last step ends it as
// planned and is not recorded.
void Experiment::endArm(int arm, bool undoable) {
  std::int64_t at = 0;
  for (auto& r : runs_)
    if (r->record.arm == arm && !r->record.diverged && !r->record.failed && !waiting(*r)) at = std::max(at, r->record.step);
  bool stoppedAny = false;
  for (auto& r : runs_)
    if (r->record.arm == arm) bringTo(*r, at);
  for (auto& r : runs_)
    if (r->record.arm == arm) {
      stoppedAny = stoppedAny || !r->record.finished;
      if (undoable) r->stopped = r->stopped || !r->record.finished;
      finishRun(*r);
      startBranches(*r);  // its branches that had not started cannot start now
    }
  ArmConfig& config = config_.arms[std::size_t(arm)];
  if (!stoppedAny || (config.stopAt >= 0 && config.stopAt <= at)) return;
  config.stopAt = at;
  for (auto& r : runs_)
    if (r->record.arm == arm) r->arm.stopAt = at;
}

// finishRun changed only the record's end point and final values: the run's state is where the
// stop left it, so it simply goes on.
void Experiment::resumeArm(int arm) {
  if (arm < 0 || std::size_t(arm) >= config_.arms.size()) throw NormLabError("there is no arm " + std::to_string(arm));
  const std::int64_t lead = leadSamples();
  // The recorded stop goes with it: the config is again one in which the arm never stopped.
  const bool any = std::any_of(runs_.begin(), runs_.end(), [&](const auto& r) { return r->record.arm == arm && r->stopped; });
  if (any) {
    config_.arms[std::size_t(arm)].stopAt = -1;
    for (auto& r : runs_)
      if (r->record.arm == arm) r->arm.stopAt = -1;
  }
  for (auto& r : runs_) {
    Run& run = *r;
    if (run.record.arm != arm || !run.stopped) continue;
    run.stopped = false;
    RunRecord& rec = run.record;
    if (run.endPoint) {
      run.endPoint.reset();
      rec.finalTrainLoss = run.finalTrainLossBefore;
      rec.finalTestLoss = run.finalTestLossBefore;
      rec.finalTestAccuracy = run.finalTestAccuracyBefore;
    }
    rec.finished = false;
    reviveBranches(run);
    rejoin(run, lead, "stopped");
  }
}

void Experiment::rejoin(Run& run, std::int64_t lead, const std::string& meanwhile) {
  if (waiting(run) && run.parent->record.step > run.arm.atStep)
    markFailed(run, run.arm.atStep + 1,
               "its parent '" + run.parent->arm.label + "' went past the branch step while it was " + meanwhile);
  else if (!run.record.finished)
    run.catchUpTo = lead;
  if (run.parent) startBranches(*run.parent);  // one whose parent stands at its step, or ended before it
}

void Experiment::reviveBranches(const Run& parent) {
  for (auto& r : runs_) {
    Run& child = *r;
    // Failed before its first step of its own: only its parent's end can have failed it.
    if (child.parent != &parent || !child.record.failed || child.record.step >= child.arm.atStep) continue;
    child.record.failed = child.record.finished = false;
    child.record.failure.clear();
    reviveBranches(child);
  }
}

void Experiment::removeArm(int arm) {
  if (arm < 0 || std::size_t(arm) >= config_.arms.size()) throw NormLabError("there is no arm " + std::to_string(arm));
  if (config_.arms.size() == 1) throw NormLabError("the last arm cannot be removed");
  const std::string label = config_.arms[std::size_t(arm)].label;
  for (const ArmConfig& a : config_.arms)
    if (a.isBranch() && a.parent == arm)
      throw NormLabError("arm '" + label + "' cannot be removed: '" + a.label + "' branches from it (remove that first)");
  RemovedArm gone{std::size_t(arm), config_.arms[std::size_t(arm)], {}, {}};
  config_.arms.erase(config_.arms.begin() + arm);
  for (ArmConfig& a : config_.arms)
    if (a.parent > arm) --a.parent;
  // Events naming it go; the others keep their places in every run's list of applied events.
  std::vector<char> keep(config_.events.size(), 1);
  std::vector<LearningRateEvent> events;
  for (std::size_t e = 0; e < config_.events.size(); ++e) {
    keep[e] = config_.events[e].arm != label;
    if (keep[e]) events.push_back(config_.events[e]);
    else gone.events.emplace_back(e, config_.events[e]);
  }
  config_.events = std::move(events);
  std::vector<std::unique_ptr<Run>> runs;
  for (auto& r : runs_) {
    if (r->record.arm == arm) {
      gone.runs.push_back(std::move(r));
      continue;
    }
    if (r->record.arm > arm) --r->record.arm;
    if (r->arm.parent > arm) --r->arm.parent;
    std::vector<char> applied;
    for (std::size_t e = 0; e < keep.size(); ++e)
      if (keep[e]) applied.push_back(e < r->eventApplied.size() ? r->eventApplied[e] : 0);
    r->eventApplied = std::move(applied);
    runs.push_back(std::move(r));
  }
  runs_ = std::move(runs);
  removed_.push_back(std::move(gone));
}

// The reverse of removeArm. Everything removed since was restored first and arms were only
// appended meanwhile, so the arm's index and its events' places are valid again.
int Experiment::restoreArm(const std::string& label) {
  if (removed_.empty() || removed_.back().arm.label != label)
    throw NormLabError("'" + label + "' is not the arm removed last: only that one can be brought back");
  if (armIndex(config_, label) >= 0) {
    removed_.pop_back();
    throw NormLabError("'" + label + "' cannot come back: an arm of that name was added since");
  }
  const std::size_t seeds = config_.seeds.size(), arms = config_.arms.size() + 1, index = removed_.back().index;
  if (arms * seeds > kMaxRuns)
    throw NormLabError("'" + label + "' cannot come back: it would make " + std::to_string(arms * seeds) + " runs (at most " +
                       std::to_string(kMaxRuns) + ")");
  // The config with the arm back, checked against the memory budget as addArm checks a new arm
  // (arms added meanwhile may have used it up): refused, the arm stays removed and may come back
  // later.
  const RemovedArm& last = removed_.back();
  ExperimentConfig back = config_;
  for (ArmConfig& a : back.arms)
    if (a.parent >= int(index)) ++a.parent;
  back.arms.insert(back.arms.begin() + std::ptrdiff_t(index), last.arm);
  for (const auto& [place, event] : last.events) back.events.insert(back.events.begin() + std::ptrdiff_t(place), event);
  try {
    checkMemoryBudget(estimateMemory(back, loadedDatasetSize(data_)), budget_);
  } catch (const NormLabError& e) {
    throw NormLabError("arms[" + std::to_string(index) + "] (" + label + "): " + e.what());
  }
  RemovedArm gone = std::move(removed_.back());
  removed_.pop_back();
  config_ = std::move(back);
  for (const auto& [place, event] : gone.events)
    for (auto& r : runs_) {  // the others ignore events naming another arm: applied already
      r->eventApplied.resize(std::max(r->eventApplied.size(), place));
      r->eventApplied.insert(r->eventApplied.begin() + std::ptrdiff_t(place), 1);
    }
  const std::int64_t lead = leadSamples();
  std::vector<std::unique_ptr<Run>> runs;
  runs.reserve(arms * seeds);
  for (std::size_t s = 0; s < seeds; ++s)
    for (std::size_t a = 0; a < arms; ++a) {
      if (a == index) {
        runs.push_back(std::move(gone.runs[s]));
        continue;
      }
      std::unique_ptr<Run>& r = runs_[s * (arms - 1) + a - (a > index)];
      if (r->record.arm >= int(index)) ++r->record.arm;
      if (r->arm.parent >= int(index)) ++r->arm.parent;
      runs.push_back(std::move(r));
    }
  runs_ = std::move(runs);
  for (std::size_t s = 0; s < seeds; ++s) rejoin(*runs_[s * arms + index], lead, "removed");
  return int(index);
}

bool Experiment::behind(const Run& run) const {
  return !run.record.finished && !waiting(run) && run.record.samplesSeen < run.catchUpTo;
}

bool Experiment::catchingUp() const {
  return std::any_of(runs_.begin(), runs_.end(), [this](const auto& r) { return behind(*r); });
}

bool Experiment::advanceCatchUp() {
  Run* next = nullptr;
  for (auto& r : runs_)
    if (behind(*r) && (!next || r->record.samplesSeen < next->record.samplesSeen))
      next = r.get();
  if (!next) return false;
  stepOrFail(*next);
  return true;
}

TrainingState Experiment::trainingState(const Run& constRun) const {
  Run& run = const_cast<Run&>(constRun);  // params() and buffers() hand out mutable pointers; nothing is changed
  TrainingState s;
  s.params = saveTensors(run.model.network, false);
  s.buffers = saveTensors(run.model.network, true);
  s.optimizer = run.optimizer.state();
  s.stream = run.stream.position();
  s.lossSum = run.lossSum;
  s.correct = run.correct;
  s.samples = run.samples;
  s.steps = run.steps;
  s.metricsAdded = run.metrics.added();
  s.metricsStride = run.metrics.stride();
  s.probesAdded = run.probes.added();
  s.probesStride = run.probes.stride();
  s.endPoint = run.endPoint.has_value();
  if (run.endPoint) {
    s.finalTrainLoss = run.finalTrainLossBefore;
    s.finalTestLoss = run.finalTestLossBefore;
    s.finalTestAccuracy = run.finalTestAccuracyBefore;
  } else {
    s.finalTrainLoss = run.record.finalTrainLoss;
    s.finalTestLoss = run.record.finalTestLoss;
    s.finalTestAccuracy = run.record.finalTestAccuracy;
  }
  return s;
}

void Experiment::resumeFrom(const ExperimentResults& saved, std::int64_t moreSteps) {
  if (!prepared()) throw NormLabError("resuming needs a prepared experiment");
  if (moreSteps < 1 || moreSteps > kMaxFileSteps)
    throw NormLabError("the steps to continue must be from 1 to " + std::to_string(kMaxFileSteps) + ", got " + std::to_string(moreSteps));
  if (const std::string why = whyNotResumable(saved); !why.empty()) throw NormLabError(why);
  if (saved.runs.size() != runs_.size())
    throw NormLabError("the saved experiment has " + std::to_string(saved.runs.size()) + " runs, its config makes " +
                       std::to_string(runs_.size()));
  // The same data, or the continued runs would train on other images than they started with.
  if (saved.warning != data_.warning)
    throw NormLabError("the data is not what the experiment was saved with: " +
                       (saved.warning.empty() ? std::string("it was trained on the dataset itself, now ") + data_.warning
                                              : "it was trained after \"" + saved.warning + "\", now " +
                                                    (data_.warning.empty() ? std::string("the dataset itself loads") : data_.warning)));
  const std::size_t arms = config_.arms.size();
  for (std::size_t i = 0; i < saved.runs.size(); ++i) {
    const RunRecord& from = saved.runs[i];
    const std::string path = "runs[" + std::to_string(i) + "]";
    Run& run = *runs_.at(std::size_t(from.seedIndex) * arms + std::size_t(from.arm));
    RunRecord& rec = run.record;
    if (from.seed != rec.seed || from.batchSize != rec.batchSize || from.label != rec.label)
      throw NormLabError(path + " (" + shortText(from.label) + ", seed " + std::to_string(from.seed) + ", batch " +
                         std::to_string(from.batchSize) + ") is not the run its config builds there (" + shortText(rec.label) +
                         ", seed " + std::to_string(rec.seed) + ", batch " + std::to_string(rec.batchSize) + ")");
    const std::int64_t configuredTotal = rec.totalSteps;
    // What the record shows is taken as saved; the run's own state follows below.
    rec.step = from.step;
    rec.samplesSeen = from.samplesSeen;
    rec.epoch = from.epoch;
    rec.diverged = from.diverged;
    rec.divergedAtStep = from.divergedAtStep;
    rec.failed = from.failed;
    rec.failure = from.failure;
    rec.trainSeconds = from.trainSeconds;
    rec.imagesPerSecond = from.imagesPerSecond;
    rec.finalTrainLoss = from.finalTrainLoss;
    rec.finalTestLoss = from.finalTestLoss;
    rec.finalTestAccuracy = from.finalTestAccuracy;
    rec.populationUpdates = from.populationUpdates;
    rec.learningRateChanges = from.learningRateChanges;
    run.probes.clear();
    run.metrics.clear();
    if (!from.state) {  // diverged or failed: it stays as it ended (whyNotResumable lets no other through)
      for (const MetricPoint& m : from.metrics) run.metrics.add(m);
      for (const auto& p : from.probes) run.probes.add(p);
      rec.finished = true;
      rec.totalSteps = configuredTotal;
      continue;
    }
    const TrainingState& st = *from.state;
    const std::string sp = path + ".training_state";
    restoreTensors(run.model.network, false, st.params, sp + ".params");
    restoreTensors(run.model.network, true, st.buffers, sp + ".buffers");
    if (st.optimizer.steps != from.step)
      throw NormLabError(sp + ".optimizer.steps is " + std::to_string(st.optimizer.steps) + ", but the run took " +
                         std::to_string(from.step) + " steps");
    try {
      run.optimizer.restore(st.optimizer);
    } catch (const NormLabError& e) {
      throw NormLabError(sp + ".optimizer: " + e.what());
    }
    if (st.stream.samplesSeen != from.samplesSeen)
      throw NormLabError(sp + ".sample_stream.samples_seen is " + std::to_string(st.stream.samplesSeen) + ", but the run saw " +
                         std::to_string(from.samplesSeen) + " samples");
    try {
      run.stream.seek(st.stream);
    } catch (const NormLabError& e) {
      throw NormLabError(sp + ".sample_stream: " + e.what());
    }
    std::vector<MetricPoint> points = from.metrics;
    std::optional<MetricPoint> end;
    if (st.endPoint) {
      if (points.empty()) throw NormLabError(sp + ".end_point is true, but the run has no metric points");
      end = points.back();
      points.pop_back();
    }
    if (!run.metrics.restore(std::move(points), st.metricsAdded, st.metricsStride))
      throw NormLabError(sp + ".metric_history (" + std::to_string(st.metricsAdded) + " added, stride " +
                         std::to_string(st.metricsStride) + ") does not fit the run's " + std::to_string(from.metrics.size()) +
                         " metric points");
    if (!run.probes.restore(from.probes, st.probesAdded, st.probesStride))
      throw NormLabError(sp + ".probe_history (" + std::to_string(st.probesAdded) + " added, stride " +
                         std::to_string(st.probesStride) + ") does not fit the run's " + std::to_string(from.probes.size()) +
                         " probes");
    run.lossSum = st.lossSum;
    run.correct = st.correct;
    run.samples = st.samples;
    run.steps = st.steps;
    rec.finalTrainLoss = st.finalTrainLoss;
    rec.finalTestLoss = st.finalTestLoss;
    rec.finalTestAccuracy = st.finalTestAccuracy;
    run.endPoint.reset();
    // The run ended at step S with a point that has a test evaluation. A straight run logs a
    // point at S only where the schedule does (with a test evaluation only at evaluation steps),
    // and only once: that point is the end point, less its test values off an evaluation step.
    const std::int64_t S = from.step;
    const bool probeStep = S == 1 || S % config_.probeEvery == 0, evalStep = S % run.arm.train.evalEvery == 0;
    const bool loggedAtS = !run.metrics.points().empty() && run.metrics.points().back().step == S;
    if (end && (probeStep || evalStep) && !loggedAtS) {
      MetricPoint p = *end;
      if (!evalStep) p.testLoss = p.testAccuracy = kNotMeasured;
      addPoint(run, p, evalStep);
    }
    rec.totalSteps = S + moreSteps;
    rec.finished = false;
  }
  // Events at a run's step that it took before it was saved are not taken again; the base rate
  // it follows is the last one of the events it passed.
  for (auto& r : runs_) {
    Run& run = *r;
    run.eventApplied.assign(config_.events.size(), 0);
    run.runBase = config_.train.optimizer.lr;
    for (std::size_t e = 0; e < config_.events.size(); ++e) {
      const LearningRateEvent& ev = config_.events[e];
      bool taken = ev.atStep < run.record.step;
      if (ev.atStep == run.record.step)
        for (const LearningRateChange& c : run.record.learningRateChanges) taken = taken || (c.event == ev.change && c.step == ev.atStep);
      run.eventApplied[e] = taken;
      if (taken && ev.arm.empty()) run.runBase = ev.lr;
    }
  }
  restoreLearningRateEvents();
}

// After resumeFrom: the next change gets the next event number, and the base rate is where the
// saved changes left it (the optimizers' rates came back with their states).
void Experiment::restoreLearningRateEvents() {
  baseLearningRate_ = config_.train.optimizer.lr;
  learningRateEvents_ = 0;
  // Each event once, in order: its factor, or the rate itself where a run follows the base.
  std::map<int, std::pair<double, std::optional<double>>> events;
  for (const auto& r : runs_)
    for (const LearningRateChange& c : r->record.learningRateChanges) {
      auto& [factor, rate] = events[c.event];
      factor = c.factor;
      if (!r->arm.isOverridden("lr")) rate = c.lr;
    }
  for (const auto& [event, change] : events) {
    baseLearningRate_ = change.second ? *change.second : baseLearningRate_ * change.first;
    learningRateEvents_ = event;
  }
  for (const LearningRateEvent& e : config_.events) learningRateEvents_ = std::max(learningRateEvents_, e.change);
}

std::vector<int> Experiment::lastBatchIndices(int i) const {
  const Run& run = *runs_[std::size_t(i)];
  return {run.indices.begin(), run.indices.begin() + std::min<std::int64_t>(run.record.batchSize, run.record.samplesSeen)};
}

std::int64_t Experiment::stepsDone() const {
  std::int64_t done = 0;
  for (const auto& r : runs_) done += r->record.diverged || r->record.failed ? r->record.totalSteps : r->record.step;
  return done;
}

std::int64_t Experiment::stepsTotal() const {
  std::int64_t total = 0;
  for (const auto& r : runs_) total += r->record.totalSteps;
  return total;
}

}  // namespace normlab
