#include "ui/window/progress_text.h"

#include <algorithm>
#include <limits>

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include "ui/views/arm_palette.h"
#include "ui/window/language.h"

namespace normlab {

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ProgressText)
};
const char* const kBaseTip = QT_TRANSLATE_NOOP("ProgressText", "Training steps (mini-batches) done per arm, and images seen per arm: the arms train in "
                             "lockstep, so every arm still training has seen the same images.");
}  // namespace

QString withThousands(std::int64_t v) { return displayLocale().toString(qlonglong(v)); }

ProgressText progressText(const Snapshot& s, bool presentation) {
  if (s.runs.empty()) return {};
  const bool severalSeeds = std::any_of(s.runs.begin(), s.runs.end(), [](const RunRecord& r) { return r.seedIndex > 0; });
  std::int64_t step = 0, total = 0, running = std::numeric_limits<std::int64_t>::max(), stoppedMost = 0;
  double epoch = 0, stoppedEpoch = 0;
  bool sameBatch = true;
  QStringList stopped;
  for (const RunRecord& r : s.runs) {
    step = std::max(step, r.step);
    total = std::max(total, r.totalSteps);
    sameBatch = sameBatch && r.batchSize == s.runs.front().batchSize;
    if (r.diverged || r.failed) {
      stopped << (r.diverged ? Tr::tr("%1: diverged at step %2, after %3 images") : Tr::tr("%1: failed at step %2, after %3 images"))
                     .arg(runLabel(r, severalSeeds))
                     .arg(withThousands(r.diverged ? r.divergedAtStep : r.step), withThousands(r.samplesSeen));
      stoppedMost = std::max(stoppedMost, r.samplesSeen);
      stoppedEpoch = std::max(stoppedEpoch, r.epoch);
    } else {
      running = std::min(running, r.samplesSeen);
      epoch = std::max(epoch, r.epoch);
    }
  }
  const QString steps = sameBatch ? Tr::tr("step %1 / %2").arg(withThousands(step), withThousands(total))
                                  : Tr::tr("up to step %1").arg(withThousands(step));
  ProgressText out;
  const int count = int(stopped.size());
  const bool all = count == int(s.runs.size());
  const QString stoppedText = severalSeeds ? (all ? Tr::tr("every run stopped early") : (count == 1 ? Tr::tr("1 run stopped early") : Tr::tr("%n runs stopped early", "", count)))
                                           : (all ? Tr::tr("every arm stopped early") : (count == 1 ? Tr::tr("1 arm stopped early") : Tr::tr("%n arms stopped early", "", count)));
  if (presentation)  // large text: the essentials only
    out.text = count == 0 ? steps : steps + " · " + stoppedText;
  else if (count == 0)
    out.text = (severalSeeds ? Tr::tr("%1 · %2 images seen per run (epoch %3)") : Tr::tr("%1 · %2 images seen per arm (epoch %3)"))
                   .arg(steps, withThousands(running), displayLocale().toString(epoch, 'f', 2));
  else if (all)
    out.text = Tr::tr("%1 · %2: up to %3 images seen (epoch %4)")
                   .arg(steps, stoppedText, withThousands(stoppedMost), displayLocale().toString(stoppedEpoch, 'f', 2));
  else
    out.text = (severalSeeds ? Tr::tr("%1 · %2 images seen per running run (epoch %3); %4")
                             : Tr::tr("%1 · %2 images seen per running arm (epoch %3); %4"))
                   .arg(steps, withThousands(running), displayLocale().toString(epoch, 'f', 2), stoppedText);
  const QString stoppedTip = Tr::tr("Stopped early, and not counted:");
  out.toolTip = Tr::tr(kBaseTip);
  if (count > 0) out.toolTip += "\n" + stoppedTip + "\n" + stopped.join("\n");
  return out;
}

}  // namespace normlab
