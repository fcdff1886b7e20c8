// "Loss & accuracy": train loss (TensorBoard-style debiased exponential moving average, with a
// smoothing slider) and test loss per run, train and test accuracy in a second chart; x axis in
// samples seen or epochs; optional log scale for the loss. A diverged run's curve ends at its
// divergence, marked there "diverged at step k" (and in its legend); learning-rate changes are
// vertical lines on every chart (time_markers.h).
#pragma once

#include <vector>

#include "ui/views/chart_style.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QSlider;
class QStackedWidget;
class QValueAxis;

namespace normlab {

// TensorBoard's smoothing: last = w*last + (1-w)*y over finite values, divided by 1 - w^n.
// Non-finite inputs give NaN outputs and do not enter the average.
void debiasedEma(const std::vector<double>& values, double weight, std::vector<double>& out);

class LossView : public ChartViewBase {
 public:
  explicit LossView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;

  void setSmoothing(double weight);  // 0..0.99
  void setEpochAxis(bool epochs);
  void setLogLoss(bool on);
  QChart* lossChart() const;
  QChart* accuracyChart() const;
  // The loss chart on screen (linear or log scale) and the accuracy chart.
  QList<QChartView*> chartViews() const override;

 private:
  struct RunSeries {
    QLineSeries *trainLoss = nullptr, *testLoss = nullptr, *trainAcc = nullptr, *testAcc = nullptr;
    QLineSeries *trainLossLog = nullptr, *testLossLog = nullptr;  // on the log-scale chart
  };
  void rebuild();
  void redraw();
  void updateKey();

  Snapshot last_;
  QString runKey_;
  std::vector<RunSeries> series_;
  // Linear and log scale are two charts on a stack: swapping axes on one chart in Qt 6.4 leaves
  // the removed axis painted.
  QStackedWidget* lossPages_ = nullptr;
  QChartView *lossView_ = nullptr, *lossLogView_ = nullptr, *accView_ = nullptr;
  QValueAxis *lossLogX_ = nullptr;
  QValueAxis *lossX_ = nullptr, *lossY_ = nullptr, *accX_ = nullptr, *accY_ = nullptr;
  QLogValueAxis* lossLogY_ = nullptr;
  QSlider* smoothing_ = nullptr;
  QLabel* smoothingLabel_ = nullptr;
  QLabel* keyLabel_ = nullptr;
  QComboBox* xAxis_ = nullptr;
  QCheckBox* logLoss_ = nullptr;
  RangeKeeper xRange_, lossRange_;
  bool logActive_ = false;
  // Reused buffers (no allocation per frame once grown).
  QList<QPointF> buffer_;
  std::vector<double> raw_, smooth_, smoothAccuracy_;
};

}  // namespace normlab
