// Experiment config -> side-panel settings (see settings_from_config.h).
#include "ui/window/settings_from_config.h"

#include <algorithm>
#include <exception>

#include "core/model/model_spec.h"

namespace normlab {

namespace {

bool overridesExactly(const ArmConfig& arm, const char* key) {
  return arm.overrides.size() == 1 && arm.overrides.front() == key;
}

// The norm parameters the panel shares across arms, taken from the arms that use them.
void readNormParameters(const ExperimentConfig& config, ControlSettings& s) {
  for (const ArmConfig& arm : config.arms) {
    const NormConfig& n = arm.norm;
    switch (n.kind) {
      case NormKind::Group: s.groups = n.groups; break;
      case NormKind::LocalResponse:
        s.lrnSize = n.lrnSize;
        s.lrnAlpha = n.lrnAlpha;
        s.lrnBeta = n.lrnBeta;
        s.lrnK = n.lrnK;
        break;
      case NormKind::Batch: s.normMomentum = n.momentum; [[fallthrough]];
      case NormKind::Layer:
      case NormKind::Instance: s.normEps = n.eps; break;
      case NormKind::None: break;
    }
  }
}

}  // namespace

namespace {
std::optional<ControlSettings> settingsMatching(const ExperimentConfig& config, const ControlSettings& base,
                                                bool (*same)(const ExperimentConfig&, const ExperimentConfig&));
}  // namespace

std::optional<ControlSettings> settingsForConfig(const ExperimentConfig& config, const ControlSettings& base) {
  return settingsMatching(config, base, &sameConfig);
}

std::optional<ControlSettings> settingsForRuns(const ExperimentConfig& config, const ControlSettings& base) {
  return settingsMatching(config, base, &sameRuns);
}

namespace {
// The dropout rate the model uses when no "dropout" is given: its layers' rate, if they agree.
std::optional<double> modelDropout(const ModelSpec& model) {
  std::optional<double> p;
  for (const LayerSpec& l : model.layers)
    if (l.type == LayerType::Dropout) {
      if (p && *p != l.p) return std::nullopt;
      p = l.p;
    }
  return p;
}

// "No dropout given" and "dropout = the model's own rate" train the same runs.
ExperimentConfig withExplicitDropout(ExperimentConfig c) {
  const std::optional<double> p = modelDropout(c.model);
  if (!p) return c;
  if (!c.train.dropout) c.train.dropout = p;
  for (ArmConfig& arm : c.arms)
    if (!arm.train.dropout) arm.train.dropout = c.train.dropout;
  return c;
}
}  // namespace

bool sameRuns(const ExperimentConfig& first, const ExperimentConfig& second) {
  if (first.arms.size() != second.arms.size()) return false;
  ExperimentConfig a = withExplicitDropout(first);
  const ExperimentConfig b = withExplicitDropout(second);
  a.name = b.name;
  a.lesson = b.lesson;
  for (std::size_t i = 0; i < a.arms.size(); ++i) a.arms[i].label = b.arms[i].label;
  return sameConfig(a, b);
}

namespace {
std::optional<ControlSettings> settingsMatching(const ExperimentConfig& config, const ControlSettings& base,
                                                bool (*same)(const ExperimentConfig&, const ExperimentConfig&)) {
  if (config.modelName.empty() || config.seeds.size() != 1 || config.arms.empty()) return std::nullopt;
  ControlSettings s = base;
  s.varyValuesProblem.clear();  // the lists below come from the config, not from what was typed
  s.dataset = config.data.name;
  s.dataPath = config.data.path;
  if (config.data.name == "images") {
    s.imageSize = config.data.images.size;
    s.imageChannels = config.data.images.channels;
    s.imageTestFraction = config.data.images.testFraction;
    s.skipBadImages = config.data.images.skipBadImages;
  }
  s.trainSubset = config.data.trainSubset;
  s.testSubset = config.data.testSubset;
  s.preset = config.modelName;

  const TrainSettings& t = config.train;
  s.optimizer = t.optimizer.kind == OptimizerKind::Adam ? "adam" : "sgd";
  s.lr = t.optimizer.lr;
  if (t.optimizer.kind == OptimizerKind::Sgd) s.momentum = t.optimizer.momentum;
  s.batchSize = t.batchSize;
  if (t.dropout) s.dropout = *t.dropout;
  else if (const std::optional<double> p = modelDropout(config.model)) s.dropout = *p;
  s.activation = t.activation ? activationKindName(*t.activation) : "";
  s.seed = t.seed;
  s.steps = t.steps;
  if (t.steps == 0) s.epochs = t.epochs;
  s.evalEvery = t.evalEvery;
  s.probeEvery = config.probeEvery;
  readNormParameters(config, s);

  const auto& arms = config.arms;
  auto all = [&](auto predicate) { return std::all_of(arms.begin(), arms.end(), predicate); };
  const NormKind firstNorm = arms.front().norm.kind;
  if (all([](const ArmConfig& a) { return a.overrides.empty(); })) {
    s.vary = VarySetting::Norm;
    s.norms.clear();
    for (const ArmConfig& a : arms) s.norms.push_back(a.norm.kind);
  } else if (all([&](const ArmConfig& a) { return overridesExactly(a, "batch_size") && a.norm.kind == firstNorm; })) {
    s.vary = VarySetting::BatchSize;
    s.varyNorm = firstNorm;
    s.varyBatchSizes.clear();
    for (const ArmConfig& a : arms) s.varyBatchSizes.push_back(a.train.batchSize);
  } else if (all([&](const ArmConfig& a) {
               return overridesExactly(a, "dropout") && a.norm.kind == firstNorm && a.train.dropout;
             })) {
    s.vary = VarySetting::Dropout;
    s.varyNorm = firstNorm;
    s.varyDropouts.clear();
    for (const ArmConfig& a : arms) s.varyDropouts.push_back(*a.train.dropout);
  } else {
    return std::nullopt;
  }

  // The panel's own builder is the judge: anything it would build differently (a name, a label,
  // a data option the panel has no control for) means the controls cannot show this config.
  try {
    if (!same(buildExperiment(s), config)) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return s;
}
}  // namespace

}  // namespace normlab
