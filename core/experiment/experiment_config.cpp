// Experiment configuration: strict parsing with key-path errors (via JsonFields), arm resolution
// (base "train" + the arm's overrides), arm-vs-model checks, and writing back. Must not depend on Qt.
#include "core/experiment/experiment_config.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/grid.h"
#include "core/files/json_fields.h"
#include "core/files/json_input.h"
#include "core/model/presets.h"

namespace normlab {

namespace {

using json = nlohmann::json;

// Every "train" key, in the order they are written back.
const char* const kTrainKeys[] = {"optimizer", "lr",         "momentum", "nesterov", "weight_decay", "beta1",
                                  "beta2",     "adam_eps",   "batch_size", "dropout", "epochs",      "steps",
                                  "seed",      "eval_every", "activation", "init",     "norm_position"};

std::string inQuotes(const std::string& s) { return "\"" + s + "\""; }

const char* optimizerName(OptimizerKind k) { return k == OptimizerKind::Adam ? "adam" : "sgd"; }

// A number in [0, 1): probabilities and decay rates.
double unitOpen(const JsonFields& f, const char* key, double fallback) {
  const double d = f.getNumber(key, fallback, 0.0, 1.0);
  if (f.has(key) && d >= 1.0) f.fail(key, "must be at least 0 and less than 1, got " + shortValue(f.json().at(key)));
  return d;
}

// A number in (0, hi].
double positive(const JsonFields& f, const char* key, double fallback, double hi) {
  const double d = f.getNumber(key, fallback, 0.0, hi);
  if (f.has(key) && d <= 0.0) f.fail(key, "must be greater than 0, got " + shortValue(f.json().at(key)));
  return d;
}

// A seed: a whole number in [0, 2^53] (exactly representable in JSON readers everywhere).
std::uint64_t seedValue(const json& v, const JsonFields& f, const std::string& key) {
  constexpr double kMax = 9007199254740992.0;  // 2^53
  const std::string problem = "must be a whole number from 0 to 2^53, got " + shortValue(v);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (double(u) > kMax) f.fail(key.c_str(), problem);
    return u;
  }
  if (v.is_number_integer()) {  // signed storage (e.g. built in code): fine when not negative
    const auto i = v.get<std::int64_t>();
    if (i < 0 || double(i) > kMax) f.fail(key.c_str(), problem);
    return std::uint64_t(i);
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!(d >= 0.0 && d <= kMax && d == std::floor(d))) f.fail(key.c_str(), problem);
    return std::uint64_t(d);
  }
  f.fail(key.c_str(), problem);  // negative integers, strings, ...
}

// Applies the train keys present in `f` on top of `t`. `where` says whose optimizer it is in
// messages ("this arm"); `overrides` (if given) collects the keys present.
TrainSettings applyTrain(const JsonFields& f, TrainSettings t, const std::string& where,
                         std::vector<std::string>* overrides) {
  if (f.has("epochs") && f.has("steps"))
    f.fail("steps", "cannot be given together with " + inQuotes(f.keyPath("epochs")) +
                        ": train for a number of epochs or of steps, not both");
  OptimizerConfig& o = t.optimizer;
  const std::string opt = f.getChoice("optimizer", optimizerName(o.kind), {"sgd", "adam"});
  o.kind = opt == "adam" ? OptimizerKind::Adam : OptimizerKind::Sgd;
  for (const char* k : {"momentum", "nesterov"})
    if (f.has(k) && o.kind != OptimizerKind::Sgd)
      f.fail(k, "only applies to the sgd optimizer, but " + where + " uses adam");
  for (const char* k : {"beta1", "beta2", "adam_eps"})
    if (f.has(k) && o.kind != OptimizerKind::Adam)
      f.fail(k, "only applies to the adam optimizer, but " + where + " uses sgd");
  o.lr = positive(f, "lr", o.lr, 1000.0);  // high values are allowed: divergence is a lesson
  o.momentum = unitOpen(f, "momentum", o.momentum);
  o.nesterov = f.getBool("nesterov", o.nesterov);
  o.weightDecay = f.getNumber("weight_decay", o.weightDecay, 0.0, 1.0);
  o.beta1 = unitOpen(f, "beta1", o.beta1);
  o.beta2 = unitOpen(f, "beta2", o.beta2);
  o.eps = positive(f, "adam_eps", o.eps, 1.0);
  if (o.kind == OptimizerKind::Sgd && o.nesterov && o.momentum <= 0.0)
    f.fail(f.has("nesterov") ? "nesterov" : "momentum",
           "Nesterov momentum needs a momentum greater than 0 (as in PyTorch), but " + where +
               " has momentum " + json(o.momentum).dump());

  t.batchSize = f.getInt("batch_size", t.batchSize, 1, 4096);
  if (f.has("dropout")) t.dropout = unitOpen(f, "dropout", 0.0);
  if (f.has("epochs")) {
    t.epochs = f.getInt("epochs", t.epochs, 1, 100000);
    t.steps = 0;
  }
  if (f.has("steps")) t.steps = f.getInt("steps", 1, 1, 1000000000);
  if (f.has("seed")) t.seed = seedValue(f.json().at("seed"), f, "seed");
  t.evalEvery = f.getInt("eval_every", t.evalEvery, 1, 1000000000);
  if (f.has("activation"))
    t.activation = parseActivationKind(f.getChoice("activation", "", {"relu", "leaky_relu", "sigmoid", "tanh"}));
  if (f.has("init"))
    t.init = parseInitScheme(f.getChoice("init", "", {"pytorch", "kaiming_normal", "kaiming_uniform", "xavier"}));
  if (f.has("norm_position"))
    t.normPosition = parseNormPosition(f.getChoice("norm_position", "", {"before_activation", "after_activation"}));
  if (overrides)
    for (const char* k : kTrainKeys)
      if (f.has(k)) overrides->push_back(k);
  return t;
}

