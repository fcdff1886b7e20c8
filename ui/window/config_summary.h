// An experiment config in a teacher's words, for the side panel when its settings cannot express
// the config (a lesson with several seeds, arms that differ in more than one setting): the model,
// data, training, seeds, and one line per arm saying what makes it different. No widgets here.
#pragma once

#include <QStringList>

#include "core/experiment/experiment_config.h"

namespace normlab {

struct ConfigSummary {
  QStringList setup;  // "Model: small-cnn", "Data: ...", "Training: ...", "Seeds: ..."
  QStringList arms;   // "BN 2: batch norm, batch size 2, learning rate 0.003125, stopped at step 240"
};
ConfigSummary summarizeConfig(const ExperimentConfig& config);

}  // namespace normlab
