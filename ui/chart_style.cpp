#include "chart_style.h"

#include "arm_palette.h"

#include <algorithm>
#include <cmath>

#include <QFont>
#include <QPen>
#include <QSet>
#include <QWidget>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>

namespace normlab {

namespace {
const char* kRoleProperty = "normlab_role";
const char* kRunProperty = "normlab_run";

qreal roleFactor(LineRole role) {
  switch (role) {
    case LineRole::Main: return 1.0;
    case LineRole::Secondary: return 0.75;
    case LineRole::Thin: return 0.5;
  }
  return 1.0;
}
}  // namespace

ChartFonts chartFonts(bool presentation) {
  if (presentation) return {24, 17, 19, 18, 17, 5.0, 14};
  return {14, 10, 11, 11, 10, 2.5, 9};
}

QChart* newChart(const QString& title) {
  auto* chart = new QChart;
  chart->setTheme(QChart::ChartThemeLight);
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->legend()->setShowToolTips(true);
  chart->setMargins(QMargins(6, 4, 6, 4));
  chart->setBackgroundRoundness(0);
  return chart;
}

QChartView* newChartView(QChart* chart, QWidget* parent) {
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(240, 180);
  return view;
}

void styleLine(QXYSeries* series, const QColor& color, LineRole role, Qt::PenStyle style) {
  series->setProperty(kRoleProperty, int(role));
  QPen pen(color);
  pen.setStyle(style);
  pen.setWidthF(chartFonts(false).lineWidth * roleFactor(role));
  pen.setCapStyle(Qt::RoundCap);
  pen.setJoinStyle(Qt::RoundJoin);
  series->setPen(pen);
  series->setColor(color);
  if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
    scatter->setBrush(color);
    scatter->setBorderColor(Qt::white);
  }
}

void styleBand(QAreaSeries* series, const QColor& color, int alpha) {
  QColor fill = color;
  fill.setAlpha(alpha);
  series->setBrush(fill);
  series->setPen(Qt::NoPen);
  series->setColor(fill);
  series->setBorderColor(fill);
}

void applyChartStyle(QChart* chart, bool presentation) {
  const ChartFonts f = chartFonts(presentation);
  QFont title = chart->titleFont();
  title.setPointSizeF(f.title);
  title.setBold(true);
  chart->setTitleFont(title);
  for (QAbstractAxis* axis : chart->axes()) {
    QFont labels = axis->labelsFont();
    labels.setPointSizeF(f.axisLabels);
    axis->setLabelsFont(labels);
    QFont axisTitle = axis->titleFont();
    axisTitle.setPointSizeF(f.axisTitle);
    axisTitle.setBold(false);
    axis->setTitleFont(axisTitle);
    QPen grid = axis->gridLinePen();
    grid.setWidthF(presentation ? 1.5 : 1.0);
    axis->setGridLinePen(grid);
  }
  QFont legend = chart->legend()->font();
  legend.setPointSizeF(f.legend);
  chart->legend()->setFont(legend);
  chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
  for (QAbstractSeries* series : chart->series()) {
    auto* xy = qobject_cast<QXYSeries*>(series);
    if (!xy) continue;
    if (auto* scatter = qobject_cast<QScatterSeries*>(xy)) {
      scatter->setMarkerSize(f.markerSize);
      continue;
    }
    const QVariant role = xy->property(kRoleProperty);
    if (!role.isValid()) continue;
    QPen pen = xy->pen();
    pen.setWidthF(f.lineWidth * roleFactor(LineRole(role.toInt())));
    xy->setPen(pen);
    if (xy->pointsVisible()) xy->setMarkerSize(f.markerSize * 0.8);
  }
}

void applyWidgetFont(QWidget* widget, bool presentation) {
  QFont font = widget->font();
  font.setPointSizeF(chartFonts(presentation).widget);
  widget->setFont(font);
}

void setSeriesRun(QAbstractSeries* series, int runIndex) { series->setProperty(kRunProperty, runIndex); }

