#include "core/files/experiment_file.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/files/json_input.h"
#include "core/files/results_writer.h"

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
    // A parsed non-negative number is unsigned: its lower bound matters too (lo may be above 0).
    const bool outside = v.is_number_unsigned()
                             ? v.get<std::uint64_t>() > std::uint64_t(hi) || (lo > 0 && v.get<std::uint64_t>() < std::uint64_t(lo))
                             : v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi;
    if (outside)
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

// Float tensors as base64 of their little-endian float32 bytes (RFC 4648, with padding).
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string f32le(const std::vector<float>& values) {
  std::string bytes(values.size() * 4, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::uint32_t u = std::bit_cast<std::uint32_t>(values[i]);
    for (int b = 0; b < 4; ++b) bytes[4 * i + std::size_t(b)] = char((u >> (8 * b)) & 0xFF);
  }
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? std::uint8_t(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kBase64[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

// The floats of an "f32le" string: exactly `count` of them, or a message naming `path`.
std::vector<float> floatsFromF32le(const json& v, const std::string& path, std::size_t count) {
  if (!v.is_string()) invalid(path, "must be a base64 string of little-endian float32 values");
  const std::string& text = v.get_ref<const std::string&>();
  const std::size_t expected = (count * 4 + 2) / 3 * 4;
  if (text.size() != expected)
    invalid(path, "is " + std::to_string(text.size()) + " characters long; " + std::to_string(count) +
                      " float32 values take " + std::to_string(expected) + " in base64");
  // count * 4 bytes end in a group of 1 or 2 bytes (padded with 2 or 1 '=') unless divisible by 3.
  const std::size_t pad = (3 - count * 4 % 3) % 3;
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t v24 = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      const bool padding = i + k >= text.size() - pad;
      const char* at = c && c != '=' ? std::strchr(kBase64, c) : nullptr;
      if (padding ? c != '=' : !at)
        invalid(path, "is not valid base64 (character " + std::to_string(i + k + 1) + ")");
      v24 = (v24 << 6) | (padding ? 0u : std::uint32_t(at - kBase64));
    }
    for (int k = 0; k < 3; ++k) bytes.push_back(std::uint8_t((v24 >> (16 - 8 * k)) & 0xFF));
  }
  bytes.resize(count * 4);  // drops the bytes of the padding
  std::vector<float> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t u = 0;
    for (int b = 3; b >= 0; --b) u = (u << 8) | bytes[4 * i + std::size_t(b)];
    out[i] = std::bit_cast<float>(u);
  }
  return out;
}

json tensorsJson(const std::vector<SavedTensor>& tensors) {
  json list = json::array();
  for (const SavedTensor& t : tensors) list.push_back({{"name", t.name}, {"dims", t.dims}, {"f32le", f32le(t.values)}});
  return list;
}

json buffersJson(const std::vector<std::vector<float>>& buffers) {
  json list = json::array();
  for (const auto& b : buffers) list.push_back(f32le(b));
  return list;
}

json stateJson(const TrainingState& s) {
  return {{"params", tensorsJson(s.params)},
          {"buffers", tensorsJson(s.buffers)},
          {"optimizer", {{"steps", s.optimizer.steps}, {"lr", s.optimizer.lr}, {"first", buffersJson(s.optimizer.first)},
                         {"second", buffersJson(s.optimizer.second)}}},
          {"sample_stream", {{"epoch", s.stream.epoch}, {"offset", s.stream.offset}, {"samples_seen", s.stream.samplesSeen},
                             {"last_batch_position", s.stream.lastBatchPosition}}},
          {"totals", {{"loss_sum", number(s.lossSum)}, {"correct", s.correct}, {"samples", s.samples}, {"steps", s.steps}}},
          {"metric_history", {{"added", s.metricsAdded}, {"stride", s.metricsStride}}},
          {"probe_history", {{"added", s.probesAdded}, {"stride", s.probesStride}}},
          {"end_point", s.endPoint},
          {"final_before_end", {{"train_loss", number(s.finalTrainLoss)}, {"test_loss", number(s.finalTestLoss)},
                                {"test_accuracy", number(s.finalTestAccuracy)}}}};
}

