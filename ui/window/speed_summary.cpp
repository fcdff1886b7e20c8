#include "ui/window/speed_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QLocale>
#include <QStringList>

#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
constexpr int kListedRuns = 3;  // up to this many runs are named in the status bar itself
QString count(double v) { return QLocale(QLocale::English).toString(qlonglong(std::llround(v))); }
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
    out.text = "images/s: " + listed.join(" &nbsp; ");
  else
    out.text = QString("images/s: %1 in all \u00b7 %2\u2013%3 per run (%4 runs)")
                   .arg(count(total), count(lo), count(hi))
                   .arg(runs);
  out.tooltip = QString("Training speed in images per second (all runs together: %1)."
                        "<table>%2</table>")
                    .arg(count(total), rows);
  return out;
}

}  // namespace normlab
