// "Gradient flow": mean |dL/d output| per layer at the latest probe (one line with markers per
// run, the max as a separate marker) on a log axis, the same over time for a chosen layer, and a
// label naming layers whose gradients vanish (< 1e-6) or explode (> 1e3, or growing fast).
// The per-layer chart shows the layers with parameters and the norm outputs by default (where
// normalization acts; seventeen names were cut to "..."), every probed layer with "Every layer"
// ticked; names stand upright under the axis, whole.
#pragma once

#include <vector>

#include "ui/views/chart_style.h"
#include "ui/views/seed_bands.h"

class QAbstractAxis;
class QAreaSeries;
class QBarCategoryAxis;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace normlab {

inline constexpr double kVanishingGrad = 1e-6, kExplodingGrad = 1e3;

// The layers the per-layer chart shows, in network order: every probed layer when `all`, else
// those with parameters (conv, dense, affine norms) and the norm outputs (LRN has no parameters).
QStringList gradientChartLayers(const Snapshot& snapshot, bool all);

// Text for the flag label: which layers of which runs vanish or explode ("" when none).
QString gradientFlags(const Snapshot& snapshot);

class GradientView : public ChartViewBase {
 public:
  explicit GradientView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;

  void selectLayer(const QString& layer);
  QString flagText() const;
  // Whether the per-layer chart shows every probed layer (else the key layers).
  void setAllLayers(bool all);
  QStringList chartedLayers() const { return axisLayers_; }

 private:
  struct RunSeries {
    QLineSeries* mean = nullptr;
    QScatterSeries* max = nullptr;
    QLineSeries *meanOverTime = nullptr, *maxOverTime = nullptr;
    QAreaSeries* band = nullptr;  // several seeds: lowest to highest seed's mean |grad| over time
  };
  // A new set of runs: every series anew, in build steps (the per-layer chart, the time chart).
  void rebuildFlow();
  void rebuildTime();
  // Adds an arm's series to a chart (named, tagged with its arm and run, on these axes).
  void addArmSeries(QChart* chart, QXYSeries* series, std::size_t k, QAbstractAxis* x, QAbstractAxis* y, bool legend);
  void refillLayers();  // a new list of probed layers: the picker and the category axis
  void redraw();
  void presentationChanged() override;

  Snapshot last_;
  QString runKey_;
  QStringList layers_;      // every probed layer: the picker
  QStringList axisLayers_;  // the per-layer chart's categories
  std::vector<RunSeries> series_;  // one per arm: its seeds drawn as one
  std::vector<ArmRuns> arms_;
  QComboBox* layerBox_ = nullptr;
  QCheckBox* allLayers_ = nullptr;
  QLabel* flags_ = nullptr;
  QChartView *flowView_ = nullptr, *timeView_ = nullptr;
  QBarCategoryAxis* layerAxis_ = nullptr;
  QLogValueAxis *flowY_ = nullptr, *timeY_ = nullptr;
  QValueAxis* timeX_ = nullptr;
  RangeKeeper flowRange_, timeXRange_, timeYRange_;
  QList<QPointF> buffer_, buffer2_, lo_, hi_;
  std::vector<QList<QPointF>> seedMeans_, seedMaxes_;
};

}  // namespace normlab
