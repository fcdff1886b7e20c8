#include "ui/views/gradient_view.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include "ui/views/arm_palette.h"
#include "ui/views/time_markers.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(GradientView)
};
}  // namespace

namespace {
const LayerStats* findLayer(const ProbeRecord& probe, const std::string& name) {
  for (const LayerStats& l : probe.layers)
    if (l.name == name) return &l;
  return nullptr;
}

QLogValueAxis* logAxis(const QString& title) {
  auto* a = new QLogValueAxis;
  a->setTitleText(title);
  a->setBase(10);
  a->setLabelFormat("%.0e");
  a->setMinorTickCount(0);
  return a;
}
}  // namespace

QStringList gradientChartLayers(const Snapshot& snapshot, bool all) {
  const QStringList layers = probedLayerNames(snapshot);
  if (all) return layers;
  QSet<QString> key;
  for (const RunRecord& run : snapshot.runs) {
    if (run.probes.empty()) continue;
    for (const LayerStats& l : run.probes.back()->layers) {
      const bool norm = l.kind.size() >= 4 && l.kind.compare(l.kind.size() - 4, 4, "norm") == 0;
      if (norm || !l.params.empty()) key.insert(QString::fromStdString(l.name));
    }
  }
  QStringList shown;
  for (const QString& name : layers)
    if (key.contains(name)) shown.append(name);
  return shown.isEmpty() ? layers : shown;  // a model of only parameter-free layers: all of them
}

QString gradientFlags(const Snapshot& snapshot) {
  QStringList vanishing, exploding;
  const bool seeds = hasSeveralSeeds(snapshot);
  for (const RunRecord& run : snapshot.runs) {
    if (run.probes.empty()) continue;
    const ProbeRecord& latest = *run.probes.back();
    QStringList v, e;
    for (const LayerStats& l : latest.layers) {
      const double g = l.gradMeanAbs;
      const QString name = QString::fromStdString(l.name);
      if (!std::isfinite(g) || g > kExplodingGrad) {
        e.append(name);
        continue;
      }
      if (g < kVanishingGrad) {
        v.append(name);
        continue;
      }
      // Growing: rose at each of the last 4 probes, by more than 100x in all.
      const std::size_t n = run.probes.size();
      if (n >= 4) {
        bool rising = true;
        double first = 0;
        for (std::size_t k = n - 4; k + 1 < n && rising; ++k) {
          const LayerStats* a = findLayer(*run.probes[k], l.name);
          const LayerStats* b = findLayer(*run.probes[k + 1], l.name);
          rising = a && b && b->gradMeanAbs > a->gradMeanAbs;
          if (k == n - 4 && a) first = a->gradMeanAbs;
        }
        if (rising && first > 0 && g > 100 * first) e.append(Tr::tr("%1 (growing)").arg(name));
      }
    }
    const QString label = runLabel(run, seeds);
    if (!v.isEmpty()) vanishing.append(label + ": " + v.join(", "));
    if (!e.isEmpty()) exploding.append(label + ": " + e.join(", "));
  }
  QStringList parts;
  if (!vanishing.isEmpty()) parts.append(Tr::tr("Vanishing gradients (mean |grad| < 1e-6) – %1").arg(vanishing.join("; ")));
  if (!exploding.isEmpty()) parts.append(Tr::tr("Exploding gradients (mean |grad| > 1e3 or growing) – %1").arg(exploding.join("; ")));
  return parts.join("\n");
}

