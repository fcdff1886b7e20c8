// The side panel while an experiment trains (issue 15): what an edit of its settings asks of the
// running experiment. Ticking a norm type (or adding a batch size / dropout rate to Vary) adds an
// arm, built by the same code that builds the arms for Start (experimentJson); unticking hides
// that arm (it keeps training); a batch size, dropout rate or optimizer that cannot change arms
// that already train becomes a new arm or a branch of a chosen arm. Pure logic on JSON and
// configs: no widgets, no Qt, so every rule is unit-testable.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_config.h"
#include "ui/window/experiment_builder.h"

namespace normlab {

// The keys of "train" that a change in the panel may give a new arm or a branch (the rest need a
// new experiment: Reset).
inline const std::vector<std::string> kLiveTrainKeys = {"batch_size", "dropout", "optimizer", "momentum"};

struct LivePlan {
  struct Add {
    std::string panelLabel;  // the panel's name for it ("GN", "BN batch 8")
    nlohmann::json arm;      // for ExperimentRunner::addArm
  };
  std::vector<Add> add;
  std::vector<std::string> hide, show;  // experiment arm labels
  std::set<std::string> named;          // the panel's arm labels now (pass them back next time)
  // "train" keys the panel sets otherwise than the experiment's base settings (kLiveTrainKeys
  // only), e.g. {"batch_size": 8}: they cannot apply to arms that train.
  nlohmann::json changes = nlohmann::json::object();
};

// The arms the panel's settings name (experimentJson's "arms"; none when it names none).
nlohmann::json panelArms(const ControlSettings& settings);

// armOfPanel: which experiment arm stands for each of the panel's arms (the arms the experiment
// started with, by label, and the arms added for the panel since); named: the panel's arm labels
// at the last call (only what the edit changed acts: an arm hidden from its key stays hidden
// while the panel still names it); hidden: the experiment arms the charts leave out now.
LivePlan livePlan(const ControlSettings& settings, const ExperimentConfig& running,
                  const std::map<std::string, std::string>& armOfPanel, const std::set<std::string>& named,
                  const std::set<std::string>& hidden);

// ", batch 8, dropout 0, adam" for the changes (what a label adds to say what differs).
std::string changesSuffix(const nlohmann::json& changes);
// A label not taken by an arm of `config`: `label`, else "label (2)", ...
std::string freeLabel(const ExperimentConfig& config, const std::string& label);
// A new ordinary arm: arm `armIndex` of `running` as it was configured (its own keys), with the
// changes on top, labelled "<its label><changesSuffix>".
nlohmann::json newArmWithChanges(const ExperimentConfig& running, int armIndex, const nlohmann::json& changes);
// A branch of the arm labelled `parent` at its current step with the changes:
// {"label": "<parent> → batch 8", "branch_from": parent, ...changes}. A branch keeps its parent's
// seed, activation and input norm, so only the branchable keys of `changes` are used.
nlohmann::json branchArm(const ExperimentConfig& running, const std::string& parent, const nlohmann::json& changes,
                         const std::string& label = "");

}  // namespace normlab
