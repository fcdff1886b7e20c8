#include "ui/views/chart_style.h"

#include <QCoreApplication>
#include <QComboBox>
#include <QSignalBlocker>

#include "ui/views/arm_palette.h"

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
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ChartStyle)
};
}  // namespace

namespace {
const char* kRoleProperty = "normlab_role";
const char* kRunProperty = "normlab_run";
const char* kArmProperty = "normlab_arm";
const char* kNoLegendProperty = "normlab_no_legend";
const char* kColorProperty = "normlab_color";  // the colour styleLine/styleBand gave

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
  // A dashed line of a few hundred points took 8-15 ms to paint (Qt strokes every dash of a wide,
  // antialiased pen as its own path; a gradient chart with six took 95 ms a frame). A
  // "secondary" line is drawn solid, in its role's thinner width and a lighter shade instead
  // (opaque: translucent strokes cost three times as much to blend).
  QColor drawn = color;
  if (style != Qt::SolidLine)
    drawn = QColor::fromRgbF(0.65f * color.redF() + 0.35f, 0.65f * color.greenF() + 0.35f, 0.65f * color.blueF() + 0.35f);
  QPen pen(drawn);
  pen.setWidthF(chartFonts(false).lineWidth * roleFactor(role));
  pen.setCapStyle(Qt::RoundCap);
  pen.setJoinStyle(Qt::RoundJoin);
  series->setColor(drawn);
  series->setPen(pen);
  series->setProperty(kColorProperty, drawn);
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
  series->setProperty(kColorProperty, fill);
}

QColor paleColor(const QColor& color) {
  return QColor::fromRgbF(0.25f * color.redF() + 0.75f, 0.25f * color.greenF() + 0.75f, 0.25f * color.blueF() + 0.75f);
}

