#include "ui/views/loss_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include "ui/views/arm_palette.h"
#include "ui/views/time_markers.h"

namespace normlab {

void debiasedEma(const std::vector<double>& values, double weight, std::vector<double>& out) {
  out.resize(values.size());
  double last = 0;
  int n = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double y = values[i];
    if (!std::isfinite(y)) {
      out[i] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    last = last * weight + (1 - weight) * y;
    ++n;
    const double debias = weight > 0 ? 1 - std::pow(weight, n) : 1;
    out[i] = last / debias;
  }
}

namespace {
QValueAxis* valueAxis(const QString& title, const QString& format) {
  auto* axis = new QValueAxis;
  axis->setTitleText(title);
  axis->setLabelFormat(format);
  axis->setTickCount(6);
  return axis;
}
}  // namespace

LossView::LossView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel("Smoothing:", this));
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setMinimumWidth(160);
  smoothing_->setToolTip("Exponential moving average of the train loss and accuracy (TensorBoard-style, debiased)");
  controls->addWidget(smoothing_);
  smoothingLabel_ = new QLabel("0.60", this);
  controls->addWidget(smoothingLabel_);
  controls->addSpacing(16);
  controls->addWidget(new QLabel("x axis:", this));
  xAxis_ = new QComboBox(this);
  xAxis_->addItems({"samples seen", "epochs"});
  controls->addWidget(xAxis_);
  controls->addSpacing(16);
  logLoss_ = new QCheckBox("log scale (loss)", this);
  controls->addWidget(logLoss_);
  // The key also says how much the train loss is smoothed (exported charts carry it). It takes
  // the rest of the row, right-aligned, and never widens the page (which would scroll sideways).
  keyLabel_ = new QLabel(this);
  keyLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  keyLabel_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  keyLabel_->setMinimumWidth(120);
  keyLabel_->setWordWrap(true);  // a narrow window (1280x720) wraps the key instead of cutting its start
  controls->addWidget(keyLabel_, 1);
  updateKey();
  layout->addLayout(controls);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  QChart* loss = newChart("Loss");
  lossX_ = valueAxis("samples seen", "%.0f");
  lossY_ = valueAxis("cross-entropy loss", "%.2f");
  lossLogY_ = new QLogValueAxis;
  lossLogY_->setTitleText("cross-entropy loss (log scale)");
  lossLogY_->setLabelFormat("%.3g");
  lossLogY_->setBase(10);
  loss->addAxis(lossX_, Qt::AlignBottom);
  loss->addAxis(lossY_, Qt::AlignLeft);
  lossPages_ = new QStackedWidget(splitter);
  lossView_ = addChart(loss, lossPages_);
  QChart* lossLog = newChart("Loss");
  lossLogX_ = valueAxis("samples seen", "%.0f");
  lossLog->addAxis(lossLogX_, Qt::AlignBottom);
  lossLog->addAxis(lossLogY_, Qt::AlignLeft);
  lossLogView_ = addChart(lossLog, lossPages_);
  lossPages_->addWidget(lossView_);
  lossPages_->addWidget(lossLogView_);
  QChart* acc = newChart("Accuracy");
  accX_ = valueAxis("samples seen", "%.0f");
  accY_ = valueAxis("accuracy (%)", "%.0f");
  accY_->setRange(0, 100);
  acc->addAxis(accX_, Qt::AlignBottom);
  acc->addAxis(accY_, Qt::AlignLeft);
  accView_ = addChart(acc, splitter);
  splitter->addWidget(lossPages_);
  splitter->addWidget(accView_);
  layout->addWidget(splitter, 1);

  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    smoothingLabel_->setText(QString::number(v / 100.0, 'f', 2));
    updateKey();
    redraw();
  });
  connect(xAxis_, &QComboBox::currentIndexChanged, this, [this](int index) {
    const QString title = index == 1 ? "epochs" : "samples seen";
    lossX_->setTitleText(title);
    lossLogX_->setTitleText(title);
    accX_->setTitleText(title);
    const char* format = index == 1 ? "%.2f" : "%.0f";
    lossX_->setLabelFormat(format);
    lossLogX_->setLabelFormat(format);
    accX_->setLabelFormat(format);
    xRange_.reset();
    redraw();
  });
  connect(logLoss_, &QCheckBox::toggled, this, [this](bool on) {
    logActive_ = on;
    lossPages_->setCurrentIndex(on ? 1 : 0);
    lossRange_.reset();
    redraw();
  });
}