bool usesEps(NormKind k) {
  return k == NormKind::Batch || k == NormKind::Layer || k == NormKind::Instance || k == NormKind::Group;
}

// Norm keys of an arm; each only for the norms that use it.
// `base`: what an arm without "norm" has (a branch: its parent's norm, which its keys may tune).
NormConfig parseNorm(const JsonFields& f, const NormConfig& base = NormConfig{}) {
  NormConfig n = f.has("norm") ? NormConfig{} : base;
  n.kind = parseNormKind(f.getChoice("norm", normKindName(base.kind), {"none", "batch", "layer", "instance", "group", "lrn"}));
  const std::string is = ", but this arm's norm is " + inQuotes(normKindName(n.kind));
  auto only = [&](const char* key, bool applies, const char* what) {
    if (f.has(key) && !applies) f.fail(key, std::string("only applies to ") + what + is);
  };
  only("groups", n.kind == NormKind::Group, "group norm");
  only("norm_eps", usesEps(n.kind), "batch, layer, instance and group norm");
  only("affine", usesEps(n.kind), "batch, layer, instance and group norm");
  only("layer_norm_affine", n.kind == NormKind::Layer, "layer norm (\"affine\" is for every norm)");
  only("norm_momentum", n.kind == NormKind::Batch, "batch norm (SGD's momentum is \"momentum\")");
  for (const char* k : {"lrn_size", "lrn_alpha", "lrn_beta", "lrn_k"}) only(k, n.kind == NormKind::LocalResponse, "lrn");
  n.groups = f.getInt("groups", n.groups, 1, 4096);
  n.eps = positive(f, "norm_eps", n.eps, 1.0);
  n.momentum = f.getNumber("norm_momentum", n.momentum, 0.0, 1.0);
  n.affine = f.getBool("affine", n.affine);
  if (f.has("layer_norm_affine")) {
    const bool affine = n.affine;
    setLayerNormAffine(n, f.getChoice("layer_norm_affine", "", {"channel", "element", "none"}));
    if (f.has("affine") && affine != n.affine)
      f.fail("layer_norm_affine", "is " + inQuotes(layerNormAffineName(n)) + " but \"affine\" is " +
                                      (affine ? "true" : "false") + ": give one of them");
  }
  n.lrnSize = f.getInt("lrn_size", n.lrnSize, 1, 1024);
  n.lrnAlpha = f.getNumber("lrn_alpha", n.lrnAlpha, 0.0, 1e6);
  n.lrnBeta = f.getNumber("lrn_beta", n.lrnBeta, 0.0, 16.0);
  n.lrnK = positive(f, "lrn_k", n.lrnK, 1e6);
  return n;
}

// Per-sample image shape, class count and training-image count of a dataset, where known before
// loading (the idx folder is only known once read).
struct KnownData {
  bool known = false;
  Shape shape;
  int classes = 10;
  int train = 0;
};

KnownData knownData(const DataConfig& d) {
  KnownData k;
  if (d.name == "fashion-mnist") k = {true, Shape{1, 28, 28}, 10, 60000};
  else if (d.name == "cifar10") k = {true, Shape{3, 32, 32}, 10, 50000};
  else if (d.name == "synthetic") k = {true, Shape{1, d.synthetic.size, d.synthetic.size}, d.synthetic.classes, d.synthetic.train};
  if (!k.known) return k;
  if (d.trainSubset > 0)
    k.train = std::min(k.train, d.stratified ? d.trainSubset * k.classes : d.trainSubset);
  k.train -= int(std::lround(d.validation * double(k.train)));
  return k;
}

