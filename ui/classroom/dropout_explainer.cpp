// "Dropout step by step" (see dropout_explainer.h).
#include "ui/classroom/dropout_explainer.h"

#include <cmath>

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/base/error.h"
#include "core/classroom/explainer_math.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(DropoutExplainer)
};
}  // namespace

namespace {
constexpr int kExamples = 4, kUnits = 6;
constexpr int kAverageDraws = 1000;
}  // namespace

DropoutExplainer::DropoutExplainer(QWidget* parent) : ExplainerPanel(parent) {
  setObjectName("dropout-explainer");
  title_->setText(Tr::tr("Dropout, step by step: 4 examples, 6 hidden units. Edit any white cell."));
  const QStringList kRows = numberedLabels(Tr::tr("example %1"), kExamples), kCols = numberedLabels(Tr::tr("unit %1"), kUnits);

  // Controls: p as slider and number, the seed and a re-roll button.
  auto* controls = new QWidget(this);
  auto* row = new QHBoxLayout(controls);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(Tr::tr("drop probability p:"), controls));
  slider_ = new QSlider(Qt::Horizontal, controls);
  slider_->setObjectName("dropout-p-slider");
  slider_->setRange(0, 95);
  slider_->setSingleStep(5);
  slider_->setValue(50);
  slider_->setMinimumWidth(160);
  row->addWidget(slider_);
  p_ = new QDoubleSpinBox(controls);
  p_->setObjectName("dropout-p");
  p_->setRange(0.0, 0.95);
  p_->setSingleStep(0.05);
  p_->setDecimals(2);
  p_->setValue(0.5);
  row->addWidget(p_);
  row->addSpacing(24);
  seedLabel_ = new QLabel(controls);
  seedLabel_->setObjectName("dropout-seed");
  row->addWidget(seedLabel_);
  reroll_ = new QPushButton(Tr::tr("Re-roll mask"), controls);
  reroll_->setObjectName("dropout-reroll");
  row->addWidget(reroll_);
  row->addStretch(1);
  outer_->addWidget(controls);

  auto* content = new QWidget(this);
  auto* grid = new QGridLayout(content);
  x_ = makeTable("dropout-input", kRows, kCols, true);
  mask_ = makeTable("dropout-mask", kRows, kCols, false);
  train_ = makeTable("dropout-train-output", kRows, kCols, false);
  average_ = makeTable("dropout-average", kRows, kCols, false);
  eval_ = makeTable("dropout-eval-output", kRows, kCols, false);
  maskSummary_ = new QLabel(this);
  maskSummary_->setObjectName("dropout-mask-summary");
  scaleSummary_ = new QLabel(this);
  scaleSummary_->setObjectName("dropout-scale-summary");

  auto* maskBox = new QWidget(this);
  auto* maskLayout = new QVBoxLayout(maskBox);
  maskLayout->setContentsMargins(0, 0, 0, 0);
  maskLayout->addWidget(mask_);
  maskLayout->addWidget(maskSummary_);
  auto* trainBox = new QWidget(this);
  auto* trainLayout = new QVBoxLayout(trainBox);
  trainLayout->setContentsMargins(0, 0, 0, 0);
  trainLayout->addWidget(train_);
  trainLayout->addWidget(scaleSummary_);

  grid->addWidget(makeStep("1", Tr::tr("Activations x of a hidden layer"),
                           Tr::tr("The outputs of 6 hidden units for each example in the batch."), x_), 0, 0);
  grid->addWidget(makeStep("2", Tr::tr("A random mask"),
                           Tr::tr("In training each unit is kept (1) with probability 1 − p or dropped (0) with "
                           "probability p, independently for every example. A new mask is drawn every step."),
                           maskBox), 0, 1);
  grid->addWidget(makeStep("3", Tr::tr("Forward pass with dropout: y = x × mask / (1 − p)"),
                           Tr::tr("Dropped units output 0 (grey). Kept units are scaled up by 1/(1 − p) so that the "
                           "next layer receives, on average, the same total signal."),
                           trainBox), 1, 0);
  grid->addWidget(makeStep("4", Tr::tr("Why scale? The average of y over %1 masks").arg(kAverageDraws),
                           Tr::tr("Averaged over many random masks, the scaled output comes back to x: dropout changes "
                           "the noise, not the expected value."),
                           average_), 1, 1);
  grid->addWidget(makeStep("5", Tr::tr("Inference: y = x"),
                           Tr::tr("At test time nothing is dropped and nothing is scaled: the layer passes x through "
                           "unchanged. Thanks to step 3 the next layer sees values of the size it was trained on."),
                           eval_), 2, 0);

  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  outer_->addWidget(scroll, 1);

  // Default activations: ReLU-like, non-negative, a few zeros already.
  const std::vector<double> x = {0.8, 1.2, 0.0, 2.0, 0.5, 1.0,  //
                                 1.5, 0.3, 0.9, 0.0, 1.1, 0.7,  //
                                 0.2, 2.1, 1.3, 0.6, 0.0, 1.4,  //
                                 1.0, 0.4, 0.8, 1.6, 0.9, 0.1};
  fillTable(x_, x, 2);

  connect(x_, &QTableWidget::itemChanged, this, [this] { recompute(); });
  connect(slider_, &QSlider::valueChanged, this, [this](int v) { setDropProbability(v / 100.0); });
  connect(p_, &QDoubleSpinBox::valueChanged, this, [this](double v) { setDropProbability(v); });
  connect(reroll_, &QPushButton::clicked, this, [this] { reroll(); });
  recompute();
  fitTables();
}

void DropoutExplainer::setDropProbability(double p) {
  {
    const QSignalBlocker b1(slider_), b2(p_);
    slider_->setValue(int(std::lround(p * 100)));
    p_->setValue(p);
  }
  recompute();
}

void DropoutExplainer::reroll() {
  ++seed_;
  recompute();
}

bool DropoutExplainer::recompute() {
  seedLabel_->setText(Tr::tr("mask seed: %1").arg(seed_));
  std::vector<double> x;
  if (!readTable(x_, &x)) {
    showProblem(Tr::tr("A red cell is not a number: fix it to update the steps (the numbers shown are from the last "
                "valid input)."));
    return false;
  }
  DropoutWalkthrough d;
  try {
    d = computeDropoutWalkthrough(x, kExamples, kUnits, p_->value(), seed_, kAverageDraws);
  } catch (const NormLabError& e) {
    showProblem(QString::fromStdString(e.what()));
    return false;
  }
  showProblem("");
  std::vector<double> mask(d.mask.begin(), d.mask.end());
  std::vector<bool> dropped(d.mask.size());
  for (std::size_t i = 0; i < d.mask.size(); ++i) dropped[i] = d.mask[i] == 0;
  fillTable(mask_, mask, 0, dropped);
  fillTable(train_, d.trainOutput, 3, dropped);
  fillTable(average_, d.averageOutput, 3);
  fillTable(eval_, d.evalOutput, 3);
  const int units = int(d.mask.size());
  maskSummary_->setText(Tr::tr("kept %1 of %2 units (%3%); expected %4%")
                            .arg(d.kept)
                            .arg(units)
                            .arg(100.0 * d.kept / units, 0, 'f', 0)
                            .arg(100.0 * d.keepProbability, 0, 'f', 0));
  scaleSummary_->setText(Tr::tr("scale 1/(1 − %1) = %2").arg(d.p, 0, 'f', 2).arg(d.scale, 0, 'f', 3));
  return true;
}

}  // namespace normlab
