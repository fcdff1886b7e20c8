#include "ui/views/time_markers.h"

#include <cstdio>
#include <algorithm>
#include <utility>
#include <cmath>
#include <limits>
#include <map>

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QtCharts/QChart>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>

#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(TimeMarkers)
};
}  // namespace

namespace {

constexpr qreal kNaN = std::numeric_limits<qreal>::quiet_NaN();
const QColor kLineColour(0x33, 0x33, 0x33);
const QColor kLabelText(0x20, 0x20, 0x20);
constexpr int kLabelRows = 3;  // lines' labels stack in up to this many rows, then are left out

QString rateText(double v) { return QString::number(v, 'g', 3); }

// The fraction of the axis range at v (0 at min, 1 at max), or NaN.
qreal axisFraction(const QAbstractAxis* axis, double v) {
  if (const auto* a = qobject_cast<const QValueAxis*>(axis)) {
    if (!(a->max() > a->min()) || !std::isfinite(v)) return kNaN;
    return (v - a->min()) / (a->max() - a->min());
  }
  if (const auto* a = qobject_cast<const QLogValueAxis*>(axis)) {
    if (!(a->max() > a->min()) || !(a->min() > 0) || !(v > 0) || !std::isfinite(v)) return kNaN;
    return (std::log(v) - std::log(a->min())) / (std::log(a->max()) - std::log(a->min()));
  }
  return kNaN;
}

// Connects the axis's range changes to a repaint (both axis kinds have their own signal).
void repaintOnRange(QAbstractAxis* axis, QGraphicsObject* item) {
  if (auto* a = qobject_cast<QValueAxis*>(axis))
    QObject::connect(a, &QValueAxis::rangeChanged, item, [item] { item->update(); });
  else if (auto* l = qobject_cast<QLogValueAxis*>(axis))
    QObject::connect(l, &QLogValueAxis::rangeChanged, item, [item] { item->update(); });
}

// A label's box: white (so curves behind it do not cross the text) with a frame in `frame`.
void drawLabel(QPainter* p, const QRectF& box, const QString& text, const QColor& frame, qreal frameWidth) {
  p->setPen(frame.isValid() ? QPen(frame, frameWidth) : Qt::NoPen);
  p->setBrush(QColor(255, 255, 255, 235));
  p->drawRoundedRect(box, 3, 3);
  p->setPen(kLabelText);
  p->drawText(box, Qt::AlignCenter, text);
}

bool overlapsAny(const QRectF& box, const QList<QRectF>& taken) {
  return std::any_of(taken.begin(), taken.end(), [&](const QRectF& t) { return t.intersects(box); });
}

}  // namespace

QString learningRateLabel(const QList<double>& rates, double factor) {
  const bool shared = !rates.isEmpty() && std::all_of(rates.begin(), rates.end(), [&](double r) { return r == rates.front(); });
  return shared ? Tr::tr("lr %1").arg(rateText(rates.front())) : Tr::tr("lr ×%1").arg(rateText(factor));
}

QList<TimeLine> learningRateLines(const Snapshot& snapshot, bool epochs) {
  struct Event {
    double x = std::numeric_limits<double>::infinity();
    QList<double> rates;
    double factor = 1;
  };
  std::map<int, Event> events;  // by event number: in the order they were made
  for (const RunRecord& run : snapshot.runs)
    for (const LearningRateChange& c : run.learningRateChanges) {
      Event& e = events[c.event];
      e.x = std::min(e.x, epochs ? c.epoch : double(c.samplesSeen));
      e.rates.append(c.lr);
      e.factor = c.factor;
    }
  QList<TimeLine> lines;
  for (const auto& [number, e] : events)
    if (std::isfinite(e.x)) lines.append({e.x, learningRateLabel(e.rates, e.factor)});
  return lines;
}

