#include "experiment_file.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "error.h"
#include "json_input.h"
#include "results_writer.h"

namespace normlab {

using nlohmann::json;

namespace {

constexpr double kMaxMagnitude = std::numeric_limits<double>::max();
constexpr double kMaxFloat = std::numeric_limits<float>::max();

// NaN and infinities are stored as null (JSON has no NaN) and read back as NaN.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

[[noreturn]] void invalid(const std::string& path, const std::string& problem) {
  throw NormLabError("not a valid NormLab file: " + (path.empty() ? std::string() : "\"" + path + "\" ") + problem);
}

// Reads fields with the path of the value in every message, checking type and range.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) fail("must be an object");
  }
  [[noreturn]] void fail(const std::string& problem) const { invalid(path_, problem); }
  const json& at(const char* key) const {
    if (!j_.contains(key)) invalid(sub(key), "is missing");
    return j_.at(key);
  }
  bool has(const char* key) const { return j_.contains(key); }
  const std::string& path() const { return path_; }
  // "runs[1].step"; a top-level key has no leading dot.
  std::string sub(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }
  // A number in [lo, hi], or null (not measured: NaN).
  double num(const char* key, double lo = -kMaxMagnitude, double hi = kMaxMagnitude) const {
    return checkedNumber(at(key), sub(key), lo, hi);
  }
  // An accuracy or a fraction: in [0, 1], or null.
  double fraction(const char* key) const { return num(key, 0.0, 1.0); }
  std::int64_t integer(const char* key, std::int64_t lo, std::int64_t hi) const {
    return checkedInteger(at(key), sub(key), lo, hi);
  }
  bool boolean(const char* key) const {
    const json& v = at(key);
    if (!v.is_boolean()) invalid(sub(key), "must be true or false");
    return v.get<bool>();
  }
  std::string text(const char* key, std::size_t maxBytes = kMaxNameBytes) const {
    const json& v = at(key);
    if (!v.is_string()) invalid(sub(key), "must be a string");
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > maxBytes)
      invalid(sub(key), "is " + std::to_string(s.size()) + " bytes long (at most " + std::to_string(maxBytes) + ")");
    return s;
  }
  const json& array(const char* key, std::size_t maxSize) const {
    const json& v = at(key);
    if (!v.is_array()) invalid(sub(key), "must be a list");
    if (v.size() > maxSize)
      invalid(sub(key), "lists " + std::to_string(v.size()) + " entries (at most " + std::to_string(maxSize) + ")");
    return v;
  }
  // Calls each(Reader of element k) for every element of the list at `key` ("norms[2]" paths).
  template <typename Each>
  void forEach(const char* key, std::size_t maxSize, Each each) const {
    const json& list = array(key, maxSize);
    for (std::size_t k = 0; k < list.size(); ++k) each(Reader(list[k], sub(key) + "[" + std::to_string(k) + "]"));
  }
  // [C, H, W], each at least 1, at most kMaxShapeValues values in all (so C x H x W fits an int).
  Shape shape(const char* key) const {
    const json& v = array(key, 3);
    if (v.size() != 3) invalid(sub(key), "must be [C, H, W]");
    std::int64_t dims[3];
    for (int k = 0; k < 3; ++k) dims[k] = checkedInteger(v[std::size_t(k)], sub(key) + "[" + std::to_string(k) + "]", 1, kMaxShapeValues);
    if (dims[0] * dims[1] > kMaxShapeValues || dims[0] * dims[1] * dims[2] > kMaxShapeValues)
      invalid(sub(key), "holds more than " + std::to_string(kMaxShapeValues) + " values");
    return {int(dims[0]), int(dims[1]), int(dims[2])};
  }

  static double checkedNumber(const json& v, const std::string& path, double lo, double hi) {
    if (v.is_null()) return kNotMeasured;
    if (!v.is_number()) invalid(path, "must be a number");
    const double d = v.get<double>();
    if (!(d >= lo && d <= hi)) invalid(path, "is " + shortValue(v) + ", outside [" + json(lo).dump() + ", " + json(hi).dump() + "]");
    return d;
  }
  static std::int64_t checkedInteger(const json& v, const std::string& path, std::int64_t lo, std::int64_t hi) {
    const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (!v.is_number_integer()) invalid(path, "must be a whole number" + range);
    if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(hi) : v.get<std::int64_t>() < lo ||
                                                                                     v.get<std::int64_t>() > hi)
      invalid(path, "is " + shortValue(v) + ", not a whole number" + range);
    return v.get<std::int64_t>();
  }

 private:
  const json& j_;
  std::string path_;
};

