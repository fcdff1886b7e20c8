// The side panel: dataset (with sample thumbnails), model preset, the compared arms (norm types,
// or one setting varied for a chosen norm), training settings and an "Advanced" section. It only
// edits a ControlSettings; ExperimentBuilder turns that into an experiment. Every control carries
// a one-sentence tooltip that teaches what the setting does.
#pragma once

#include <QWidget>

#include <map>

#include "ui/window/experiment_builder.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QToolButton;

namespace normlab {

class DatasetStrip;

class ControlPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ControlPanel(QWidget* parent = nullptr);

  ControlSettings settings() const;
  void setSettings(const ControlSettings& settings);
  void saveTo(QSettings& store) const;
  void loadFrom(const QSettings& store);

  // While an experiment is loaded the settings that shape it are locked (the learning rate stays
  // live); a note says how to change them.
  void setLocked(bool locked);
  bool locked() const { return locked_; }

  QCheckBox* normCheckBox(NormKind kind) const { return normBoxes_.at(kind); }
  DatasetStrip* datasetStrip() const { return strip_; }
  QDoubleSpinBox* learningRateBox() const { return lr_; }
  void setAdvancedExpanded(bool expanded);

 signals:
  void settingsChanged();
  void learningRateChanged(double lr);

 private:
  void updateEnabled();
  void refreshStrip();
  void emitChanged();

  bool updating_ = false, locked_ = false;
  QComboBox *dataset_, *preset_, *vary_, *varyNorm_, *optimizer_, *activation_, *length_;
  QLineEdit *folder_, *varyValues_;
  QPushButton* browse_;
  QSpinBox *trainSubset_, *testSubset_, *batch_, *seed_, *epochs_, *steps_, *groups_, *lrnSize_, *evalEvery_, *probeEvery_;
  QDoubleSpinBox *dropout_, *lr_, *momentum_, *eps_, *bnMomentum_, *lrnAlpha_, *lrnBeta_, *lrnK_;
  QLabel *varyValuesLabel_, *varyNormLabel_, *lockNote_, *presetInfo_, *folderLabel_;
  QWidget *normsBox_, *advanced_;
  QToolButton* advancedToggle_;
  std::map<NormKind, QCheckBox*> normBoxes_;
  DatasetStrip* strip_;
  QString stripKey_;
};

}  // namespace normlab
