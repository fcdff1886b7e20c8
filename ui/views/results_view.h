// "Results": the results at a glance, one row per arm (core/experiment/arm_results.h, the rows
// results.csv holds): final test accuracy and test loss as mean ± sd over the seeds, the final
// train loss, diverged or failed seeds ("diverged at step 37"), and images/s. Any column sorts
// (numbers as numbers, arms without a value last); Ctrl+C or the context menu's Copy puts the
// selected rows (every row when none is selected) on the clipboard as tab-separated text with a
// header, as shown and in the shown order. No charts: nothing to export as a picture.
#pragma once

#include "ui/views/chart_style.h"

class QLabel;
class QStandardItemModel;
class QTableView;

namespace normlab {

class ResultsView : public ChartViewBase {
 public:
  enum Column { kArm, kNorm, kSeeds, kTestAccuracy, kTestLoss, kTrainLoss, kDiverged, kSpeed, kColumns };
  // The sort key of a cell (a double; the display text is Qt::DisplayRole).
  static constexpr int kSortRole = Qt::UserRole + 1;

  explicit ResultsView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  QTableView* table() const { return table_; }
  // The selected rows (every row when none is selected) as the table shows them: a header line,
  // then one line per row, cells separated by tabs.
  QString tableText() const;
  void copyToClipboard() const;

 private:
  void presentationChanged() override;
  void fitColumns();

  QLabel* caption_ = nullptr;
  QTableView* table_ = nullptr;
  QStandardItemModel* model_ = nullptr;
  QString key_;  // the arms the rows show: rows are rebuilt only when they change
};

}  // namespace normlab