json shapeJson(const Shape& s) { return json::array({s.c, s.h, s.w}); }

const char* const kMetricColumns[] = {"step", "samples_seen", "epoch", "train_loss", "train_acc",
                                      "test_loss", "test_acc", "wall_s"};

json probeJson(const ProbeRecord& p) {
  json layers = json::array();
  for (const LayerStats& l : p.layers) {
    json params = json::array();
    for (const ParamStats& ps : l.params)
      params.push_back({{"name", ps.name}, {"mean_abs_grad", number(ps.meanAbsGrad)},
                        {"max_abs_grad", number(ps.maxAbsGrad)}, {"grad_norm", number(ps.gradNorm)},
                        {"update_ratio", number(ps.updateRatio)}});
    json percentiles = json::array();
    for (float v : l.activation.percentiles) percentiles.push_back(number(v));
    json histogram = json::array();
    for (float v : l.activation.histogram) histogram.push_back(number(v));
    json layer{{"name", l.name}, {"kind", l.kind}, {"shape", shapeJson(l.shape)},
               {"mean", number(l.activation.mean)}, {"std", number(l.activation.std)},
               {"zero_fraction", number(l.activation.zeroFraction)},
               {"saturated_fraction", number(l.activation.saturatedFraction)}, {"percentiles", percentiles},
               {"hist_lo", number(l.activation.histLo)}, {"hist_hi", number(l.activation.histHi)},
               {"histogram", histogram}, {"grad_mean_abs", number(l.gradMeanAbs)},
               {"grad_max_abs", number(l.gradMaxAbs)}, {"params", params}};
    if (l.hasBatchNorm)
      layer["batch_norm"] = {{"batch_mean", number(l.batchNorm.batchMean)}, {"running_mean", number(l.batchNorm.runningMean)},
                             {"batch_var", number(l.batchNorm.batchVar)}, {"running_var", number(l.batchNorm.runningVar)}};
    layers.push_back(std::move(layer));
  }
  return {{"step", p.step}, {"samples_seen", p.samplesSeen}, {"train_mode_acc", number(p.trainModeAccuracy)},
          {"eval_mode_acc", number(p.evalModeAccuracy)}, {"layers", layers}};
}

// Numbers that fit a float (or null: NaN).
std::vector<float> floats(const json& list, const std::string& path, std::size_t maxSize) {
  if (!list.is_array()) invalid(path, "must be a list");
  if (list.size() > maxSize)
    invalid(path, "lists " + std::to_string(list.size()) + " values (at most " + std::to_string(maxSize) + ")");
  std::vector<float> out;
  out.reserve(list.size());
  for (std::size_t k = 0; k < list.size(); ++k)
    out.push_back(float(Reader::checkedNumber(list[k], path + "[" + std::to_string(k) + "]", -kMaxFloat, kMaxFloat)));
  return out;
}

// A probe's accuracies: in [0, 1], or -1 (not measured), or null.
double probeAccuracy(const Reader& r, const char* key) {
  const double d = r.num(key, -1.0, 1.0);
  if (d < 0.0 && d != -1.0) invalid(r.sub(key), "must be from 0 to 1, or -1 when not measured");
  return d;
}

