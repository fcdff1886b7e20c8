// Side-panel settings -> experiment config (see experiment_builder.h). No widgets; Qt only to translate
// the messages the panel shows.
#include "ui/window/experiment_builder.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

#include "core/base/error.h"
#include "core/model/model_spec.h"
#include "core/model/presets.h"

namespace normlab {

namespace {
// A message for the panel, in the window's language.
std::string translated(const char* text, const std::string& argument = {}) {
  const QString message = QCoreApplication::translate("ExperimentBuilder", text);
  // A message without a place for the argument is taken as it is (arg() would warn).
  return (message.contains("%1") ? message.arg(QString::fromStdString(argument)) : message).toStdString();
}
}  // namespace

const char* varySettingName(VarySetting v) {
  switch (v) {
    case VarySetting::Norm: return "norm";
    case VarySetting::BatchSize: return "batch_size";
    case VarySetting::Dropout: return "dropout";
  }
  return "norm";
}

std::string normShortLabel(NormKind kind) {
  switch (kind) {
    case NormKind::None: return "none";
    case NormKind::Batch: return "BN";
    case NormKind::Layer: return "LN";
    case NormKind::Instance: return "IN";
    case NormKind::Group: return "GN";
    case NormKind::LocalResponse: return "LRN";
  }
  return "none";
}

namespace {

bool presetHas(const std::string& name, LayerType type) {
  try {
    const ModelSpec spec = preset(name);
    for (const LayerSpec& l : spec.layers)
      if (l.type == type) return true;
  } catch (const NormLabError&) {
  }
  return false;
}

// The keys of one arm that set its normalization (only those its norm uses).
void writeNorm(nlohmann::json& arm, NormKind kind, const ControlSettings& s) {
  arm["norm"] = normKindName(kind);
  if (kind == NormKind::None) return;
  if (kind == NormKind::Group) arm["groups"] = s.groups;
  if (kind == NormKind::LocalResponse) {
    arm["lrn_size"] = s.lrnSize;
    arm["lrn_alpha"] = s.lrnAlpha;
    arm["lrn_beta"] = s.lrnBeta;
    arm["lrn_k"] = s.lrnK;
    return;
  }
  arm["norm_eps"] = s.normEps;
  if (kind == NormKind::Batch) arm["norm_momentum"] = s.normMomentum;
}

// "0.25" rather than "0.250000" in arm labels.
std::string shortNumber(double v) {  // like "%f" in the C locale, trailing zeros dropped (labels go into files)
  char buf[64];
  std::string text(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6).ptr);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

VaryList parseVaryList(VarySetting vary, const std::string& text) {
  VaryList out;
  std::vector<std::string> bad;
  const bool batch = vary == VarySetting::BatchSize;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = text.find_first_of(",; \t\n", i);
    const std::string entry = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end == std::string::npos ? text.size() : end + 1;
    if (entry.empty()) continue;
    double v = 0;  // a dot for decimals whatever the locale: commas separate the values
    const char* first = entry.data() + (entry[0] == '+' ? 1 : 0);
    const auto [stop, error] = std::from_chars(first, entry.data() + entry.size(), v);
    if (error != std::errc() || stop != entry.data() + entry.size() || !std::isfinite(v))
      bad.push_back(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "\"%1\" is not a number"), entry));
    else if (batch && (v != std::floor(v) || v < 1 || v > 4096))
      bad.push_back(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "%1 is not a batch size (a whole number from 1 to 4096)"), entry));
    else if (!batch && (v < 0 || v >= 1))
      bad.push_back(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "%1 is not a dropout rate (from 0 up to, not including, 1)"), entry));
    else
      out.values.push_back(v);
  }
  for (std::size_t k = 0; k < bad.size(); ++k) out.problem += (k ? "; " : "") + bad[k];
  return out;
}

bool presetHasDropout(const std::string& name) { return presetHas(name, LayerType::Dropout); }
bool presetHasActivation(const std::string& name) { return presetHas(name, LayerType::Activation); }

nlohmann::json experimentJson(const ControlSettings& s) {
  using nlohmann::json;
  json j;
  j["name"] = s.vary == VarySetting::Norm ? "compare-norms" : std::string("vary-") + varySettingName(s.vary);

  json data;
  data["name"] = s.dataset;
  if ((s.dataset == "idx" || s.dataset == "cifar10" || s.dataset == "images") ||
      (s.dataset == "fashion-mnist" && !s.dataPath.empty()))
    data["path"] = s.dataPath;
  if (s.dataset == "images") {
    data["size"] = s.imageSize;
    data["channels"] = s.imageChannels;
    if (s.imageTestFraction > 0) data["test_fraction"] = s.imageTestFraction;
    if (s.skipBadImages) data["skip_bad_images"] = true;
  }
  if (s.trainSubset > 0) data["train_subset"] = s.trainSubset;
  if (s.testSubset > 0) data["test_subset"] = s.testSubset;
  j["dataset"] = data;
  j["model"] = s.preset;

  const bool hasDropout = presetHasDropout(s.preset);
  json train;
  train["optimizer"] = s.optimizer;
  train["lr"] = s.lr;
  if (s.optimizer == "sgd" && s.momentum > 0) train["momentum"] = s.momentum;
  train["batch_size"] = s.batchSize;
  if (hasDropout) train["dropout"] = s.dropout;
  if (s.steps > 0)
    train["steps"] = s.steps;
  else
    train["epochs"] = s.epochs;
  train["seed"] = s.seed;
  train["eval_every"] = s.evalEvery;
  if (!s.activation.empty() && presetHasActivation(s.preset)) train["activation"] = s.activation;
  j["train"] = train;
  j["probe_every"] = s.probeEvery;

  json arms = json::array();
  if (s.vary != VarySetting::Norm && !s.varyValuesProblem.empty())
    throw NormLabError(s.vary == VarySetting::BatchSize
                           ? translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "batch sizes: %1"), s.varyValuesProblem)
                           : translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "dropout rates: %1"), s.varyValuesProblem));
  switch (s.vary) {
    case VarySetting::Norm:
      for (NormKind kind : s.norms) {
        json arm;
        arm["label"] = normShortLabel(kind);
        writeNorm(arm, kind, s);
        arms.push_back(arm);
      }
      if (arms.empty()) throw NormLabError(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "no arms: tick at least one normalization type to compare")));
      break;
    case VarySetting::BatchSize:
      for (int b : s.varyBatchSizes) {
        json arm;
        arm["label"] = normShortLabel(s.varyNorm) + " batch " + std::to_string(b);
        writeNorm(arm, s.varyNorm, s);
        arm["batch_size"] = b;
        arms.push_back(arm);
      }
      if (arms.empty()) throw NormLabError(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "no arms: give at least one batch size to compare")));
      break;
    case VarySetting::Dropout:
      if (!hasDropout)
        throw NormLabError(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "cannot vary dropout: %1 has no dropout layer (pick small-cnn)"), s.preset));
      for (double p : s.varyDropouts) {
        json arm;
        arm["label"] = normShortLabel(s.varyNorm) + " dropout " + shortNumber(p);
        writeNorm(arm, s.varyNorm, s);
        arm["dropout"] = p;
        arms.push_back(arm);
      }
      if (arms.empty()) throw NormLabError(translated(QT_TRANSLATE_NOOP("ExperimentBuilder", "no arms: give at least one dropout rate to compare")));
      break;
  }
  j["arms"] = arms;
  return j;
}

ExperimentConfig buildExperiment(const ControlSettings& settings) {
  return parseExperimentConfig(experimentJson(settings));
}

}  // namespace normlab
