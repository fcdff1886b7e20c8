// "Sweep": test error against the setting the arms vary (batch size, dropout or learning rate), one line
// per normalization, each point the mean over seeds with a band from the lowest to the highest
// seed (the Group Normalization paper's figure 1). Experiments that vary neither get a message.
// Ticks are round (batch sizes 2, 4, 8, 16, 32 on a log2 axis; learning rates at powers of ten on
// a log axis; dropout 0, 0.25, 0.5; error 0, 10, 20 %) and the ranges leave a margin, so no point's marker is cut at the edge.
#pragma once

#include <vector>

#include "ui/views/chart_style.h"
#include "core/experiment/sweep.h"

class QAbstractAxis;
class QAreaSeries;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

namespace normlab {

class SweepView : public ChartViewBase {
 public:
  explicit SweepView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  bool showsMessage() const;  // true while the runs vary none of batch size, dropout, learning rate
  const Sweep& sweep() const { return sweep_; }
  QString hint() const;
  // The chart, or nothing while the message is shown (nothing to export).
  QList<QChartView*> chartViews() const override;
  // The values the axes put ticks (and labels) at.
  QList<double> xTicks() const;
  QList<double> yTicks() const;

 private:
  struct LineSeries {
    QLineSeries* mean = nullptr;
    QAreaSeries* band = nullptr;
  };
  void rebuild();
  void setRanges(double topError);
  void presentationChanged() override;

  Sweep sweep_;
  QString key_;
  std::vector<LineSeries> lines_;
  QStackedWidget* pages_ = nullptr;
  QLabel *message_ = nullptr, *hint_ = nullptr;
  QChartView* view_ = nullptr;
  QAbstractAxis* x_ = nullptr;
  QValueAxis* y_ = nullptr;
};

}  // namespace normlab