// The dataset's images must fit the model's input and labels its outputs.
void checkDataFitsModel(const ExperimentConfig& c) {
  KnownData k = knownData(c.data);
  // A folder of images has the size and channels its config asks for; its classes and count are
  // only known once listed, so only the shape is checked here (before a long read, not after).
  if (c.data.name == "images") {
    k.shape = Shape{c.data.images.channels, c.data.images.size, c.data.images.size};
    k.classes = 0;
  } else if (!k.known) {
    return;
  }
  const Shape in = c.model.input;
  const bool flatFits = in.h == 1 && in.w == 1 && in.c == k.shape.size();
  if (!(in == k.shape) && !flatFits)
    throw NormLabError("\"model\": the model's input " + in.str() + " does not match the " +
                       (c.data.name == "images" ? std::string("folder's") : c.data.name) + " images (" + k.shape.str() +
                       ", " + std::to_string(k.shape.size()) + " values" +
                       (c.data.name == "images" ? ": set \"dataset.size\" and \"dataset.channels\" to fit the model" : "") + ")");
  if (c.model.classes < k.classes)
    throw NormLabError("\"model\": the model has " + std::to_string(c.model.classes) + " outputs but the " +
                       c.data.name + " dataset has " + std::to_string(k.classes) + " classes");
}

ModelSpec parseModel(const JsonFields& root, std::string& modelName) {
  if (!root.has("model")) {
    modelName = defaultPresetName();
    return preset(modelName);
  }
  const json& m = root.json().at("model");
  if (m.is_string()) modelName = root.getString("model", "");  // at most kMaxNameBytes
  try {
    if (m.is_string()) return preset(modelName);
    if (m.is_object()) {
      modelName.clear();
      return parseModelSpec(m);
    }
  } catch (const NormLabError& e) {
    throw NormLabError(std::string("\"model\": ") + e.what());
  }
  root.fail("model", "must be a preset name or a model spec object, got " + shortValue(m));
}

// A setting that fills placeholders the model lacks would silently do nothing: reject it.
void checkHasEffect(const JsonFields& f, const ModelSpec& model) {
  auto has = [&](LayerType type) {
    return std::any_of(model.layers.begin(), model.layers.end(), [&](const LayerSpec& l) { return l.type == type; });
  };
  const std::string modelName = model.name.empty() ? "the model" : "the model '" + model.name + "'";
  if (f.has("dropout") && !has(LayerType::Dropout))
    f.fail("dropout", "has no effect: " + modelName + " has no dropout layer");
  if (f.has("activation") && !has(LayerType::Activation))
    f.fail("activation", "has no effect: " + modelName + " has no \"activation\" placeholder layer");
  if (f.has("norm_position") && !has(LayerType::Norm))
    f.fail("norm_position", "has no effect: " + modelName + " has no \"norm\" placeholder layer");
}

const char* preprocessChoiceName(Preprocess p) {
  return p == Preprocess::Raw ? "raw" : p == Preprocess::MinMax ? "minmax" : "zscore";
}

void writeTrainKey(json& j, const TrainSettings& t, const std::string& key) {
  const OptimizerConfig& o = t.optimizer;
  if (key == "optimizer") j[key] = optimizerName(o.kind);
  else if (key == "lr") j[key] = o.lr;
  else if (key == "momentum") j[key] = o.momentum;
  else if (key == "nesterov") j[key] = o.nesterov;
  else if (key == "weight_decay") j[key] = o.weightDecay;
  else if (key == "beta1") j[key] = o.beta1;
  else if (key == "beta2") j[key] = o.beta2;
  else if (key == "adam_eps") j[key] = o.eps;
  else if (key == "batch_size") j[key] = t.batchSize;
  else if (key == "dropout") { if (t.dropout) j[key] = *t.dropout; }
  else if (key == "epochs") j[key] = t.epochs;
  else if (key == "steps") j[key] = t.steps;
  else if (key == "seed") j[key] = t.seed;
  else if (key == "eval_every") j[key] = t.evalEvery;
  else if (key == "activation") { if (t.activation) j[key] = activationKindName(*t.activation); }
  else if (key == "init") j[key] = initSchemeName(t.init);
  else if (key == "norm_position") j[key] = normPositionName(t.normPosition);
}


// The label an arm object will have (its "label", else its norm's name), for messages about
// arms not parsed yet; "" when it has none that could be valid.
std::string rawLabel(const json& arm) {
  if (!arm.is_object()) return "";
  if (auto l = arm.find("label"); l != arm.end()) return l->is_string() ? l->get<std::string>() : "";
  if (auto n = arm.find("norm"); n != arm.end()) return n->is_string() ? n->get<std::string>() : "";
  return "none";
}