GradientView::GradientView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  flags_ = new QLabel(this);
  flags_->setWordWrap(true);
  layout->addWidget(flags_);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(Tr::tr("Layer over time:"), this));
  layerBox_ = new QComboBox(this);
  layerBox_->setMinimumContentsLength(14);
  layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  controls->addWidget(layerBox_);
  allLayers_ = new QCheckBox(Tr::tr("Every layer"), this);
  allLayers_->setToolTip(
      Tr::tr("Off: the layers with parameters and the norm outputs, where normalization acts.\n"
      "On: every probed layer, activations, pooling, flatten and dropout included."));
  controls->addWidget(allLayers_);
  controls->addStretch(1);
  controls->addWidget(new QLabel(Tr::tr("line with dots: mean |grad| · dots alone / thin line: max |grad|"), this));
  layout->addLayout(controls);
  layout->addWidget(armLegend());

  // The charts scroll rather than shrink below the height their axes need whole: squeezed under
  // a lesson card in presentation mode, the upright names ran into the axis title.
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  auto* splitter = new QSplitter(Qt::Horizontal, scroll);
  QChart* flow = newChart(Tr::tr("Gradient flow (latest probe)"));
  layerAxis_ = new QBarCategoryAxis;
  layerAxis_->setTitleText(Tr::tr("layer (input → output)"));
  // Names are never cut short. Qt cuts a slanted label to fit its bounding box into one
  // category's width ("conv1" became "co..." at 45 px per layer), and hides a slanted first label
  // whose end reaches past the plot's left edge (conv1 vanished at 1366x820 in presentation mode).
  // Upright names need only a line's height across, and the axis grows to hold their length.
  layerAxis_->setTruncateLabels(false);
  layerAxis_->setLabelsAngle(-90);
  flowY_ = logAxis(Tr::tr("|grad| (log scale)"));
  flow->addAxis(layerAxis_, Qt::AlignBottom);
  flow->addAxis(flowY_, Qt::AlignLeft);
  flowView_ = addChart(flow, splitter);
  QChart* time = newChart(Tr::tr("Gradient over time"));
  timeX_ = new QValueAxis;
  timeX_->setTitleText(Tr::tr("samples seen"));
  timeX_->setLabelFormat("%.0f");
  timeX_->setTickCount(5);
  timeY_ = logAxis(Tr::tr("|grad| (log scale)"));
  time->addAxis(timeX_, Qt::AlignBottom);
  time->addAxis(timeY_, Qt::AlignLeft);
  timeView_ = addChart(time, splitter);
  splitter->addWidget(flowView_);
  splitter->addWidget(timeView_);
  scroll->setWidget(splitter);
  layout->addWidget(scroll, 1);
  presentationChanged();

  connect(allLayers_, &QCheckBox::toggled, this, [this] {
    refillLayers();
    flowRange_.reset();
    redraw();
  });
  connect(layerBox_, &QComboBox::currentIndexChanged, this, [this] {
    timeXRange_.reset();
    timeYRange_.reset();
    redraw();
  });
}

QString GradientView::flagText() const { return flags_->text(); }

// The flag label has a style sheet (its colour), which stops the view's font from reaching it.
void GradientView::presentationChanged() {
  applyWidgetFont(flags_, presentation_);
  const int least = presentation_ ? 520 : 340;  // title, upright names, axis titles and legend whole
  flowView_->setMinimumHeight(least);
  timeView_->setMinimumHeight(least);
}

void GradientView::setAllLayers(bool all) { allLayers_->setChecked(all); }

void GradientView::selectLayer(const QString& layer) {
  const int index = layerBox_->findText(layer);
  if (index >= 0) layerBox_->setCurrentIndex(index);
}

void GradientView::showSnapshot(const Snapshot& snapshot) {
  last_ = snapshot;
  updateArms(snapshot);
  const QStringList layers = probedLayerNames(snapshot);
  const QString key = runSetKey(snapshot);
  // Series belong to runs; a new list of probed layers only refills the picker and the axis.
  if (key != runKey_) {
    runKey_ = key;
    layers_ = layers;
    startBuild({[this] { rebuildFlow(); }, [this] { rebuildTime(); }, [this] { redraw(); }});
  } else if (layers != layers_) {
    layers_ = layers;
    refillLayers();
  }
  redraw();
}

void GradientView::refillLayers() {
  const QString before = layerBox_->currentText();
  refillKeepingSelection(layerBox_, layers_);
  if (layerBox_->currentText() != before) {  // another layer's values: its own ranges
    timeXRange_.reset();
    timeYRange_.reset();
  }
  axisLayers_ = gradientChartLayers(last_, allLayers_->isChecked());
  layerAxis_->clear();
  layerAxis_->append(axisLayers_.isEmpty() ? QStringList{"-"} : axisLayers_);
}