// Tensors with a name, dims (each at least 1, at most kMaxTensorDims of them, at most
// kMaxFileParams values) and exactly that many values.
std::vector<SavedTensor> tensorsFromJson(const Reader& r, const char* key) {
  std::vector<SavedTensor> out;
  r.forEach(key, kMaxFileLayers * kMaxLayerParams, [&](const Reader& tr) {
    SavedTensor t;
    t.name = tr.text("name");
    const json& dims = tr.array("dims", kMaxTensorDims);
    std::int64_t count = 1;
    for (std::size_t k = 0; k < dims.size(); ++k) {
      const std::int64_t d = Reader::checkedInteger(dims[k], tr.sub("dims") + "[" + std::to_string(k) + "]", 1,
                                                    std::numeric_limits<int>::max());
      count *= d;  // at most 2^40 * 2^31 before the check: no overflow
      if (count > kMaxFileParams) tr.fail("has dims of more than " + std::to_string(kMaxFileParams) + " values");
      t.dims.push_back(int(d));
    }
    t.values = floatsFromF32le(tr.at("f32le"), tr.sub("f32le"), std::size_t(count));
    out.push_back(std::move(t));
  });
  return out;
}

// One buffer per parameter tensor, each empty or as long as its parameter.
std::vector<std::vector<float>> buffersFromJson(const Reader& r, const char* key, const std::vector<SavedTensor>& params) {
  const json& list = r.array(key, params.size());
  if (list.size() != params.size())
    invalid(r.sub(key), "lists " + std::to_string(list.size()) + " buffers, one per parameter tensor makes " +
                            std::to_string(params.size()));
  std::vector<std::vector<float>> out;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string path = r.sub(key) + "[" + std::to_string(k) + "]";
    const bool empty = list[k].is_string() && list[k].get_ref<const std::string&>().empty();
    out.push_back(empty ? std::vector<float>() : floatsFromF32le(list[k], path, params[k].values.size()));
  }
  return out;
}

std::uint64_t historyStride(const Reader& r) {
  const std::int64_t s = r.integer("stride", 1, std::int64_t(1) << 62);
  if ((s & (s - 1)) != 0) invalid(r.sub("stride"), "is " + std::to_string(s) + ", not a power of two");
  return std::uint64_t(s);
}

TrainingState stateFromJson(const Reader& r, const RunRecord& run) {
  TrainingState s;
  s.params = tensorsFromJson(r, "params");
  s.buffers = tensorsFromJson(r, "buffers");
  const Reader o(r.at("optimizer"), r.sub("optimizer"));
  s.optimizer.steps = o.integer("steps", run.step, run.step);  // one optimizer step per training step
  s.optimizer.lr = o.num("lr", 0.0, kMaxMagnitude);
  if (!std::isfinite(s.optimizer.lr)) invalid(o.sub("lr"), "must be a number");
  s.optimizer.first = buffersFromJson(o, "first", s.params);
  s.optimizer.second = buffersFromJson(o, "second", s.params);
  const Reader st(r.at("sample_stream"), r.sub("sample_stream"));
  s.stream.epoch = int(st.integer("epoch", 0, std::numeric_limits<int>::max()));
  s.stream.offset = int(st.integer("offset", 0, std::numeric_limits<int>::max()));
  s.stream.samplesSeen = st.integer("samples_seen", run.samplesSeen, run.samplesSeen);
  s.stream.lastBatchPosition = st.integer("last_batch_position", 0, kMaxSamples);
  const Reader t(r.at("totals"), r.sub("totals"));
  s.lossSum = t.num("loss_sum");
  s.steps = t.integer("steps", 0, run.step);
  s.samples = t.integer("samples", 0, run.samplesSeen);
  s.correct = t.integer("correct", 0, s.samples);
  const Reader mh(r.at("metric_history"), r.sub("metric_history"));
  s.metricsAdded = std::uint64_t(mh.integer("added", 0, kMaxFileSteps + 1));
  s.metricsStride = historyStride(mh);
  const Reader ph(r.at("probe_history"), r.sub("probe_history"));
  s.probesAdded = std::uint64_t(ph.integer("added", 0, kMaxFileSteps));
  s.probesStride = historyStride(ph);
  s.endPoint = r.boolean("end_point");
  if (s.endPoint && run.metrics.empty()) invalid(r.sub("end_point"), "is true, but the run has no metric points");
  const Reader f(r.at("final_before_end"), r.sub("final_before_end"));
  s.finalTrainLoss = f.num("train_loss");
  s.finalTestLoss = f.num("test_loss");
  s.finalTestAccuracy = f.fraction("test_accuracy");
  return s;
}

