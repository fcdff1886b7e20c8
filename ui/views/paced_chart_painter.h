// Paints a tab's charts one at a time while training runs.
//
// A snapshot changes every chart of a tab at once, and Qt would repaint them all in one update
// request: on a tab with several charts that is one long stall. Held charts do not repaint on
// their own (QGraphicsView::NoViewportUpdate); any change to a held chart's scene queues it, and
// a short timer repaints queued charts one per tick. Between two ticks the event loop handles
// input, other timers and Qt's own deferred work (a chart's layout after new series), so no
// single turn carries all of it. Releasing restores the charts' own update mode (used whenever
// training is not running, so hover and legend clicks repaint at once).
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtCharts/QChartView>

#include <utility>

namespace normlab {

class PacedChartPainter : public QObject {
  Q_OBJECT
 public:
  explicit PacedChartPainter(QObject* parent = nullptr);
  // Holds these charts and queues a repaint of each, one per tick.
  void paintInTurns(const QList<QChartView*>& charts);
  // Gives every held chart its own update mode back and repaints it normally.
  void release();
  // Charts still waiting for their turn (for tests).
  qsizetype pending() const { return pending_.size(); }
  bool holds(const QChartView* chart) const;
  // Time spent painting since the last call, in nanoseconds (for the window's redraw pacing).
  qint64 takePaintedNs() { return std::exchange(paintedNs_, 0); }
  // The pause before each chart's repaint.
  static constexpr int kTickMs = 4;

 private:
  void queue(QChartView* chart);
  void paintNext();
  struct Held {
    QPointer<QChartView> chart;
    QGraphicsView::ViewportUpdateMode mode;
    QMetaObject::Connection changed;  // the chart's scene changed: queue the chart
  };
  QList<Held> held_;
  QList<QPointer<QChartView>> pending_;
  QTimer tick_;
  qint64 paintedNs_ = 0;
};

}  // namespace normlab
