// "Activations": per layer, percentile bands of the outputs over time for every run (the
// batch-norm paper's figure 1: median line and 15th-85th percentile band), and the
// latest histogram of every run overlaid as step lines. A combo box picks one layer or shows all
// layers as small multiples (at most kMaxChartedLayers of them, with a note saying so).
#pragma once

#include <memory>
#include <vector>

#include "ui/views/chart_style.h"

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

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

  struct BandChart;

 private:
  void rebuild();       // a new set of runs: every series anew
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

  Snapshot last_;
  QString runKey_;
  QStringList layers_;
  QComboBox* layerBox_ = nullptr;
  QLabel *hint_ = nullptr, *legend_ = nullptr;
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
  QList<QPointF> buffer_;
};

}  // namespace normlab
