// "Batch norm step by step": a mini-batch of 4 examples x 3 features (editable) through a small
// linear layer (editable W and b), a ReLU and batch norm, every intermediate number shown with one
// sentence that teaches; then eval mode with the running statistics after k training steps.
// The numbers come from core/classroom/explainer_math.h (checked there against core's layers).
#pragma once

#include "ui/classroom/explainer_panel.h"

class QSpinBox;
class QTableWidget;

namespace normlab {

class BatchNormExplainer : public ExplainerPanel {
 public:
  explicit BatchNormExplainer(QWidget* parent = nullptr);
  // Reads the editable tables and redraws every step; bad cells are flagged and the previous
  // numbers stay. Returns false when some input was not a number.
  bool recompute();

 private:
  QTableWidget *x_ = nullptr, *weight_ = nullptr, *gammaBeta_ = nullptr;
  QTableWidget *linear_ = nullptr, *relu_ = nullptr, *stats_ = nullptr, *centered_ = nullptr,
               *normalized_ = nullptr, *output_ = nullptr, *running_ = nullptr, *evalOutput_ = nullptr;
  QSpinBox* steps_ = nullptr;
};

}  // namespace normlab