void applyHighlight(QChart* chart, const QSet<int>& highlighted) {
  for (QAbstractSeries* series : chart->series()) {
    const int arm = seriesArm(series);
    const QVariant styled = series->property(kColorProperty);
    if (arm < 0 || !styled.isValid()) continue;
    const bool dim = !highlighted.isEmpty() && !highlighted.contains(arm);
    const QColor color = styled.value<QColor>();
    if (auto* area = qobject_cast<QAreaSeries*>(series)) {
      const QBrush brush = dim ? QBrush(Qt::NoBrush) : QBrush(color);
      if (area->brush() != brush) area->setBrush(brush);
      continue;
    }
    auto* xy = qobject_cast<QXYSeries*>(series);
    if (!xy) continue;
    const QColor drawn = dim ? paleColor(color) : color;
    if (xy->pen().color() == drawn) continue;
    QPen pen = xy->pen();
    pen.setColor(drawn);
    xy->setPen(pen);
    xy->setColor(drawn);
    if (auto* scatter = qobject_cast<QScatterSeries*>(xy)) scatter->setBrush(drawn);
  }
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

void setSeriesArm(QAbstractSeries* series, int arm) { series->setProperty(kArmProperty, arm); }

int seriesArm(const QAbstractSeries* series) {
  const QVariant v = series->property(kArmProperty);
  return v.isValid() ? v.toInt() : -1;
}

void hideFromLegend(QChart* chart, QAbstractSeries* series) {
  series->setProperty(kNoLegendProperty, true);
  for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

void showLegendMarkers(QChart* chart) {
  for (QLegendMarker* marker : chart->legend()->markers()) {
    const bool wanted = marker->series() && !marker->series()->property(kNoLegendProperty).toBool();
    if (marker->isVisible() != wanted) marker->setVisible(wanted);
  }
}

QString legendName(const RunRecord& run, bool severalSeeds) {
  return runDisplayName(run, severalSeeds) + QString(2, QChar(0x2003));  // em spaces between entries
}

QString runDisplayName(const RunRecord& run, bool severalSeeds) {
  QString name = runLabel(run, severalSeeds);
  if (run.diverged) name += Tr::tr(" – diverged at step %1").arg(run.divergedAtStep);
  if (run.failed) name += Tr::tr(" – failed");  // why: in the status bar and runs.csv
  return name;
}

bool setsRange(const Snapshot& snapshot, const RunRecord& run) {
  if (!run.diverged) return true;
  for (const RunRecord& other : snapshot.runs)
    if (!other.diverged) return false;
  return true;
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

QStringList probedLayerNames(const Snapshot& snapshot) {
  QStringList layers;
  std::size_t most = 0;
  for (const RunRecord& run : snapshot.runs) {
    if (run.probes.empty() || run.probes.back()->layers.size() <= most) continue;
    most = run.probes.back()->layers.size();
    layers.clear();
    for (const LayerStats& l : run.probes.back()->layers) layers.append(QString::fromStdString(l.name));
  }
  return layers;
}

QString chartedLayersNote(qsizetype probedLayers) {
  if (probedLayers <= kMaxChartedLayers) return {};
  return Tr::tr("charts for the first %1 of %2 probed layers").arg(kMaxChartedLayers).arg(probedLayers);
}

void refillKeepingSelection(QComboBox* box, const QStringList& items, int fallback) {
  const QString current = box->currentText();
  const QSignalBlocker block(box);
  box->clear();
  box->addItems(items);
  const int index = box->findText(current);
  box->setCurrentIndex(index >= 0 ? index : std::clamp(fallback, 0, std::max(0, int(items.size()) - 1)));
}

double plannedSamples(const Snapshot& snapshot) {
  double most = 0;
  for (const RunRecord& run : snapshot.runs) most = std::max(most, double(run.totalSteps) * double(run.batchSize));
  return most;
}

double plannedEpochs(const Snapshot& snapshot) {
  double most = 0;
  for (const RunRecord& run : snapshot.runs)
    if (run.samplesSeen > 0 && run.epoch > 0)
      most = std::max(most, double(run.totalSteps) * double(run.batchSize) * run.epoch / double(run.samplesSeen));
  return most;
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

void RangeKeeper::includePlanned(double hi) {
  if (!std::isfinite(hi) || hi <= 0) return;
  // Data already beyond the plan keeps its range; otherwise the plan replaces any slack.
  if (posValid_ && posHi_ > hi) return;
  lo_ = valid_ ? std::min(lo_, 0.0) : 0.0;
  hi_ = hi;
  valid_ = true;
}

void RangeKeeper::apply(QValueAxis* axis, double fallbackLo, double fallbackHi) const {
  const double lo = valid_ ? lo_ : fallbackLo, hi = valid_ ? hi_ : fallbackHi;
  const QVariant lastLo = axis->property("normlab_lo"), lastHi = axis->property("normlab_hi");
  if (lastLo.isValid() && lastLo.toDouble() == lo && lastHi.toDouble() == hi) return;
  axis->setProperty("normlab_lo", lo);
  axis->setProperty("normlab_hi", hi);
  // Round ticks (0, 50, 100 rather than 0, 53, 106), worked out on an axis of no chart: each
  // change of a charted axis lays its chart out anew (setRange, tick count, nice numbers and
  // format were four layouts, 5-7 ms an axis, most of a hidden tab's first build).
  static QValueAxis* const scratch = new QValueAxis;
  scratch->setRange(lo, hi);
  scratch->setTickCount(5);
  scratch->applyNiceNumbers();
  const double min = scratch->min(), max = scratch->max();
  const int ticks = scratch->tickCount();
  // One label format for every tick: Qt sizes the axis from its end labels, so mixed widths
  // would be elided ("...").
  const double interval = (max - min) / std::max(1, ticks - 1);
  const double magnitude = std::max(std::abs(min), std::abs(max));
  // Whole numbers up to seven digits stay plain ("150000 samples", not "1.5e+05").
  QString format = "%.1e";
  if ((magnitude < 1e5 || (magnitude < 1e7 && interval >= 1)) && !(interval > 0 && interval < 1e-3)) {
    int decimals = interval >= 1 || interval <= 0 ? 0 : int(std::ceil(-std::log10(interval) - 1e-9));
    const double scaled = interval * std::pow(10.0, decimals);
    if (std::abs(scaled - std::round(scaled)) > 1e-6) ++decimals;
    format = QString("%.%1f").arg(decimals);
  }
  // Qt labels tick i as min + i * (max - min) / (ticks - 1): a zero tick can come out as -1e-17
  // and read "-0.0". A nudge far below the labels' last digit keeps it on the positive side.
  const double shownMin = min < 0 && max > 0 ? min + interval * 1e-9 : min;
  if (axis->labelFormat() != format) axis->setLabelFormat(format);
  if (axis->tickCount() != ticks) axis->setTickCount(ticks);
  if (axis->min() != shownMin || axis->max() != max) axis->setRange(shownMin, max);
}

void RangeKeeper::applyLog(QLogValueAxis* axis) const {
  double lo = 1e-3, hi = 1e1;
  if (posValid_) {
    lo = std::floor(std::log10(clampLog(posLo_)));
    hi = std::ceil(std::log10(clampLog(posHi_)));
    if (hi <= lo) hi = lo + 1;
    // Wide ranges label every 2nd or 3rd decade so the labels stay readable.
    const int step = hi - lo <= 8 ? 1 : (hi - lo <= 16 ? 2 : 3);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
    axis->setBase(std::pow(10.0, step));
    lo = std::pow(10.0, lo);
    hi = std::pow(10.0, hi);
  } else {
    axis->setBase(10);
  }
  if (axis->min() != lo || axis->max() != hi) axis->setRange(lo, hi);
}

}  // namespace normlab

namespace normlab {

void ChartViewBase::startBuild(std::vector<std::function<void()>> steps) {
  buildSteps_ = std::move(steps);
  nextBuildStep_ = 0;
  buildMore();
}

bool ChartViewBase::buildMore() {
  if (!building()) return false;
  // Counted before it runs: the last step draws, and drawing is refused while building. Moved
  // out: a step may start another build.
  const std::function<void()> step = std::move(buildSteps_[nextBuildStep_++]);
  step();
  return building();
}

ChartViewBase::ChartViewBase(QWidget* parent) : SnapshotView(parent) {
  applyWidgetFont(this, false);
}

ArmLegend* ChartViewBase::armLegend() {
  if (!armLegend_) {
    armLegend_ = new ArmLegend(this);
    armLegend_->setHighlighted(highlightedArms());
    connect(armLegend_, &ArmLegend::armClicked, this, &SnapshotView::armClicked);
    connect(armLegend_, &ArmLegend::showAllClicked, this, &SnapshotView::showAllArmsClicked);
    connect(armLegend_, &ArmLegend::armMenuRequested, this, &SnapshotView::armMenuRequested);
  }
  return armLegend_;
}

void ChartViewBase::updateArms(const Snapshot& snapshot, const QSet<int>& onlyArms) {
  palette_ = ArmPalette(snapshot.runs);  // a sort of a few arms: cheaper than keying it
  if (armLegend_) armLegend_->setRuns(snapshot, palette_, onlyArms);
}

void ChartViewBase::highlightChanged() {
  if (armLegend_) armLegend_->setHighlighted(highlightedArms());
  for (QChartView* view : views_) applyHighlight(view->chart(), highlightedArms());
  highlightApplied();
}

void ChartViewBase::styleChart(QChart* chart) {
  applyChartStyle(chart, presentation_);
  applyHighlight(chart, highlightedArms());
}

void ChartViewBase::setPresentationMode(bool on) {
  presentation_ = on;
  applyWidgetFont(this, on);
  restyle();
  presentationChanged();
}

QChartView* ChartViewBase::addChart(QChart* chart, QWidget* parent) {
  QChartView* view = newChartView(chart, parent);
  views_.append(view);
  // The arm legend above the charts is the key on screen; exports show the chart's own.
  chart->legend()->setVisible(false);
  styleChart(chart);
  return view;
}

void ChartViewBase::removeChart(QChartView* view) { views_.removeAll(view); }

void ChartViewBase::restyle() {
  for (QChartView* view : views_) styleChart(view->chart());
}

}  // namespace normlab