QList<TimeLine> branchLines(const Snapshot& snapshot, bool epochs) {
  QList<TimeLine> lines;
  if (!snapshot.config) return lines;
  const ExperimentConfig& config = *snapshot.config;
  for (int a = 0; a < int(config.arms.size()); ++a) {
    const ArmConfig& arm = config.arms[std::size_t(a)];
    if (!arm.isBranch()) continue;
    const RunRecord* child = nullptr;
    for (const RunRecord& r : snapshot.runs)
      if (r.arm == a && (!child || r.seedIndex < child->seedIndex)) child = &r;
    if (!child) continue;  // hidden, or not built yet
    // The parent's point at the branch step (same seed); without one, its step times its batch.
    double x = std::numeric_limits<double>::quiet_NaN();
    for (const RunRecord& r : snapshot.runs) {
      if (r.arm != arm.parent || r.seedIndex != child->seedIndex) continue;
      for (const MetricPoint& p : r.metrics)
        if (p.step == arm.atStep) x = epochs ? p.epoch : double(p.samplesSeen);
      if (!std::isfinite(x) && r.step > 0) {
        const double samples = double(arm.atStep) * double(r.samplesSeen) / double(r.step);
        x = epochs ? samples * r.epoch / std::max(1.0, double(r.samplesSeen)) : samples;
      }
    }
    if (!std::isfinite(x) && arm.atStep > 0 && child->step > 0) {  // the parent is not shown
      const double samples = double(arm.atStep) * double(child->samplesSeen) / double(child->step);
      x = epochs ? samples * child->epoch / std::max(1.0, double(child->samplesSeen)) : samples;
    }
    if (!std::isfinite(x)) continue;
    // A label that names the step already ("dropout off from step 240") is not told it twice.
    const QString label = QString::fromStdString(arm.label), step = QString::number(arm.atStep);
    static const QRegularExpression number("\\d+");
    bool namesStep = false;
    for (auto it = number.globalMatch(label); it.hasNext();) namesStep = namesStep || it.next().captured() == step;
    lines.append({x, namesStep ? Tr::tr("branch: %1").arg(label) : Tr::tr("branch: %1 at step %2").arg(label, step)});
  }
  return lines;
}

PointMark divergedMark(const RunRecord& run, bool severalSeeds, const QXYSeries* series, bool epochs) {
  PointMark m;
  m.label = Tr::tr("%1: diverged at step %2").arg(runLabel(run, severalSeeds)).arg(run.divergedAtStep);
  m.colour = series ? series->color() : QColor(kLineColour);
  if (series && series->count() > 0) {
    const QPointF last = series->at(series->count() - 1);
    m.x = last.x();
    m.y = last.y();
  } else {
    m.x = epochs ? run.epoch : double(run.samplesSeen);
    m.y = std::numeric_limits<double>::infinity();
  }
  return m;
}

TimeMarkers::TimeMarkers(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis)
    : QGraphicsObject(chart), chart_(chart), xAxis_(xAxis), yAxis_(yAxis) {
  setZValue(1000);  // above the series and the grid
  setAcceptedMouseButtons(Qt::NoButton);  // clicks reach the chart (legend, series) as before
  connect(chart, &QChart::plotAreaChanged, this, [this] {
    prepareGeometryChange();
    update();
  });
  repaintOnRange(xAxis, this);
  repaintOnRange(yAxis, this);
}

void TimeMarkers::setLines(const QList<TimeLine>& lines) {
  if (lines == lines_) return;
  lines_ = lines;
  update();
}

void TimeMarkers::setPoints(const QList<PointMark>& points) {
  if (points == points_) return;
  points_ = points;
  update();
}

qreal TimeMarkers::xPosition(double x) const {
  const QRectF area = chart_->plotArea();
  return area.left() + axisFraction(xAxis_, x) * area.width();
}

qreal TimeMarkers::yPosition(double y) const {
  const QRectF area = chart_->plotArea();
  return area.bottom() - axisFraction(yAxis_, y) * area.height();
}

