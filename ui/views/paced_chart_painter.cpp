#include "ui/views/paced_chart_painter.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QPainter>

namespace normlab {

PacedChartPainter::PacedChartPainter(QObject* parent) : QObject(parent) {
  tick_.setSingleShot(true);
  tick_.setTimerType(Qt::PreciseTimer);
  tick_.setInterval(kTickMs);
  connect(&tick_, &QTimer::timeout, this, &PacedChartPainter::paintNext);
}

namespace {
// What a viewport's own paint event starts from, and the size of its frame in device pixels.
QColor background(const QWidget* viewport) { return viewport->palette().color(viewport->backgroundRole()); }
QSize frameSize(const QWidget* viewport) { return viewport->size() * viewport->devicePixelRatioF(); }
}  // namespace

PacedChartPainter::Held* PacedChartPainter::find(const QObject* chartOrViewport) {
  for (Held& h : held_)
    if (h.chart && (h.chart == chartOrViewport || h.chart->viewport() == chartOrViewport)) return &h;
  return nullptr;
}

bool PacedChartPainter::holds(const QChartView* chart) const {
  for (const Held& h : held_)
    if (h.chart == chart) return true;
  return false;
}

void PacedChartPainter::paintInTurns(const QList<QChartView*>& charts) {
  releaseWhenDone_ = false;
  hold(charts);
}

void PacedChartPainter::paintInTurnsOnce(const QList<QChartView*>& charts) {
  releaseWhenDone_ = true;
  hold(charts);
}

void PacedChartPainter::hold(const QList<QChartView*>& charts) {
  held_.removeIf([](const Held& h) { return !h.chart; });  // charts a view deleted (small multiples)
  for (QChartView* chart : charts) {
    if (!holds(chart)) {
      // A change the view makes on its own (a slider, a layer picker) gets its turn as well.
      const QMetaObject::Connection changed =
          connect(chart->scene(), &QGraphicsScene::changed, this, [this, chart] { queue(chart); });
      held_.append({chart, chart->viewportUpdateMode(), changed, {}});
      chart->setViewportUpdateMode(QGraphicsView::NoViewportUpdate);
      chart->viewport()->installEventFilter(this);
    }
    queue(chart);
  }
}

void PacedChartPainter::queue(QChartView* chart) {
  if (!pending_.contains(chart)) pending_.append(chart);
  if (!tick_.isActive()) tick_.start();
}

void PacedChartPainter::paintNext() {
  // Hidden charts (another tab) cost nothing to skip; the first visible one is rendered now and
  // shown at once.
  while (!pending_.isEmpty()) {
    QPointer<QChartView> chart = pending_.takeFirst();
    Held* held = chart && chart->isVisible() ? find(chart) : nullptr;
    if (!held) continue;
    QElapsedTimer clock;
    clock.start();
    render(*held);
    chart->viewport()->repaint();
    paintedNs_ += clock.nsecsElapsed();
    break;
  }
  if (!pending_.isEmpty())
    tick_.start();
  else if (releaseWhenDone_)
    release(false);
}

void PacedChartPainter::render(Held& held) {
  QWidget* viewport = held.chart->viewport();
  if (held.frame.size() != frameSize(viewport)) {
    held.frame = QPixmap(frameSize(viewport));
    held.frame.setDevicePixelRatio(viewport->devicePixelRatioF());
  }
  // What the viewport's own paint event would draw: its background, then the scene.
  held.frame.fill(background(viewport));
  QPainter painter(&held.frame);
  painter.setRenderHints(held.chart->renderHints());
  held.chart->render(&painter, QRectF(QPointF(0, 0), viewport->size()), viewport->rect(), Qt::IgnoreAspectRatio);
  ++renders_;
}

void PacedChartPainter::showFrame(const Held& held) {
  QWidget* viewport = held.chart->viewport();
  QPainter painter(viewport);
  const QSizeF shown = held.frame.deviceIndependentSize();
  // A viewport that grew since the frame: the rest is background until the chart's turn.
  if (shown.width() < viewport->width() || shown.height() < viewport->height())
    painter.fillRect(viewport->rect(), background(viewport));
  if (!held.frame.isNull()) painter.drawPixmap(0, 0, held.frame);
}

bool PacedChartPainter::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::Paint) return false;
  Held* held = find(watched);
  if (!held) return false;
  // A paint Qt asked for shows the last frame; a changed size or a chart without a frame yet is
  // rendered in its turn. The turn's own repaint lands here too, right after rendering.
  showFrame(*held);
  if (held->frame.isNull() || held->frame.size() != frameSize(held->chart->viewport())) queue(held->chart);
  return true;
}

void PacedChartPainter::release(bool repaint) {
  releaseWhenDone_ = false;
  pending_.clear();
  tick_.stop();
  for (const Held& h : held_) {
    disconnect(h.changed);
    if (!h.chart) continue;
    h.chart->viewport()->removeEventFilter(this);
    h.chart->setViewportUpdateMode(h.mode);
    if (repaint) h.chart->viewport()->update();
  }
  held_.clear();
}

}  // namespace normlab
