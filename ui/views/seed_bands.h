// Seeds drawn as one arm: the runs of each arm, and the mean, minimum and maximum of their curves
// (W&B's grouping), so a 3-seed experiment shows one line and one min-max band per arm instead
// of three tangled lines. Linear in the points (curves are decimated by the caller before
// they are drawn).
#pragma once

#include <vector>

#include <QList>
#include <QPointF>

#include "core/experiment/experiment_runner.h"

namespace normlab {

struct ArmRuns {
  int arm = 0;
  std::vector<int> runs;  // indices into Snapshot::runs (its seeds), in run order
};
// The snapshot's arms in order of first appearance, each with its runs.
std::vector<ArmRuns> runsByArm(const Snapshot& snapshot);

// The mean, minimum and maximum of `curves` (each in ascending x) at the x values of the curve
// with the most points. A curve counts at x only inside its own x range (a diverged seed's curve
// ends there; the others go on), linearly interpolated between its points.
void aggregateCurves(const std::vector<const QList<QPointF>*>& curves, QList<QPointF>& mean, QList<QPointF>& lo,
                     QList<QPointF>& hi);

}  // namespace normlab
