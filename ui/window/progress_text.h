// The status line's progress: "step 300 / 300 · 9,600 images seen per arm (epoch 1.60)". The
// arms train in lockstep by samples seen, so every arm still training has seen the same images
// (to within one batch). An arm that stopped early (diverged, or failed on an error) saw fewer and
// stays there: it is not the count, and the line says so ("images seen per running arm; 1 arm
// stopped early", the tooltip naming each one, where it stopped and how many images it saw).
#pragma once

#include <QString>

#include "core/experiment/experiment_runner.h"

namespace normlab {

// "12,345" (English digit grouping, whatever the locale).
QString withThousands(std::int64_t v);

struct ProgressText {
  QString text;     // plain text
  QString toolTip;  // what the numbers are; lists the runs that stopped early
};

// "" for a snapshot without runs. presentation: the step only (large text).
ProgressText progressText(const Snapshot& snapshot, bool presentation);

}  // namespace normlab
