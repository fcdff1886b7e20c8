#include "ui/views/batch_norm_view.h"

#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

#include <QCoreApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include "ui/views/arm_palette.h"
#include "ui/views/time_markers.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(BatchNormView)
};
}  // namespace

namespace {
QValueAxis* axis(const QString& title, const char* format = "%.3g") {
  auto* a = new QValueAxis;
  a->setTitleText(title);
  a->setLabelFormat(format);
  a->setTickCount(5);
  return a;
}

const LayerStats* findLayer(const ProbeRecord& probe, const std::string& name) {
  for (const LayerStats& l : probe.layers)
    if (l.name == name) return &l;
  return nullptr;
}

bool runHasBatchNorm(const RunRecord& run) {
  for (const NormPlacement& p : run.norms)
    if (p.kind == NormKind::Batch) return true;
  if (!run.probes.empty())
    for (const LayerStats& l : run.probes.back()->layers)
      if (l.hasBatchNorm) return true;
  return false;
}
}  // namespace

BatchNormView::BatchNormView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  pages_ = new QStackedWidget(this);
  message_ = new QLabel(
      Tr::tr("No run uses batch norm.\n\nTick “Batch norm (BN)” in the side panel, or open lesson 4, to "
      "compare its batch statistics with its running statistics, and train mode with eval mode."),
      pages_);
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  pages_->addWidget(message_);
  presentationChanged();

  auto* page = new QWidget(pages_);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(Tr::tr("Batch-norm layer:"), page));
  layerBox_ = new QComboBox(page);
  layerBox_->setMinimumContentsLength(10);
  layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  controls->addWidget(layerBox_);
  controls->addStretch(1);
  controls->addWidget(new QLabel(Tr::tr("solid: batch statistics / train mode · thin line: running statistics / eval mode"), page));
  pageLayout->addLayout(controls);
  pageLayout->addWidget(armLegend());
  // The charts scroll rather than shrink below the height their axes need whole (a lesson card
  // over the tabs leaves about 400 px at 1280x720: Qt then cut every axis label to "...").
  auto* scroll = new QScrollArea(page);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* chartsPage = new QWidget(scroll);
  auto* grid = new QGridLayout(chartsPage);
  grid->setContentsMargins(0, 0, 0, 0);
  auto make = [&](const QString& title, QValueAxis*& x, QValueAxis*& y, const QString& yTitle, const char* format) {
    QChart* chart = newChart(title);
    x = axis(Tr::tr("samples seen"), "%.0f");
    y = axis(yTitle, format);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return addChart(chart, chartsPage);
  };
  // Titles and axis titles short enough to show whole in half the tab at 1280x720; the key above
  // says which line is batch and which running. The accuracy chart's legend names the runs for
  // all three (the same runs, the same colours), so the small charts keep their height for axes.
  meanView_ = make(Tr::tr("Mean over channels"), meanX_, meanY_, Tr::tr("mean"), "%.3g");
  varView_ = make(Tr::tr("Variance over channels"), varX_, varY_, Tr::tr("variance"), "%.3g");
  meanView_->chart()->legend()->setVisible(false);
  varView_->chart()->legend()->setVisible(false);
  accView_ = make(Tr::tr("Held-out batch accuracy: train mode vs eval mode"), accX_, accY_, Tr::tr("accuracy (%)"), "%.0f");
  accY_->setRange(0, 100);
  grid->addWidget(meanView_, 0, 0);
  grid->addWidget(varView_, 0, 1);
  grid->addWidget(accView_, 1, 0, 1, 2);
  grid->setRowStretch(0, 2);
  grid->setRowStretch(1, 3);  // the accuracy chart also holds the legend
  scroll->setWidget(chartsPage);
  pageLayout->addWidget(scroll, 1);
  population_ = new QLabel(page);
  population_->setWordWrap(true);
  population_->setTextFormat(Qt::RichText);
  population_->setVisible(false);
  pageLayout->addWidget(population_);
  pages_->addWidget(page);
  layout->addWidget(pages_);
  presentationChanged();  // the charts' least heights

  connect(layerBox_, &QComboBox::currentIndexChanged, this, [this] {
    meanRange_.reset();
    varRange_.reset();
    redraw();
  });
}

