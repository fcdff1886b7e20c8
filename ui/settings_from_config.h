// The way back from an experiment config to the side panel: when a reopened .normlab file's
// config is one the controls can express, the controls show it (so the user can vary it); when it
// is not (an inline model, several seeds, arms the panel cannot build), the window keeps it as
// "the loaded experiment" and Run again uses it as is. No widgets here.
#pragma once

#include <optional>

#include "core/experiment_config.h"
#include "experiment_builder.h"

namespace normlab {

// Settings that build exactly `config` (buildExperiment(result) equals it, checked), starting
// from `base` for what the config does not say (e.g. the batch sizes of another vary mode).
// nullopt when the controls cannot express it.
std::optional<ControlSettings> settingsForConfig(const ExperimentConfig& config, const ControlSettings& base);

}  // namespace normlab
