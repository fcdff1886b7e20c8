#include "ui/views/activation_view.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
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
  Q_DECLARE_TR_FUNCTIONS(ActivationView)
};
}  // namespace

namespace {
// The narrowest a small multiple gets: its axis labels and title still fit.
constexpr int kMultipleWidth = 320;

// Indices into kProbePercentiles: 15, 50, 85 (the batch-norm paper's figure 1). A 1st-99th band
// was dropped: six more translucent filled areas doubled the chart's painting time (over 50 ms
// per frame while training), and the histogram beside it shows the tails.
constexpr std::size_t kP15 = 3, kP50 = 6, kP85 = 9;
static_assert(kProbePercentiles[kP15] == 15 && kProbePercentiles[kP50] == 50 && kProbePercentiles[kP85] == 85);

const LayerStats* findLayer(const ProbeRecord& probe, const std::string& name) {
  for (const LayerStats& l : probe.layers)
    if (l.name == name) return &l;
  return nullptr;
}

QValueAxis* axis(const QString& title) {
  auto* a = new QValueAxis;
  a->setTitleText(title);
  a->setLabelFormat("%.3g");
  a->setTickCount(5);
  return a;
}
}  // namespace

struct ActivationView::BandChart {
  QString layer;
  QChartView* view = nullptr;
  QValueAxis *x = nullptr, *y = nullptr;
  RangeKeeper xRange, yRange;
  struct Run {
    QLineSeries* median = nullptr;
    QAreaSeries* band = nullptr;  // 15th to 85th percentile
  };
  std::vector<Run> runs;
};

ActivationView::ActivationView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(Tr::tr("Layer:"), this));
  layerBox_ = new QComboBox(this);
  layerBox_->setMinimumContentsLength(14);
  layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  controls->addWidget(layerBox_);
  controls->addStretch(1);
  controls->addWidget(hint_ = new QLabel(this));
  layout->addLayout(controls);
  layout->addWidget(armLegend());

  pages_ = new QStackedWidget(this);
  auto* splitter = new QSplitter(Qt::Horizontal, pages_);
  single_ = std::make_unique<BandChart>();
  QChart* band = newChart(Tr::tr("Output percentiles over time"));
  single_->x = axis(Tr::tr("samples seen"));
  single_->y = axis(Tr::tr("layer output value"));
  band->addAxis(single_->x, Qt::AlignBottom);
  band->addAxis(single_->y, Qt::AlignLeft);
  single_->view = addChart(band, splitter);
  QChart* hist = newChart(Tr::tr("Latest output histogram"));
  histX_ = axis(Tr::tr("layer output value"));
  histY_ = axis(Tr::tr("fraction of values"));
  hist->addAxis(histX_, Qt::AlignBottom);
  hist->addAxis(histY_, Qt::AlignLeft);
  histView_ = addChart(hist, splitter);
  splitter->addWidget(single_->view);
  splitter->addWidget(histView_);
  pages_->addWidget(splitter);

  scroll_ = new QScrollArea(pages_);
  scroll_->setWidgetResizable(true);
  grid_ = new QWidget(scroll_);
  gridLayout_ = new QGridLayout(grid_);
  scroll_->setWidget(grid_);
  scroll_->viewport()->installEventFilter(this);  // a new width may hold more or fewer columns
  pages_->addWidget(scroll_);
  layout->addWidget(pages_, 1);

  connect(layerBox_, &QComboBox::currentIndexChanged, this, [this] {
    pages_->setCurrentIndex(allLayers() ? 1 : 0);
    single_->xRange.reset();
    single_->yRange.reset();
    histXRange_.reset();
    histYRange_.reset();
    redraw();
  });
}

ActivationView::~ActivationView() = default;

bool ActivationView::allLayers() const { return layerBox_->currentIndex() == 0; }
QString ActivationView::selectedLayer() const { return allLayers() ? QString() : layerBox_->currentText(); }

void ActivationView::selectLayer(const QString& layer) {
  const int index = layer.isEmpty() ? 0 : layerBox_->findText(layer);
  if (index >= 0) layerBox_->setCurrentIndex(index);
}

void ActivationView::showSnapshot(const Snapshot& snapshot) {
  last_ = snapshot;
  updateArms(snapshot);
  const QStringList layers = probedLayerNames(snapshot);
  const QString key = runSetKey(snapshot);
  // Series belong to runs. The layer list (known from the first probe on) only refills the
  // picker: rebuilding six arms' series for it was a second stall right after Start.
  if (key != runKey_) {
    runKey_ = key;
    layers_ = layers;
    startBuild({[this] { rebuildBands(); }, [this] { rebuildHistogram(); }, [this] { redraw(); }});
  } else if (layers != layers_) {
    layers_ = layers;
    refillLayers();
  }
  redraw();
}

