// The one place that styles every chart: theme, fonts, legend, line widths and marker sizes,
// in normal and presentation mode (large fonts and thick lines for a projector). Also the small
// helpers every chart view shares: run labels with divergence, point decimation, cleaning values
// for log axes, and axis ranges that grow with slack instead of jumping every frame.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include <QColor>
#include <QList>
#include <QSet>
#include <QPointF>
#include <QString>
#include <QtCharts/QChart>

#include "core/experiment/experiment_runner.h"

class QAbstractSeries;
class QAreaSeries;
class QChartView;
class QComboBox;
class QFont;
class QLogValueAxis;
class QValueAxis;
class QWidget;
class QXYSeries;

namespace normlab {

struct ChartFonts {
  qreal title, axisLabels, axisTitle, legend, widget;  // point sizes
  qreal lineWidth, markerSize;
};
ChartFonts chartFonts(bool presentation);

// A chart with animations off, the shared theme and the legend at the bottom.
QChart* newChart(const QString& title);
// An antialiased view of the chart, parented to parent.
QChartView* newChartView(QChart* chart, QWidget* parent);

// How a line is drawn; the width scales with presentation mode.
enum class LineRole { Main, Secondary, Thin };
// Sets colour, pen style and role (remembered on the series so applyChartStyle can rescale it).
// A non-solid style is drawn as a lighter solid line (dashes were far too slow to paint live).
void styleLine(QXYSeries* series, const QColor& color, LineRole role, Qt::PenStyle style = Qt::SolidLine);
// A translucent band in the arm colour without an outline.
void styleBand(QAreaSeries* series, const QColor& color, int alpha);
// Applies fonts to title, axes and legend and widths to every series of the chart.
void applyChartStyle(QChart* chart, bool presentation);
// Applies the widget font (controls, tables, messages) for the mode.
void applyWidgetFont(QWidget* widget, bool presentation);

// Tags a series with the index of the run it draws (tests and legend bookkeeping read it).
void setSeriesRun(QAbstractSeries* series, int runIndex);
int seriesRun(const QAbstractSeries* series);  // -1 when untagged
// Tags a series with the arm it draws (highlighting reads it).
void setSeriesArm(QAbstractSeries* series, int arm);
int seriesArm(const QAbstractSeries* series);  // -1 when untagged
// Highlighting: lines of arms not in `highlighted` are drawn pale (their styled colour mixed with
// white, still opaque: translucent strokes are slow), their bands unfilled; every arm as styled
// when `highlighted` is empty. Series without an arm tag are left alone.
void applyHighlight(QChart* chart, const QSet<int>& highlighted);
// The pale version of a colour for arms that are not highlighted.
QColor paleColor(const QColor& color);
// Hides the series' entry in its chart's legend (call after adding it to the chart).
void hideFromLegend(QChart* chart, QAbstractSeries* series);
// Shows every legend marker but those hidden with hideFromLegend: Qt hides markers that do not
// fit and does not show them again when the legend grows (an export shows the on-screen hidden
// legend at export size).
void showLegendMarkers(QChart* chart);

// "BN", "BN (seed 2)", "wild - diverged at step 3".
QString runDisplayName(const RunRecord& run, bool severalSeeds);
// The name a chart legend shows (runDisplayName with spacing so entries do not run together).
QString legendName(const RunRecord& run, bool severalSeeds);
bool hasSeveralSeeds(const Snapshot& snapshot);
// Whether the run's values set axis ranges: a diverged run does not (its curve may leave the
// chart; the legend says it diverged), unless every run diverged.
bool setsRange(const Snapshot& snapshot, const RunRecord& run);
// Identifies the set of runs (labels, arms, seeds): series are rebuilt only when it changes.
QString runSetKey(const Snapshot& snapshot);
// Probed layer names in network order, from the run with the most layers (arms without a norm at
// some position have fewer).
QStringList probedLayerNames(const Snapshot& snapshot);

// At most this many layers get charts of their own: files per layer in a chart export, panels in
// the Activations "all layers" small multiples (a real model here probes at most ~20). Beyond it
// the charts cover the first layers in network order; every layer's numbers stay in the data.
inline constexpr int kMaxChartedLayers = 32;
// "" when every probed layer is charted; else "charts for the first 32 of 500 probed layers".
QString chartedLayersNote(qsizetype probedLayers);

// The x extent a run is planned to reach: samples (max over runs of total steps x batch size),
// and the same in epochs (0 until a run has seen samples). Views set their x axes to it from the
// start, so the axes do not rescale while training (each rescale re-lays out a chart's labels,
// the slowest frame a chart has).
double plannedSamples(const Snapshot& snapshot);
double plannedEpochs(const Snapshot& snapshot);

// Replaces a layer picker's items, keeping the selected text when it is still there (else item
// `fallback`), without emitting change signals.
void refillKeepingSelection(QComboBox* box, const QStringList& items, int fallback = 0);

// Keeps at most maxPoints by even striding, always keeping the first and the last point.
void decimate(QList<QPointF>& points, int maxPoints = 1000);
// Values a log axis accepts: finite and > 0.
inline bool logSafe(double v) { return std::isfinite(v) && v > 0; }
// Clamps a finite value into [floor, 1e30] for a log axis (callers skip NaN and infinities).
double clampLog(double v, double floor = 1e-12);

// An axis range that only grows (with 10 % slack) until reset(): no jumping every frame.
class RangeKeeper {
 public:
  void reset() { valid_ = posValid_ = false; }
  // Extends the kept range to cover [lo, hi]. Ignores non-finite values.
  void include(double lo, double hi);
  // The range becomes [0, hi] exactly (no slack) unless values beyond hi were included: the
  // extent a run is planned to reach. Call after the frame's include()s.
  void includePlanned(double hi);
  bool valid() const { return valid_; }
  // Applies to a linear axis (fallback range when nothing was included).
  void apply(QValueAxis* axis, double fallbackLo = 0, double fallbackHi = 1) const;
  // Applies to a log axis, snapped out to powers of ten; ignores values <= 0.
  void applyLog(QLogValueAxis* axis) const;