// Norms between which a branch may switch: each keeps one gamma and one beta per channel (or
// none without affine), and no buffer a layer of the other kind would need.
bool channelNorm(const NormConfig& n) {
  switch (n.kind) {
    case NormKind::Batch: case NormKind::Instance: case NormKind::Group: return true;
    case NormKind::Layer: return !n.affine || n.affineShape != AffineShape::Element;
    default: return false;
  }
}

std::string normText(const NormConfig& n) {
  std::string s = normKindName(n.kind);
  if (n.kind == NormKind::Layer && n.affine && n.affineShape == AffineShape::Element) s += " with per-element affine";
  return s;
}

// "" when a branch with norm `to` can take over the parameters of its parent with norm `from`;
// else why not.
std::string normChangeProblem(const ExperimentConfig& c, const ArmConfig& parent, const ArmConfig& branch) {
  const NormConfig &from = parent.norm, &to = branch.norm;
  if (from.kind == to.kind && sameNorm(from, to)) return "";
  const std::string change = "the norm cannot change from " + normText(from) + " to " + normText(to) + " in a branch: ";
  if (!channelNorm(from) || !channelNorm(to))
    return change + "the parameters would change shape (a branch may switch only between batch, layer with "
                    "per-channel affine, instance and group norm)";
  if (from.affine != to.affine)
    return change + "one has affine parameters (gamma, beta) and the other none";
  const auto a = planNorms(c.model, parent.armSettings(c.seeds.front()));
  const auto b = planNorms(c.model, branch.armSettings(c.seeds.front()));
  for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
    if (a[k].present() != b[k].present())
      return change + a[k].name + " after " + a[k].follows + " would " + (a[k].present() ? "lose its" : "gain a") +
             " norm (" + (a[k].present() ? b[k].absentReason : a[k].absentReason) + "), so the parameters would change";
  return "";
}

// Keys an arm may hold but a branch may not change (they change the network or its data).
const char* const kFixedInBranch[] = {"seed", "activation", "init", "norm_position", "input_norm",
                                      "lrn_size", "lrn_alpha", "lrn_beta", "lrn_k"};