QChart* LossView::lossChart() const { return (logActive_ ? lossLogView_ : lossView_)->chart(); }
QList<QChartView*> LossView::chartViews() const { return {logActive_ ? lossLogView_ : lossView_, accView_}; }
QChart* LossView::accuracyChart() const { return accView_->chart(); }

void LossView::updateKey() {
  const int v = smoothing_->value();
  keyLabel_->setText(v == 0 ? QString("solid: train \u00b7 thin with dots: test")
                            : QString("solid: train (smoothed %1) \u00b7 thin with dots: test").arg(v / 100.0, 0, 'f', 2));
}

void LossView::setSmoothing(double weight) { smoothing_->setValue(int(std::lround(std::clamp(weight, 0.0, 0.99) * 100))); }
void LossView::setEpochAxis(bool epochs) { xAxis_->setCurrentIndex(epochs ? 1 : 0); }
void LossView::setLogLoss(bool on) { logLoss_->setChecked(on); }

void LossView::showSnapshot(const Snapshot& snapshot) {
  last_ = snapshot;
  const QString key = runSetKey(snapshot);
  if (key != runKey_) {
    runKey_ = key;
    rebuild();
  }
  redraw();
}

void LossView::rebuild() {
  QChart* loss = lossView_->chart();
  QChart* lossLog = lossLogView_->chart();
  QChart* acc = accuracyChart();
  loss->removeAllSeries();
  lossLog->removeAllSeries();
  acc->removeAllSeries();
  series_.clear();
  xRange_.reset();
  lossRange_.reset();
  const bool seeds = hasSeveralSeeds(last_);
  for (std::size_t i = 0; i < last_.runs.size(); ++i) {
    const RunRecord& run = last_.runs[i];
    const QColor color = armColor(run.arm);
    const QString name = legendName(run, seeds);
    RunSeries s;
    auto make = [&](QChart* chart, QAbstractAxis* x, QAbstractAxis* y, LineRole role, Qt::PenStyle style,
                    bool legend) {
      auto* series = new QLineSeries;
      series->setName(name);
      styleLine(series, color, role, style);
      if (style != Qt::SolidLine) series->setPointsVisible(true);
      setSeriesRun(series, int(i));
      chart->addSeries(series);
      series->attachAxis(x);
      series->attachAxis(y);
      if (!legend) hideFromLegend(chart, series);
      return series;
    };
    s.trainLoss = make(loss, lossX_, lossY_, LineRole::Main, Qt::SolidLine, true);
    s.testLoss = make(loss, lossX_, lossY_, LineRole::Secondary, Qt::DashLine, false);
    s.trainLossLog = make(lossLog, lossLogX_, lossLogY_, LineRole::Main, Qt::SolidLine, true);
    s.testLossLog = make(lossLog, lossLogX_, lossLogY_, LineRole::Secondary, Qt::DashLine, false);
    s.trainAcc = make(acc, accX_, accY_, LineRole::Main, Qt::SolidLine, true);
    s.testAcc = make(acc, accX_, accY_, LineRole::Secondary, Qt::DashLine, false);
    series_.push_back(s);
  }
  restyle();
}