 private:
  bool valid_ = false;
  double lo_ = 0, hi_ = 1;              // kept linear range (with slack)
  double posLo_ = 0, posHi_ = 0;        // smallest and largest positive values seen
  bool posValid_ = false;
};

}  // namespace normlab

// Shared base of the chart views: registers chart views, keeps the last snapshot (so controls can
// redraw without a new one) and applies the presentation mode to every chart and control.
#include "ui/views/arm_legend.h"
#include "ui/views/arm_palette.h"
#include "ui/views/snapshot_view.h"

namespace normlab {

// A line-style key label's whole text, when the screen shows it shortened (chartLineKey reads it).
inline constexpr char kFullKeyProperty[] = "normlab_full_key";

class ChartViewBase : public SnapshotView {
 public:
  explicit ChartViewBase(QWidget* parent = nullptr);
  // The key above the charts, created on first use (views that show one place it in their layout).
  ArmLegend* armLegend();
  void setPresentationMode(bool on) override;
  bool presentationMode() const { return presentation_; }
  QList<QChartView*> chartViews() const override { return views_; }
  // The first build of a new set of runs, in steps (snapshot_view.h): one step per turn of the
  // window's event loop, so that a hidden tab built after Start never holds the GUI thread for
  // the whole build (about 25 ms before; each step is a few ms).
  bool building() const override { return nextBuildStep_ < buildSteps_.size(); }
  bool buildMore() override;

 protected:
  // Starts a build of these steps (replacing one under way) and takes the first. The last step
  // draws; until it has run, showSnapshot() keeps the snapshot and draws nothing.
  void startBuild(std::vector<std::function<void()>> steps);
  // Creates a view for the chart (parented to parent) and registers it for styling and export.
  QChartView* addChart(QChart* chart, QWidget* parent);
  // Forgets a registered chart view (the caller deletes it).
  void removeChart(QChartView* view);
  // Re-applies fonts, widths and the highlight to every chart (after series were added).
  void restyle();
  // The same for one chart.
  void styleChart(QChart* chart);
  // Colours and legend entries for the snapshot's arms: the palette is recomputed when the set
  // of runs changes, the legend's labels follow divergence. Call at the top of showSnapshot.
  void updateArms(const Snapshot& snapshot, const QSet<int>& onlyArms = {});
  virtual void presentationChanged() {}
  // After the highlighted arms changed and were applied to every chart (views with more to
  // redraw, e.g. bands shown only for highlighted arms, override it).
  virtual void highlightApplied() {}

  bool presentation_ = false;
  QList<QChartView*> views_;
  ArmPalette palette_;

 private:
  void highlightChanged() override;
  ArmLegend* armLegend_ = nullptr;
  std::vector<std::function<void()>> buildSteps_;
  std::size_t nextBuildStep_ = 0;
};

}  // namespace normlab
