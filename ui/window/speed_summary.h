// The status bar's training speed: a short summary that fits beside the other status texts
// whatever the number of runs (24 runs listed one by one ran off the window's edge), with every
// run's images/s, in its arm's colour, in the tooltip.
#pragma once

#include <QString>

#include "core/experiment/experiment_runner.h"

namespace normlab {

struct SpeedSummary {
  QString text;     // rich text: "images/s: ■ BN 1,200  ■ LN 1,100" (up to 3 runs), else
                    // "images/s: 3,450 in all · 95–210 per run (24 runs)"
  QString tooltip;  // rich text: a table of every run's speed
};
SpeedSummary summarizeSpeeds(const Snapshot& snapshot);

}  // namespace normlab
