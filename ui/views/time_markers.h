// What happened during training, marked on a chart whose x axis is training time (samples seen
// or epochs): a dashed vertical line with its label at each learning-rate change ("lr 0.025", or
// "lr ×0.5" when the arms train at rates of their own), and a cross at a diverged run's last point
// with "no norm: diverged at step 12" (an arrow at the top edge when that point is above the
// chart). The marks are one QGraphicsItem, a child of the chart, that maps them through the axes'
// ranges when it paints: they follow every resize and range change, and being part of the chart's
// scene they are in every PNG, SVG and PDF export (chart_export renders the scene). Views call
// markLearningRateChanges / timeMarkersOn from their redraw; nothing here knows how a view builds
// its series.
#pragma once

#include <QColor>
#include <QGraphicsObject>
#include <QList>
#include <QString>

#include "core/experiment/experiment_runner.h"

class QAbstractAxis;
class QChart;
class QXYSeries;

namespace normlab {

// A vertical line at x (in the x axis's unit) with a label at its top.
struct TimeLine {
  double x = 0;
  QString label;
  bool operator==(const TimeLine&) const = default;
};

// A point of a curve: a cross in the run's colour with a label beside it. A y that is not finite
// (or above the chart) is drawn as an arrow at the top edge.
struct PointMark {
  double x = 0, y = 0;
  QColor colour;
  QString label;
  bool operator==(const PointMark&) const = default;
};

// One line per learning-rate change of the experiment (LearningRateChange::event), at the earliest
// x where it reached a run (runs train in lockstep, so they are within one batch of it): "lr
// 0.025" when every run it reached trains at that rate from then on, else "lr ×0.5". epochs: x in
// epochs, else in samples seen.
QList<TimeLine> learningRateLines(const Snapshot& snapshot, bool epochs);
// One line per branch arm of the snapshot's config that has a run in the snapshot, at its parent's
// position after the branch step: "branch: BN, no dropout at step 300".
QList<TimeLine> branchLines(const Snapshot& snapshot, bool epochs);
// "lr 0.025" / "lr ×0.5": the label of one change (rates: the runs' new rates).
QString learningRateLabel(const QList<double>& rates, double factor);

// The mark of a diverged run at the last point of `series` (its loss curve as drawn, smoothing
// included), or, when the curve has no point (a loss that was never finite), at the top edge
// where the run stopped. The label names the run when the chart shows several.
PointMark divergedMark(const RunRecord& run, bool severalSeeds, const QXYSeries* series, bool epochs);

class TimeMarkers : public QGraphicsObject {
 public:
  // Over `chart`'s plot area: x through xAxis (a QValueAxis), y through yAxis (a QValueAxis or a
  // QLogValueAxis). The chart owns it.
  TimeMarkers(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis);

  // Repaint only when they changed (views call these every frame).
  void setLines(const QList<TimeLine>& lines);
  void setPoints(const QList<PointMark>& points);
  const QList<TimeLine>& lines() const { return lines_; }
  const QList<PointMark>& points() const { return points_; }

  // Where a value is drawn, in the chart's coordinates (NaN when the axis cannot show it).
  qreal xPosition(double x) const;
  qreal yPosition(double y) const;

  // Whether a visible line of the chart passes through the box (chart coordinates).
  bool coversCurve(const QRectF& box) const;
  // Where the last paint put each line's label (null: left out), in the order of lines().
  const QList<QRectF>& lineLabels() const { return lineLabels_; }

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  QChart* chart_;
  QAbstractAxis *xAxis_, *yAxis_;
  QList<TimeLine> lines_;
  QList<PointMark> points_;
  QList<QRectF> lineLabels_;
};

// The chart's marks (nullptr when it has none yet).
TimeMarkers* timeMarkers(const QChart* chart);
// The chart's marks, created on first use with these axes.
TimeMarkers* timeMarkersOn(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis);
// A time chart's one hook: lines at the snapshot's learning-rate changes and branches.
void markLearningRateChanges(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis, const Snapshot& snapshot,
                             bool epochs = false);

}  // namespace normlab