void ActivationView::refillLayers() {
  // Default: the first layer (the batch-norm paper's view of one layer). "all layers" is kept
  // only when it was a choice, i.e. there were layers to pick from.
  const QString before = selectedLayer();
  const bool couldPick = layerBox_->count() > 1;
  refillKeepingSelection(layerBox_, QStringList{Tr::tr("all layers")} + layers_, 1);
  if (!couldPick && !layers_.isEmpty()) {
    const QSignalBlocker block(layerBox_);
    layerBox_->setCurrentIndex(1);
  }
  pages_->setCurrentIndex(allLayers() ? 1 : 0);
  if (selectedLayer() != before) {  // another layer's values: its own ranges
    single_->xRange.reset();
    single_->yRange.reset();
    histXRange_.reset();
    histYRange_.reset();
  }
  // The small multiples are built when first shown: building a chart per layer for a page
  // nobody looks at stalled the GUI thread for over 100 ms at every start.
  clearGrid();
}

void ActivationView::rebuildBands() {
  arms_ = runsByArm(last_);
  refillLayers();
  buildRuns(*single_, true);
}

void ActivationView::rebuildHistogram() {
  QChart* hist = histView_->chart();
  hist->removeAllSeries();
  hist_.clear();
  histXRange_.reset();
  histYRange_.reset();
  for (const ArmRuns& a : arms_) {
    auto* s = new QLineSeries;
    s->setName(armDisplayName(last_, a.arm));
    styleLine(s, palette_.color(a.arm), LineRole::Main);
    setSeriesRun(s, a.runs.front());
    setSeriesArm(s, a.arm);
    hist->addSeries(s);
    s->attachAxis(histX_);
    s->attachAxis(histY_);
    hist_.push_back(s);
  }
  styleChart(hist);
  updateHint();
}

bool ActivationView::bandShown(int arm) const {
  if (!highlightedArms().isEmpty()) return highlightedArms().contains(arm);
  return int(arms_.size()) <= kAllBandsUpTo;
}

QSet<int> ActivationView::armsWithBands() const {
  QSet<int> shown;
  for (const ArmRuns& a : arms_)
    if (bandShown(a.arm)) shown.insert(a.arm);
  return shown;
}

void ActivationView::updateHint() {
  QString text = Tr::tr("line: median · band: 15th–85th percentile (the middle 70% of the outputs)");
  if (highlightedArms().isEmpty() && int(arms_.size()) > kAllBandsUpTo)
    text = Tr::tr("line: median · click an arm below to see its band (15th–85th percentile)");
  if (hasSeveralSeeds(last_)) text += " · " + Tr::tr("mean of the seeds");
  hint_->setText(text);
}

void ActivationView::highlightApplied() {
  auto apply = [this](BandChart& chart) {
    for (std::size_t k = 0; k < chart.runs.size() && k < arms_.size(); ++k)
      chart.runs[k].band->setVisible(bandShown(arms_[k].arm));
  };
  apply(*single_);
  for (auto& m : multiples_) apply(*m);
  updateHint();
  redraw();  // bands just shown need their points
}

// Bands first, medians last: every arm's median stays on top of every band.
void ActivationView::buildRuns(BandChart& chart, bool legend) {
  (void)legend;  // the arm legend above the charts is the key on screen
  QChart* c = chart.view->chart();
  c->removeAllSeries();
  chart.runs.clear();
  chart.xRange.reset();
  chart.yRange.reset();
  chart.runs.resize(arms_.size());
  for (std::size_t k = 0; k < arms_.size(); ++k) {
    const int arm = arms_[k].arm;
    BandChart::Run& r = chart.runs[k];
    r.band = new QAreaSeries;
    r.band->setUpperSeries(new QLineSeries(r.band));
    r.band->setLowerSeries(new QLineSeries(r.band));
    styleBand(r.band, palette_.color(arm), 70);
    setSeriesArm(r.band, arm);
    c->addSeries(r.band);
    r.band->attachAxis(chart.x);
    r.band->attachAxis(chart.y);
    hideFromLegend(c, r.band);
    r.band->setVisible(bandShown(arm));
  }
  for (std::size_t k = 0; k < arms_.size(); ++k) {
    const int arm = arms_[k].arm;
    BandChart::Run& r = chart.runs[k];
    r.median = new QLineSeries;
    r.median->setName(armDisplayName(last_, arm));
    styleLine(r.median, palette_.color(arm), LineRole::Main);
    setSeriesRun(r.median, arms_[k].runs.front());
    setSeriesArm(r.median, arm);
    c->addSeries(r.median);
    r.median->attachAxis(chart.x);
    r.median->attachAxis(chart.y);
  }
  c->legend()->setVisible(false);
  styleChart(c);
}

