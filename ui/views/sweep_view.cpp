#include "ui/views/sweep_view.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(SweepView)
};
}  // namespace

SweepView::SweepView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  pages_ = new QStackedWidget(this);
  message_ = new QLabel(
      Tr::tr("No sweep here: the arms of this experiment all use the same batch size, dropout rate and learning rate.\n"
      "A sweep compares arms that differ in one of them (lesson 2 varies the batch size, lesson 6 the dropout "
      "rate), and plots test error against it, one line per normalization, averaged over seeds."),
      pages_);
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  pages_->addWidget(message_);

  // The chart scrolls rather than shrink below the height its axes need whole (under a lesson
  // card in presentation mode the y title was cut to "test error ...").
  auto* scroll = new QScrollArea(pages_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* page = new QWidget(scroll);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  hint_ = new QLabel(page);
  hint_->setWordWrap(true);
  pageLayout->addWidget(hint_);
  view_ = addChart(newChart(Tr::tr("Test error")), page);
  // One line per normalization type, labelled: the chart's own legend is this tab's key.
  view_->chart()->legend()->setVisible(true);
  pageLayout->addWidget(view_, 1);
  scroll->setWidget(page);
  pages_->addWidget(scroll);
  layout->addWidget(pages_, 1);
  presentationChanged();
}

bool SweepView::showsMessage() const { return pages_->currentIndex() == 0; }
QString SweepView::hint() const { return hint_->text(); }

QList<QChartView*> SweepView::chartViews() const {
  return showsMessage() ? QList<QChartView*>{} : QList<QChartView*>{view_};
}

void SweepView::presentationChanged() {
  QFont font = message_->font();
  font.setPointSizeF(chartFonts(presentation_).title);
  message_->setFont(font);
  applyWidgetFont(hint_, presentation_);
  view_->setMinimumHeight(presentation_ ? 380 : 260);  // title, axes and legend whole
}

void SweepView::showSnapshot(const Snapshot& snapshot) {
  updateArms(snapshot);
  sweep_ = buildSweep(snapshot.runs);
  pages_->setCurrentIndex(sweep_.axis == SweepAxis::None ? 0 : 1);
  if (sweep_.axis == SweepAxis::None) return;
  QString key = sweepAxisTitle(sweep_.axis);
  for (const SweepLine& l : sweep_.lines) key += "|" + QString::fromStdString(l.name);
  if (key != key_) {
    key_ = key;
    rebuild();
  }

  // Error in percent; the band spans the lowest to the highest seed at each point.
  double top = 0;
  int mostRuns = 0, fewestRuns = 1 << 30, diverged = 0;
  QList<QPointF> mean, lo, hi;
  for (std::size_t i = 0; i < sweep_.lines.size() && i < lines_.size(); ++i) {
    mean.clear();
    lo.clear();
    hi.clear();
    for (const SweepPoint& p : sweep_.lines[i].points) {
      mean.append(QPointF(p.x, 100 * p.meanError));
      lo.append(QPointF(p.x, 100 * p.minError));
      hi.append(QPointF(p.x, 100 * p.maxError));
      top = std::max(top, 100 * p.maxError);
      mostRuns = std::max(mostRuns, p.runs);
      fewestRuns = std::min(fewestRuns, p.runs);
      diverged += p.diverged;
    }
    lines_[i].mean->replace(mean);
    lines_[i].band->lowerSeries()->replace(lo);
    lines_[i].band->upperSeries()->replace(hi);
  }
  setRanges(top);

  QString text;
  if (mostRuns == 0) {  // before the first test evaluation there are no points, and no seed counts
    text = Tr::tr("No test evaluation yet. Each point will be the mean test error over the seeds; the band will span the "
           "lowest to the highest seed.");
  } else {
    text = mostRuns == fewestRuns
               ? (mostRuns == 1 ? Tr::tr("Each point: the test error of 1 seed (latest test evaluation).")
                                 : Tr::tr("Each point: the mean test error of %n seeds (latest test evaluation); the band spans "
                                          "the lowest to the highest seed.", "", mostRuns))
               : Tr::tr("Each point: the mean test error of %1 to %2 seeds (latest test evaluation); the band spans "
                        "the lowest to the highest seed.").arg(fewestRuns).arg(mostRuns);
  }
  if (diverged > 0) text += " " + (diverged == 1 ? Tr::tr("1 diverged run left out.") : Tr::tr("%n diverged runs left out.", "", diverged));
  hint_->setText(text);
}

namespace {
// A round step for ticks from 0 to `top` percent: at most about six ticks.
double errorStep(double top) { return top <= 12 ? 2 : top <= 30 ? 5 : top <= 60 ? 10 : 20; }
// The largest of the candidate steps (a quarter, a tenth, ...) that every value is a multiple of,
// so each dropout rate sits on a labelled tick; a tenth of the span when none fits.
double valueStep(const std::vector<double>& values, double span) {
  for (double step : {0.5, 0.25, 0.2, 0.1, 0.05}) {
    if (span > 0 && span / step > 8) break;  // too many ticks: take the previous candidate
    bool fits = true;
    for (double v : values) fits = fits && std::abs(v / step - std::round(v / step)) < 1e-6;
    if (fits && (span == 0 || span / step >= 1)) return step;
  }
  return span > 0 ? span / 10 : 0.1;
}
QList<double> ticksOf(const QValueAxis* axis) {
  QList<double> ticks;
  const double step = axis->tickInterval();
  if (!(step > 0)) return ticks;
  for (double t = axis->tickAnchor() + std::ceil((axis->min() - axis->tickAnchor()) / step - 1e-9) * step;
       t <= axis->max() + 1e-9 * step; t += step)
    ticks.append(std::abs(t) < 1e-9 * step ? 0.0 : t);
  return ticks;
}
}  // namespace

