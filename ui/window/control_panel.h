// The side panel: dataset (with sample thumbnails), model preset, the compared arms (norm types,
// or one setting varied for a chosen norm), training settings and an "Advanced" section. It only
// edits a ControlSettings; ExperimentBuilder turns that into an experiment. Every control carries
// a one-sentence tooltip that teaches what the setting does. The settings scroll on their own
// below the lock note; the wheel and Space do not change a field by accident (calm_controls.h).
#pragma once

#include <QWidget>

#include <functional>
#include <map>

#include "ui/window/config_summary.h"
#include "ui/window/experiment_builder.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSettings;
class QSpinBox;
class QStackedWidget;
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

  // While an experiment is loaded (issue 15) the settings a running experiment can take stay
  // editable (liveEditable: the norm types, the Vary list, batch size, dropout, optimizer,
  // momentum and the learning rate; the main window turns their changes into arms, branches and
  // rate changes) and the rest are locked; a note above the scrolling settings says so, and every
  // disabled field's tooltip says why it is disabled and what to do.
  void setLocked(bool locked);
  bool locked() const { return locked_; }
  bool liveEditable(const QWidget* w) const;

  // In place of the settings, a read-only summary of runs the settings cannot express (a lesson
  // with several seeds, arms that differ in more than one setting); its "Set up your own
  // comparison" button, or showSettings(), brings the settings back.
  void showSummary(const QString& title, const ConfigSummary& summary);
  void showSettings();
  bool showsSummary() const;
  QString summaryText() const;  // the summary as plain text (tests)

  // A folder of the class's own images (dragged onto the window, or picked with "Image
  // folder…"): the dataset becomes "images" with that folder. A folder without train/ and test/
  // holds out a share of each class for testing.
  void selectImageFolder(const QString& path);
  // The folder dialog "Image folder…" opens (QFileDialog unless replaced: tests answer in advance).
  using FolderPrompt = std::function<QString(QWidget* parent, const QString& caption, const QString& start)>;
  void setFolderPrompt(FolderPrompt prompt) { askFolder_ = std::move(prompt); }
  // Shows "Skip bad images" for the folder on show: its reading failed (on a bad file).
  void offerSkipBadImages();
  QSpinBox* imageSizeBox() const { return imageSize_; }
  QComboBox* imageChannelsBox() const { return imageChannels_; }
  QCheckBox* skipBadImagesBox() const { return skipBad_; }
  QComboBox* datasetBox() const { return dataset_; }

  QCheckBox* normCheckBox(NormKind kind) const { return normBoxes_.at(kind); }
  DatasetStrip* datasetStrip() const { return strip_; }
  QDoubleSpinBox* learningRateBox() const { return lr_; }
  QSpinBox* batchSizeBox() const { return batch_; }
  QComboBox* varyBox() const { return vary_; }
  QLineEdit* varyValuesEdit() const { return varyValues_; }
  QLabel* varyProblemLabel() const { return varyProblem_; }
  QLabel* lockNote() const { return lockNote_; }
  QScrollArea* settingsScrollArea() const { return formScroll_; }
  void setAdvancedExpanded(bool expanded);

 signals:
  void settingsChanged();
  void learningRateChanged(double lr);

 private:
  void updateEnabled();
  void updateDisabledTips();
  void refreshStrip();
  void emitChanged();

  bool updating_ = false, locked_ = false;
  QComboBox *dataset_, *preset_, *vary_, *varyNorm_, *optimizer_, *activation_, *length_;
  QLineEdit *folder_, *varyValues_;
  QPushButton* browse_;
  QSpinBox *trainSubset_, *testSubset_, *batch_, *seed_, *epochs_, *steps_, *groups_, *lrnSize_, *evalEvery_, *probeEvery_;
  QDoubleSpinBox *dropout_, *lr_, *momentum_, *eps_, *bnMomentum_, *lrnAlpha_, *lrnBeta_, *lrnK_;
  QLabel *varyValuesLabel_, *varyNormLabel_, *varyProblem_, *lockNote_, *presetInfo_, *folderLabel_;
  QLabel *summaryTitle_, *summarySetup_, *summaryArms_;
  QStackedWidget* pages_;
  QScrollArea *formScroll_, *summaryScroll_;
  std::map<QWidget*, QString> disabledWhy_;  // why a field is off when not locked (updateEnabled)
  QWidget *normsBox_, *advanced_;
  QToolButton* advancedToggle_;
  std::map<NormKind, QCheckBox*> normBoxes_;
  DatasetStrip* strip_;
  QString stripKey_;
  // A folder of images (selectImageFolder)
  void detectImageLayout();
  QSpinBox* imageSize_;
  QComboBox* imageChannels_;
  QCheckBox* skipBad_;
  QWidget* imageRow_;
  QLabel* imageLabel_;
  double imageTestFraction_ = 0;
  QString skipOfferedFor_;  // the folder whose reading failed (offerSkipBadImages)
  FolderPrompt askFolder_;
};

}  // namespace normlab
