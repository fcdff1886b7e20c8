// "Layers": one table row per layer x run from each run's latest probe: output mean, std, % zeros
// (dead ReLUs), % saturated, gradient norm and update-to-weight ratio of the layer's weight.
#pragma once

#include "ui/views/chart_style.h"

class QTableWidget;

namespace normlab {

class LayerTableView : public ChartViewBase {
 public:
  explicit LayerTableView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  QTableWidget* table() const { return table_; }

 private:
  void presentationChanged() override;
  QTableWidget* table_ = nullptr;
  QString key_;
};

}  // namespace normlab
