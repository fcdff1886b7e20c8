// "Batch norm step by step" (see batch_norm_explainer.h).
#include "ui/classroom/batch_norm_explainer.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/base/error.h"
#include "core/classroom/explainer_math.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(BatchNormExplainer)
};
}  // namespace

namespace {
}  // namespace

BatchNormExplainer::BatchNormExplainer(QWidget* parent) : ExplainerPanel(parent) {
  setObjectName("batch-norm-explainer");
  title_->setText(Tr::tr("Batch norm, step by step: 4 examples, 3 features. Edit any white cell."));
  const QStringList kExamples = numberedLabels(Tr::tr("example %1"), 4), kFeatures = numberedLabels(Tr::tr("feature %1"), 3);

  auto* content = new QWidget(this);
  auto* grid = new QGridLayout(content);

  // Row 1: what goes in.
  x_ = makeTable("bn-input", kExamples, kFeatures, true);
  weight_ = makeTable("bn-weight", numberedLabels(Tr::tr("W to feature %1"), 3) << Tr::tr("bias b"),
                      numberedLabels(Tr::tr("from %1"), 3), true);
  gammaBeta_ = makeTable("bn-gamma-beta", {"gamma", "beta"}, kFeatures, true);
  grid->addWidget(makeStep("1", Tr::tr("The mini-batch x"),
                           Tr::tr("Four examples go through the network together. Each row is one example."), x_), 0, 0);
  grid->addWidget(makeStep("", Tr::tr("Linear layer weights"),
                           Tr::tr("Row j holds the weights that make feature j; the last row is the bias."), weight_), 0, 1);
  grid->addWidget(makeStep("", Tr::tr("Batch-norm parameters"),
                           Tr::tr("gamma and beta are learned: they let the network undo the normalization if that helps."),
                           gammaBeta_), 0, 2);

  // Row 2: linear, ReLU, statistics.
  linear_ = makeTable("bn-linear", kExamples, kFeatures, false);
  relu_ = makeTable("bn-relu", kExamples, kFeatures, false);
  stats_ = makeTable("bn-stats", {Tr::tr("mean"), Tr::tr("variance"), Tr::tr("unbiased var")}, kFeatures, false);
  grid->addWidget(makeStep("2", Tr::tr("Linear layer: z = x Wᵀ + b"),
                           Tr::tr("Each feature is a weighted sum of the example's inputs plus a bias."), linear_), 1, 0);
  grid->addWidget(makeStep("3", Tr::tr("ReLU: a = max(z, 0)"),
                           Tr::tr("Negative values become 0 (grey). Batch norm sees these activations."), relu_), 1, 1);
  grid->addWidget(makeStep("4", Tr::tr("Batch mean and variance, per feature"),
                           Tr::tr("Down each column: mean = average of the 4 values; variance = average squared "
                           "distance from the mean (divided by N = 4)."),
                           stats_), 1, 2);

  // Row 3: normalize, scale and shift.
  centered_ = makeTable("bn-centered", kExamples, kFeatures, false);
  normalized_ = makeTable("bn-normalized", kExamples, kFeatures, false);
  output_ = makeTable("bn-output", kExamples, kFeatures, false);
  grid->addWidget(makeStep("5", Tr::tr("Shift to mean 0: a − mean"),
                           Tr::tr("Subtracting the column's mean centres every feature on 0."), centered_), 2, 0);
  grid->addWidget(makeStep("6", Tr::tr("Scale to variance 1: x̂ = (a − mean) / √(var + ε)"),
                           Tr::tr("Dividing by the standard deviation gives every feature the same spread "
                           "(ε = 0.00001 avoids dividing by 0)."),
                           normalized_), 2, 1);
  grid->addWidget(makeStep("7", Tr::tr("Scale and shift: y = γ x̂ + β"),
                           Tr::tr("This is what the next layer receives in training."), output_), 2, 2);

  // Row 4: eval mode.
  steps_ = new QSpinBox(this);
  steps_->setObjectName("bn-training-steps");
  steps_->setRange(0, 500);
  steps_->setValue(1);
  auto* stepsRow = new QWidget(this);
  auto* stepsLayout = new QHBoxLayout(stepsRow);
  stepsLayout->setContentsMargins(0, 0, 0, 0);
  stepsLayout->addWidget(new QLabel(Tr::tr("training steps on this batch:"), stepsRow));
  stepsLayout->addWidget(steps_);
  stepsLayout->addStretch(1);
  running_ = makeTable("bn-running", {Tr::tr("running mean"), Tr::tr("running var")}, kFeatures, false);
  auto* runningBox = new QWidget(this);
  auto* runningLayout = new QVBoxLayout(runningBox);
  runningLayout->setContentsMargins(0, 0, 0, 0);
  runningLayout->addWidget(stepsRow);
  runningLayout->addWidget(running_);
  evalOutput_ = makeTable("bn-eval-output", kExamples, kFeatures, false);
  grid->addWidget(makeStep("8", Tr::tr("Running statistics (for eval mode)"),
                           Tr::tr("They start at mean 0, variance 1. Each training step moves them 10% of the way: "
                           "running = 0.9 × running + 0.1 × batch (variance divided by N − 1 = 3)."),
                           runningBox), 3, 0, 1, 2);
  grid->addWidget(makeStep("9", Tr::tr("Eval mode: the running statistics replace the batch's"),
                           Tr::tr("y = γ (a − running mean) / √(running var + ε) + β. "
                           "At test time there is no batch to average over, so the running statistics are used. "
                           "After few steps they are far from the batch's own, and the output differs from step 7."),
                           evalOutput_), 3, 2);

  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  outer_->addWidget(scroll, 1);

  const BatchNormWalkthroughInput in = defaultBatchNormWalkthroughInput();
  fillTable(x_, in.x, 2);
  std::vector<double> weightAndBias = in.weight;
  weightAndBias.insert(weightAndBias.end(), in.bias.begin(), in.bias.end());
  fillTable(weight_, weightAndBias, 2);
  std::vector<double> gammaBeta = in.gamma;
  gammaBeta.insert(gammaBeta.end(), in.beta.begin(), in.beta.end());
  fillTable(gammaBeta_, gammaBeta, 2);

  for (QTableWidget* table : {x_, weight_, gammaBeta_})
    connect(table, &QTableWidget::itemChanged, this, [this] { recompute(); });
  connect(steps_, &QSpinBox::valueChanged, this, [this] { recompute(); });
  recompute();
  fitTables();
}