void BatchNormView::presentationChanged() {
  QFont font = message_->font();
  font.setPointSizeF(1.6 * chartFonts(presentation_).widget);  // readable from the back row
  message_->setFont(font);
  if (population_) applyWidgetFont(population_, presentation_);
  // The least height at which title, axis labels, axis titles (and the accuracy chart's legend)
  // all show whole, measured on screenshots at 1280x720 and 1920x1080.
  if (meanView_) {
    const int small = presentation_ ? 300 : 200, large = presentation_ ? 380 : 260;
    meanView_->setMinimumHeight(small);
    varView_->setMinimumHeight(small);
    accView_->setMinimumHeight(large);
  }
}

bool BatchNormView::showsMessage() const { return pages_->currentIndex() == 0; }
QString BatchNormView::message() const { return message_->text(); }

void BatchNormView::showSnapshot(const Snapshot& snapshot) {
  last_ = snapshot;
  QSet<int> batchNormArms;  // the key lists the arms these charts draw
  for (const RunRecord& run : snapshot.runs)
    if (runHasBatchNorm(run)) batchNormArms.insert(run.arm);
  updateArms(snapshot, batchNormArms.isEmpty() ? QSet<int>{-1} : batchNormArms);
  QStringList layers;
  QString key = runSetKey(snapshot) + "|";
  for (std::size_t i = 0; i < last_.runs.size(); ++i) {
    const RunRecord& run = last_.runs[i];
    if (!runHasBatchNorm(run)) continue;
    key += QString::number(i) + ",";
    if (run.probes.empty()) continue;
    for (const LayerStats& l : run.probes.back()->layers) {
      const QString name = QString::fromStdString(l.name);
      if (l.hasBatchNorm && !layers.contains(name)) layers.append(name);
    }
  }
  if (key != key_ || layers != layers_) {
    key_ = key;
    layers_ = layers;
    // In steps of a few ms each: the series chart by chart, their styles (fonts and widths), the
    // first drawing.
    startBuild({[this] {
                  rebuild();
                  addLines(meanView_);
                },
                [this] { addLines(varView_); }, [this] { addLines(accView_); }, [this] { restyle(); },
                [this] { redraw(); }});
  }
  redraw();
  showPopulationUpdates();
}

// The latest "recompute population statistics" of each run: eval-mode test accuracy before and
// after, in the run's colour.
void BatchNormView::showPopulationUpdates() {
  QStringList parts;
  const bool seeds = hasSeveralSeeds(last_);
  std::int64_t step = -1;
  int images = 0;
  for (const RunRecord& run : last_.runs) {
    if (run.populationUpdates.empty()) continue;
    const PopulationUpdate& u = run.populationUpdates.back();
    step = std::max(step, u.step);
    images = u.images;
    parts.append(Tr::tr("<span style=\"color:%1\"><b>%2</b></span> %3% → %4%")
                     .arg(palette_.color(run.arm).name(), runLabel(run, seeds).toHtmlEscaped())
                     .arg(100 * u.testAccuracyBefore, 0, 'f', 1)
                     .arg(100 * u.testAccuracyAfter, 0, 'f', 1));
  }
  population_->setVisible(!parts.isEmpty());
  if (parts.isEmpty()) return;
  population_->setText(Tr::tr("Population statistics recomputed (step %1, averaged over %2 training images). "
                               "Eval-mode test accuracy before → after: %3")
                           .arg(step)
                           .arg(images)
                           .arg(parts.join(" \u00b7 ")));
}

QString BatchNormView::populationText() const { return population_->isVisibleTo(this) ? population_->text() : QString(); }

void BatchNormView::rebuild() {
  refillKeepingSelection(layerBox_, layers_);
  for (QChartView* v : {meanView_, varView_, accView_}) v->chart()->removeAllSeries();
  series_.clear();
  xRange_.reset();
  meanRange_.reset();
  varRange_.reset();
  for (const ArmRuns& a : runsByArm(last_)) {
    const std::size_t i = std::size_t(a.runs.front());
    if (!runHasBatchNorm(last_.runs[i])) continue;
    RunSeries s;
    s.run = int(i);
    s.runs = a.runs;
    series_.push_back(s);
  }
}