ProbeRecord probeFromJson(const json& j, const std::string& path, std::int64_t maxStep) {
  Reader r(j, path);
  ProbeRecord p;
  p.step = r.integer("step", 0, maxStep);
  p.samplesSeen = r.integer("samples_seen", 0, kMaxSamples);
  p.trainModeAccuracy = probeAccuracy(r, "train_mode_acc");
  p.evalModeAccuracy = probeAccuracy(r, "eval_mode_acc");
  const json& layers = r.array("layers", kMaxFileLayers);
  p.layers.reserve(layers.size());
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string lp = path + ".layers[" + std::to_string(i) + "]";
    Reader lr(layers[i], lp);
    LayerStats l;
    l.name = lr.text("name");
    l.kind = lr.text("kind");
    l.shape = lr.shape("shape");
    l.activation.mean = lr.num("mean");
    l.activation.std = lr.num("std", 0.0);
    l.activation.zeroFraction = lr.fraction("zero_fraction");
    l.activation.saturatedFraction = lr.fraction("saturated_fraction");
    const std::vector<float> pct = floats(lr.at("percentiles"), lp + ".percentiles", l.activation.percentiles.size());
    if (pct.size() != l.activation.percentiles.size())
      lr.fail("has " + std::to_string(pct.size()) + " percentiles, expected " + std::to_string(l.activation.percentiles.size()));
    std::copy(pct.begin(), pct.end(), l.activation.percentiles.begin());
    l.activation.histLo = float(lr.num("hist_lo", -kMaxFloat, kMaxFloat));
    l.activation.histHi = float(lr.num("hist_hi", -kMaxFloat, kMaxFloat));
    if (l.activation.histLo > l.activation.histHi)
      lr.fail("has \"hist_lo\" above \"hist_hi\" (the histogram's range must be ordered)");
    l.activation.histogram = floats(lr.at("histogram"), lp + ".histogram", kMaxHistogramBins);
    l.gradMeanAbs = lr.num("grad_mean_abs");
    l.gradMaxAbs = lr.num("grad_max_abs");
    lr.forEach("params", kMaxLayerParams, [&](const Reader& pr) {
      l.params.push_back({pr.text("name"), pr.num("mean_abs_grad"), pr.num("max_abs_grad"), pr.num("grad_norm"),
                          pr.num("update_ratio")});
    });
    if (lr.has("batch_norm")) {
      Reader br(lr.at("batch_norm"), lp + ".batch_norm");
      l.hasBatchNorm = true;
      l.batchNorm = {br.num("batch_mean"), br.num("running_mean"), br.num("batch_var"), br.num("running_var")};
    }
    p.layers.push_back(std::move(l));
  }
  return p;
}

}  // namespace

json toJson(const RunRecord& run) {
  json norms = json::array();
  for (const NormPlacement& n : run.norms)
    norms.push_back({{"name", n.name}, {"follows", n.follows}, {"shape", shapeJson(n.shape)},
                     {"kind", normKindName(n.kind)}, {"absent_reason", n.absentReason}});
  json layers = json::array();
  for (const SummaryRow& l : run.modelLayers)
    layers.push_back({{"name", l.name}, {"kind", l.kind}, {"shape", shapeJson(l.shape)},
                      {"trainable", l.trainable}, {"non_trainable", l.nonTrainable}});
  json updates = json::array();
  for (const PopulationUpdate& u : run.populationUpdates)
    updates.push_back({{"step", u.step}, {"images", u.images}, {"test_accuracy_before", number(u.testAccuracyBefore)},
                       {"test_accuracy_after", number(u.testAccuracyAfter)}});
  json rows = json::array();
  for (const MetricPoint& m : run.metrics)
    rows.push_back({m.step, m.samplesSeen, number(m.epoch), number(m.trainLoss), number(m.trainAccuracy),
                    number(m.testLoss), number(m.testAccuracy), number(m.wallSeconds)});
  json probes = json::array();
  for (const auto& p : run.probes) probes.push_back(probeJson(*p));
  return {{"arm", run.arm}, {"seed_index", run.seedIndex}, {"label", run.label}, {"seed", run.seed},
          {"batch_size", run.batchSize}, {"dropout", run.dropout}, {"step", run.step}, {"samples_seen", run.samplesSeen},
          {"total_steps", run.totalSteps}, {"epoch", number(run.epoch)}, {"diverged", run.diverged},
          {"diverged_at_step", run.divergedAtStep}, {"failed", run.failed}, {"failure", run.failure}, {"finished", run.finished},
          {"train_seconds", number(run.trainSeconds)}, {"images_per_s", number(run.imagesPerSecond)},
          {"final_train_loss", number(run.finalTrainLoss)}, {"final_test_loss", number(run.finalTestLoss)},
          {"final_test_accuracy", number(run.finalTestAccuracy)}, {"norms", norms},
          {"model_layers", layers}, {"population_updates", updates}, {"metrics", {{"columns", kMetricColumns}, {"rows", rows}}}, {"probes", probes}};
}