void ActivationView::clearGrid() {
  for (auto& m : multiples_) {
    removeChart(m->view);
    m->view->deleteLater();
  }
  multiples_.clear();
  gridBuilt_ = false;
}

// Small multiples: one band chart per layer; their legend is the shared line above the grid.
void ActivationView::rebuildGrid() {
  clearGrid();
  // Capped: 500 probed layers made 500 charts (minutes to build, gigabytes to export as one figure).
  const int shown = std::min<int>(int(layers_.size()), kMaxChartedLayers);
  for (int k = 0; k < shown; ++k) {
    auto m = std::make_unique<BandChart>();
    m->layer = layers_[k];
    QChart* c = newChart(layers_[k]);
    m->x = axis(Tr::tr("samples seen"));
    m->y = axis(Tr::tr("output"));
    c->addAxis(m->x, Qt::AlignBottom);
    c->addAxis(m->y, Qt::AlignLeft);
    m->view = addChart(c, grid_);
    // Taller on a projector: large tick labels on a short axis collide and are elided.
    m->view->setMinimumSize(kMultipleWidth, presentation_ ? 380 : 260);
    buildRuns(*m, false);  // the legend is the shared line above the grid
    multiples_.push_back(std::move(m));
  }
  gridBuilt_ = true;
  gridColumns_ = 0;
  placeGrid();
}

void ActivationView::placeGrid() {
  if (multiples_.empty()) return;
  // At most 3 columns (2 on a projector, whose large fonts need the room); never wider than the
  // page, which would need a horizontal scroll bar.
  const int spacing = std::max(0, gridLayout_->horizontalSpacing());
  const QMargins margins = gridLayout_->contentsMargins();
  const int width = scroll_->viewport()->width() - margins.left() - margins.right();
  const int fits = (width + spacing) / (kMultipleWidth + spacing);
  const int columns = std::clamp(fits, 1, presentation_ ? 2 : 3);
  if (columns == gridColumns_) return;
  gridColumns_ = columns;
  for (auto& m : multiples_) gridLayout_->removeWidget(m->view);
  for (std::size_t k = 0; k < multiples_.size(); ++k)
    gridLayout_->addWidget(multiples_[k]->view, int(k) / columns, int(k) % columns);
}

bool ActivationView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == scroll_->viewport() && event->type() == QEvent::Resize) placeGrid();
  return ChartViewBase::eventFilter(watched, event);
}

void ActivationView::presentationChanged() {
  if (gridBuilt_) {
    rebuildGrid();
    redraw();
  }
}

