#include "experiment_file.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "error.h"
#include "results_writer.h"

namespace normlab {

using nlohmann::json;

namespace {

// NaN and infinities are stored as null (JSON has no NaN) and read back as NaN.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Reads fields with the path of the value in every message.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) fail("must be an object");
  }
  [[noreturn]] void fail(const std::string& problem) const {
    throw NormLabError("not a valid NormLab file: \"" + path_ + "\" " + problem);
  }
  const json& at(const char* key) const {
    if (!j_.contains(key)) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" is missing");
    return j_.at(key);
  }
  // "runs[1].step"; a top-level key has no leading dot.
  std::string sub(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }
  double num(const char* key) const {
    const json& v = at(key);
    if (v.is_null()) return kNotMeasured;
    if (!v.is_number()) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be a number");
    return v.get<double>();
  }
  std::int64_t integer(const char* key) const {
    const json& v = at(key);
    if (!v.is_number_integer()) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be a whole number");
    return v.get<std::int64_t>();
  }
  bool boolean(const char* key) const {
    const json& v = at(key);
    if (!v.is_boolean()) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be true or false");
    return v.get<bool>();
  }
  std::string text(const char* key) const {
    const json& v = at(key);
    if (!v.is_string()) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be a string");
    return v.get<std::string>();
  }
  const json& array(const char* key) const {
    const json& v = at(key);
    if (!v.is_array()) throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be a list");
    return v;
  }
  // Calls each(Reader of element k) for every element of the list at `key` ("norms[2]" paths).
  template <typename Each>
  void forEach(const char* key, Each each) const {
    const json& list = array(key);
    for (std::size_t k = 0; k < list.size(); ++k) each(Reader(list[k], sub(key) + "[" + std::to_string(k) + "]"));
  }
  Shape shape(const char* key) const {
    const json& v = array(key);
    if (v.size() != 3 || !v[0].is_number_integer() || !v[1].is_number_integer() || !v[2].is_number_integer())
      throw NormLabError("not a valid NormLab file: \"" + sub(key) + "\" must be [C, H, W]");
    return {v[0].get<int>(), v[1].get<int>(), v[2].get<int>()};
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

std::vector<float> floats(const json& list, const std::string& path) {
  if (!list.is_array()) throw NormLabError("not a valid NormLab file: \"" + path + "\" must be a list");
  std::vector<float> out;
  for (const json& v : list) {
    if (!v.is_null() && !v.is_number()) throw NormLabError("not a valid NormLab file: \"" + path + "\" must hold numbers");
    out.push_back(v.is_null() ? NAN : v.get<float>());
  }
  return out;
}

ProbeRecord probeFromJson(const json& j, const std::string& path) {
  Reader r(j, path);
  ProbeRecord p;
  p.step = r.integer("step");
  p.samplesSeen = r.integer("samples_seen");
  p.trainModeAccuracy = r.num("train_mode_acc");
  p.evalModeAccuracy = r.num("eval_mode_acc");
  const json& layers = r.array("layers");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string lp = path + ".layers[" + std::to_string(i) + "]";
    Reader lr(layers[i], lp);
    LayerStats l;
    l.name = lr.text("name");
    l.kind = lr.text("kind");
    l.shape = lr.shape("shape");
    l.activation.mean = lr.num("mean");
    l.activation.std = lr.num("std");
    l.activation.zeroFraction = lr.num("zero_fraction");
    l.activation.saturatedFraction = lr.num("saturated_fraction");
    const std::vector<float> pct = floats(lr.at("percentiles"), lp + ".percentiles");
    if (pct.size() != l.activation.percentiles.size())
      lr.fail("has " + std::to_string(pct.size()) + " percentiles, expected " + std::to_string(l.activation.percentiles.size()));
    std::copy(pct.begin(), pct.end(), l.activation.percentiles.begin());
    l.activation.histLo = float(lr.num("hist_lo"));
    l.activation.histHi = float(lr.num("hist_hi"));
    l.activation.histogram = floats(lr.at("histogram"), lp + ".histogram");
    l.gradMeanAbs = lr.num("grad_mean_abs");
    l.gradMaxAbs = lr.num("grad_max_abs");
    const json& params = lr.array("params");
    for (std::size_t k = 0; k < params.size(); ++k) {
      Reader pr(params[k], lp + ".params[" + std::to_string(k) + "]");
      l.params.push_back({pr.text("name"), pr.num("mean_abs_grad"), pr.num("max_abs_grad"), pr.num("grad_norm"),
                          pr.num("update_ratio")});
    }
    if (layers[i].contains("batch_norm")) {
      Reader br(layers[i]["batch_norm"], lp + ".batch_norm");
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

ExperimentResults savedExperimentFromJson(const json& j) {
  if (!j.is_object() || !j.contains("format") || j["format"] != "normlab-experiment")
    throw NormLabError("not a NormLab experiment file (no \"format\": \"normlab-experiment\")");
  Reader top(j, "");
  const std::int64_t version = top.integer("schema_version");
  if (version != kExperimentFileSchema)
    throw NormLabError("this file uses schema version " + std::to_string(version) + "; this NormLab reads version " +
                       std::to_string(kExperimentFileSchema) + " (is it from a newer NormLab?)");
  ExperimentResults saved;
  try {
    saved.config = parseExperimentConfig(top.at("config"));
  } catch (const NormLabError& e) {
    throw NormLabError(std::string("not a valid NormLab file: its \"config\" is invalid: ") + e.what());
  }
  saved.warning = top.text("warning");
  const json& runs = top.array("runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string path = "runs[" + std::to_string(i) + "]";
    Reader r(runs[i], path);
    RunRecord run;
    run.arm = int(r.integer("arm"));
    run.seedIndex = int(r.integer("seed_index"));
    if (run.arm < 0 || run.arm >= int(saved.config.arms.size()))
      r.fail("names arm " + std::to_string(run.arm) + ", but the config has " + std::to_string(saved.config.arms.size()));
    run.label = r.text("label");
    run.seed = std::uint64_t(r.integer("seed"));
    run.batchSize = int(r.integer("batch_size"));
    if (runs[i].contains("dropout")) run.dropout = r.num("dropout");  // optional: added later
    run.step = r.integer("step");
    run.samplesSeen = r.integer("samples_seen");
    run.totalSteps = r.integer("total_steps");
    run.epoch = r.num("epoch");
    run.diverged = r.boolean("diverged");
    run.divergedAtStep = r.integer("diverged_at_step");
    if (runs[i].contains("failed")) run.failed = r.boolean("failed");  // optional: added later
    if (runs[i].contains("failure")) run.failure = r.text("failure");
    run.finished = r.boolean("finished");
    run.trainSeconds = r.num("train_seconds");
    run.imagesPerSecond = r.num("images_per_s");
    run.finalTrainLoss = r.num("final_train_loss");
    run.finalTestLoss = r.num("final_test_loss");
    run.finalTestAccuracy = r.num("final_test_accuracy");
    r.forEach("norms", [&](const Reader& nr) {
      NormPlacement n;
      n.name = nr.text("name");
      n.follows = nr.text("follows");
      n.shape = nr.shape("shape");
      try {
        n.kind = parseNormKind(nr.text("kind"));
      } catch (const NormLabError& e) {
        nr.fail(std::string("has ") + e.what());
      }
      n.absentReason = nr.text("absent_reason");
      run.norms.push_back(std::move(n));
    });
    // Optional: files written before the model summary was recorded have no "model_layers".
    if (runs[i].contains("model_layers"))
      r.forEach("model_layers", [&](const Reader& lr) {
        SummaryRow l;
        l.name = lr.text("name");
        l.kind = lr.text("kind");
        l.shape = lr.shape("shape");
        l.outputShape = formatOutputShape(l.shape);
        l.trainable = lr.integer("trainable");
        l.nonTrainable = lr.integer("non_trainable");
        if (l.trainable < 0 || l.nonTrainable < 0) lr.fail("has a negative parameter count");
        run.modelLayers.push_back(std::move(l));
      });
    // Optional: written by NormLab versions that can recompute population statistics.
    if (runs[i].contains("population_updates"))
      r.forEach("population_updates", [&](const Reader& ur) {
        PopulationUpdate u;
        u.step = ur.integer("step");
        u.images = int(ur.integer("images"));
        u.testAccuracyBefore = ur.num("test_accuracy_before");
        u.testAccuracyAfter = ur.num("test_accuracy_after");
        run.populationUpdates.push_back(u);
      });
    Reader mr(r.at("metrics"), path + ".metrics");
    const json& rows = mr.array("rows");
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const json& row = rows[k];
      const std::string rp = path + ".metrics.rows[" + std::to_string(k) + "]";
      if (!row.is_array() || row.size() != std::size(kMetricColumns) || !row[0].is_number_integer() ||
          !row[1].is_number_integer())
        throw NormLabError("not a valid NormLab file: \"" + rp + "\" must be a list of " +
                           std::to_string(std::size(kMetricColumns)) + " values starting with two whole numbers");
      auto at = [&](std::size_t c) {
        if (!row[c].is_null() && !row[c].is_number())
          throw NormLabError("not a valid NormLab file: \"" + rp + "\" must hold numbers");
        return row[c].is_null() ? kNotMeasured : row[c].get<double>();
      };
      MetricPoint m;
      m.step = row[0].get<std::int64_t>();
      m.samplesSeen = row[1].get<std::int64_t>();
      m.epoch = at(2);
      m.trainLoss = at(3);
      m.trainAccuracy = at(4);
      m.testLoss = at(5);
      m.testAccuracy = at(6);
      m.wallSeconds = at(7);
      run.metrics.push_back(m);
    }
    const json& probes = r.array("probes");
    for (std::size_t k = 0; k < probes.size(); ++k)
      run.probes.push_back(std::make_shared<ProbeRecord>(probeFromJson(probes[k], path + ".probes[" + std::to_string(k) + "]")));
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

ExperimentResults loadExperiment(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NormLabError("cannot open '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  json j;
  try {
    j = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw NormLabError("'" + path + "' is not valid JSON (truncated or damaged?): byte " + std::to_string(e.byte));
  }
  try {
    return savedExperimentFromJson(j);
  } catch (const NormLabError& e) {
    throw NormLabError("'" + path + "': " + e.what());
  }
}

}  // namespace normlab