json toJson(const ExperimentResults& saved) {
  json runs = json::array();
  for (const RunRecord& r : saved.runs) runs.push_back(toJson(r));
  return {{"format", "normlab-experiment"}, {"schema_version", kExperimentFileSchema},
          {"config", toJson(saved.config)}, {"warning", saved.warning}, {"runs", runs}};
}

namespace {

RunRecord runFromJson(const Reader& r, const ExperimentConfig& config) {
  const std::string& path = r.path();
  RunRecord run;
  run.arm = int(r.integer("arm", 0, std::int64_t(config.arms.size()) - 1));
  run.seedIndex = int(r.integer("seed_index", 0, std::int64_t(config.seeds.size()) - 1));
  run.label = r.text("label");
  run.seed = std::uint64_t(r.integer("seed", 0, std::int64_t(1) << 53));
  run.batchSize = int(r.integer("batch_size", 1, 4096));
  if (r.has("dropout")) run.dropout = r.num("dropout", 0.0, 1.0);  // optional: added later
  run.totalSteps = r.integer("total_steps", 0, kMaxFileSteps);
  run.step = r.integer("step", 0, run.totalSteps);
  run.samplesSeen = r.integer("samples_seen", 0, kMaxSamples);
  run.epoch = r.num("epoch", 0.0);
  run.diverged = r.boolean("diverged");
  run.divergedAtStep = r.integer("diverged_at_step", -1, run.totalSteps);
  if (r.has("failed")) run.failed = r.boolean("failed");  // optional: added later
  if (r.has("failure")) run.failure = r.text("failure", kMaxTextBytes);
  run.finished = r.boolean("finished");
  run.trainSeconds = r.num("train_seconds", 0.0);
  run.imagesPerSecond = r.num("images_per_s", 0.0);
  run.finalTrainLoss = r.num("final_train_loss");
  run.finalTestLoss = r.num("final_test_loss");
  run.finalTestAccuracy = r.fraction("final_test_accuracy");
  r.forEach("norms", kMaxFileLayers, [&](const Reader& nr) {
    NormPlacement n;
    n.name = nr.text("name");
    n.follows = nr.text("follows");
    n.shape = nr.shape("shape");
    try {
      n.kind = parseNormKind(nr.text("kind"));
    } catch (const NormLabError& e) {
      nr.fail(std::string("has ") + e.what());
    }
    n.absentReason = nr.text("absent_reason", kMaxTextBytes);
    run.norms.push_back(std::move(n));
  });
  // Optional: files written before the model summary was recorded have no "model_layers".
  if (r.has("model_layers"))
    r.forEach("model_layers", kMaxFileLayers, [&](const Reader& lr) {
      SummaryRow l;
      l.name = lr.text("name");
      l.kind = lr.text("kind");
      l.shape = lr.shape("shape");
      l.outputShape = formatOutputShape(l.shape);
      l.trainable = lr.integer("trainable", 0, kMaxFileParams);
      l.nonTrainable = lr.integer("non_trainable", 0, kMaxFileParams);
      run.modelLayers.push_back(std::move(l));
    });
  // Optional: written by NormLab versions that can recompute population statistics.
  if (r.has("population_updates"))
    r.forEach("population_updates", kMaxFileProbes, [&](const Reader& ur) {
      PopulationUpdate u;
      u.step = ur.integer("step", 0, run.totalSteps);
      u.images = int(ur.integer("images", 0, kMaxFileImages));
      u.testAccuracyBefore = ur.fraction("test_accuracy_before");
      u.testAccuracyAfter = ur.fraction("test_accuracy_after");
      run.populationUpdates.push_back(u);
    });
  Reader mr(r.at("metrics"), path + ".metrics");
  const json& rows = mr.array("rows", kMaxFileMetricRows);
  run.metrics.reserve(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const json& row = rows[k];
    const std::string rp = path + ".metrics.rows[" + std::to_string(k) + "]";
    if (!row.is_array() || row.size() != std::size(kMetricColumns))
      invalid(rp, "must be a list of " + std::to_string(std::size(kMetricColumns)) + " values (" +
                      std::to_string(std::size(kMetricColumns)) + " columns)");
    auto at = [&](std::size_t c, double lo, double hi) {
      return Reader::checkedNumber(row[c], rp + "[" + std::to_string(c) + "] (" + kMetricColumns[c] + ")", lo, hi);
    };
    constexpr double kAny = std::numeric_limits<double>::max();
    MetricPoint m;
    m.step = Reader::checkedInteger(row[0], rp + "[0] (step)", 0, run.totalSteps);
    m.samplesSeen = Reader::checkedInteger(row[1], rp + "[1] (samples_seen)", 0, kMaxSamples);
    m.epoch = at(2, 0.0, kAny);
    m.trainLoss = at(3, -kAny, kAny);
    m.trainAccuracy = at(4, 0.0, 1.0);
    m.testLoss = at(5, -kAny, kAny);
    m.testAccuracy = at(6, 0.0, 1.0);
    m.wallSeconds = at(7, 0.0, kAny);
    run.metrics.push_back(m);
  }
  const json& probes = r.array("probes", kMaxFileProbes);
  run.probes.reserve(probes.size());
  for (std::size_t k = 0; k < probes.size(); ++k)
    run.probes.push_back(std::make_shared<ProbeRecord>(
        probeFromJson(probes[k], path + ".probes[" + std::to_string(k) + "]", run.totalSteps)));
  return run;
}

}  // namespace

