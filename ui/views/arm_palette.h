// One colour per arm, everywhere: the Okabe-Ito palette (safe for colour-blind viewers and
// readable on white), ordered so neighbouring arms contrast strongly.
#pragma once

#include <QColor>
#include <QString>

#include "core/experiment/experiment.h"

namespace normlab {

inline QColor armColor(int armIndex) {
  static const QColor colors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                                  QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                  QColor(0x00, 0x00, 0x00), QColor(0x99, 0x99, 0x99)};
  return colors[armIndex % 8];
}

// "BN" for a single-seed run, "BN (seed 2)" when an experiment repeats seeds.
inline QString runLabel(const RunRecord& run, bool severalSeeds) {
  QString label = QString::fromStdString(run.label);
  if (severalSeeds) label += QString(" (seed %1)").arg(run.seed);
  return label;
}

}  // namespace normlab