bool TimeMarkers::coversCurve(const QRectF& box) const {
  // It runs in every repaint of a chart with marks: a time series' points rise in x, so only the
  // segments within the box's x range (in data values) are looked at, found by bisection.
  const QRectF area = chart_->plotArea();
  const auto* xAxis = qobject_cast<const QValueAxis*>(xAxis_);
  if (!xAxis || !(area.width() > 0)) return false;
  const double perPixel = (xAxis->max() - xAxis->min()) / area.width();
  const double from = xAxis->min() + (box.left() - area.left()) * perPixel;
  const double to = xAxis->min() + (box.right() - area.left()) * perPixel;
  for (QAbstractSeries* series : chart_->series()) {
    const auto* xy = qobject_cast<const QXYSeries*>(series);
    if (!xy || !xy->isVisible()) continue;
    const QList<QPointF> points = xy->points();
    const auto first = std::lower_bound(points.begin(), points.end(), from,
                                        [](const QPointF& point, double x) { return point.x() < x; });
    // Each segment's part within the box's x range, compared with the box's y range.
    for (qsizetype i = std::max<qsizetype>(1, first - points.begin()); i < points.size() && points[i - 1].x() <= to; ++i) {
      QPointF a(xPosition(points[i - 1].x()), yPosition(points[i - 1].y()));
      QPointF b(xPosition(points[i].x()), yPosition(points[i].y()));
      if (!std::isfinite(a.x()) || !std::isfinite(a.y()) || !std::isfinite(b.x()) || !std::isfinite(b.y())) continue;
      if (a.x() > b.x()) std::swap(a, b);
      if (b.x() < box.left() || a.x() > box.right()) continue;
      auto yAt = [&](qreal x) { return b.x() == a.x() ? a.y() : a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x()); };
      const qreal y0 = yAt(std::max(a.x(), box.left())), y1 = yAt(std::min(b.x(), box.right()));
      if (std::max(y0, y1) >= box.top() && std::min(y0, y1) <= box.bottom()) return true;
    }
  }
  return false;
}

QRectF TimeMarkers::boundingRect() const { return QRectF(QPointF(0, 0), chart_->size()); }

