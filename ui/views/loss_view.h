// "Loss & accuracy": train loss (TensorBoard-style debiased exponential moving average, with a
// smoothing slider) and test loss per run, train and test accuracy in a second chart; x axis in
// samples seen or epochs; optional log scale for the loss. A diverged run's curve ends at its
// divergence, marked there "diverged at step k" (and in its legend); learning-rate changes are
// vertical lines on every chart (time_markers.h). With several seeds each arm is one mean line
// with a min-max band of its seeds' train curves (W&B's grouping); "Show each seed" adds the
// seeds' own curves as thin lines.
#pragma once

#include <array>
#include <vector>

#include "ui/views/chart_style.h"

class QAbstractAxis;
class QAreaSeries;
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
  bool building() const override { return stage_ != BuildStage::Done; }
  bool buildMore() override;
  // How long showSnapshot() builds before leaving the rest to buildMore() (kBuildSliceMs; 0: one
  // slice, for tests that follow the slices on any machine).
  void setBuildSliceMs(int ms) { buildSliceMs_ = ms; }

  void setSmoothing(double weight);  // 0..0.99
  void setEpochAxis(bool epochs);
  void setLogLoss(bool on);
  void setShowSeeds(bool on);
  bool showSeeds() const;
  // Whether the runs are drawn grouped by arm (the experiment has several seeds).
  bool grouped() const { return grouped_; }
  QChart* lossChart() const;
  QChart* accuracyChart() const;
  // The loss chart on screen (linear or log scale) and the accuracy chart.
  QList<QChartView*> chartViews() const override;

 private:
  struct RunSeries {
    QLineSeries *trainLoss = nullptr, *testLoss = nullptr, *trainAcc = nullptr, *testAcc = nullptr;
    QLineSeries *trainLossLog = nullptr, *testLossLog = nullptr;  // on the log-scale chart
  };
  // One arm's seeds as one: mean lines, and bands (min to max) under the train curves.
  struct ArmSeries {
    int arm = 0;
    std::vector<int> runs;
    QLineSeries *trainLoss = nullptr, *testLoss = nullptr, *trainAcc = nullptr, *testAcc = nullptr;
    QLineSeries *trainLossLog = nullptr, *testLossLog = nullptr;
    QAreaSeries *lossBand = nullptr, *lossBandLog = nullptr, *accBand = nullptr;
  };
  // Building the series of a new set of runs, in slices (snapshot_view.h) of kRunsPerSlice arms
  // or runs: the arms' bands, the runs' lines, then the arms' mean lines.
  enum class BuildStage { Bands, Runs, Arms, Done };
  static constexpr std::size_t kRunsPerSlice = 2;
  void startBuild();
  QLineSeries* addLine(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, const QColor& color, LineRole role,
                       Qt::PenStyle style, const QString& name, bool legend);
  QAreaSeries* addBand(QChart* chart, QAbstractAxis* x, QAbstractAxis* y, const QColor& color, int arm);
  void redraw();
  void updateKey();
  void fitKey();
  bool eventFilter(QObject* watched, QEvent* event) override;
  void showSeedLines();  // visibility of the per-run lines in grouped mode

  Snapshot last_;
  QString runKey_;
  std::vector<RunSeries> series_;
  std::vector<ArmSeries> arms_;
  std::vector<ArmSeries> pendingArms_;  // bands built, mean lines not yet
  BuildStage stage_ = BuildStage::Done;
  int buildSliceMs_ = kBuildSliceMs;
  bool grouped_ = false;
  QCheckBox* showSeeds_ = nullptr;
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
  QList<QPointF> buffer_, mean_, lo_, hi_;
  // Each run's four curves (train loss, test loss, train accuracy, test accuracy) this frame.
  std::vector<std::array<QList<QPointF>, 4>> curves_;
  std::vector<double> raw_, smooth_, smoothAccuracy_;
};

}  // namespace normlab