void GradientView::rebuildFlow() {
  refillLayers();
  QChart* flow = flowView_->chart();
  flow->removeAllSeries();
  timeView_->chart()->removeAllSeries();
  series_.clear();
  flowRange_.reset();
  timeXRange_.reset();
  timeYRange_.reset();
  arms_ = runsByArm(last_);
  series_.resize(arms_.size());
  for (std::size_t k = 0; k < arms_.size(); ++k) {
    RunSeries& s = series_[k];
    s.mean = new QLineSeries;
    styleLine(s.mean, palette_.color(arms_[k].arm), LineRole::Main);
    s.mean->setPointsVisible(true);
    addArmSeries(flow, s.mean, k, layerAxis_, flowY_, true);
    s.max = new QScatterSeries;
    styleLine(s.max, palette_.color(arms_[k].arm), LineRole::Thin);
    s.max->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    addArmSeries(flow, s.max, k, layerAxis_, flowY_, false);
  }
  styleChart(flow);
}

void GradientView::rebuildTime() {
  QChart* time = timeView_->chart();
  const bool seeds = hasSeveralSeeds(last_);
  armLegend()->setNote(seeds ? Tr::tr("mean of the seeds · band: lowest to highest seed") : QString());
  // Bands first, so every line is drawn over every band.
  for (std::size_t k = 0; seeds && k < arms_.size(); ++k) {
    auto* band = new QAreaSeries;
    band->setUpperSeries(new QLineSeries(band));
    band->setLowerSeries(new QLineSeries(band));
    styleBand(band, palette_.color(arms_[k].arm), 60);
    setSeriesArm(band, arms_[k].arm);
    time->addSeries(band);
    band->attachAxis(timeX_);
    band->attachAxis(timeY_);
    hideFromLegend(time, band);
    series_[k].band = band;
  }
  for (std::size_t k = 0; k < arms_.size(); ++k) {
    RunSeries& s = series_[k];
    s.meanOverTime = new QLineSeries;
    styleLine(s.meanOverTime, palette_.color(arms_[k].arm), LineRole::Main);
    addArmSeries(time, s.meanOverTime, k, timeX_, timeY_, true);
    s.maxOverTime = new QLineSeries;
    styleLine(s.maxOverTime, palette_.color(arms_[k].arm), LineRole::Thin, Qt::DashLine);
    addArmSeries(time, s.maxOverTime, k, timeX_, timeY_, false);
  }
  styleChart(time);
}

void GradientView::addArmSeries(QChart* chart, QXYSeries* series, std::size_t k, QAbstractAxis* x, QAbstractAxis* y,
                                bool legend) {
  const int arm = arms_[k].arm;
  series->setName(armDisplayName(last_, arm) + QString(2, QChar(0x2003)));
  setSeriesRun(series, arms_[k].runs.front());
  setSeriesArm(series, arm);
  chart->addSeries(series);
  series->attachAxis(x);
  series->attachAxis(y);
  if (!legend) hideFromLegend(chart, series);
}