ArmConfig parseArmIn(const ExperimentConfig& c, const json& armJson, const std::string& path, bool allowNoStep,
                     const json* all, std::size_t index) {
  JsonFields f(armJson, path);
  const bool branch = f.has("branch_from");
  if (!branch && f.has("at_step")) f.fail("at_step", "is given without \"branch_from\": name the arm to branch from");
  ArmConfig a;
  const ArmConfig* parent = nullptr;
  if (branch) {
    for (const char* k : kFixedInBranch)
      if (f.has(k))
        f.fail(k, "cannot be set on a branch: it would change the network or its data (a branch may change the "
                  "dropout, the batch size, the optimizer and its rate, its length, and the norm between batch, "
                  "layer, instance and group norm)");
    f.allowOnly({"label", "branch_from", "at_step", "norm", "groups", "norm_eps", "norm_momentum", "affine",
                 "layer_norm_affine", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "beta1", "beta2",
                 "adam_eps", "batch_size", "dropout", "epochs", "steps", "eval_every", "stop_at"});
    a.branchFrom = f.getString("branch_from", "");
    a.parent = armIndex(c, a.branchFrom);
    if (a.parent < 0) {
      if (all)
        for (std::size_t k = index + 1; k < all->size(); ++k)
          if (rawLabel((*all)[k]) == a.branchFrom)
            f.fail("branch_from", "names " + inQuotes(a.branchFrom) + ", a later arm (arms[" + std::to_string(k) +
                                      "]): a branch must come after the arm it branches from");
      f.fail("branch_from", "names " + shortText(a.branchFrom) + ", which is no arm of this experiment");
    }
    parent = &c.arms[std::size_t(a.parent)];
    if (!f.has("at_step") && !allowNoStep)
      f.fail("at_step", "is missing: say after which step of " + inQuotes(a.branchFrom) + " the branch starts");
    a.atStep = f.getInt("at_step", 0, 1, 1000000000);
    if (f.has("at_step") && parent->isBranch() && a.atStep <= parent->atStep)
      f.fail("at_step", "is " + std::to_string(a.atStep) + ", but " + inQuotes(a.branchFrom) + " is itself a branch from step " +
                            std::to_string(parent->atStep) + ": branch from it after that step");
    a.inputNorm = parent->inputNorm;
    a.norm = parseNorm(f, parent->norm);
    std::vector<std::string> own;
    a.train = applyTrain(f, parent->train, "this arm", &own);
    a.overrides = parent->overrides;
    for (const std::string& k : own)
      if (!a.isOverridden(k.c_str())) a.overrides.push_back(k);
    a.branchKeys = std::move(own);
  } else {
    f.allowOnly({"label", "norm", "groups", "norm_eps", "norm_momentum", "affine", "layer_norm_affine", "lrn_size", "lrn_alpha",
                 "lrn_beta", "lrn_k", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "beta1", "beta2",
                 "adam_eps", "batch_size", "dropout", "epochs", "steps", "seed", "eval_every", "activation",
                 "init", "norm_position", "input_norm", "branch_from", "at_step", "stop_at"});
    a.norm = parseNorm(f);
    a.train = applyTrain(f, c.train, "this arm", &a.overrides);
    if (f.has("input_norm")) {
      const std::string in = f.getChoice("input_norm", "", {"raw", "minmax", "zscore"});
      a.inputNorm = in == "raw" ? Preprocess::Raw : in == "minmax" ? Preprocess::MinMax : Preprocess::ZScore;
    }
  }
  checkHasEffect(f, c.model);
  a.stopAt = f.has("stop_at") ? f.getInt("stop_at", 0, 0, 1000000000) : -1;  // not inherited: a stop is the arm's own
  a.label = f.getString("label", branch ? a.branchFrom + " from " + std::to_string(a.atStep) : std::string(normKindName(a.norm.kind)));
  if (a.label.empty()) f.fail("label", "must not be empty");
  for (std::size_t k = 0; k < c.arms.size(); ++k)
    if (c.arms[k].label == a.label)
      f.fail("label", "is " + inQuotes(a.label) + ", the same as arms[" + std::to_string(k) +
                          "]: labels must be unique (give each arm its own \"label\")");
  if (a.isOverridden("seed") && c.seeds.size() > 1)
    f.fail("seed", "cannot be fixed per arm when \"seeds\" lists several seeds (every arm runs every seed)");
  const std::string prefix = path + " (" + a.label + "): ";
  const KnownData known = knownData(c.data);
  try {
    validateTrainingBatch(c.model, a.armSettings(c.seeds.front()), a.train.batchSize);
    if (known.known) validateLastBatch(c.model, a.armSettings(c.seeds.front()), a.train.batchSize, known.train, c.data.dropLast);
  } catch (const NormLabError& e) {
    throw NormLabError(prefix + e.what());
  }
  if (known.known && c.data.dropLast && a.train.batchSize > known.train)
    throw NormLabError(prefix + "\"batch_size\" " + std::to_string(a.train.batchSize) + " is larger than the " +
                       std::to_string(known.train) +
                       " training images: with \"dataset.drop_last\" every batch would be dropped");
  if (known.known && a.stopAt >= 0 && a.stopAt >= armSteps(c, a, known.train))
    f.fail("stop_at", "is " + std::to_string(a.stopAt) + ", but the arm trains only " + std::to_string(armSteps(c, a, known.train)) +
                          " steps: a stop comes before the arm's last step");
  if (branch) {
    if (const std::string why = normChangeProblem(c, *parent, a); !why.empty())
      f.fail(f.has("norm") ? "norm" : "layer_norm_affine", why);
    if (known.known && a.atStep > 0) {
      const std::int64_t parentSteps = armSteps(c, *parent, known.train), mine = armSteps(c, a, known.train);
      if (a.atStep >= parentSteps)
        f.fail("at_step", "is " + std::to_string(a.atStep) + ", beyond the " + std::to_string(parentSteps) + " steps of " +
                              inQuotes(a.branchFrom) + ": a branch starts before its parent's last step");
      if (a.atStep >= mine)
        f.fail("at_step", "is " + std::to_string(a.atStep) + ", but the branch itself trains only " + std::to_string(mine) +
                              " steps (\"steps\" and \"epochs\" count from the start, as the parent's)");
    }
  }
  return a;
}

std::vector<LearningRateEvent> parseEvents(const ExperimentConfig& c, const json& events) {
  if (!events.is_array()) throw NormLabError("\"events\" must be a list of events such as [{\"at_step\": 200, \"lr\": 0.01}], got " + shortValue(events));
  if (events.size() > kMaxEvents)
    throw NormLabError("\"events\" lists " + std::to_string(events.size()) + " events (at most " + std::to_string(kMaxEvents) + ")");
  std::vector<LearningRateEvent> out;
  int change = 0;
  // The latest change that reaches an arm's runs, so far in the list: one change reaches a run
  // once (a saved file lists each of its numbers once per run).
  struct Last {
    std::int64_t step = -1;
    int change = 0;
    std::size_t index = 0;
  };
  Last everyArm, anyArm;
  std::map<std::string, Last> perArm;
  for (std::size_t i = 0; i < events.size(); ++i) {
    JsonFields f(events[i], "events[" + std::to_string(i) + "]");
    f.allowOnly({"at_step", "lr", "arm", "change"});
    if (!f.has("at_step")) f.fail("at_step", "is missing: say after which step the rate changes");
    if (!f.has("lr")) f.fail("lr", "is missing: an event sets a learning rate");
    LearningRateEvent e;
    e.atStep = f.getInt("at_step", 0, 0, 1000000000);
    e.lr = positive(f, "lr", 0.01, 1000.0);
    if (f.has("arm")) {
      e.arm = f.getString("arm", "");
      if (armIndex(c, e.arm) < 0) f.fail("arm", "names " + shortText(e.arm) + ", which is no arm of this experiment");
    }
    e.change = f.getInt("change", change + 1, 1, int(kMaxEvents));
    if (e.change < change) f.fail("change", "is " + std::to_string(e.change) + ", before the change of the event before it (" + std::to_string(change) + ")");
    change = e.change;
    const Last other = e.arm.empty() ? anyArm : (perArm[e.arm].change > everyArm.change ? perArm[e.arm] : everyArm);
    if (other.step >= 0 && e.change <= other.change)
      f.fail("change", "is " + std::to_string(e.change) + ", not above the change of an earlier event for the same arm (" +
                           std::to_string(other.change) + "): one change reaches an arm once");
    const Last now{e.atStep, e.change, i};
    if (e.arm.empty()) everyArm = now;
    else perArm[e.arm] = now;
    if (now.step > anyArm.step) anyArm.step = now.step, anyArm.index = i;
    if (now.change > anyArm.change) anyArm.change = now.change;
    out.push_back(std::move(e));
  }
  return out;
}
}  // namespace

