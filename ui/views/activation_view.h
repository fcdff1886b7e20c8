// "Activations": per layer, percentile bands of the outputs over time for every run (the
// batch-norm paper's figure 1: median line and 15th-85th percentile band), and the
// latest histogram of every run overlaid as step lines. A combo box picks one layer or shows all
// layers as small multiples (at most kMaxChartedLayers of them, with a note saying so).
//
// Many arms stay readable: every arm draws its median line, but the bands (translucent, six of
// them one brown mass) are drawn only for the highlighted arms (legend clicks, shared by every
// tab), or for every arm when there are at most kAllBandsUpTo arms. The seeds of an arm are one
// line: the mean over its seeds of each percentile; the histogram is the arm's first seed's.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "ui/views/chart_style.h"
#include "ui/views/seed_bands.h"

class QAreaSeries;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

class QScrollArea;

namespace normlab {

class ActivationView : public ChartViewBase {
 public:
  explicit ActivationView(QWidget* parent = nullptr);
  ~ActivationView() override;
  void showSnapshot(const Snapshot& snapshot) override;

  // "" shows every layer as small multiples.
  void selectLayer(const QString& layer);
  QStringList layerNames() const { return layers_; }
  // The layer shown, or "" for all layers.
  QString selectedLayer() const;
  // The charts on screen: the band and histogram charts of one layer, or the small multiples.
  QList<QChartView*> chartViews() const override;
  // Columns of the small multiples: as many as the page's width holds (for tests).
  int gridColumns() const { return gridColumns_; }
  // Arms whose 15th-85th band is drawn (for tests).
  QSet<int> armsWithBands() const;
  static constexpr int kAllBandsUpTo = 2;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

  struct BandChart;

 private:
  // A new set of runs: every series anew, in build steps (the bands' charts, the histogram).
  void rebuildBands();
  void rebuildHistogram();
  void refillLayers();  // a new list of probed layers: the picker and the small multiples
  void buildRuns(BandChart& chart, bool legend);
  void clearGrid();
  void rebuildGrid();
  void placeGrid();  // puts the small multiples in as many columns as the width holds
  void presentationChanged() override;
  void redraw();
  void drawBands(BandChart& chart);
  void drawHistogram();
  bool allLayers() const;
  void highlightApplied() override;
  bool bandShown(int arm) const;
  void updateHint();

  Snapshot last_;
  QString runKey_;
  QStringList layers_;
  QComboBox* layerBox_ = nullptr;
  QLabel* hint_ = nullptr;
  std::vector<ArmRuns> arms_;  // the runs of each arm (series are per arm)
  QStackedWidget* pages_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  QWidget* grid_ = nullptr;
  QGridLayout* gridLayout_ = nullptr;
  int gridColumns_ = 0;
  std::unique_ptr<BandChart> single_;
  std::vector<std::unique_ptr<BandChart>> multiples_;
  bool gridBuilt_ = false;
  QChartView* histView_ = nullptr;
  QValueAxis *histX_ = nullptr, *histY_ = nullptr;
  std::vector<QLineSeries*> hist_;
  RangeKeeper histXRange_, histYRange_;
  QList<QPointF> buffer_, lo_, hi_;
  std::vector<std::array<QList<QPointF>, 3>> seedCurves_;  // p15, p50, p85 of each seed of an arm
};

}  // namespace normlab
