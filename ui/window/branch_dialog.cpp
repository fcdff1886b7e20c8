#include "ui/window/branch_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/model/optimizer.h"

namespace normlab {

namespace {

// Norms that keep every parameter's shape between each other (a branch may switch among them).
bool shapeKeeping(const NormConfig& n) {
  if (n.kind == NormKind::Batch || n.kind == NormKind::Instance || n.kind == NormKind::Group) return true;
  return n.kind == NormKind::Layer && (!n.affine || n.affineShape != AffineShape::Element);
}

}  // namespace

BranchDialog::BranchDialog(const ExperimentConfig& config, const std::string& parent, QWidget* owner)
    : QDialog(owner), config_(config) {
  setWindowTitle(tr("Branch here"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("A branch continues from the arm's current state (weights, running statistics, "
                              "optimizer state, position in the data) with the settings changed below. Parent "
                              "and branch then train side by side on the same images."));
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  parent_ = new QComboBox;
  for (const ArmConfig& a : config.arms) parent_->addItem(QString::fromStdString(a.label));
  parent_->setCurrentIndex(std::max(0, armIndex(config, parent)));
  parent_->setToolTip(tr("The arm whose state the branch starts from."));
  form->addRow(tr("Branch from"), parent_);
  label_ = new QLineEdit;
  label_->setPlaceholderText(tr("named after its changes"));
  label_->setToolTip(tr("The branch's name in the key and the files."));
  form->addRow(tr("Name"), label_);
  dropout_ = new QDoubleSpinBox;
  dropout_->setRange(0, 0.95);
  dropout_->setSingleStep(0.05);
  dropout_->setDecimals(2);
  dropout_->setToolTip(tr("Dropout rate from here on (0 switches dropout off)."));
  form->addRow(tr("Dropout"), dropout_);
  batch_ = new QSpinBox;
  batch_->setRange(1, 4096);
  batch_->setToolTip(tr("Images per step from here on; the branch reads on in the same image order."));
  form->addRow(tr("Batch size"), batch_);
  lr_ = new QDoubleSpinBox;
  lr_->setRange(0.000001, 1000);
  lr_->setDecimals(6);
  lr_->setSingleStep(0.01);
  lr_->setToolTip(tr("Learning rate from here on."));
  form->addRow(tr("Learning rate"), lr_);
  optimizer_ = new QComboBox;
  optimizer_->addItem("SGD", "sgd");
  optimizer_->addItem("Adam", "adam");
  optimizer_->setToolTip(tr("A new optimizer starts its state afresh, as a new torch.optim would."));
  form->addRow(tr("Optimizer"), optimizer_);
  norm_ = new QComboBox;
  for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group})
    norm_->addItem(QString::fromStdString(normKindName(k)), QString::fromStdString(normKindName(k)));
  norm_->setToolTip(tr("Batch, layer, instance and group norm have parameters of the same shapes, so a branch "
                       "can switch between them."));
  normNote_ = new QLabel;
  normNote_->setWordWrap(true);
  auto* normBox = new QVBoxLayout;
  normBox->addWidget(norm_);
  normBox->addWidget(normNote_);
  form->addRow(tr("Norm"), normBox);
  layout->addLayout(form);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Branch"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  connect(parent_, &QComboBox::currentIndexChanged, this, &BranchDialog::loadParent);
  loadParent();
}

const ArmConfig* BranchDialog::parentArm() const {
  const int i = parent_->currentIndex();
  return i >= 0 && i < int(config_.arms.size()) ? &config_.arms[std::size_t(i)] : nullptr;
}

void BranchDialog::loadParent() {
  const ArmConfig* a = parentArm();
  if (!a) return;
  dropout_->setValue(a->train.dropout.value_or(0));
  dropout_->setEnabled(a->train.dropout.has_value());
  batch_->setValue(a->train.batchSize);
  lr_->setValue(a->train.optimizer.lr);
  optimizer_->setCurrentIndex(a->train.optimizer.kind == OptimizerKind::Adam ? 1 : 0);
  const bool switchable = shapeKeeping(a->norm);
  norm_->setEnabled(switchable);
  const int k = norm_->findData(QString::fromStdString(normKindName(a->norm.kind)));
  if (k >= 0) norm_->setCurrentIndex(k);
  normNote_->setText(switchable ? QString() : tr("This arm's norm has parameters of other shapes: it stays."));
  normNote_->setVisible(!switchable);
}

std::string BranchDialog::parentLabel() const { return parent_->currentText().toStdString(); }
std::string BranchDialog::label() const { return label_->text().trimmed().toStdString(); }

nlohmann::json BranchDialog::changes() const {
  nlohmann::json c = nlohmann::json::object();
  const ArmConfig* a = parentArm();
  if (!a) return c;
  if (a->train.dropout && dropout_->value() != *a->train.dropout) c["dropout"] = dropout_->value();
  if (batch_->value() != a->train.batchSize) c["batch_size"] = batch_->value();
  const std::string optimizer = optimizer_->currentData().toString().toStdString();
  const bool adamBefore = a->train.optimizer.kind == OptimizerKind::Adam;
  if ((optimizer == "adam") != adamBefore) c["optimizer"] = optimizer;
  if (std::abs(lr_->value() - a->train.optimizer.lr) > 1e-12 * std::max(1.0, a->train.optimizer.lr))
    c["lr"] = lr_->value();
  const std::string norm = norm_->currentData().toString().toStdString();
  if (norm_->isEnabled() && norm != normKindName(a->norm.kind)) {
    c["norm"] = norm;
    if (norm == "group") c["groups"] = a->norm.kind == NormKind::Group ? a->norm.groups : 4;
  }
  return c;
}

}  // namespace normlab