void BatchNormView::addLines(QChartView* view) {
  QValueAxis* x = view == meanView_ ? meanX_ : view == varView_ ? varX_ : accX_;
  QValueAxis* y = view == meanView_ ? meanY_ : view == varView_ ? varY_ : accY_;
  for (RunSeries& s : series_) {
    const RunRecord& run = last_.runs[std::size_t(s.run)];
    const QColor color = palette_.color(run.arm);
    const QString name = armDisplayName(last_, run.arm);
    auto add = [&](bool solid) {
      auto* series = new QLineSeries;
      series->setName(name);
      styleLine(series, color, solid ? LineRole::Main : LineRole::Secondary, solid ? Qt::SolidLine : Qt::DashLine);
      setSeriesRun(series, s.run);
      setSeriesArm(series, run.arm);
      view->chart()->addSeries(series);
      series->attachAxis(x);
      series->attachAxis(y);
      if (!solid) hideFromLegend(view->chart(), series);
      return series;
    };
    QLineSeries* solid = add(true);
    QLineSeries* dashed = add(false);
    if (view == meanView_) std::tie(s.batchMean, s.runningMean) = std::pair(solid, dashed);
    if (view == varView_) std::tie(s.batchVar, s.runningVar) = std::pair(solid, dashed);
    if (view == accView_) std::tie(s.trainAcc, s.evalAcc) = std::pair(solid, dashed);
  }
}

void BatchNormView::redraw() {
  if (building()) return;
  pages_->setCurrentIndex(series_.empty() ? 0 : 1);
  if (series_.empty()) return;
  const std::string layer = layerBox_->currentText().toStdString();
  std::vector<const QList<QPointF>*> group;
  for (RunSeries& s : series_) {
    if (s.run >= int(last_.runs.size())) continue;
    const RunRecord& run = last_.runs[std::size_t(s.run)];
    const QString name = armDisplayName(last_, run.arm);
    if (s.batchMean->name() != name)
      for (QLineSeries* series : {s.batchMean, s.runningMean, s.batchVar, s.runningVar, s.trainAcc, s.evalAcc})
        series->setName(name);
    // Each seed's values over time; the arm draws their mean.
    auto fill = [&](QLineSeries* series, RangeKeeper* range, auto value) {
      seedCurves_.resize(std::max(seedCurves_.size(), s.runs.size()));
      group.clear();
      for (std::size_t j = 0; j < s.runs.size(); ++j) {
        const RunRecord& seedRun = last_.runs[std::size_t(s.runs[j])];
        const bool calm = setsRange(last_, seedRun);
        QList<QPointF>& curve = seedCurves_[j];
        curve.clear();
        for (const auto& probe : seedRun.probes) {
          const double y = value(*probe);
          if (!std::isfinite(y)) continue;
          const double x = double(probe->samplesSeen);
          curve.append(QPointF(x, y));
          xRange_.include(0, x);
          if (range && calm) range->include(y, y);
        }
        group.push_back(&curve);
      }
      aggregateCurves(group, buffer_, lo_, hi_);
      decimate(buffer_, 1000);
      series->replace(buffer_);
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto stat = [&](double BatchNormStats::*member) {
      return [&layer, member, nan](const ProbeRecord& p) {
        const LayerStats* l = findLayer(p, layer);
        return l && l->hasBatchNorm ? l->batchNorm.*member : nan;
      };
    };
    fill(s.batchMean, &meanRange_, stat(&BatchNormStats::batchMean));
    fill(s.runningMean, &meanRange_, stat(&BatchNormStats::runningMean));
    fill(s.batchVar, &varRange_, stat(&BatchNormStats::batchVar));
    fill(s.runningVar, &varRange_, stat(&BatchNormStats::runningVar));
    fill(s.trainAcc, nullptr, [nan](const ProbeRecord& p) { return p.trainModeAccuracy >= 0 ? 100 * p.trainModeAccuracy : nan; });
    fill(s.evalAcc, nullptr, [nan](const ProbeRecord& p) { return p.evalModeAccuracy >= 0 ? 100 * p.evalModeAccuracy : nan; });
  }
  xRange_.includePlanned(plannedSamples(last_));
  for (QValueAxis* x : {meanX_, varX_, accX_}) xRange_.apply(x, 0, 1000);
  meanRange_.apply(meanY_, -1, 1);
  varRange_.apply(varY_, 0, 1);
  markLearningRateChanges(meanView_->chart(), meanX_, meanY_, last_);
  markLearningRateChanges(varView_->chart(), varX_, varY_, last_);
  markLearningRateChanges(accView_->chart(), accX_, accY_, last_);
}

}  // namespace normlab