void LossView::redraw() {
  if (series_.size() != last_.runs.size()) return;
  const bool epochs = xAxis_->currentIndex() == 1;
  const bool log = logActive_;
  const double weight = smoothing_->value() / 100.0;
  bool anyCalm = false;
  for (const RunRecord& run : last_.runs) anyCalm = anyCalm || !run.diverged;
  const bool seeds = hasSeveralSeeds(last_);
  double calmMax = -std::numeric_limits<double>::infinity(), wildMax = calmMax;
  for (std::size_t i = 0; i < last_.runs.size(); ++i) {
    const RunRecord& run = last_.runs[i];
    RunSeries& s = series_[i];
    // The legend follows divergence (names live on the series shown in the legend).
    const QString name = legendName(run, seeds);
    if (s.trainLoss->name() != name) {
      for (QLineSeries* series : {s.trainLoss, s.testLoss, s.trainLossLog, s.testLossLog, s.trainAcc, s.testAcc})
        series->setName(name);
    }
    // A diverged run may leave a linear chart; a log chart has room for it.
    const bool inRange = log || !anyCalm || !run.diverged;
    auto xOf = [&](const MetricPoint& m) { return epochs ? m.epoch : double(m.samplesSeen); };

    // Both train curves are smoothed (a mini-batch's accuracy jumps in steps of 1/batch size).
    raw_.resize(run.metrics.size());
    for (std::size_t k = 0; k < run.metrics.size(); ++k) raw_[k] = run.metrics[k].trainLoss;
    debiasedEma(raw_, weight, smooth_);
    for (std::size_t k = 0; k < run.metrics.size(); ++k) raw_[k] = run.metrics[k].trainAccuracy;
    debiasedEma(raw_, weight, smoothAccuracy_);
    auto fill = [&](QLineSeries* series, auto value, bool isLoss) {
      buffer_.clear();
      for (std::size_t k = 0; k < run.metrics.size(); ++k) {
        const double y = value(k);
        if (!std::isfinite(y)) continue;
        if (isLoss && log && y <= 0) continue;
        const double x = xOf(run.metrics[k]);
        if (!std::isfinite(x)) continue;
        buffer_.append(QPointF(x, y));
        xRange_.include(0, x);
        if (isLoss && inRange) lossRange_.include(y, y);
        if (isLoss && inRange) calmMax = std::max(calmMax, y);
        if (isLoss && !inRange) wildMax = std::max(wildMax, y);
      }
      decimate(buffer_, 1000);
      series->replace(buffer_);
    };
    // Only the chart on screen is updated; the other one is refilled when it is switched to.
    fill(log ? s.trainLossLog : s.trainLoss, [&](std::size_t k) { return smooth_[k]; }, true);
    fill(log ? s.testLossLog : s.testLoss, [&](std::size_t k) { return run.metrics[k].testLoss; }, true);
    fill(s.trainAcc, [&](std::size_t k) { return 100 * smoothAccuracy_[k]; }, false);
    fill(s.testAcc, [&](std::size_t k) { return 100 * run.metrics[k].testAccuracy; }, false);
  }
  // A diverged run's rise stays visible up to 1.5x the calm runs' largest loss, then leaves the chart.
  if (std::isfinite(calmMax) && std::isfinite(wildMax) && wildMax > calmMax)
    lossRange_.include(calmMax, std::min(wildMax, 1.5 * calmMax));
  xRange_.includePlanned(epochs ? plannedEpochs(last_) : plannedSamples(last_));
  xRange_.apply(log ? lossLogX_ : lossX_, 0, epochs ? 1 : 1000);
  xRange_.apply(accX_, 0, epochs ? 1 : 1000);
  if (log) lossRange_.applyLog(lossLogY_);
  else lossRange_.apply(lossY_, 0, 2.5);

  // What happened, on the charts: learning-rate changes on all three, each diverged run's end on
  // the loss charts (time_markers.h).
  markLearningRateChanges(lossView_->chart(), lossX_, lossY_, last_, epochs);
  markLearningRateChanges(lossLogView_->chart(), lossLogX_, lossLogY_, last_, epochs);
  markLearningRateChanges(accView_->chart(), accX_, accY_, last_, epochs);
  QList<PointMark> ends, endsLog;
  for (std::size_t i = 0; i < last_.runs.size(); ++i) {
    if (!last_.runs[i].diverged) continue;
    ends.append(divergedMark(last_.runs[i], seeds, series_[i].trainLoss, epochs));
    endsLog.append(divergedMark(last_.runs[i], seeds, series_[i].trainLossLog, epochs));
  }
  timeMarkers(lossView_->chart())->setPoints(ends);
  timeMarkers(lossLogView_->chart())->setPoints(endsLog);
}

}  // namespace normlab
