#include "ui/views/paced_chart_painter.h"

#include <QElapsedTimer>

namespace normlab {

PacedChartPainter::PacedChartPainter(QObject* parent) : QObject(parent) {
  tick_.setSingleShot(true);
  tick_.setTimerType(Qt::PreciseTimer);
  tick_.setInterval(kTickMs);
  connect(&tick_, &QTimer::timeout, this, &PacedChartPainter::paintNext);
}

bool PacedChartPainter::holds(const QChartView* chart) const {
  for (const Held& h : held_)
    if (h.chart == chart) return true;
  return false;
}

void PacedChartPainter::paintInTurns(const QList<QChartView*>& charts) {
  held_.removeIf([](const Held& h) { return !h.chart; });  // charts a view deleted (small multiples)
  for (QChartView* chart : charts) {
    if (!holds(chart)) {
      // A change the view makes on its own (a slider, a layer picker) gets its turn as well.
      const QMetaObject::Connection changed =
          connect(chart->scene(), &QGraphicsScene::changed, this, [this, chart] { queue(chart); });
      held_.append({chart, chart->viewportUpdateMode(), changed});
      chart->setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
    }
    queue(chart);
  }
}

void PacedChartPainter::queue(QChartView* chart) {
  if (!pending_.contains(chart)) pending_.append(chart);
  if (!tick_.isActive()) tick_.start();
}

void PacedChartPainter::paintNext() {
  // Hidden charts (another tab) cost nothing to skip; the first visible one is painted now.
  while (!pending_.isEmpty()) {
    QPointer<QChartView> chart = pending_.takeFirst();
    if (chart && chart->isVisible()) {
      QElapsedTimer clock;
      clock.start();
      chart->viewport()->repaint();
      paintedNs_ += clock.nsecsElapsed();
      break;
    }
  }
  if (!pending_.isEmpty()) tick_.start();
}

void PacedChartPainter::release() {
  pending_.clear();
  tick_.stop();
  for (const Held& h : held_) {
    disconnect(h.changed);
    if (!h.chart) continue;
    h.chart->setViewportUpdateMode(h.mode);
    h.chart->viewport()->update();
  }
  held_.clear();
}

}  // namespace normlab
