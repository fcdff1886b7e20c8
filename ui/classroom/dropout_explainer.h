// "Dropout step by step": activations of a mini-batch (editable), a random keep/drop mask drawn
// from a shown seed (re-roll for a new one), the 1/(1-p) scaling, the average over many masks
// (which comes back to the input: why we scale), and inference without dropout.
// The numbers come from core/classroom/explainer_math.h, whose masks are core's Dropout layer's.
#pragma once

#include <cstdint>

#include "ui/classroom/explainer_panel.h"

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;

namespace normlab {

class DropoutExplainer : public ExplainerPanel {
 public:
  explicit DropoutExplainer(QWidget* parent = nullptr);
  bool recompute();
  void setDropProbability(double p);
  void reroll();  // next seed, new mask
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_ = 1;
  QTableWidget *x_ = nullptr, *mask_ = nullptr, *train_ = nullptr, *average_ = nullptr, *eval_ = nullptr;
  QDoubleSpinBox* p_ = nullptr;
  QSlider* slider_ = nullptr;
  QLabel *seedLabel_ = nullptr, *maskSummary_ = nullptr, *scaleSummary_ = nullptr;
  QPushButton* reroll_ = nullptr;
};

}  // namespace normlab
