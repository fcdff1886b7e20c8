#include "ui/window/progress_text.h"

#include <algorithm>
#include <limits>

#include <QLocale>
#include <QStringList>

#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
const char* const kBaseTip = "Training steps (mini-batches) done per arm, and images seen per arm: the arms train in "
                             "lockstep, so every arm still training has seen the same images.";
}  // namespace

QString withThousands(std::int64_t v) { return QLocale(QLocale::English).toString(qlonglong(v)); }

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
      stopped << QString("%1: %2 at step %3, after %4 images")
                     .arg(runLabel(r, severalSeeds), r.diverged ? "diverged" : "failed")
                     .arg(withThousands(r.diverged ? r.divergedAtStep : r.step), withThousands(r.samplesSeen));
      stoppedMost = std::max(stoppedMost, r.samplesSeen);
      stoppedEpoch = std::max(stoppedEpoch, r.epoch);
    } else {
      running = std::min(running, r.samplesSeen);
      epoch = std::max(epoch, r.epoch);
    }
  }
  const QString steps = sameBatch ? QString("step %1 / %2").arg(withThousands(step), withThousands(total))
                                  : QString("up to step %1").arg(withThousands(step));
  ProgressText out;
  const QString unit = severalSeeds ? "run" : "arm";
  const qsizetype count = stopped.size();
  const bool all = count == qsizetype(s.runs.size());
  const QString stoppedText = all ? QString("every %1 stopped early").arg(unit)
                                  : QString("%1 %2%3 stopped early").arg(count).arg(unit, count == 1 ? "" : "s");
  if (presentation)  // large text: the essentials only
    out.text = count == 0 ? steps : steps + " · " + stoppedText;
  else if (count == 0)
    out.text = QString("%1 · %2 images seen per %3 (epoch %4)").arg(steps, withThousands(running), unit).arg(epoch, 0, 'f', 2);
  else if (all)
    out.text = QString("%1 · %2: up to %3 images seen (epoch %4)")
                   .arg(steps, stoppedText, withThousands(stoppedMost))
                   .arg(stoppedEpoch, 0, 'f', 2);
  else
    out.text = QString("%1 · %2 images seen per running %3 (epoch %4); %5")
                   .arg(steps, withThousands(running), unit)
                   .arg(epoch, 0, 'f', 2)
                   .arg(stoppedText);
  out.toolTip = count == 0 ? QString(kBaseTip) : QString(kBaseTip) + "\nStopped early, and not counted:\n" + stopped.join("\n");
  return out;
}

}  // namespace normlab
