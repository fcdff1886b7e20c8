// "Branch here": a small dialog that names the arm to branch from and the settings the branch
// changes (dropout rate, batch size, learning rate, optimizer and, where the parameters keep
// their shapes, the norm type). It only reads and returns values: the main window turns them
// into an arm (live_arms.h branchArm) for the runner.
#pragma once

#include <QDialog>

#include <string>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_config.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace normlab {

class BranchDialog : public QDialog {
  Q_OBJECT
 public:
  // parent: the arm selected first (a label of `config`'s arms); step: where it stands now.
  BranchDialog(const ExperimentConfig& config, const std::string& parent, QWidget* owner = nullptr);

  std::string parentLabel() const;
  std::string label() const;  // "" for the default name
  // Only what differs from the parent: {"dropout": 0} etc.
  nlohmann::json changes() const;

  QComboBox* parentBox() const { return parent_; }
  QDoubleSpinBox* dropoutBox() const { return dropout_; }
  QSpinBox* batchBox() const { return batch_; }

 private:
  void loadParent();
  const ArmConfig* parentArm() const;

  ExperimentConfig config_;
  QComboBox *parent_, *optimizer_, *norm_;
  QLineEdit* label_;
  QDoubleSpinBox *dropout_, *lr_;
  QSpinBox* batch_;
  QLabel* normNote_;
};

}  // namespace normlab