ExperimentResults savedExperimentFromJson(const json& j) {
  if (!j.is_object() || !j.contains("format") || j["format"] != "normlab-experiment")
    throw NormLabError("not a NormLab experiment file (no \"format\": \"normlab-experiment\")");
  Reader top(j, "");
  const std::int64_t version = top.integer("schema_version", 0, std::numeric_limits<std::int64_t>::max());
  if (version != kExperimentFileSchema)
    throw NormLabError("this file uses schema version " + std::to_string(version) + "; this NormLab reads version " +
                       std::to_string(kExperimentFileSchema) + " (is it from a newer NormLab?)");
  ExperimentResults saved;
  try {
    saved.config = parseExperimentConfig(top.at("config"));
  } catch (const NormLabError& e) {
    throw NormLabError(std::string("not a valid NormLab file: its \"config\" is invalid: ") + e.what());
  }
  saved.warning = top.text("warning", kMaxTextBytes);
  const std::size_t arms = saved.config.arms.size(), seeds = saved.config.seeds.size();
  const json& runs = top.array("runs", kMaxFileRuns);
  // One run per arm and seed, each once; or none (a file holding only a config, to run again).
  if (!runs.empty() && runs.size() != arms * seeds)
    top.fail("its \"runs\" lists " + std::to_string(runs.size()) + " runs, but the config's " + std::to_string(arms) +
             " arms x " + std::to_string(seeds) + " seeds make " + std::to_string(arms * seeds));
  std::vector<bool> seen(arms * seeds, false);
  saved.runs.reserve(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Reader r(runs[i], "runs[" + std::to_string(i) + "]");
    RunRecord run = runFromJson(r, saved.config);
    const std::size_t slot = std::size_t(run.arm) * seeds + std::size_t(run.seedIndex);
    if (seen[slot])
      r.fail("repeats arm " + std::to_string(run.arm) + " with seed index " + std::to_string(run.seedIndex) +
             ": each arm and seed is run once");
    seen[slot] = true;
    saved.runs.push_back(std::move(run));
  }
  return saved;
}

ExperimentResults snapshotResults(const Experiment& experiment) {
  ExperimentResults r;
  r.config = experiment.config();
  r.warning = experiment.warning();
  r.runs.reserve(std::size_t(experiment.runCount()));
  for (int i = 0; i < experiment.runCount(); ++i) r.runs.push_back(experiment.record(i));
  return r;
}

void saveExperiment(const std::string& path, const ExperimentResults& saved) {
  writeFileAtomically(path, jsonText(toJson(saved)));
}

ExperimentResults parseExperimentFile(std::string_view text) {
  return savedExperimentFromJson(strictJson(text, kMaxExperimentFileBytes));
}

ExperimentResults loadExperiment(const std::string& path) {
  const std::string text = readTextFile(path, kMaxExperimentFileBytes, "cannot open '" + path + "'");
  json j;
  try {
    j = strictJson(text, kMaxExperimentFileBytes);
  } catch (const NormLabError& e) {
    throw NormLabError("'" + path + "' is not valid JSON (truncated or damaged?): " + e.what());
  }
  try {
    return savedExperimentFromJson(j);
  } catch (const NormLabError& e) {
    throw NormLabError("'" + path + "': " + e.what());
  }
}

}  // namespace normlab
