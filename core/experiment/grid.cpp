// Grid expansion of an experiment config (grid.h): checks the "grid" object's keys and value
// types, forms the cartesian product and labels each arm. Must not depend on Qt.
#include "core/experiment/grid.h"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <map>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/files/json_fields.h"
#include "core/files/json_input.h"

namespace normlab {

namespace {

using json = nlohmann::json;

enum class ValueKind { Whole, Number, Choice };

struct GridKey {
  const char* name;
  ValueKind kind;
  std::initializer_list<const char*> choices;  // ValueKind::Choice only
};

const GridKey kGridKeys[] = {
    {"norm", ValueKind::Choice, {"none", "batch", "layer", "instance", "group", "lrn"}},
    {"groups", ValueKind::Whole, {}},
    {"batch_size", ValueKind::Whole, {}},
    {"lr", ValueKind::Number, {}},
    {"optimizer", ValueKind::Choice, {"sgd", "adam"}},
    {"momentum", ValueKind::Number, {}},
    {"weight_decay", ValueKind::Number, {}},
    {"dropout", ValueKind::Number, {}},
    {"activation", ValueKind::Choice, {"relu", "leaky_relu", "sigmoid", "tanh"}},
    {"init", ValueKind::Choice, {"pytorch", "kaiming_normal", "kaiming_uniform", "xavier"}},
    {"norm_position", ValueKind::Choice, {"before_activation", "after_activation"}},
    {"input_norm", ValueKind::Choice, {"raw", "minmax", "zscore"}},
    {"epochs", ValueKind::Whole, {}},
    {"steps", ValueKind::Whole, {}},
};
constexpr std::size_t kGridKeyCount = sizeof kGridKeys / sizeof kGridKeys[0];

const char* const kGridKeyNames[] = {"norm",     "groups",       "batch_size", "lr",        "optimizer",
                                     "momentum", "weight_decay", "dropout",    "activation", "init",
                                     "norm_position", "input_norm", "epochs",  "steps"};
static_assert(sizeof kGridKeyNames / sizeof kGridKeyNames[0] == kGridKeyCount);

std::string joined(std::initializer_list<const char*> names) {
  std::string s;
  for (const char* n : names) {
    if (!s.empty()) s += ", ";
    s += n;
  }
  return s;
}

// The shortest text that reads back as the same double.
std::string shortNumber(const json& v) {
  if (v.is_number_integer()) return v.dump();
  const double d = v.get<double>();
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

const char* shortNorm(const std::string& norm) {
  if (norm == "batch") return "BN";
  if (norm == "layer") return "LN";
  if (norm == "instance") return "IN";
  if (norm == "group") return "GN";
  if (norm == "lrn") return "LRN";
  return "none";
}

void checkValue(const JsonFields& grid, const GridKey& key, const json& v, std::size_t i) {
  const std::string path = std::string(key.name) + "[" + std::to_string(i) + "]";
  switch (key.kind) {
    case ValueKind::Whole:
      if (!v.is_number() || v.get<double>() != std::floor(v.get<double>()))
        grid.fail(path.c_str(), "must be a whole number, got " + shortValue(v));
      break;
    case ValueKind::Number:
      if (!v.is_number()) grid.fail(path.c_str(), "must be a number, got " + shortValue(v));
      break;
    case ValueKind::Choice: {
      bool known = false;
      if (v.is_string())
        for (const char* c : key.choices) known = known || v.get<std::string>() == c;
      if (!known) grid.fail(path.c_str(), "must be one of " + joined(key.choices) + ", got " + shortValue(v));
      break;
    }
  }
}

}  // namespace

const char* const* gridKeys(std::size_t* count) {
  *count = kGridKeyCount;
  return kGridKeyNames;
}

std::string gridLabelPart(const std::string& key, const json& v) {
  if (key == "norm") return shortNorm(v.get<std::string>());
  if (key == "groups") return "G" + shortNumber(v);
  if (key == "batch_size") return "b" + shortNumber(v);
  if (key == "lr") return "lr" + shortNumber(v);
  if (key == "momentum") return "m" + shortNumber(v);
  if (key == "weight_decay") return "wd" + shortNumber(v);
  if (key == "dropout") return "p" + shortNumber(v);
  if (key == "epochs") return "e" + shortNumber(v);
  if (key == "steps") return "s" + shortNumber(v);
  if (key == "norm_position") return v.get<std::string>() == "after_activation" ? "norm-after" : "norm-before";
  if (key == "input_norm") return "in-" + v.get<std::string>();
  return v.get<std::string>();  // optimizer, activation, init
}

json expandGrid(const JsonFields& root, std::size_t seeds) {
  const JsonFields grid(root.json().at("grid"), "grid");
  // allowOnly takes an initializer list: kGridKeyNames, spelled out.
  grid.allowOnly({"norm", "groups", "batch_size", "lr", "optimizer", "momentum", "weight_decay", "dropout",
                  "activation", "init", "norm_position", "input_norm", "epochs", "steps"});
  // The axes present, in expansion order, each with its checked values.
  struct Axis {
    const char* key;
    const json* values;
  };
  std::vector<Axis> axes;
  std::size_t combinations = 1;
  for (const GridKey& key : kGridKeys) {
    if (!grid.has(key.name)) continue;
    const json& list = grid.json().at(key.name);
    if (!list.is_array()) grid.fail(key.name, "must be a list of values, e.g. [2, 8, 32], got " + shortValue(list));
    if (list.empty()) grid.fail(key.name, "must list at least one value");
    if (list.size() > kMaxRuns)
      grid.fail(key.name, "lists " + std::to_string(list.size()) + " values (at most " + std::to_string(kMaxRuns) + " runs in all)");
    std::map<json, std::size_t> seen;  // value -> first index (a set, not n^2 compares, for long lists)
    for (std::size_t i = 0; i < list.size(); ++i) {
      checkValue(grid, key, list[i], i);
      if (const auto [it, added] = seen.emplace(list[i], i); !added)
        grid.fail((std::string(key.name) + "[" + std::to_string(i) + "]").c_str(),
                  "repeats " + shortValue(list[i]) + " (" + grid.keyPath(key.name) + "[" + std::to_string(it->second) +
                      "]): each value must appear once");
    }
    combinations *= list.size();  // each factor <= kMaxRuns; checked against the limit below
    if (combinations > kMaxRuns)
      root.fail("grid", "expands to more than " + std::to_string(kMaxRuns) + " arms (at most " + std::to_string(kMaxRuns) +
                            " runs, arms x seeds)");
    axes.push_back({key.name, &list});
  }
  if (axes.empty()) root.fail("grid", "must vary at least one key, e.g. {\"batch_size\": [2, 8, 32]}");

  // The listed arms the grid crosses (none: one arm of the defaults, without a label of its own).
  std::vector<json> bases;
  if (root.has("arms")) {
    const json& arms = root.json().at("arms");
    if (!arms.is_array()) root.fail("arms", "must be a list of arm objects, got " + shortValue(arms));
    if (arms.empty()) root.fail("arms", "must list at least one arm (or leave \"arms\" out: the grid makes them)");
    for (std::size_t i = 0; i < arms.size(); ++i) {
      const JsonFields arm(arms[i], "arms[" + std::to_string(i) + "]");
      if (arm.has("label")) (void)arm.getString("label", "");  // a label of the wrong type is not dropped silently
      for (const Axis& a : axes)
        if (arm.has(a.key))
          arm.fail(a.key, "is also a key of \"grid\": an arm crossed with the grid may not set what the grid varies");
      bases.push_back(arms[i]);
    }
  } else {
    bases.push_back(json::object());
  }
  const std::size_t arms = bases.size() * combinations, runs = arms * seeds;
  if (runs > kMaxRuns)
    root.fail("grid", "expands to " + std::to_string(arms) + " arms x " + std::to_string(seeds) + " seeds = " +
                          std::to_string(runs) + " runs (at most " + std::to_string(kMaxRuns) + ")");

  json out = json::array();
  for (const json& base : bases) {
    std::string prefix;
    if (base.contains("label") && base.at("label").is_string()) prefix = base.at("label").get<std::string>();
    else if (base.contains("norm") && base.at("norm").is_string()) prefix = shortNorm(base.at("norm").get<std::string>());
    std::vector<std::size_t> at(axes.size(), 0);
    for (std::size_t n = 0; n < combinations; ++n) {
      json arm = base;
      std::string label = prefix;
      for (std::size_t k = 0; k < axes.size(); ++k) {
        const json& v = (*axes[k].values)[at[k]];
        arm[axes[k].key] = v;
        if (!label.empty()) label += ' ';
        label += gridLabelPart(axes[k].key, v);
      }
      arm["label"] = label;
      out.push_back(std::move(arm));
      for (std::size_t k = axes.size(); k-- > 0;) {  // the last axis varies fastest
        if (++at[k] < axes[k].values->size()) break;
        at[k] = 0;
      }
    }
  }
  return out;
}

std::string gridArmPath(const json& arm) {
  std::string label = arm.at("label").get<std::string>();
  if (label.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    label = label.substr(0, cut) + "...";
  }
  return "grid[" + label + "]";
}

}  // namespace normlab
