// The way back from an experiment config to the side panel: when a reopened .normlab file's
// config is one the controls can express, the controls show it (so the user can vary it); when it
// is not (an inline model, several seeds, arms the panel cannot build), the window keeps it as
// "the loaded experiment" and Run again uses it as is. No widgets here.
#pragma once

#include <optional>

#include "core/experiment/experiment_config.h"
#include "ui/window/experiment_builder.h"

namespace normlab {

// Settings that build exactly `config` (buildExperiment(result) equals it, checked), starting
// from `base` for what the config does not say (e.g. the batch sizes of another vary mode).
// nullopt when the controls cannot express it.
std::optional<ControlSettings> settingsForConfig(const ExperimentConfig& config, const ControlSettings& base);

// Whether two configs train the same runs, ignoring what only names them: the experiment's name,
// the arms' labels and a lesson's text (a lesson labels its arms "no norm", the panel "None").
bool sameRuns(const ExperimentConfig& a, const ExperimentConfig& b);
// As settingsForConfig, but the panel's build need only match `config` by sameRuns.
std::optional<ControlSettings> settingsForRuns(const ExperimentConfig& config, const ControlSettings& base);

}  // namespace normlab