void GradientView::redraw() {
  const QString flags = gradientFlags(last_);
  if (flags.isEmpty()) {
    flags_->setText(Tr::tr("No vanishing (mean |grad| < 1e-6) or exploding (> 1e3) gradients at the latest probe."));
    flags_->setStyleSheet("color: #1b6e3a; font-weight: bold;");
  } else {
    flags_->setText("\u26a0 " + QString(flags).replace("\n", "\n\u26a0 "));
    flags_->setStyleSheet("color: #b00020; font-weight: bold;");
  }
  if (building() || series_.size() != arms_.size()) return;
  const int arms = int(series_.size());
  const std::string timeLayer = layerBox_->currentText().toStdString();
  timeView_->chart()->setTitle(Tr::tr("%1: gradient over time").arg(layerBox_->currentText()));
  std::vector<const QList<QPointF>*> group;
  for (int i = 0; i < arms; ++i) {
    const ArmRuns& arm = arms_[std::size_t(i)];
    RunSeries& s = series_[std::size_t(i)];
    const QString name = armDisplayName(last_, arm.arm) + QString(2, QChar(0x2003));
    if (s.mean->name() != name)
      for (QXYSeries* series : {static_cast<QXYSeries*>(s.mean), static_cast<QXYSeries*>(s.max), static_cast<QXYSeries*>(s.meanOverTime), static_cast<QXYSeries*>(s.maxOverTime)})
        series->setName(name);
    // Latest probe, one point per layer; arms side by side within a category. With several
    // seeds: the mean over the seeds of mean |grad|, and the largest max |grad|.
    const double offset = arms > 1 ? (i - (arms - 1) / 2.0) * std::min(0.12, 0.6 / arms) : 0.0;
    buffer_.clear();
    buffer2_.clear();
    for (int k = 0; k < int(axisLayers_.size()); ++k) {
      const std::string layer = axisLayers_[k].toStdString();
      double sum = 0, most = -1;
      int n = 0;
      for (int r : arm.runs) {
        const RunRecord& run = last_.runs[std::size_t(r)];
        const LayerStats* l = run.probes.empty() ? nullptr : findLayer(*run.probes.back(), layer);
        if (!l) continue;
        if (std::isfinite(l->gradMeanAbs)) {
          sum += l->gradMeanAbs;
          ++n;
        }
        if (std::isfinite(l->gradMaxAbs)) most = std::max(most, double(l->gradMaxAbs));
      }
      if (n > 0) {
        const double y = clampLog(sum / n);
        buffer_.append(QPointF(k + offset, y));
        flowRange_.include(y, y);
      }
      if (most >= 0) {
        const double y = clampLog(most);
        buffer2_.append(QPointF(k + offset, y));
        flowRange_.include(y, y);
      }
    }
    s.mean->replace(buffer_);
    s.max->replace(buffer2_);
    // The chosen layer over time, per seed; the arm draws their mean (band: lowest to highest)
    // and the largest max |grad|.
    seedMeans_.resize(std::max(seedMeans_.size(), arm.runs.size()));
    seedMaxes_.resize(seedMeans_.size());
    for (std::size_t j = 0; j < arm.runs.size(); ++j) {
      const RunRecord& run = last_.runs[std::size_t(arm.runs[j])];
      seedMeans_[j].clear();
      seedMaxes_[j].clear();
      for (const auto& probe : run.probes) {
        const LayerStats* l = findLayer(*probe, timeLayer);
        if (!l) continue;
        const double x = double(probe->samplesSeen);
        if (std::isfinite(l->gradMeanAbs)) {
          const double y = clampLog(l->gradMeanAbs);
          seedMeans_[j].append(QPointF(x, y));
          timeYRange_.include(y, y);
        }
        if (std::isfinite(l->gradMaxAbs)) {
          const double y = clampLog(l->gradMaxAbs);
          seedMaxes_[j].append(QPointF(x, y));
          timeYRange_.include(y, y);
        }
        timeXRange_.include(0, x);
      }
    }
    group.clear();
    for (std::size_t j = 0; j < arm.runs.size(); ++j) group.push_back(&seedMaxes_[j]);
    aggregateCurves(group, buffer2_, lo_, hi_);
    decimate(hi_, 1000);
    s.maxOverTime->replace(hi_);
    group.clear();
    for (std::size_t j = 0; j < arm.runs.size(); ++j) group.push_back(&seedMeans_[j]);
    aggregateCurves(group, buffer_, lo_, hi_);
    decimate(buffer_, 1000);
    s.meanOverTime->replace(buffer_);
    if (s.band) {
      decimate(lo_, 200);
      decimate(hi_, 200);
      s.band->lowerSeries()->replace(lo_);
      s.band->upperSeries()->replace(hi_);
    }
  }
  flowRange_.applyLog(flowY_);
  timeYRange_.applyLog(timeY_);
  timeXRange_.includePlanned(plannedSamples(last_));
  timeXRange_.apply(timeX_, 0, 1000);
  markLearningRateChanges(timeView_->chart(), timeX_, timeY_, last_);
}

}  // namespace normlab
