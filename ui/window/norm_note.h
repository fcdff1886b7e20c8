// The window's note on norms that a layer position cannot take, in a teacher's words: one line per
// position, naming every arm it concerns ("No IN, LRN after fc1: its 128 outputs are flat, with no
// spatial extent to normalize over."). The command line prints the per-arm form (normNotes).
#pragma once

#include <QString>

#include "core/experiment/experiment_config.h"

namespace normlab {

// Empty when every arm's norms are placed.
QString normNoteForWindow(const ExperimentConfig& config);

}  // namespace normlab
