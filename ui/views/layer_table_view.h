// "Layers": one table row per layer x run from each run's latest probe: output mean, std, % zeros
// (dead ReLUs), % saturated, gradient norm and update-to-weight ratio of the layer's weight.
#pragma once

#include <array>

#include "ui/views/chart_style.h"

class QTableView;

namespace normlab {

class LayerTableModel;

class LayerTableView : public ChartViewBase {
 public:
  explicit LayerTableView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  // The table; its model() gives each cell's text (DisplayRole) and the run's colour
  // (ForegroundRole, a QBrush, in the Run column).
  QTableView* table() const { return table_; }

 private:
  void presentationChanged() override;
  // Widens the columns to their widest text (grows only, so numbers do not make them jump).
  void fitColumns(bool shrink);
  QTableView* table_ = nullptr;
  LayerTableModel* model_ = nullptr;
  QString key_;
  std::array<qsizetype, 8> longestText_{};  // per column, in characters, since the last rebuild
};

}  // namespace normlab
