#include "ui/window/speed_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include "ui/views/arm_palette.h"
#include "ui/window/language.h"

namespace normlab {

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(SpeedSummary)
};
constexpr int kListedRuns = 3;  // up to this many runs are named in the status bar itself
QString count(double v) { return displayLocale().toString(qlonglong(std::llround(v))); }
double speedOf(const RunRecord& r) { return std::isfinite(r.imagesPerSecond) ? r.imagesPerSecond : 0.0; }
}  // namespace

SpeedSummary summarizeSpeeds(const Snapshot& snapshot) {
  SpeedSummary out;
  if (snapshot.runs.empty()) return out;
  const ArmPalette palette(snapshot.runs);
  bool severalSeeds = false;
  for (const RunRecord& r : snapshot.runs) severalSeeds = severalSeeds || r.seedIndex > 0;
  double total = 0, lo = std::numeric_limits<double>::infinity(), hi = 0;
  QStringList listed;
  QString rows;
  for (const RunRecord& r : snapshot.runs) {
    const double v = speedOf(r);
    total += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    const QString swatch = QString("<span style='color:%1'>&#9632;</span>").arg(palette.color(r.arm).name());
    const QString label = runLabel(r, severalSeeds).toHtmlEscaped();
    listed << QString("%1&nbsp;%2&nbsp;%3").arg(swatch, label, count(v));
    rows += QString("<tr><td>%1&nbsp;%2</td><td align='right'>&nbsp;&nbsp;%3</td></tr>").arg(swatch, label, count(v));
  }
  const int runs = int(snapshot.runs.size());
  if (runs <= kListedRuns)
    out.text = Tr::tr("images/s: %1").arg(listed.join(" &nbsp; "));
  else
    out.text = Tr::tr("images/s: %1 in all · %2–%3 per run (%4 runs)")
                   .arg(count(total), count(lo), count(hi))
                   .arg(runs);
  out.tooltip = Tr::tr("Training speed in images per second (all runs together: %1).")
                    .arg(count(total)) + QString("<table>%1</table>")
                    .arg(rows);
  return out;
}

}  // namespace normlab