// A positive, finite number (not null: a rate is always known).
double positive(const Reader& r, const char* key) {
  const double d = r.num(key, 0.0, kMaxMagnitude);
  if (!(d > 0)) invalid(r.sub(key), d == 0 ? "is 0; it must be a positive number" : "must be a positive number");
  return d;
}

// Within the run (step and samples not beyond where it got), in the order they took effect:
// each event number once, steps and samples not falling. (Numbers need not rise: a change made
// in the window while a config's own later event waits takes the next number but applies first.)
std::vector<LearningRateChange> learningRateChangesFromJson(const Reader& r, const RunRecord& run) {
  std::vector<LearningRateChange> out;
  std::set<int> seen;
  r.forEach("learning_rate_changes", kMaxFileLearningRateChanges, [&](const Reader& cr) {
    LearningRateChange c;
    c.event = int(cr.integer("event", 1, std::int64_t(kMaxFileLearningRateChanges)));
    c.step = cr.integer("step", 0, run.step);
    c.samplesSeen = cr.integer("samples_seen", 0, run.samplesSeen);
    c.epoch = cr.num("epoch", 0.0);
    if (!std::isfinite(c.epoch)) invalid(cr.sub("epoch"), "must be a number");
    c.lr = positive(cr, "lr");
    c.factor = positive(cr, "factor");
    if (!seen.insert(c.event).second)
      invalid(cr.sub("event"), "is " + std::to_string(c.event) + ", a change this run lists already (each reaches a run once)");
    if (!out.empty()) {
      const LearningRateChange& before = out.back();
      if (c.step < before.step || c.samplesSeen < before.samplesSeen)
        cr.fail("took effect before the change listed before it (changes are listed in the order they took effect)");
    }
    out.push_back(c);
  });
  return out;
}

}  // namespace

json toJson(const std::vector<LearningRateChange>& changes) {
  json list = json::array();
  for (const LearningRateChange& c : changes)
    list.push_back({{"event", c.event}, {"step", c.step}, {"samples_seen", c.samplesSeen}, {"epoch", number(c.epoch)},
                    {"lr", c.lr}, {"factor", c.factor}});
  return list;
}

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
  json j = {{"arm", run.arm}, {"seed_index", run.seedIndex}, {"label", run.label}, {"seed", run.seed},
          {"batch_size", run.batchSize}, {"dropout", run.dropout}, {"step", run.step}, {"samples_seen", run.samplesSeen},
          {"total_steps", run.totalSteps}, {"epoch", number(run.epoch)}, {"diverged", run.diverged},
          {"diverged_at_step", run.divergedAtStep}, {"failed", run.failed}, {"failure", run.failure}, {"finished", run.finished},
          {"train_seconds", number(run.trainSeconds)}, {"images_per_s", number(run.imagesPerSecond)},
          {"final_train_loss", number(run.finalTrainLoss)}, {"final_test_loss", number(run.finalTestLoss)},
          {"final_test_accuracy", number(run.finalTestAccuracy)}, {"norms", norms},
          {"model_layers", layers}, {"population_updates", updates}, {"metrics", {{"columns", kMetricColumns}, {"rows", rows}}}, {"probes", probes}};
  // Only when there are any: a run without changes is written as before.
  if (!run.learningRateChanges.empty()) j["learning_rate_changes"] = toJson(run.learningRateChanges);
  if (run.state) j["training_state"] = stateJson(*run.state);
  return j;
}

json toJson(const ExperimentResults& saved) {
  json runs = json::array();
  for (const RunRecord& r : saved.runs) runs.push_back(toJson(r));
  return {{"format", "normlab-experiment"}, {"schema_version", kExperimentFileSchema},
          {"config", toJson(saved.config)}, {"warning", saved.warning}, {"runs", runs}};
}

