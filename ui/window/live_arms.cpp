// The panel's edits during a run as commands for the runner (see live_arms.h). No widgets, no Qt.
#include "ui/window/live_arms.h"

#include <cmath>

#include "core/base/error.h"

namespace normlab {

namespace {

using nlohmann::json;

// "0.25" rather than "0.250000".
std::string shortNumber(double v) {
  std::string text = std::to_string(v);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

double numberOr(const json& o, const char* key, double fallback) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

json panelArms(const ControlSettings& settings) {
  try {
    return experimentJson(settings)["arms"];
  } catch (const NormLabError&) {
    return json::array();  // no arm ticked, or a Vary list with a bad entry
  }
}

LivePlan livePlan(const ControlSettings& settings, const ExperimentConfig& running,
                  const std::map<std::string, std::string>& armOfPanel, const std::set<std::string>& named,
                  const std::set<std::string>& hidden) {
  LivePlan plan;
  if (settings.vary != VarySetting::Norm && !settings.varyValuesProblem.empty()) {
    plan.named = named;  // a list being typed: nothing changes until it reads well
    return plan;
  }
  // What the panel would give a new arm, against the experiment's base settings.
  json panelTrain;
  try {
    ControlSettings any = settings;
    any.vary = VarySetting::Norm;
    any.norms = {NormKind::None};
    panelTrain = experimentJson(any)["train"];
  } catch (const NormLabError&) {
    panelTrain = json::object();
  }
  const json base = toJson(running)["train"];
  const std::string panelOptimizer = panelTrain.value("optimizer", std::string("sgd"));
  const std::string baseOptimizer = base.value("optimizer", std::string("sgd"));
  if (panelTrain.contains("batch_size") && panelTrain["batch_size"] != base.value("batch_size", json()))
    plan.changes["batch_size"] = panelTrain["batch_size"];
  if (panelTrain.contains("dropout") && numberOr(panelTrain, "dropout", 0) != numberOr(base, "dropout", 0))
    plan.changes["dropout"] = panelTrain["dropout"];
  if (panelOptimizer != baseOptimizer) plan.changes["optimizer"] = panelOptimizer;
  if (panelOptimizer == "sgd" && numberOr(panelTrain, "momentum", 0) != (baseOptimizer == "sgd" ? numberOr(base, "momentum", 0) : 0))
    plan.changes["momentum"] = numberOr(panelTrain, "momentum", 0);

  for (const json& arm : panelArms(settings)) {
    const std::string label = arm.value("label", std::string());
    plan.named.insert(label);
    if (named.count(label)) continue;  // not this edit's
    const auto it = armOfPanel.find(label);
    if (it != armOfPanel.end() && armIndex(running, it->second) >= 0) {
      if (hidden.count(it->second)) plan.show.push_back(it->second);
      continue;
    }
    json add = arm;
    for (const auto& [key, value] : plan.changes.items())
      if (!add.contains(key)) add[key] = value;
    // A batch-size arm keeps its own batch size; the label says what else differs.
    json own = plan.changes;
    for (const auto& [key, value] : arm.items()) own.erase(key);
    add["label"] = freeLabel(running, label + changesSuffix(own));
    plan.add.push_back({label, add});
  }
  for (const std::string& panelLabel : named) {
    const auto it = armOfPanel.find(panelLabel);
    if (plan.named.count(panelLabel) || it == armOfPanel.end()) continue;
    if (armIndex(running, it->second) >= 0 && !hidden.count(it->second)) plan.hide.push_back(it->second);
  }
  return plan;
}

std::string changesSuffix(const json& changes) {
  std::string out;
  for (const auto& [key, value] : changes.items()) {
    if (key == "batch_size") out += ", batch " + std::to_string(value.get<int>());
    else if (key == "dropout") out += ", dropout " + shortNumber(value.get<double>());
    else if (key == "optimizer") out += ", " + value.get<std::string>();
    else if (key == "momentum") out += ", momentum " + shortNumber(value.get<double>());
    else if (key == "lr") out += ", lr " + shortNumber(value.get<double>());
    else if (key == "norm") out += ", " + value.get<std::string>() + " norm";
  }
  return out;
}

std::string freeLabel(const ExperimentConfig& config, const std::string& label) {
  if (armIndex(config, label) < 0) return label;
  for (int k = 2;; ++k) {
    const std::string candidate = label + " (" + std::to_string(k) + ")";
    if (armIndex(config, candidate) < 0) return candidate;
  }
}

json newArmWithChanges(const ExperimentConfig& running, int armIndex, const json& changes) {
  json arm = toJson(running)["arms"].at(std::size_t(armIndex));
  arm.erase("branch_from");
  arm.erase("at_step");
  arm.erase("stop_at");  // a new arm trains to its length, whatever became of the one it copies
  for (const auto& [key, value] : changes.items()) arm[key] = value;
  if (changes.value("optimizer", std::string()) == "adam") arm.erase("momentum");
  arm["label"] = freeLabel(running, running.arms[std::size_t(armIndex)].label + changesSuffix(changes));
  return arm;
}

json branchArm(const ExperimentConfig& running, const std::string& parent, const json& changes, const std::string& label) {
  json arm = json::object();
  std::string name = label;
  if (name.empty()) {
    std::string suffix = changesSuffix(changes);
    if (suffix.size() >= 2) suffix = suffix.substr(2);  // ", batch 8" -> "batch 8"
    name = parent + " \u2192 " + (suffix.empty() ? std::string("branch") : suffix);
  }
  arm["label"] = freeLabel(running, name);
  arm["branch_from"] = parent;
  for (const auto& [key, value] : changes.items()) arm[key] = value;
  if (changes.value("optimizer", std::string()) == "adam") arm.erase("momentum");
  return arm;
}

}  // namespace normlab
