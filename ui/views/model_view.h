// "Model": the model's summary (layers, output shapes, parameter counts, totals) with one column
// per arm marking what sits at each norm position (or why it is absent) and its parameters.
#pragma once

#include "ui/views/chart_style.h"

class QLabel;
class QTableWidget;

namespace normlab {

class ModelView : public ChartViewBase {
 public:
  explicit ModelView(QWidget* parent = nullptr);
  void showSnapshot(const Snapshot& snapshot) override;
  QTableWidget* table() const { return table_; }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void presentationChanged() override;
  void fitColumns();
  QLabel* caption_ = nullptr;
  QTableWidget* table_ = nullptr;
  QString key_;
};

}  // namespace normlab