QList<double> SweepView::xTicks() const {
  if (auto* log = qobject_cast<QLogValueAxis*>(x_)) {
    QList<double> ticks;  // a log axis ticks at the base's whole powers within its range
    for (double t = std::pow(log->base(), std::ceil(std::log(log->min()) / std::log(log->base()) - 1e-9));
         t <= log->max() * (1 + 1e-9); t *= log->base())
      ticks.append(t);
    return ticks;
  }
  return ticksOf(qobject_cast<QValueAxis*>(x_));
}

QList<double> SweepView::yTicks() const { return ticksOf(y_); }

// Round ticks (0, 10, 20 ... percent; batch sizes 2, 4, 8 ...; dropout 0, 0.25, 0.5), and a margin
// around every point so that no marker is cut at the plot's edge.
void SweepView::setRanges(double topError) {
  const double step = errorStep(topError);
  const double top = std::max(step * 2, std::ceil((topError + 0.4 * step) / step) * step);
  y_->setTickAnchor(0);
  y_->setTickInterval(step);
  y_->setRange(-0.04 * top, top);  // a 0 % point sits above the bottom edge; no tick below 0

  std::vector<double> xs;
  for (const SweepLine& l : sweep_.lines)
    for (const SweepPoint& p : l.points) xs.push_back(p.x);
  if (xs.empty()) return;
  const double xMin = *std::min_element(xs.begin(), xs.end()), xMax = *std::max_element(xs.begin(), xs.end());
  if (auto* log = qobject_cast<QLogValueAxis*>(x_)) {
    // A margin of half a doubling for batch sizes. Learning rates: a margin of a factor 2, widened
    // to the decades around the values when that leaves fewer than two labelled powers of ten.
    if (log->base() == 2) {
      log->setRange(xMin / 1.4, xMax * 1.4);
    } else {
      const double lo = xMin / 2, hi = xMax * 2;
      if (std::floor(std::log10(hi)) - std::ceil(std::log10(lo)) >= 1) log->setRange(lo, hi);
      else log->setRange(std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi))));
    }
    return;
  }
  auto* linear = static_cast<QValueAxis*>(x_);
  const double span = xMax - xMin;
  const double xStep = valueStep(xs, span);
  const double margin = std::max(span, xStep) * 0.08;
  linear->setTickAnchor(0);
  linear->setTickInterval(xStep);
  linear->setRange(xMin - margin, xMax + margin);
}

void SweepView::rebuild() {
  QChart* chart = view_->chart();
  chart->removeAllSeries();
  lines_.clear();
  for (QAbstractAxis* a : chart->axes()) {
    chart->removeAxis(a);
    delete a;
  }
  if (sweep_.axis == SweepAxis::BatchSize || sweep_.axis == SweepAxis::LearningRate) {
    // Batch sizes double (2, 4, 8 ... evenly spaced on base 2); learning rates span decades
    // (0.001, 0.01, 0.1 on base 10).
    auto* log = new QLogValueAxis;
    log->setBase(sweep_.axis == SweepAxis::BatchSize ? 2 : 10);
    log->setLabelFormat("%g");
    log->setMinorTickCount(0);
    x_ = log;
  } else {
    auto* linear = new QValueAxis;
    linear->setLabelFormat("%.2g");
    linear->setTickType(QValueAxis::TicksDynamic);
    x_ = linear;
  }
  x_->setTitleText(sweepAxisTitle(sweep_.axis));
  y_ = new QValueAxis;
  y_->setTitleText(Tr::tr("test error (%)"));
  y_->setLabelFormat("%.0f");
  y_->setTickType(QValueAxis::TicksDynamic);  // round steps from 0 (setRanges), not six even parts
  chart->addAxis(x_, Qt::AlignBottom);
  chart->addAxis(y_, Qt::AlignLeft);
  chart->setTitle(Tr::tr("Test error vs %1").arg(sweepAxisTitle(sweep_.axis)));

  // Bands first, so every mean line is drawn over every band.
  for (const SweepLine& l : sweep_.lines) {
    LineSeries s;
    s.band = new QAreaSeries;
    s.band->setUpperSeries(new QLineSeries(s.band));
    s.band->setLowerSeries(new QLineSeries(s.band));
    styleBand(s.band, palette_.typeColor(l.firstArm), 50);  // a line stands for a whole norm type
    chart->addSeries(s.band);
    s.band->attachAxis(x_);
    s.band->attachAxis(y_);
    hideFromLegend(chart, s.band);
    lines_.push_back(s);
  }
  for (std::size_t i = 0; i < sweep_.lines.size(); ++i) {
    auto* mean = new QLineSeries;
    mean->setName(QString::fromStdString(sweep_.lines[i].name));
    styleLine(mean, palette_.typeColor(sweep_.lines[i].firstArm), LineRole::Main);
    mean->setPointsVisible(true);
    chart->addSeries(mean);
    mean->attachAxis(x_);
    mean->attachAxis(y_);
    lines_[i].mean = mean;
  }
  applyChartStyle(chart, presentation_);
}

}  // namespace normlab