bool ArmConfig::isOverridden(const char* key) const {
  return std::find(overrides.begin(), overrides.end(), key) != overrides.end();
}

ArmSettings ArmConfig::armSettings(std::uint64_t seed) const {
  ArmSettings s;
  s.norm = norm;
  s.activation = train.activation;
  s.dropout = train.dropout;
  s.init = train.init;
  s.normPosition = train.normPosition;
  s.seed = isOverridden("seed") ? train.seed : seed;
  return s;
}

void validateLastBatch(const ModelSpec& spec, const ArmSettings& arm, int batchSize, int trainImages, bool dropLast) {
  const int last = batchSize > 0 ? trainImages % batchSize : 0;
  if (dropLast || last == 0) return;
  try {
    validateTrainingBatch(spec, arm, last);
  } catch (const NormLabError& e) {
    throw NormLabError("with \"dataset.drop_last\": false the last batch of each epoch holds " + std::to_string(last) +
                       " of the " + std::to_string(trainImages) + " training images: " + e.what() +
                       " (or keep \"dataset.drop_last\": true)");
  }
}

ExperimentConfig parseExperimentConfig(const nlohmann::json& j) {
  JsonFields root(j, "");
  root.allowOnly({"name", "dataset", "model", "train", "arms", "events", "seeds", "probe_every", "histogram_bins", "lesson",
                  "grid", "job"});
  ExperimentConfig c;
  c.name = root.getString("name", c.name);
  if (root.has("dataset")) c.data = parseDataConfig(j.at("dataset"));
  c.model = parseModel(root, c.modelName);
  checkDataFitsModel(c);

  bool baseSeed = false;
  if (root.has("train")) {
    JsonFields tf(j.at("train"), "train");
    tf.allowOnly({"optimizer", "lr", "momentum", "nesterov", "weight_decay", "beta1", "beta2", "adam_eps",
                  "batch_size", "dropout", "epochs", "steps", "seed", "eval_every", "activation", "init",
                  "norm_position"});
    c.train = applyTrain(tf, c.train, "\"train\"", nullptr);
    checkHasEffect(tf, c.model);
    baseSeed = tf.has("seed");
  }

  if (root.has("seeds")) {
    const json& s = j.at("seeds");
    if (baseSeed)
      root.fail("seeds", "cannot be given together with \"train.seed\": list every seed in \"seeds\"");
    if (!s.is_array() || s.empty())
      root.fail("seeds", "must be a non-empty list of seeds such as [1, 2, 3], got " + shortValue(s));
    if (s.size() > 1000) root.fail("seeds", "lists " + std::to_string(s.size()) + " seeds (at most 1000)");
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string key = "seeds[" + std::to_string(i) + "]";
      const std::uint64_t v = seedValue(s[i], root, key);
      if (std::find(c.seeds.begin(), c.seeds.end(), v) != c.seeds.end())
        root.fail(key.c_str(), "repeats the seed " + std::to_string(v) + ": each seed must appear once");
      c.seeds.push_back(v);
    }
    c.train.seed = c.seeds.front();
  } else {
    c.seeds = {c.train.seed};
  }

  c.probeEvery = root.getInt("probe_every", c.probeEvery, 1, 1000000);
  c.histogramBins = root.getInt("histogram_bins", c.histogramBins, 8, 256);
  if (root.has("lesson")) c.lesson = parseLessonInfo(j.at("lesson"), "lesson");

  const bool grid = root.has("grid");
  if (!root.has("arms") && !grid)
    root.fail("arms", "is missing: list the compared settings, e.g. [{\"norm\": \"batch\"}, {\"norm\": \"group\"}]");
  const json gridArms = grid ? expandGrid(root, c.seeds.size()) : json();
  const json& arms = grid ? gridArms : j.at("arms");
  if (!arms.is_array()) root.fail("arms", "must be a list of arm objects, got " + shortValue(arms));
  if (arms.empty()) root.fail("arms", "must list at least one arm");
  if (arms.size() * c.seeds.size() > kMaxRuns)
    root.fail("arms", "lists " + std::to_string(arms.size()) + " arms x " + std::to_string(c.seeds.size()) +
                          " seeds = " + std::to_string(arms.size() * c.seeds.size()) + " runs (at most " +
                          std::to_string(kMaxRuns) + ")");
  for (std::size_t i = 0; i < arms.size(); ++i)
    c.arms.push_back(parseArmIn(c, arms[i], grid ? gridArmPath(arms[i]) : "arms[" + std::to_string(i) + "]", false, &arms, i));
  if (root.has("events")) c.events = parseEvents(c, j.at("events"));
  if (root.has("job")) c.job = parseJobInfo(j.at("job"), c.arms.size(), c.seeds.size());
  return c;
}