void TimeMarkers::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
  const QRectF area = chart_->plotArea();
  if ((lines_.isEmpty() && points_.isEmpty()) || area.width() < 10 || area.height() < 10) return;
  p->save();
  p->setRenderHint(QPainter::Antialiasing);
  p->setClipRect(area.adjusted(-1, -1, 1, 1));
  // Text as large as the tick labels: it follows presentation mode and the export's fonts.
  QFont font = xAxis_->labelsFont();
  p->setFont(font);
  const QFontMetricsF metrics(font);
  const qreal h = metrics.height() + 4, pad = 4;
  const qreal width = std::max<qreal>(1.5, h / 10);
  QList<QRectF> taken;
  lineLabels_.clear();

  // Learning-rate changes: a dashed line over the plot's height, then (over every line) the
  // labels at their tops, stacked in rows when changes are close together.
  auto lineX = [&](const TimeLine& line) {
    const qreal x = xPosition(line.x);
    return std::isfinite(x) && x >= area.left() - 0.5 && x <= area.right() + 0.5 ? x : kNaN;
  };
  QPen dashes(kLineColour, width, Qt::DashLine);
  dashes.setDashPattern({4, 3});
  p->setPen(dashes);
  for (const TimeLine& line : lines_)
    if (const qreal x = lineX(line); std::isfinite(x)) p->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
  QFont bold = font;
  bold.setBold(true);
  p->setFont(bold);
  const QFontMetricsF boldMetrics(bold);
  for (const TimeLine& line : lines_) {
    const qreal x = lineX(line);
    if (!std::isfinite(x)) continue;
    qreal w = boldMetrics.horizontalAdvance(line.label) + 2 * pad;
    // A label wider than the plot (a long branch name on a narrow chart) is drawn smaller, whole,
    // rather than cut at the plot's edge.
    QFont labelFont = bold;
    // Whole points (or pixels): a fractional size is drawn hinted to the size above it.
    while (w > area.width() - 2 && (labelFont.pointSize() > 4 || labelFont.pixelSize() > 5)) {
      if (labelFont.pointSize() > 0)
        labelFont.setPointSize(labelFont.pointSize() - 1);
      else
        labelFont.setPixelSize(labelFont.pixelSize() - 1);
      w = QFontMetricsF(labelFont).horizontalAdvance(line.label) + 2 * pad;
    }
    p->setFont(labelFont);
    const bool onRight = x + pad + w <= area.right();
    const qreal left = onRight ? x + pad : std::max(area.left(), std::min(x - pad - w, area.right() - w));
    // Rows from the top, then from the bottom: the first that hides no curve (accuracy climbs
    // to the top of its chart, where a label covered it); if each does, the first free one.
    QRectF chosen;
    for (int row = 0; row < 2 * kLabelRows; ++row) {
      const qreal top = row < kLabelRows ? area.top() + pad + row * (h + pad)
                                         : area.bottom() - (row - kLabelRows + 1) * (h + pad);
      const QRectF box(left, top, w, h);
      if (overlapsAny(box.adjusted(-pad / 2, 0, pad / 2, 0), taken)) continue;
      if (!coversCurve(box)) {
        chosen = box;
        break;
      }
      if (chosen.isNull()) chosen = box;
    }
    if (!chosen.isNull()) {
      drawLabel(p, chosen, line.label, QColor(), 0);
      taken.append(chosen);
    }
    lineLabels_.append(chosen);
    p->setFont(bold);
  }
  p->setFont(font);

  // Diverged runs: a cross at the curve's last point (an arrow at the top edge when it is above
  // the chart), the label beside it in a box framed in the run's colour.
  const qreal size = std::max<qreal>(5, h * 0.3);
  for (const PointMark& m : points_) {
    qreal x = xPosition(m.x);
    if (!std::isfinite(x)) continue;
    x = std::clamp(x, area.left() + size, area.right() - size);
    qreal y = yPosition(m.y);
    const bool above = !std::isfinite(y) ? !(m.y < 0) : y < area.top() + size;
    if (above) y = area.top() + size;
    y = std::min(y, area.bottom() - size);
    for (int halo = 1; halo >= 0; --halo) {  // white under the colour, so it shows on any curve
      p->setPen(QPen(halo ? QColor(Qt::white) : m.colour, halo ? 2.2 * width + 3 : 2.2 * width, Qt::SolidLine, Qt::RoundCap));
      p->setBrush(halo ? QColor(Qt::white) : m.colour);
      if (above) {
        QPainterPath arrow;
        arrow.moveTo(x, y - size);
        arrow.lineTo(x - size, y + size * 0.6);
        arrow.lineTo(x + size, y + size * 0.6);
        arrow.closeSubpath();
        p->drawPath(arrow);
      } else {
        p->drawLine(QPointF(x - size, y - size), QPointF(x + size, y + size));
        p->drawLine(QPointF(x - size, y + size), QPointF(x + size, y - size));
      }
    }
    const qreal w = metrics.horizontalAdvance(m.label) + 2 * pad;
    const qreal left = x + size + pad + w <= area.right() ? x + size + pad : std::max(area.left(), x - size - pad - w);
    // Beside the mark, else the nearest free row below or above it.
    for (int k = 0; k < 7; ++k) {
      const qreal offset = (k + 1) / 2 * (h + 2) * (k % 2 ? 1 : -1);
      const qreal top = std::clamp(y - h / 2 + offset, area.top(), area.bottom() - h);
      const QRectF box(left, top, w, h);
      if (overlapsAny(box, taken)) continue;
      drawLabel(p, box, m.label, m.colour, width);
      taken.append(box);
      break;
    }
  }
  p->restore();
}

TimeMarkers* timeMarkers(const QChart* chart) {
  for (QGraphicsItem* item : chart->childItems())
    if (auto* m = dynamic_cast<TimeMarkers*>(item)) return m;
  return nullptr;
}

TimeMarkers* timeMarkersOn(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis) {
  if (TimeMarkers* m = timeMarkers(chart)) return m;
  return new TimeMarkers(chart, xAxis, yAxis);
}

void markLearningRateChanges(QChart* chart, QAbstractAxis* xAxis, QAbstractAxis* yAxis, const Snapshot& snapshot,
                             bool epochs) {
  timeMarkersOn(chart, xAxis, yAxis)->setLines(learningRateLines(snapshot, epochs) + branchLines(snapshot, epochs));
}

}  // namespace normlab
