// "Batch norm": for a batch-norm layer, the batch versus running mean and variance over time per
// run, and train-mode versus eval-mode accuracy on a fixed held-out batch. When no run has batch
// norm, a centred message says so. After "recompute population statistics", a line gives each
// run's eval-mode test accuracy before and after.
#pragma once

#include <vector>

#include "ui/views/chart_style.h"
#include "ui/views/seed_bands.h"

class QComboBox;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

namespace normlab {

class BatchNormView : public ChartViewBase {
 public:
  explicit BatchNormView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  bool showsMessage() const;  // true while no run has batch norm
  QString message() const;
  // The line about recomputed population statistics ("" when none were recomputed).
  QString populationText() const;

 private:
  // One arm (its seeds drawn as their mean).
  struct RunSeries {
    int run = -1;            // the arm's first run
    std::vector<int> runs;   // every seed's run
    QLineSeries *batchMean = nullptr, *runningMean = nullptr, *batchVar = nullptr, *runningVar = nullptr;
    QLineSeries *trainAcc = nullptr, *evalAcc = nullptr;
  };
  void rebuild();
  void addLines(QChartView* view);  // each batch-norm arm's solid and dashed line on this chart
  void redraw();
  void presentationChanged() override;
  void showPopulationUpdates();

  Snapshot last_;
  QString key_;
  QStringList layers_;
  std::vector<RunSeries> series_;
  QStackedWidget* pages_ = nullptr;
  QLabel* message_ = nullptr;
  QLabel* population_ = nullptr;
  QComboBox* layerBox_ = nullptr;
  QChartView *meanView_ = nullptr, *varView_ = nullptr, *accView_ = nullptr;
  QValueAxis *meanX_ = nullptr, *meanY_ = nullptr, *varX_ = nullptr, *varY_ = nullptr, *accX_ = nullptr, *accY_ = nullptr;
  RangeKeeper xRange_, meanRange_, varRange_;
  QList<QPointF> buffer_, lo_, hi_;
  std::vector<QList<QPointF>> seedCurves_;
};

}  // namespace normlab