int armIndex(const ExperimentConfig& c, const std::string& label) {
  for (std::size_t k = 0; k < c.arms.size(); ++k)
    if (c.arms[k].label == label) return int(k);
  return -1;
}

std::int64_t armSteps(const ExperimentConfig& c, const ArmConfig& arm, int trainImages) {
  if (arm.train.steps > 0) return arm.train.steps;
  const int batch = arm.train.batchSize;
  if (trainImages <= 0 || batch <= 0) return 0;
  const std::int64_t perEpoch = c.data.dropLast ? trainImages / batch : (trainImages + batch - 1) / batch;
  return std::int64_t(arm.train.epochs) * perEpoch;
}

ArmConfig parseArm(const ExperimentConfig& config, const nlohmann::json& arm, const std::string& path, bool allowNoStep) {
  return parseArmIn(config, arm, path, allowNoStep, nullptr, 0);
}

std::vector<std::string> normNotes(const ExperimentConfig& c) {
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < c.arms.size(); ++i) {
    const ArmConfig& a = c.arms[i];
    if (a.norm.kind == NormKind::None) continue;
    for (const NormPlacement& p : planNorms(c.model, a.armSettings(c.seeds.front())))
      if (!p.present())
        notes.push_back("arms[" + std::to_string(i) + "] (" + a.label + "): " + p.name + " after " + p.follows +
                        " stays empty: " + p.absentReason);
  }
  return notes;
}

ExperimentConfig parseExperimentConfig(std::string_view text) {
  return parseExperimentConfig(strictJson(text, kMaxConfigBytes));
}

ExperimentConfig loadExperimentConfig(const std::string& path) {
  const std::string text =
      readTextFile(path, kMaxConfigBytes, "cannot read the experiment config " + path + " (missing or unreadable)");
  try {
    return parseExperimentConfig(std::string_view(text));
  } catch (const NormLabError& e) {
    throw NormLabError(path + ": " + e.what());
  }
}

