#include "ui/views/loss_view.h"

#include <algorithm>
#include <optional>
#include <cmath>
#include <limits>

#include <QCoreApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include "ui/views/arm_palette.h"
#include "ui/views/time_markers.h"
#include "ui/views/seed_bands.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(LossView)
};
}  // namespace

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
  controls->addWidget(new QLabel(Tr::tr("Smoothing:"), this));
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setMinimumWidth(160);
  smoothing_->setToolTip(Tr::tr("Exponential moving average of the train loss and accuracy (TensorBoard-style, debiased)"));
  controls->addWidget(smoothing_);
  smoothingLabel_ = new QLabel(QLocale().toString(0.6, 'f', 2), this);
  controls->addWidget(smoothingLabel_);
  controls->addSpacing(16);
  controls->addWidget(new QLabel(Tr::tr("x axis:"), this));
  xAxis_ = new QComboBox(this);
  xAxis_->addItems({Tr::tr("samples seen"), Tr::tr("epochs")});
  controls->addWidget(xAxis_);
  controls->addSpacing(16);
  logLoss_ = new QCheckBox(Tr::tr("log scale (loss)"), this);
  controls->addWidget(logLoss_);
  showSeeds_ = new QCheckBox(Tr::tr("Show each seed"), this);
  showSeeds_->setToolTip(Tr::tr("With several seeds each arm is drawn as its mean with a band from the lowest to the highest "
                         "seed; check to also draw every seed's own curve"));
  showSeeds_->setVisible(false);  // only with several seeds
  // The key also says how much the train loss is smoothed (exported charts carry it). It takes
  // the rest of the row, right-aligned, and never widens the page (which would scroll sideways).
  keyLabel_ = new QLabel(this);
  keyLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  keyLabel_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  keyLabel_->setMinimumWidth(120);
  keyLabel_->setWordWrap(true);  // a narrow window (1280x720) wraps the key instead of cutting its start
  keyLabel_->installEventFilter(this);  // a new width may hold the whole key, or not
  controls->addWidget(keyLabel_, 1);
  updateKey();
  layout->addLayout(controls);
  // The arm key wraps; the seeds' check box sits at its end (the control row has no room left).
  auto* keyRow = new QHBoxLayout;
  keyRow->addWidget(armLegend(), 1);
  keyRow->addWidget(showSeeds_, 0, Qt::AlignTop);
  layout->addLayout(keyRow);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  QChart* loss = newChart(Tr::tr("Loss"));
  lossX_ = valueAxis(Tr::tr("samples seen"), "%.0f");
  lossY_ = valueAxis(Tr::tr("cross-entropy loss"), "%.2f");
  lossLogY_ = new QLogValueAxis;
  lossLogY_->setTitleText(Tr::tr("cross-entropy loss (log scale)"));
  lossLogY_->setLabelFormat("%.3g");
  lossLogY_->setBase(10);
  loss->addAxis(lossX_, Qt::AlignBottom);
  loss->addAxis(lossY_, Qt::AlignLeft);
  lossPages_ = new QStackedWidget(splitter);
  lossView_ = addChart(loss, lossPages_);
  QChart* lossLog = newChart(Tr::tr("Loss"));
  lossLogX_ = valueAxis(Tr::tr("samples seen"), "%.0f");
  lossLog->addAxis(lossLogX_, Qt::AlignBottom);
  lossLog->addAxis(lossLogY_, Qt::AlignLeft);
  lossLogView_ = addChart(lossLog, lossPages_);
  lossPages_->addWidget(lossView_);
  lossPages_->addWidget(lossLogView_);
  QChart* acc = newChart(Tr::tr("Accuracy"));
  accX_ = valueAxis(Tr::tr("samples seen"), "%.0f");
  accY_ = valueAxis(Tr::tr("accuracy (%)"), "%.0f");
  accY_->setRange(0, 100);
  acc->addAxis(accX_, Qt::AlignBottom);
  acc->addAxis(accY_, Qt::AlignLeft);
  accView_ = addChart(acc, splitter);
  splitter->addWidget(lossPages_);
  splitter->addWidget(accView_);
  layout->addWidget(splitter, 1);

  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    smoothingLabel_->setText(QLocale().toString(v / 100.0, 'f', 2));
    updateKey();
    redraw();
  });
  connect(xAxis_, &QComboBox::currentIndexChanged, this, [this](int index) {
    const QString title = index == 1 ? Tr::tr("epochs") : Tr::tr("samples seen");
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
  connect(showSeeds_, &QCheckBox::toggled, this, [this] {
    showSeedLines();
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
  const QString key = v == 0 ? Tr::tr("solid: train · thin with dots: test")
                             : Tr::tr("solid: train (smoothed %1) · thin with dots: test").arg(QLocale().toString(v / 100.0, 'f', 2));
  keyLabel_->setProperty(kFullKeyProperty, key);  // exported charts carry the whole key
  fitKey();
  armLegend()->setNote(grouped_ ? Tr::tr("line: mean of the seeds · band: lowest to highest seed") : QString());
}

// Where the whole key would wrap (the side panel of a 1280x720 screen leaves the row ~280 px),
// the screen leaves out the smoothing, which the slider beside it shows.
void LossView::fitKey() {
  const QString whole = keyLabel_->property(kFullKeyProperty).toString();
  const bool fits = keyLabel_->fontMetrics().horizontalAdvance(whole) <= keyLabel_->width() || smoothing_->value() == 0;
  const QString shown = fits ? whole : Tr::tr("solid: train · thin with dots: test");
  if (keyLabel_->text() != shown) keyLabel_->setText(shown);
}

bool LossView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == keyLabel_ && event->type() == QEvent::Resize) fitKey();
  return ChartViewBase::eventFilter(watched, event);
}

void LossView::setSmoothing(double weight) { smoothing_->setValue(int(std::lround(std::clamp(weight, 0.0, 0.99) * 100))); }
void LossView::setEpochAxis(bool epochs) { xAxis_->setCurrentIndex(epochs ? 1 : 0); }
void LossView::setLogLoss(bool on) { logLoss_->setChecked(on); }
void LossView::setShowSeeds(bool on) { showSeeds_->setChecked(on); }
bool LossView::showSeeds() const { return showSeeds_->isChecked(); }

namespace {
struct BranchStart {
  std::size_t parentRun;  // index in the snapshot's runs, before the branch's own
  double x;               // the parent's position at the branch step
};

// Where the snapshot's run `i` branched off, when it is a branch whose parent run is shown.
std::optional<BranchStart> branchStart(const Snapshot& snapshot, std::size_t i, bool epochs) {
  if (!snapshot.config) return std::nullopt;
  const RunRecord& run = snapshot.runs[i];
  if (run.arm < 0 || std::size_t(run.arm) >= snapshot.config->arms.size()) return std::nullopt;
  const ArmConfig& arm = snapshot.config->arms[std::size_t(run.arm)];
  if (!arm.isBranch()) return std::nullopt;
  for (std::size_t p = 0; p < i; ++p) {
    const RunRecord& parent = snapshot.runs[p];
    if (parent.arm != arm.parent || parent.seedIndex != run.seedIndex) continue;
    for (const MetricPoint& m : parent.metrics)
      if (m.step == arm.atStep) return BranchStart{p, epochs ? m.epoch : double(m.samplesSeen)};
  }
  return std::nullopt;
}
}  // namespace

void LossView::showSnapshot(const Snapshot& snapshot) {
  last_ = snapshot;
  updateArms(snapshot);
  const QString key = runSetKey(snapshot);
  if (key != runKey_) {
    runKey_ = key;
    startBuild();
  }
  // A few runs are built at once; many (lesson 2's 24 runs make 216 series) a slice at a time,
  // continued by the window through buildMore(), and drawn when complete.
  // A slice is taken only when it will likely end within the budget (the longest slice so far
  // tells): a second slice that ran over made the first build after Start take 10 ms.
  QElapsedTimer clock;
  clock.start();
  qint64 longestSliceNs = 0;
  if (building()) do {
      const qint64 before = clock.nsecsElapsed();
      buildMore();
      longestSliceNs = std::max(longestSliceNs, clock.nsecsElapsed() - before);
    } while (building() && clock.nsecsElapsed() + longestSliceNs < buildSliceMs_ * qint64(1'000'000));
  if (!building()) redraw();
}

void LossView::startBuild() {
  lossView_->chart()->removeAllSeries();
  lossLogView_->chart()->removeAllSeries();
  accuracyChart()->removeAllSeries();
  series_.clear();
  arms_.clear();
  pendingArms_.clear();
  xRange_.reset();
  lossRange_.reset();
  const bool seeds = hasSeveralSeeds(last_);
  grouped_ = seeds;
  showSeeds_->setVisible(seeds);
  updateKey();
  // Grouped: bands at the bottom, then the seeds' thin lines, then the arms' means on top.
  stage_ = grouped_ ? BuildStage::Bands : BuildStage::Runs;
}

QLineSeries* LossView::addLine(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, const QColor& color, LineRole role,
                               Qt::PenStyle style, const QString& name, bool legend) {
  auto* series = new QLineSeries;
  series->setName(name);
  styleLine(series, color, role, style);
  if (style != Qt::SolidLine) series->setPointsVisible(true);
  chart->addSeries(series);
  series->attachAxis(x);
  series->attachAxis(y);
  if (!legend) hideFromLegend(chart, series);
  return series;
}

QAreaSeries* LossView::addBand(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, const QColor& color, int arm) {
  auto* area = new QAreaSeries;
  area->setUpperSeries(new QLineSeries(area));
  area->setLowerSeries(new QLineSeries(area));
  styleBand(area, color, 60);
  setSeriesArm(area, arm);
  chart->addSeries(area);
  area->attachAxis(x);
  area->attachAxis(y);
  hideFromLegend(chart, area);
  return area;
}

bool LossView::buildMore() {
  QChart* loss = lossView_->chart();
  QChart* lossLog = lossLogView_->chart();
  QChart* acc = accuracyChart();
  switch (stage_) {
    case BuildStage::Done:
      return false;
    case BuildStage::Bands: {
      const std::vector<ArmRuns> byArm = runsByArm(last_);
      const std::size_t end = std::min(byArm.size(), pendingArms_.size() + kRunsPerSlice);
      for (std::size_t k = pendingArms_.size(); k < end; ++k) {
        const ArmRuns& a = byArm[k];
        ArmSeries s;
        s.arm = a.arm;
        s.runs = a.runs;
        const QColor color = palette_.color(a.arm);
        s.lossBand = addBand(loss, lossX_, lossY_, color, a.arm);
        s.lossBandLog = addBand(lossLog, lossLogX_, lossLogY_, color, a.arm);
        s.accBand = addBand(acc, accX_, accY_, color, a.arm);
        pendingArms_.push_back(s);
      }
      if (pendingArms_.size() == byArm.size()) stage_ = BuildStage::Runs;
      break;
    }
    case BuildStage::Runs: {
      const bool seeds = hasSeveralSeeds(last_);
      const std::size_t end = std::min(last_.runs.size(), series_.size() + kRunsPerSlice);
      for (std::size_t i = series_.size(); i < end; ++i) {
        const RunRecord& run = last_.runs[i];
        const QColor color = palette_.color(run.arm);
        const QString name = legendName(run, seeds);
        // Grouped, a seed's own line is thin and stays out of the legend (its arm's mean is there).
        const LineRole main = grouped_ ? LineRole::Thin : LineRole::Main;
        const LineRole test = grouped_ ? LineRole::Thin : LineRole::Secondary;
        auto line = [&](QChart* chart, QAbstractAxis* x, QAbstractAxis* y, LineRole role, Qt::PenStyle style, bool legend) {
          QLineSeries* series = addLine(chart, x, y, color, role, style, name, legend && !grouped_);
          setSeriesRun(series, int(i));
          setSeriesArm(series, run.arm);
          return series;
        };
        RunSeries s;
        s.trainLoss = line(loss, lossX_, lossY_, main, Qt::SolidLine, true);
        s.testLoss = line(loss, lossX_, lossY_, test, Qt::DashLine, false);
        s.trainLossLog = line(lossLog, lossLogX_, lossLogY_, main, Qt::SolidLine, true);
        s.testLossLog = line(lossLog, lossLogX_, lossLogY_, test, Qt::DashLine, false);
        s.trainAcc = line(acc, accX_, accY_, main, Qt::SolidLine, true);
        s.testAcc = line(acc, accX_, accY_, test, Qt::DashLine, false);
        series_.push_back(s);
      }
      if (series_.size() == last_.runs.size()) stage_ = grouped_ ? BuildStage::Arms : BuildStage::Done;
      break;
    }
    case BuildStage::Arms: {
      const std::size_t end = std::min(pendingArms_.size(), arms_.size() + kRunsPerSlice);
      for (std::size_t k = arms_.size(); k < end; ++k) {
        ArmSeries s = pendingArms_[k];
        const QColor color = palette_.color(s.arm);
        const QString name = armDisplayName(last_, s.arm) + QString(2, QChar(0x2003));
        auto line = [&](QChart* chart, QAbstractAxis* x, QAbstractAxis* y, LineRole role, Qt::PenStyle style, bool legend) {
          QLineSeries* series = addLine(chart, x, y, color, role, style, name, legend);
          setSeriesArm(series, s.arm);
          return series;
        };
        s.trainLoss = line(loss, lossX_, lossY_, LineRole::Main, Qt::SolidLine, true);
        s.testLoss = line(loss, lossX_, lossY_, LineRole::Secondary, Qt::DashLine, false);
        s.trainLossLog = line(lossLog, lossLogX_, lossLogY_, LineRole::Main, Qt::SolidLine, true);
        s.testLossLog = line(lossLog, lossLogX_, lossLogY_, LineRole::Secondary, Qt::DashLine, false);
        s.trainAcc = line(acc, accX_, accY_, LineRole::Main, Qt::SolidLine, true);
        s.testAcc = line(acc, accX_, accY_, LineRole::Secondary, Qt::DashLine, false);
        arms_.push_back(s);  // complete entries only: redraw and restyle may run between slices
      }
      if (arms_.size() == pendingArms_.size()) stage_ = BuildStage::Done;
      break;
    }
  }
  if (stage_ != BuildStage::Done) return true;
  pendingArms_.clear();
  showSeedLines();
  restyle();
  return false;
}

void LossView::showSeedLines() {
  const bool visible = !grouped_ || showSeeds_->isChecked();
  for (RunSeries& s : series_)
    for (QLineSeries* series : {s.trainLoss, s.testLoss, s.trainLossLog, s.testLossLog, s.trainAcc, s.testAcc})
      if (series->isVisible() != visible) series->setVisible(visible);
}

void LossView::redraw() {
  if (building() || series_.size() != last_.runs.size()) return;
  const bool epochs = xAxis_->currentIndex() == 1;
  const bool log = logActive_;
  const double weight = smoothing_->value() / 100.0;
  bool anyCalm = false;
  for (const RunRecord& run : last_.runs) anyCalm = anyCalm || !run.diverged;
  const bool seeds = hasSeveralSeeds(last_);
  double calmMax = -std::numeric_limits<double>::infinity(), wildMax = calmMax;
  curves_.resize(last_.runs.size());
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
    auto fill = [&](QList<QPointF>& curve, auto value, bool isLoss) {
      curve.clear();
      for (std::size_t k = 0; k < run.metrics.size(); ++k) {
        const double y = value(k);
        if (!std::isfinite(y)) continue;
        if (isLoss && log && y <= 0) continue;
        const double x = xOf(run.metrics[k]);
        if (!std::isfinite(x)) continue;
        curve.append(QPointF(x, y));
        xRange_.include(0, x);
        if (isLoss && inRange) lossRange_.include(y, y);
        if (isLoss && inRange) calmMax = std::max(calmMax, y);
        if (isLoss && !inRange) wildMax = std::max(wildMax, y);
      }
    };
    std::array<QList<QPointF>, 4>& c = curves_[i];
    fill(c[0], [&](std::size_t k) { return smooth_[k]; }, true);
    fill(c[1], [&](std::size_t k) { return run.metrics[k].testLoss; }, true);
    fill(c[2], [&](std::size_t k) { return 100 * smoothAccuracy_[k]; }, false);
    fill(c[3], [&](std::size_t k) { return 100 * run.metrics[k].testAccuracy; }, false);
    // A branch's curves go on from its parent's (same seed) last point at the branch step.
    if (const std::optional<BranchStart> from = branchStart(last_, i, epochs)) {
      for (int k = 0; k < 4; ++k) {
        const QList<QPointF>& parent = curves_[from->parentRun][std::size_t(k)];
        const QPointF* join = nullptr;
        for (const QPointF& p : parent)
          if (p.x() <= from->x) join = &p;
        if (join && (c[std::size_t(k)].isEmpty() || c[std::size_t(k)].front().x() > join->x()))
          c[std::size_t(k)].prepend(*join);
      }
    }
    // Hidden seed lines are filled too (cheap: not painted), so anything marked on a run's own
    // curve (its divergence) has its points, and the toggle shows them at once.
    // Only the chart on screen is updated; the other one is refilled when it is switched to.
    QLineSeries* targets[4] = {log ? s.trainLossLog : s.trainLoss, log ? s.testLossLog : s.testLoss, s.trainAcc, s.testAcc};
    for (int k = 0; k < 4; ++k) {
      buffer_ = c[k];
      decimate(buffer_, 1000);
      targets[k]->replace(buffer_);
    }
  }
  // Each arm: the mean of its seeds' curves, and a band from the lowest to the highest train curve.
  std::vector<const QList<QPointF>*> group;
  for (ArmSeries& a : arms_) {
    const QString name = armDisplayName(last_, a.arm) + QString(2, QChar(0x2003));
    if (a.trainLoss->name() != name)
      for (QLineSeries* series : {a.trainLoss, a.testLoss, a.trainLossLog, a.testLossLog, a.trainAcc, a.testAcc})
        series->setName(name);
    QLineSeries* means[4] = {log ? a.trainLossLog : a.trainLoss, log ? a.testLossLog : a.testLoss, a.trainAcc, a.testAcc};
    QAreaSeries* bands[4] = {log ? a.lossBandLog : a.lossBand, nullptr, a.accBand, nullptr};
    for (int k = 0; k < 4; ++k) {
      group.clear();
      for (int r : a.runs)
        if (std::size_t(r) < curves_.size()) group.push_back(&curves_[std::size_t(r)][k]);
      aggregateCurves(group, mean_, lo_, hi_);
      decimate(mean_, 1000);
      means[k]->replace(mean_);
      if (!bands[k]) continue;
      // Filled areas are slow to paint: their edges are decimated harder than lines.
      decimate(lo_, 200);
      decimate(hi_, 200);
      bands[k]->lowerSeries()->replace(lo_);
      bands[k]->upperSeries()->replace(hi_);
    }
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
