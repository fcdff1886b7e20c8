// Paints a tab's charts one at a time while training runs.
//
// A snapshot changes every chart of a tab at once, and Qt would repaint them all in one update
// request: on a tab with several charts that is one long stall. Held charts do not repaint on
// their own (QGraphicsView::NoViewportUpdate); any change to a held chart's scene queues it, and
// a short timer renders queued charts one per tick. Between two ticks the event loop handles
// input, other timers and Qt's own deferred work (a chart's layout after new series), so no
// single turn carries all of it.
//
// A held chart's turn renders it into a frame (a pixmap of its viewport); every paint Qt asks for
// in between (a tab shown again, a resize after the key grew, a window exposed) shows that frame
// and queues the chart, instead of rendering the whole chart again in the middle of other work.
// A chart that has no frame yet shows its background until its turn (a tab visited for the first
// time fills in chart by chart within a few hundredths of a second).
//
// Releasing restores the charts' own update mode and painting (used whenever training is not
// running, so hover and legend clicks repaint at once). A tab shown while training is not running
// is painted in turns once, then released.
#pragma once

#include <QList>
#include <QObject>
#include <QPixmap>
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
  // The same, but each chart is released once every one of them has had its turn.
  void paintInTurnsOnce(const QList<QChartView*>& charts);
  // Gives every held chart its own update mode back and repaints it normally.
  void release() { release(true); }
  // Charts still waiting for their turn (for tests).
  qsizetype pending() const { return pending_.size(); }
  bool holds(const QChartView* chart) const;
  // How many times held charts were rendered in a turn (for tests).
  qint64 renders() const { return renders_; }
  // Time spent painting since the last call, in nanoseconds (for the window's redraw pacing).
  qint64 takePaintedNs() { return std::exchange(paintedNs_, 0); }
  // The pause before each chart's repaint.
  static constexpr int kTickMs = 4;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Held {
    QPointer<QChartView> chart;
    QGraphicsView::ViewportUpdateMode mode;
    QMetaObject::Connection changed;  // the chart's scene changed: queue the chart
    QPixmap frame;                    // what its last turn rendered (null before the first)
  };
  Held* find(const QObject* chartOrViewport);
  void hold(const QList<QChartView*>& charts);
  // repaint: the charts paint themselves anew (false when their frames are what they show).
  void release(bool repaint);
  void queue(QChartView* chart);
  void paintNext();
  void render(Held& held);
  // Paints the held chart's last frame into its viewport (inside the viewport's paint event).
  void showFrame(const Held& held);
  QList<Held> held_;
  QList<QPointer<QChartView>> pending_;
  QTimer tick_;
  qint64 paintedNs_ = 0, renders_ = 0;
  bool releaseWhenDone_ = false;
};

}  // namespace normlab