void ActivationView::drawBands(BandChart& chart) {
  const std::string layer = chart.layer.toStdString();
  std::vector<const QList<QPointF>*> group;
  for (std::size_t k = 0; k < chart.runs.size() && k < arms_.size(); ++k) {
    const ArmRuns& arm = arms_[k];
    BandChart::Run& r = chart.runs[k];
    const QString name = armDisplayName(last_, arm.arm);
    if (r.median->name() != name) r.median->setName(name);
    // Each seed's 15th, 50th and 85th percentile over time; the arm draws their means.
    seedCurves_.resize(std::max(seedCurves_.size(), arm.runs.size()));
    for (std::size_t s = 0; s < arm.runs.size(); ++s) {
      const RunRecord& run = last_.runs[std::size_t(arm.runs[s])];
      const bool calm = setsRange(last_, run);
      for (auto& curve : seedCurves_[s]) curve.clear();
      for (const auto& probe : run.probes) {
        const LayerStats* l = findLayer(*probe, layer);
        if (!l) continue;
        const auto& q = l->activation.percentiles;
        // Skip the whole probe if any plotted percentile is not finite (keeps bands aligned).
        if (!std::isfinite(q[kP15]) || !std::isfinite(q[kP50]) || !std::isfinite(q[kP85])) continue;
        const double x = double(probe->samplesSeen);
        seedCurves_[s][0].append(QPointF(x, q[kP15]));
        seedCurves_[s][1].append(QPointF(x, q[kP50]));
        seedCurves_[s][2].append(QPointF(x, q[kP85]));
        chart.xRange.include(0, x);
        // The axis covers what is drawn: the band where it is shown, else the median.
        if (calm) chart.yRange.include(r.band->isVisible() ? q[kP15] : q[kP50], r.band->isVisible() ? q[kP85] : q[kP50]);
      }
    }
    auto meanOf = [&](int p, QList<QPointF>& out) {
      group.clear();
      for (std::size_t s = 0; s < arm.runs.size(); ++s) group.push_back(&seedCurves_[s][std::size_t(p)]);
      aggregateCurves(group, out, lo_, hi_);
    };
    meanOf(1, buffer_);
    decimate(buffer_, 1000);
    r.median->replace(buffer_);
    if (!r.band->isVisible()) continue;  // not drawn: not filled either
    // Bands are filled, translucent and antialiased: painting six of 300 points per edge took
    // 45 ms a frame, of 100 points 20 ms. The median line keeps the full resolution.
    meanOf(0, buffer_);
    decimate(buffer_, 100);
    r.band->lowerSeries()->replace(buffer_);
    meanOf(2, buffer_);
    decimate(buffer_, 100);
    r.band->upperSeries()->replace(buffer_);
  }
  chart.xRange.includePlanned(plannedSamples(last_));
  chart.xRange.apply(chart.x, 0, 1000);
  chart.yRange.apply(chart.y, -1, 1);
  markLearningRateChanges(chart.view->chart(), chart.x, chart.y, last_);
}

void ActivationView::drawHistogram() {
  const std::string layer = single_->layer.toStdString();
  for (std::size_t i = 0; i < hist_.size() && i < arms_.size(); ++i) {
    const RunRecord& run = last_.runs[std::size_t(arms_[i].runs.front())];  // the arm's first seed
    const QString name = armDisplayName(last_, arms_[i].arm);
    if (hist_[i]->name() != name) hist_[i]->setName(name);
    const bool calm = setsRange(last_, run);
    buffer_.clear();
    const LayerStats* l = run.probes.empty() ? nullptr : findLayer(*run.probes.back(), layer);
    // A diverged run's histogram spans a range billions of times wider than the healthy runs':
    // drawn on their axis it is a meaningless flat line, so it is left out (the legend says why).
    if (l && calm && !l->activation.histogram.empty() && std::isfinite(l->activation.histLo) &&
        std::isfinite(l->activation.histHi) && l->activation.histHi > l->activation.histLo) {
      const auto& h = l->activation.histogram;
      const double lo = l->activation.histLo, width = (l->activation.histHi - lo) / double(h.size());
      // Step line: up from zero, across every bin, down to zero.
      buffer_.append(QPointF(lo, 0));
      for (std::size_t b = 0; b < h.size(); ++b) {
        const double y = std::isfinite(h[b]) ? h[b] : 0.0;
        buffer_.append(QPointF(lo + double(b) * width, y));
        buffer_.append(QPointF(lo + double(b + 1) * width, y));
        if (calm) histYRange_.include(0, y);
      }
      buffer_.append(QPointF(l->activation.histHi, 0));
      if (calm) histXRange_.include(lo, l->activation.histHi);
    }
    hist_[i]->replace(buffer_);
  }
  histXRange_.apply(histX_, -1, 1);
  histYRange_.apply(histY_, 0, 1);
}

QList<QChartView*> ActivationView::chartViews() const {
  QList<QChartView*> views;
  if (allLayers())
    for (const auto& m : multiples_) views.append(m->view);
  else
    views = {single_->view, histView_};
  return views;
}

void ActivationView::redraw() {
  armLegend()->setNote(allLayers() && !chartedLayersNote(layers_.size()).isEmpty()
                           ? chartedLayersNote(layers_.size()) + Tr::tr("; pick a layer above to see any other")
                           : QString());
  if (building() || single_->runs.size() != arms_.size()) return;
  if (allLayers()) {
    if (!gridBuilt_) rebuildGrid();
    for (auto& m : multiples_) drawBands(*m);
    return;
  }
  const QString layer = layerBox_->currentText();
  if (single_->layer != layer) {
    single_->layer = layer;
    single_->view->chart()->setTitle(Tr::tr("%1: output percentiles over time").arg(layer));
    histView_->chart()->setTitle(Tr::tr("%1: latest output histogram").arg(layer));
  }
  drawBands(*single_);
  drawHistogram();
}

}  // namespace normlab
