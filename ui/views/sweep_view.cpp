#include "ui/views/sweep_view.h"

#include <algorithm>
#include <cmath>

#include <QLabel>
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

SweepView::SweepView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  pages_ = new QStackedWidget(this);
  message_ = new QLabel(
      "No sweep here: the arms of this experiment all use the same batch size and the same dropout rate.\n"
      "A sweep compares arms that differ in one of them (lesson 2 varies the batch size, lesson 6 the dropout "
      "rate), and plots test error against it, one line per normalization, averaged over seeds.",
      pages_);
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  pages_->addWidget(message_);

  auto* page = new QWidget(pages_);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  hint_ = new QLabel(page);
  hint_->setWordWrap(true);
  pageLayout->addWidget(hint_);
  view_ = addChart(newChart("Test error"), page);
  // One line per normalization type, labelled: the chart's own legend is this tab's key.
  view_->chart()->legend()->setVisible(true);
  pageLayout->addWidget(view_, 1);
  pages_->addWidget(page);
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
  y_->setRange(0, std::max(10.0, std::ceil(top / 10 + 0.5) * 10));

  double xMin = 1e30, xMax = -1e30;
  for (const SweepLine& l : sweep_.lines)
    for (const SweepPoint& p : l.points) {
      xMin = std::min(xMin, p.x);
      xMax = std::max(xMax, p.x);
    }
  if (xMin <= xMax) {
    if (sweep_.axis == SweepAxis::BatchSize) x_->setRange(xMin / 1.5, xMax * 1.5);  // log axis
    else x_->setRange(std::max(0.0, xMin - 0.05), xMax + 0.05);
  }

  QString text;
  if (mostRuns == 0) {  // before the first test evaluation there are no points, and no seed counts
    text = "No test evaluation yet. Each point will be the mean test error over the seeds; the band will span the "
           "lowest to the highest seed.";
  } else {
    const QString seeds =
        mostRuns == fewestRuns ? QString::number(mostRuns) : QString("%1 to %2").arg(fewestRuns).arg(mostRuns);
    text = QString("Each point: the mean test error of %1 seed%2 (latest test evaluation); the band spans the "
                   "lowest to the highest seed.")
               .arg(seeds, mostRuns == 1 ? "" : "s");
  }
  if (diverged > 0) text += QString(" %1 diverged run%2 left out.").arg(diverged).arg(diverged == 1 ? "" : "s");
  hint_->setText(text);
}

void SweepView::rebuild() {
  QChart* chart = view_->chart();
  chart->removeAllSeries();
  lines_.clear();
  for (QAbstractAxis* a : chart->axes()) {
    chart->removeAxis(a);
    delete a;
  }
  const bool batch = sweep_.axis == SweepAxis::BatchSize;
  if (batch) {
    auto* log = new QLogValueAxis;
    log->setBase(2);  // batch sizes double: 2, 4, 8, ... evenly spaced
    log->setLabelFormat("%g");
    log->setMinorTickCount(0);
    x_ = log;
  } else {
    auto* linear = new QValueAxis;
    linear->setLabelFormat("%.2g");
    x_ = linear;
  }
  x_->setTitleText(sweepAxisTitle(sweep_.axis));
  y_ = new QValueAxis;
  y_->setTitleText("test error (%)");
  y_->setLabelFormat("%.0f");
  y_->setTickCount(6);  // the top is a multiple of 10: six ticks fall on whole percents (no 2.5 shown as 3)
  chart->addAxis(x_, Qt::AlignBottom);
  chart->addAxis(y_, Qt::AlignLeft);
  chart->setTitle(QString("Test error vs %1").arg(sweepAxisTitle(sweep_.axis)));

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