nlohmann::json toJson(const ExperimentConfig& c) {
  json j = json::object();
  j["name"] = c.name;
  j["dataset"] = toJson(c.data);
  bool asPreset = false;
  if (!c.modelName.empty()) {
    try {
      asPreset = preset(c.modelName) == c.model;
    } catch (const NormLabError&) {
    }
  }
  j["model"] = asPreset ? json(c.modelName) : toJson(c.model);

  json t = json::object();
  const TrainSettings& b = c.train;
  for (const char* k : kTrainKeys) {
    const std::string key = k;
    if (b.optimizer.kind == OptimizerKind::Sgd && (key == "beta1" || key == "beta2" || key == "adam_eps")) continue;
    if (b.optimizer.kind == OptimizerKind::Adam && (key == "momentum" || key == "nesterov")) continue;
    if (key == (b.steps > 0 ? "epochs" : "steps")) continue;
    if (key == "seed" && c.seeds.size() > 1) continue;
    writeTrainKey(t, b, key);
  }
  j["train"] = std::move(t);

  json arms = json::array();
  for (const ArmConfig& a : c.arms) {
    json o = json::object();
    o["label"] = a.label;
    if (a.isBranch()) {
      o["branch_from"] = a.branchFrom;
      o["at_step"] = a.atStep;
    }
    const NormConfig& n = a.norm;
    o["norm"] = normKindName(n.kind);
    if (n.kind == NormKind::Group) o["groups"] = n.groups;
    if (usesEps(n.kind)) {
      o["norm_eps"] = n.eps;
      o["affine"] = n.affine;
    }
    if (n.kind == NormKind::Layer && n.affine && n.affineShape == AffineShape::Element)
      o["layer_norm_affine"] = layerNormAffineName(n);
    if (n.kind == NormKind::Batch) o["norm_momentum"] = n.momentum;
    if (n.kind == NormKind::LocalResponse) {
      o["lrn_size"] = n.lrnSize;
      o["lrn_alpha"] = n.lrnAlpha;
      o["lrn_beta"] = n.lrnBeta;
      o["lrn_k"] = n.lrnK;
    }
    if (a.inputNorm && !a.isBranch()) o["input_norm"] = preprocessChoiceName(*a.inputNorm);
    for (const std::string& key : a.isBranch() ? a.branchKeys : a.overrides) writeTrainKey(o, a.train, key);
    if (a.stopAt >= 0) o["stop_at"] = a.stopAt;
    arms.push_back(std::move(o));
  }
  j["arms"] = std::move(arms);
  if (!c.events.empty()) {
    json events = json::array();
    int change = 0;
    for (const LearningRateEvent& e : c.events) {
      json o = {{"at_step", e.atStep}, {"lr", e.lr}};
      if (!e.arm.empty()) o["arm"] = e.arm;
      if (e.change != change + 1) o["change"] = e.change;
      change = e.change;
      events.push_back(std::move(o));
    }
    j["events"] = std::move(events);
  }
  if (c.seeds.size() > 1) j["seeds"] = c.seeds;
  j["probe_every"] = c.probeEvery;
  j["histogram_bins"] = c.histogramBins;
  if (c.lesson) j["lesson"] = toJson(*c.lesson);
  if (c.job) j["job"] = toJson(*c.job);
  return j;
}

bool sameSettings(const TrainSettings& a, const TrainSettings& b) {
  const OptimizerConfig &x = a.optimizer, &y = b.optimizer;
  if (x.kind != y.kind || x.lr != y.lr || x.weightDecay != y.weightDecay) return false;
  if (x.kind == OptimizerKind::Sgd && (x.momentum != y.momentum || x.nesterov != y.nesterov)) return false;
  if (x.kind == OptimizerKind::Adam && (x.beta1 != y.beta1 || x.beta2 != y.beta2 || x.eps != y.eps)) return false;
  const bool epochsMatter = a.steps == 0;
  return a.batchSize == b.batchSize && a.dropout == b.dropout && a.steps == b.steps &&
         (!epochsMatter || a.epochs == b.epochs) && a.seed == b.seed && a.evalEvery == b.evalEvery &&
         a.activation == b.activation && a.init == b.init && a.normPosition == b.normPosition;
}

bool sameNorm(const NormConfig& a, const NormConfig& b) {
  if (a.kind != b.kind) return false;
  if (usesEps(a.kind) && (a.eps != b.eps || a.affine != b.affine)) return false;
  if (a.kind == NormKind::Batch && a.momentum != b.momentum) return false;
  if (a.kind == NormKind::Group && a.groups != b.groups) return false;
  if (a.kind == NormKind::Layer && a.affine && a.affineShape != b.affineShape) return false;
  if (a.kind == NormKind::LocalResponse &&
      (a.lrnSize != b.lrnSize || a.lrnAlpha != b.lrnAlpha || a.lrnBeta != b.lrnBeta || a.lrnK != b.lrnK))
    return false;
  return true;
}

bool sameConfig(const ExperimentConfig& a, const ExperimentConfig& b) {
  if (a.name != b.name || toJson(a.data) != toJson(b.data) || a.modelName != b.modelName || !(a.model == b.model) ||
      !sameSettings(a.train, b.train) || a.seeds != b.seeds || a.probeEvery != b.probeEvery ||
      a.histogramBins != b.histogramBins || a.arms.size() != b.arms.size() ||
      a.lesson.has_value() != b.lesson.has_value() || (a.lesson && toJson(*a.lesson) != toJson(*b.lesson)) ||
      a.job != b.job)
    return false;
  for (std::size_t i = 0; i < a.arms.size(); ++i) {
    const ArmConfig &x = a.arms[i], &y = b.arms[i];
    if (x.label != y.label || !sameSettings(x.train, y.train) || !sameNorm(x.norm, y.norm) || x.inputNorm != y.inputNorm ||
        x.overrides != y.overrides || x.branchFrom != y.branchFrom || x.parent != y.parent || x.atStep != y.atStep ||
        x.branchKeys != y.branchKeys || x.stopAt != y.stopAt)
      return false;
  }
  if (a.events.size() != b.events.size()) return false;
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    const LearningRateEvent &x = a.events[i], &y = b.events[i];
    if (x.atStep != y.atStep || x.lr != y.lr || x.arm != y.arm || x.change != y.change) return false;
  }
  return true;
}

}  // namespace normlab