int seriesRun(const QAbstractSeries* series) {
  const QVariant v = series->property(kRunProperty);
  return v.isValid() ? v.toInt() : -1;
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
  for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

QString runDisplayName(const RunRecord& run, bool severalSeeds) {
  QString name = runLabel(run, severalSeeds);
  if (run.diverged) name += QString(" \u2013 diverged at step %1").arg(run.divergedAtStep);
  return name;
}

bool hasSeveralSeeds(const Snapshot& snapshot) {
  QSet<int> seeds;
  for (const RunRecord& run : snapshot.runs) seeds.insert(run.seedIndex);
  return seeds.size() > 1;
}

QString runSetKey(const Snapshot& snapshot) {
  QString key;
  for (const RunRecord& run : snapshot.runs)
    key += QString("%1/%2/%3/%4;").arg(run.arm).arg(run.seedIndex).arg(run.seed).arg(QString::fromStdString(run.label));
  return key;
}

void decimate(QList<QPointF>& points, int maxPoints) {
  const qsizetype n = points.size();
  if (n <= maxPoints || maxPoints < 2) return;
  // Keep indices round(k * (n-1) / (m-1)), k = 0..m-1: first and last included, evenly spread.
  const qsizetype m = maxPoints;
  for (qsizetype k = 0; k < m; ++k) {
    const qsizetype src = qsizetype(std::llround(double(k) * double(n - 1) / double(m - 1)));
    points[k] = points[src];  // src >= k, so nothing needed later is overwritten
  }
  points.resize(m);
}

double clampLog(double v, double floor) { return std::clamp(v, floor, 1e30); }

void RangeKeeper::include(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return;
  if (lo > hi) std::swap(lo, hi);
  if (hi > 0) {
    const double plo = lo > 0 ? lo : hi;
    if (!posValid_) {
      posLo_ = plo;
      posHi_ = hi;
      posValid_ = true;
    } else {
      posLo_ = std::min(posLo_, plo);
      posHi_ = std::max(posHi_, hi);
    }
  }
  if (valid_ && lo >= lo_ && hi <= hi_) return;
  const double newLo = valid_ ? std::min(lo, lo_) : lo, newHi = valid_ ? std::max(hi, hi_) : hi;
  double span = newHi - newLo;
  if (span <= 0) span = std::max(std::abs(newHi), 1e-3);
  // Grow with 10 % slack on the side that moved, so a slowly rising curve does not move the
  // axis every frame.
  lo_ = (valid_ && lo >= lo_) ? lo_ : newLo - 0.1 * span;
  hi_ = (valid_ && hi <= hi_) ? hi_ : newHi + 0.1 * span;
  // Values that start at zero (accuracy, fractions) keep a zero floor.
  if (newLo >= 0 && lo_ < 0) lo_ = 0;
  valid_ = true;
}

void RangeKeeper::apply(QValueAxis* axis, double fallbackLo, double fallbackHi) const {
  if (valid_) axis->setRange(lo_, hi_);
  else axis->setRange(fallbackLo, fallbackHi);
}

void RangeKeeper::applyLog(QLogValueAxis* axis) const {
  if (!posValid_) {
    axis->setRange(1e-3, 1e1);
    return;
  }
  double lo = std::pow(10.0, std::floor(std::log10(clampLog(posLo_))));
  double hi = std::pow(10.0, std::ceil(std::log10(clampLog(posHi_))));
  if (hi <= lo) hi = lo * 10;
  axis->setRange(lo, hi);
}

}  // namespace normlab

namespace normlab {

void ChartViewBase::setPresentationMode(bool on) {
  presentation_ = on;
  applyWidgetFont(this, on);
  restyle();
  presentationChanged();
}

QChartView* ChartViewBase::addChart(QChart* chart, QWidget* parent) {
  QChartView* view = newChartView(chart, parent);
  views_.append(view);
  applyChartStyle(chart, presentation_);
  return view;
}

void ChartViewBase::removeChart(QChartView* view) { views_.removeAll(view); }

void ChartViewBase::restyle() {
  for (QChartView* view : views_) applyChartStyle(view->chart(), presentation_);
}

}  // namespace normlab
