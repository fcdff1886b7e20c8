// Arm colours for Qt: a wrapper over core/experiment/arm_colours.h, so the charts draw exactly
// the colours runs.csv records (one colour per normalization type, shades for its variants, the
// same for every seed of an arm). Views make one ArmPalette per set of runs (not per frame).
#pragma once

#include <vector>

#include <QColor>
#include <QString>

#include "core/experiment/arm_colours.h"
#include "core/experiment/experiment.h"

namespace normlab {

inline QColor toQColor(std::uint32_t rgb) { return QColor(QRgb(0xFF000000u | rgb)); }

class ArmPalette {
 public:
  ArmPalette() = default;
  explicit ArmPalette(const std::vector<RunRecord>& runs) : arms_(armColours(runs)) {}
  // The arm's colour (grey for an arm not in the runs).
  QColor color(int arm) const { return toQColor(colourOfArm(arms_, arm).rgb); }
  // The base colour of the arm's normalization type (lines that stand for a whole type).
  QColor typeColor(int arm) const { return toQColor(normTypeColour(colourOfArm(arms_, arm).type)); }
  // Every arm in legend order: by type, then by shade (the varied setting).
  const std::vector<ArmColour>& arms() const { return arms_; }

 private:
  std::vector<ArmColour> arms_;
};

// "BN" for a single-seed run, "BN (seed 2)" when an experiment repeats seeds.
inline QString runLabel(const RunRecord& run, bool severalSeeds) {
  QString label = QString::fromStdString(run.label);
  if (severalSeeds) label += QString(" (seed %1)").arg(run.seed);
  return label;
}

}  // namespace normlab