namespace {

RunRecord runFromJson(const Reader& r, const ExperimentConfig& config, std::int64_t version) {
  const std::string& path = r.path();
  RunRecord run;
  run.arm = int(r.integer("arm", 0, std::int64_t(config.arms.size()) - 1));
  run.seedIndex = int(r.integer("seed_index", 0, std::int64_t(config.seeds.size()) - 1));
  run.label = r.text("label");
  run.seed = std::uint64_t(r.integer("seed", 0, std::int64_t(1) << 53));
  run.batchSize = int(r.integer("batch_size", 1, 4096));
  if (r.has("dropout")) run.dropout = r.num("dropout", 0.0, 1.0);  // optional: added later
  run.lr = config.arms[std::size_t(run.arm)].train.optimizer.lr;    // the arm's, as the run was built
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
  // Optional: written by NormLab versions that record learning-rate changes.
  if (r.has("learning_rate_changes")) run.learningRateChanges = learningRateChangesFromJson(r, run);
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
  if (r.has("training_state")) {
    if (version < 2) invalid(r.sub("training_state"), "is not part of a version " + std::to_string(version) + " file");
    if (run.diverged || run.failed)
      invalid(r.sub("training_state"), "is given for a run that diverged or failed (such a run cannot continue)");
    run.state = std::make_shared<const TrainingState>(stateFromJson(Reader(r.at("training_state"), r.sub("training_state")), run));
  }
  return run;
}

}  // namespace

ExperimentResults savedExperimentFromJson(const json& j) {
  if (!j.is_object() || !j.contains("format") || j["format"] != "normlab-experiment")
    throw NormLabError("not a NormLab experiment file (no \"format\": \"normlab-experiment\")");
  Reader top(j, "");
  const std::int64_t version = top.integer("schema_version", 0, std::numeric_limits<std::int64_t>::max());
  if (version < kOldestExperimentFileSchema || version > kExperimentFileSchema)
    throw NormLabError("this file uses schema version " + std::to_string(version) + "; this NormLab reads versions " +
                       std::to_string(kOldestExperimentFileSchema) + " to " + std::to_string(kExperimentFileSchema) +
                       " (is it from a newer NormLab?)");
  ExperimentResults saved;
  saved.schemaVersion = int(version);
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
    RunRecord run = runFromJson(r, saved.config, version);
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
  for (int i = 0; i < experiment.runCount(); ++i) r.runs.push_back(experiment.record(i, true));
  return r;
}

std::string whyNotResumable(const ExperimentResults& saved) {
  constexpr const char* kStill = " It still opens and exports, and its config can be trained again from the start.";
  if (saved.runs.empty()) return std::string("It cannot be continued: it holds a config but no trained runs.") + kStill;
  if (saved.schemaVersion < 2)
    return "It cannot be continued: it was saved by an older NormLab (file version " + std::to_string(saved.schemaVersion) +
           "), which did not store the training state (weights, optimizer moments, data position) that continuing needs." +
           kStill;
  bool any = false;
  for (const RunRecord& run : saved.runs) {
    if (run.diverged || run.failed) continue;
    if (!run.state)
      return "It cannot be continued: run '" + run.label + "' (seed " + std::to_string(run.seed) +
             ") was saved without its training state (it was saved while training; pause first, then save)." + kStill;
    any = true;
  }
  if (!any) return std::string("It cannot be continued: every run in it diverged or failed.") + kStill;
  return "";
}

ExperimentConfig continuedConfig(const ExperimentResults& saved, std::int64_t moreSteps) {
  if (const std::string why = whyNotResumable(saved); !why.empty()) throw NormLabError(why);
  const std::size_t arms = saved.config.arms.size();
  // Per arm: the furthest step its continuing runs reach; -1 where none continues.
  std::vector<std::int64_t> end(arms, -1);
  for (const RunRecord& run : saved.runs)
    if (run.state) end[std::size_t(run.arm)] = std::max(end[std::size_t(run.arm)], run.step + moreSteps);
  std::int64_t common = -1;
  bool same = true;
  for (std::int64_t e : end)
    if (e >= 0) {
      same = same && (common < 0 || e == common);
      common = std::max(common, e);
    }
  json j = toJson(saved.config);
  if (same) {
    j["train"].erase("epochs");
    j["train"]["steps"] = common;
  }
  for (std::size_t a = 0; a < arms; ++a) {
    json& arm = j["arms"][a];
    if (same || end[a] >= 0) {
      arm.erase("epochs");
      arm.erase("steps");
    }
    if (end[a] >= 0) arm.erase("stop_at");  // a stopped arm continues too
    if (!same && end[a] >= 0) arm["steps"] = end[a];
  }
  return parseExperimentConfig(j);
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
