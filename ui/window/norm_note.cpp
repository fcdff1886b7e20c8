#include "ui/window/norm_note.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>
#include <vector>

#include "core/model/model_spec.h"

namespace normlab {

namespace {

// One position some arms leave empty, with the arms in config order.
struct EmptyPosition {
  std::string follows;
  Shape shape;
  QStringList arms;
};

}  // namespace

QString normNoteForWindow(const ExperimentConfig& config) {
  std::vector<EmptyPosition> positions;  // in the order the arms first meet them
  for (const ArmConfig& arm : config.arms) {
    if (arm.norm.kind == NormKind::None) continue;
    for (const NormPlacement& p : planNorms(config.model, arm.armSettings(config.seeds.front()))) {
      if (p.present()) continue;
      auto it = std::find_if(positions.begin(), positions.end(),
                             [&](const EmptyPosition& e) { return e.follows == p.follows; });
      if (it == positions.end()) it = positions.insert(positions.end(), {p.follows, p.shape, {}});
      const QString label = QString::fromStdString(arm.label);
      if (!it->arms.contains(label)) it->arms << label;
    }
  }
  QStringList lines;
  for (const EmptyPosition& e : positions)
    lines << QCoreApplication::translate("NormNote", "No %1 after %2: its %3 outputs are flat, with no spatial extent to normalize over.")
                 .arg(e.arms.join(", "), QString::fromStdString(e.follows))
                 .arg(e.shape.size());
  return lines.join("\n");
}

}  // namespace normlab