bool BatchNormExplainer::recompute() {
  BatchNormWalkthroughInput in = defaultBatchNormWalkthroughInput();
  std::vector<double> weightAndBias, gammaBeta;
  // Read all three so that every bad cell is flagged, not only the first table's.
  const bool okX = readTable(x_, &in.x);
  const bool okW = readTable(weight_, &weightAndBias);
  const bool okG = readTable(gammaBeta_, &gammaBeta);
  if (!(okX && okW && okG)) {
    showProblem(Tr::tr("A red cell is not a number: fix it to update the steps (the numbers shown are from the last "
                "valid input)."));
    return false;
  }
  const int f = in.features;
  in.weight.assign(weightAndBias.begin(), weightAndBias.begin() + f * f);
  in.bias.assign(weightAndBias.begin() + f * f, weightAndBias.end());
  in.gamma.assign(gammaBeta.begin(), gammaBeta.begin() + f);
  in.beta.assign(gammaBeta.begin() + f, gammaBeta.end());
  in.trainingSteps = steps_->value();
  BatchNormWalkthrough w;
  try {
    w = computeBatchNormWalkthrough(in);
  } catch (const NormLabError& e) {
    showProblem(QString::fromStdString(e.what()));
    return false;
  }
  showProblem("");
  std::vector<bool> zeroed(w.relu.size());
  for (std::size_t i = 0; i < w.relu.size(); ++i) zeroed[i] = w.linear[i] <= 0;
  fillTable(linear_, w.linear);
  fillTable(relu_, w.relu, 3, zeroed);
  std::vector<double> stats = w.mean;
  stats.insert(stats.end(), w.variance.begin(), w.variance.end());
  stats.insert(stats.end(), w.unbiasedVariance.begin(), w.unbiasedVariance.end());
  fillTable(stats_, stats);
  fillTable(centered_, w.centered);
  fillTable(normalized_, w.normalized);
  fillTable(output_, w.output);
  std::vector<double> running = w.runningMean;
  running.insert(running.end(), w.runningVar.begin(), w.runningVar.end());
  fillTable(running_, running);
  fillTable(evalOutput_, w.evalOutput);
  return true;
}

}  // namespace normlab
