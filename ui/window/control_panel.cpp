#include "ui/window/control_panel.h"

#include <QCoreApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

#include "core/model/presets.h"
#include "ui/window/calm_controls.h"
#include "ui/window/dataset_strip.h"
#include "ui/window/language.h"

namespace normlab {

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ControlPanel)
};

const NormKind kNormKinds[] = {NormKind::None,     NormKind::Batch, NormKind::Layer,
                               NormKind::Instance, NormKind::Group, NormKind::LocalResponse};

QString normTitle(NormKind kind) {
  switch (kind) {
    case NormKind::None: return Tr::tr("None");
    case NormKind::Batch: return Tr::tr("Batch norm (BN)");
    case NormKind::Layer: return Tr::tr("Layer norm (LN)");
    case NormKind::Instance: return Tr::tr("Instance norm (IN)");
    case NormKind::Group: return Tr::tr("Group norm (GN)");
    case NormKind::LocalResponse: return Tr::tr("Local response norm (LRN)");
  }
  return {};
}

QString normTip(NormKind kind) {
  switch (kind) {
    case NormKind::None: return Tr::tr("The baseline: no normalization layer, so you see what the others change.");
    case NormKind::Batch:
      return Tr::tr("Batch norm: normalizes each channel over the whole mini-batch, so it depends on the batch size "
             "and uses running averages at test time.");
    case NormKind::Layer: return Tr::tr("Layer norm: normalizes all features of one image together; independent of the batch.");
    case NormKind::Instance:
      return Tr::tr("Instance norm: normalizes each channel of each image on its own (only on convolution maps).");
    case NormKind::Group:
      return Tr::tr("Group norm: normalizes groups of channels within one image; between layer norm (1 group) and "
             "instance norm (one group per channel).");
    case NormKind::LocalResponse:
      return Tr::tr("Local response norm (AlexNet): divides each channel by the activity of its neighbouring channels.");
  }
  return {};
}

QSpinBox* spin(int lo, int hi, int value, const QString& tip) {
  auto* s = new QSpinBox;
  s->setRange(lo, hi);
  s->setValue(value);
  s->setToolTip(tip);
  return s;
}

// Shows as few decimals as the value needs ("0.05", "0.00625", not "0.050000"), so a box can
// hold a lesson's exact learning rate without padding every other value with zeros.
class CompactDoubleSpinBox : public QDoubleSpinBox {
 public:
  QString textFromValue(double value) const override {
    QString text = QDoubleSpinBox::textFromValue(value);
    const QString point = locale().decimalPoint();
    if (!text.contains(point)) return text;
    while (text.endsWith('0')) text.chop(1);
    if (text.endsWith(point)) text.chop(point.size());
    return text;
  }
};

QDoubleSpinBox* dspin(double lo, double hi, double step, int decimals, double value, const QString& tip) {
  auto* s = new CompactDoubleSpinBox;
  s->setRange(lo, hi);
  s->setSingleStep(step);
  s->setDecimals(decimals);
  s->setValue(value);
  s->setToolTip(tip);
  return s;
}

// A label that shows the control's tooltip too, so hovering either explains the setting.
QLabel* label(const QString& text, QWidget* buddy) {
  auto* l = new QLabel(text);
  l->setBuddy(buddy);
  l->setToolTip(buddy->toolTip());
  return l;
}

// The Vary list typed into the panel, into `s` (values, or the problem that stops the build).
void readVaryList(const QString& text, ControlSettings& s) {
  const VaryList list = parseVaryList(s.vary, text.toStdString());
  s.varyValuesProblem = list.problem;
  if (s.vary == VarySetting::BatchSize) {
    s.varyBatchSizes.clear();
    for (double v : list.values) s.varyBatchSizes.push_back(int(v));
  }
  if (s.vary == VarySetting::Dropout) s.varyDropouts = list.values;
}

constexpr const char* kLockedWhy = QT_TRANSLATE_NOOP("ControlPanel", "Fixed while this experiment is loaded: press Reset (R) to change it.");
constexpr const char* kBaseTipProperty = "normlabBaseToolTip";

template <typename T>
QString joinValues(const std::vector<T>& values) {
  QStringList parts;
  for (T v : values) parts << QString::number(v);
  return parts.join(", ");
}

}  // namespace

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
  const ControlSettings d;
  // The lock note sits above the scrolling settings, so it stays in view however far they scroll.
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->setSpacing(2);
  lockNote_ = new QLabel(Tr::tr("While it trains: tick a norm type to add it as an arm (untick hides it); a new batch "
                         "size, dropout rate or optimizer offers a new arm or a branch; the learning rate applies "
                         "at once and is marked on the charts. Reset (R) changes the rest."));
  lockNote_->setWordWrap(true);
  lockNote_->setStyleSheet("background: #FFF4CC; padding: 4px; border-radius: 3px;");
  lockNote_->hide();
  outer->addWidget(lockNote_);
  pages_ = new QStackedWidget;
  outer->addWidget(pages_, 1);
  auto* form = new QWidget;
  form->setMinimumWidth(340);
  auto* layout = new QVBoxLayout(form);

  // --- Data
  auto* dataGroup = new QGroupBox(Tr::tr("Data"));
  auto* dataForm = new QFormLayout(dataGroup);
  dataset_ = new QComboBox;
  dataset_->addItem("Fashion-MNIST", "fashion-mnist");
  dataset_->addItem(Tr::tr("Synthetic shapes"), "synthetic");
  dataset_->addItem(Tr::tr("IDX folder (MNIST format)"), "idx");
  dataset_->addItem(Tr::tr("CIFAR-10 folder"), "cifar10");
  dataset_->addItem(tr("Image folder…"), "images");
  dataset_->setItemData(dataset_->count() - 1,
                        tr("Your own pictures: a folder with one sub-folder of images per class (or train/ and test/ "
                           "folders that hold them). You can also drop the folder on the window."),
                        Qt::ToolTipRole);
  dataset_->setToolTip(Tr::tr("The images to learn from: Fashion-MNIST clothing photos, built-in synthetic shapes that need "
                       "no files, or your own MNIST-format or CIFAR-10 folder."));
  dataForm->addRow(label(Tr::tr("Dataset"), dataset_), dataset_);
  folder_ = new QLineEdit;
  folder_->setPlaceholderText(Tr::tr("folder with the data files"));
  folder_->setToolTip(Tr::tr("The folder holding the IDX files (train-images-idx3-ubyte, ...) or CIFAR-10 binary batches."));
  browse_ = new QPushButton(Tr::tr("Browse…"));
  browse_->setToolTip(Tr::tr("Pick the data folder in a file dialog."));
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(browse_);
  folderLabel_ = label(Tr::tr("Folder"), folder_);
  dataForm->addRow(folderLabel_, folderRow);
  imageSize_ = spin(8, 256, d.imageSize,
                    tr("The size the images are read at, in pixels: the shorter side is scaled to it and the longer "
                       "one cropped in the middle. The built-in models take 28."));
  imageChannels_ = new QComboBox;
  imageChannels_->addItem(tr("Gray"), 1);
  imageChannels_->addItem(tr("RGB"), 3);
  imageChannels_->setToolTip(tr("Read the images in gray (one channel, what the built-in models take) or in colour "
                                "(three channels)."));
  imageRow_ = new QWidget;
  auto* imageLayout = new QHBoxLayout(imageRow_);
  imageLayout->setContentsMargins(0, 0, 0, 0);
  imageLayout->addWidget(imageSize_, 1);
  imageLayout->addWidget(imageChannels_, 1);
  imageLabel_ = label(tr("Image size"), imageSize_);
  dataForm->addRow(imageLabel_, imageRow_);
  skipBad_ = new QCheckBox(tr("Skip bad images"));
  skipBad_->setToolTip(tr("Train without the files that cannot be read (corrupt, empty or not images); the banner "
                          "says how many were left out."));
  dataForm->addRow(skipBad_);
  trainSubset_ = spin(0, 1000000, d.trainSubset,
                      Tr::tr("How many training images to use (0 = all): fewer images make an epoch shorter, so curves "
                      "appear sooner."));
  trainSubset_->setSpecialValueText(Tr::tr("all"));
  trainSubset_->setSingleStep(1000);
  dataForm->addRow(label(Tr::tr("Train images"), trainSubset_), trainSubset_);
  testSubset_ = spin(0, 1000000, d.testSubset,
                     Tr::tr("How many test images to score accuracy on (0 = all): these are never trained on, so they "
                     "show how well the network generalizes."));
  testSubset_->setSpecialValueText(Tr::tr("all"));
  testSubset_->setSingleStep(500);
  dataForm->addRow(label(Tr::tr("Test images"), testSubset_), testSubset_);
  strip_ = new DatasetStrip;
  dataForm->addRow(strip_);
  layout->addWidget(dataGroup);

  // --- Model and arms
  auto* modelGroup = new QGroupBox(Tr::tr("Compare"));
  auto* modelForm = new QFormLayout(modelGroup);
  preset_ = new QComboBox;
  for (const PresetInfo& p : presetList()) {
    preset_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.name));
    preset_->setItemData(preset_->count() - 1, QString::fromStdString(p.description), Qt::ToolTipRole);
  }
  preset_->setToolTip(Tr::tr("The network to train; every arm uses it with its own normalization in the marked places."));
  modelForm->addRow(label(Tr::tr("Model"), preset_), preset_);
  presetInfo_ = new QLabel;
  presetInfo_->setWordWrap(true);
  presetInfo_->setStyleSheet("color: #444;");
  modelForm->addRow(presetInfo_);
  vary_ = new QComboBox;
  vary_->addItem(Tr::tr("Normalization types"), int(VarySetting::Norm));
  vary_->addItem(Tr::tr("Batch sizes"), int(VarySetting::BatchSize));
  vary_->addItem(Tr::tr("Dropout rates"), int(VarySetting::Dropout));
  vary_->setToolTip(Tr::tr("What differs between the side-by-side runs: the normalization type, or one setting (batch size "
                    "or dropout rate) for a single normalization type."));
  modelForm->addRow(label(Tr::tr("Vary"), vary_), vary_);

  normsBox_ = new QWidget;
  auto* normsLayout = new QVBoxLayout(normsBox_);
  normsLayout->setContentsMargins(0, 0, 0, 0);
  normsLayout->setSpacing(2);
  for (NormKind kind : kNormKinds) {
    auto* box = new QCheckBox(normTitle(kind));
    box->setChecked(true);
    box->setToolTip(normTip(kind));
    normBoxes_[kind] = box;
    normsLayout->addWidget(box);
    connect(box, &QCheckBox::toggled, this, &ControlPanel::emitChanged);
  }
  modelForm->addRow(normsBox_);

  varyNorm_ = new QComboBox;
  for (NormKind kind : kNormKinds) varyNorm_->addItem(normTitle(kind), int(kind));
  varyNorm_->setCurrentIndex(1);
  varyNorm_->setToolTip(Tr::tr("The one normalization type every run uses while the chosen setting varies (batch norm shows "
                        "the batch-size effect best)."));
  varyNormLabel_ = label(Tr::tr("Norm"), varyNorm_);
  modelForm->addRow(varyNormLabel_, varyNorm_);
  varyValues_ = new QLineEdit;
  varyValues_->setToolTip(Tr::tr("The values to compare, separated by commas: one run per value."));
  varyValuesLabel_ = label(Tr::tr("Values"), varyValues_);
  modelForm->addRow(varyValuesLabel_, varyValues_);
  varyProblem_ = new QLabel;  // names the entries of the list that cannot be used, as you type
  varyProblem_->setWordWrap(true);
  varyProblem_->setStyleSheet("color: #B00020; font-weight: bold;");
  varyProblem_->hide();
  modelForm->addRow(varyProblem_);
  layout->addWidget(modelGroup);

  // --- Training
  auto* trainGroup = new QGroupBox(Tr::tr("Training"));
  auto* trainForm = new QFormLayout(trainGroup);
  batch_ = spin(1, 4096, d.batchSize,
                Tr::tr("Images per training step: batch norm averages over these, so with tiny batches its statistics get "
                "noisy and it breaks down."));
  trainForm->addRow(label(Tr::tr("Batch size"), batch_), batch_);
  dropout_ = dspin(0, 0.95, 0.05, 2, d.dropout,
                   Tr::tr("Fraction of hidden units switched off at random in each training step (to prevent "
                   "memorizing); at test time every unit is on."));
  trainForm->addRow(label(Tr::tr("Dropout"), dropout_), dropout_);
  lr_ = dspin(0.000001, 1000, 0.01, 6, d.lr,
              Tr::tr("How big each weight update is: too small learns slowly, too large diverges; normalization makes "
              "larger rates safe. Changes apply at once, even while training."));
  trainForm->addRow(label(Tr::tr("Learning rate"), lr_), lr_);
  optimizer_ = new QComboBox;
  optimizer_->addItem("SGD", "sgd");
  optimizer_->addItem("Adam", "adam");
  optimizer_->setToolTip(Tr::tr("How gradients become weight updates: SGD steps along the gradient (with momentum), Adam "
                         "scales each weight's step by its recent gradient size."));
  trainForm->addRow(label(Tr::tr("Optimizer"), optimizer_), optimizer_);
  momentum_ = dspin(0, 0.99, 0.05, 2, d.momentum,
                    Tr::tr("SGD momentum: how much of the previous update carries over, smoothing and speeding up descent."));
  trainForm->addRow(label(Tr::tr("Momentum"), momentum_), momentum_);
  activation_ = new QComboBox;
  activation_->addItem(Tr::tr("model default"), "");
  activation_->addItem("ReLU", "relu");
  activation_->addItem("Leaky ReLU", "leaky_relu");
  activation_->addItem("Sigmoid", "sigmoid");
  activation_->addItem("Tanh", "tanh");
  activation_->setToolTip(Tr::tr("The nonlinearity after each norm: sigmoid and tanh saturate (tiny gradients) unless their "
                          "inputs are normalized."));
  trainForm->addRow(label(Tr::tr("Activation"), activation_), activation_);
  seed_ = spin(1, 1000000, int(d.seed),
               Tr::tr("Starts the random numbers (initial weights, data order, dropout); the same seed gives the same run."));
  trainForm->addRow(label(Tr::tr("Seed"), seed_), seed_);
  length_ = new QComboBox;
  length_->addItem(Tr::tr("Epochs"), "epochs");
  length_->addItem(Tr::tr("Steps"), "steps");
  length_->setToolTip(Tr::tr("Train for a number of epochs (passes over the training images) or of steps (mini-batches)."));
  epochs_ = spin(1, 1000, d.epochs, Tr::tr("Passes over all training images."));
  steps_ = spin(1, 10000000, 500, Tr::tr("Mini-batches to train on (one step = one weight update)."));
  steps_->hide();
  auto* lengthRow = new QHBoxLayout;
  lengthRow->addWidget(epochs_, 1);
  lengthRow->addWidget(steps_, 1);
  lengthRow->addWidget(length_);
  trainForm->addRow(label(Tr::tr("Train for"), length_), lengthRow);
  layout->addWidget(trainGroup);

  // --- Advanced (collapsible)
  advancedToggle_ = new QToolButton;
  advancedToggle_->setText(Tr::tr("Advanced"));
  advancedToggle_->setCheckable(true);
  advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  advancedToggle_->setArrowType(Qt::RightArrow);
  advancedToggle_->setAutoRaise(true);
  advancedToggle_->setToolTip(Tr::tr("Show or hide the norm parameters and how often the runs are measured."));
  layout->addWidget(advancedToggle_);
  advanced_ = new QWidget;
  auto* advForm = new QFormLayout(advanced_);
  advForm->setContentsMargins(12, 0, 0, 0);
  groups_ = spin(1, 128, d.groups, Tr::tr("Group norm: how many channel groups; must divide every normalized layer's channels."));
  advForm->addRow(label(Tr::tr("GN groups"), groups_), groups_);
  eps_ = dspin(1e-8, 1, 1e-5, 8, d.normEps,
               Tr::tr("Added to the variance before the square root, so a channel with no spread does not divide by zero."));
  advForm->addRow(label(Tr::tr("Norm eps"), eps_), eps_);
  bnMomentum_ = dspin(0.001, 1, 0.05, 3, d.normMomentum,
                      Tr::tr("Batch norm: how fast the running mean and variance used at test time follow the batches."));
  advForm->addRow(label(Tr::tr("BN momentum"), bnMomentum_), bnMomentum_);
  lrnSize_ = spin(1, 31, d.lrnSize, Tr::tr("LRN: how many neighbouring channels (including itself) each channel is divided by."));
  advForm->addRow(label(Tr::tr("LRN size"), lrnSize_), lrnSize_);
  lrnAlpha_ = dspin(0, 10, 1e-4, 6, d.lrnAlpha, Tr::tr("LRN: weight of the neighbours' squared activity in the divisor."));
  advForm->addRow(label(Tr::tr("LRN alpha"), lrnAlpha_), lrnAlpha_);
  lrnBeta_ = dspin(0, 5, 0.05, 3, d.lrnBeta, Tr::tr("LRN: exponent of the divisor; larger means stronger damping."));
  advForm->addRow(label(Tr::tr("LRN beta"), lrnBeta_), lrnBeta_);
  lrnK_ = dspin(0, 10, 0.5, 3, d.lrnK, Tr::tr("LRN: constant added to the divisor, so quiet channels are left almost unchanged."));
  advForm->addRow(label(Tr::tr("LRN k"), lrnK_), lrnK_);
  evalEvery_ = spin(1, 100000, d.evalEvery,
                    Tr::tr("Steps between test-set evaluations: smaller gives more test points but slows training."));
  advForm->addRow(label(Tr::tr("Test every"), evalEvery_), evalEvery_);
  probeEvery_ = spin(1, 100000, d.probeEvery,
                     Tr::tr("Steps between measurements of every layer's activations and gradients for the charts."));
  advForm->addRow(label(Tr::tr("Probe every"), probeEvery_), probeEvery_);
  advanced_->hide();
  layout->addWidget(advanced_);
  layout->addStretch(1);

  auto scrolling = [](QWidget* content) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(content->minimumWidth() + scroll->verticalScrollBar()->sizeHint().width());
    return scroll;
  };
  formScroll_ = scrolling(form);
  pages_->addWidget(formScroll_);

  // --- The read-only summary (showSummary)
  auto* summary = new QWidget;
  summary->setMinimumWidth(340);
  auto* summaryLayout = new QVBoxLayout(summary);
  summaryTitle_ = new QLabel;
  summaryTitle_->setWordWrap(true);
  QFont bold = summaryTitle_->font();
  bold.setBold(true);
  summaryTitle_->setFont(bold);
  summaryLayout->addWidget(summaryTitle_);
  auto* why = new QLabel(Tr::tr("The settings of this panel cannot set up these runs (several seeds, arms that differ in "
                         "more than one setting, or in one the panel has no field for), so here is what they are. "
                         "Start and Run again repeat them as they are."));
  why->setWordWrap(true);
  summaryLayout->addWidget(why);
  summarySetup_ = new QLabel;
  summarySetup_->setWordWrap(true);
  summarySetup_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summaryLayout->addWidget(summarySetup_);
  summaryArms_ = new QLabel;
  summaryArms_->setWordWrap(true);
  summaryArms_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summaryLayout->addWidget(summaryArms_);
  auto* own = new QPushButton(Tr::tr("Set up your own comparison"));
  own->setToolTip(Tr::tr("Shows the settings again: Start then trains what they say instead."));
  connect(own, &QPushButton::clicked, this, &ControlPanel::showSettings);
  summaryLayout->addWidget(own, 0, Qt::AlignLeft);
  summaryLayout->addStretch(1);
  summaryScroll_ = scrolling(summary);
  pages_->addWidget(summaryScroll_);
  setMinimumWidth(formScroll_->minimumWidth());
  CalmControls::install(form);

  connect(advancedToggle_, &QToolButton::toggled, this, &ControlPanel::setAdvancedExpanded);
  askFolder_ = [](QWidget* parent, const QString& caption, const QString& start) {
    return QFileDialog::getExistingDirectory(parent, caption, start);
  };
  // "Image folder…" asks for the folder at once when none is given yet.
  connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_ || dataset_->currentData().toString() != "images" || !folder_->text().trimmed().isEmpty()) return;
    const QString dir = askFolder_(this, tr("Folder of images (one sub-folder per class)"), QDir::homePath());
    if (!dir.isEmpty()) selectImageFolder(dir);
  });
  connect(folder_, &QLineEdit::textChanged, this, [this] {
    if (!updating_) detectImageLayout();
  });
  connect(imageSize_, &QSpinBox::valueChanged, this, &ControlPanel::emitChanged);
  connect(imageChannels_, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChanged);
  connect(skipBad_, &QCheckBox::toggled, this, &ControlPanel::emitChanged);
  connect(strip_, &DatasetStrip::loaded, this, &ControlPanel::updateEnabled);  // bad files found: offer to skip them
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, Tr::tr("Data folder"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });
  connect(vary_, &QComboBox::currentIndexChanged, this, [this] {
    const auto v = VarySetting(vary_->currentData().toInt());
    const ControlSettings defaults;
    updating_ = true;
    if (v == VarySetting::BatchSize) varyValues_->setText(joinValues(defaults.varyBatchSizes));
    if (v == VarySetting::Dropout) varyValues_->setText(joinValues(defaults.varyDropouts));
    updating_ = false;
    emitChanged();
  });
  connect(length_, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChanged);
  for (QComboBox* c : {dataset_, preset_, varyNorm_, optimizer_, activation_})
    connect(c, &QComboBox::currentIndexChanged, this, &ControlPanel::emitChanged);
  for (QLineEdit* e : {folder_, varyValues_}) connect(e, &QLineEdit::textChanged, this, &ControlPanel::emitChanged);
  for (QSpinBox* s : {trainSubset_, testSubset_, batch_, seed_, epochs_, steps_, groups_, lrnSize_, evalEvery_, probeEvery_})
    connect(s, &QSpinBox::valueChanged, this, &ControlPanel::emitChanged);
  for (QDoubleSpinBox* s : {dropout_, momentum_, eps_, bnMomentum_, lrnAlpha_, lrnBeta_, lrnK_})
    connect(s, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitChanged);
  connect(lr_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    if (!updating_) emit learningRateChanged(v);
    emitChanged();
  });

  setSettings(ControlSettings{});  // the launch comparison (also selects the preset)
}

void ControlPanel::selectImageFolder(const QString& path) {
  showSettings();
  updating_ = true;  // one change, not one per field
  dataset_->setCurrentIndex(dataset_->findData("images"));
  folder_->setText(path);
  updating_ = false;
  detectImageLayout();
  emitChanged();
}

// A folder with train/ is split already (listImageFolder); any other holds out a share of each
// class for testing: 20%, or what a config said.
void ControlPanel::detectImageLayout() {
  const QString path = folder_->text().trimmed();
  const bool split = !path.isEmpty() && QDir(path).exists("train");
  imageTestFraction_ = split ? 0 : imageTestFraction_ > 0 ? imageTestFraction_ : 0.2;
}

void ControlPanel::offerSkipBadImages() {
  skipOfferedFor_ = folder_->text().trimmed();
  updateEnabled();
}

void ControlPanel::setAdvancedExpanded(bool expanded) {
  advancedToggle_->setChecked(expanded);
  advancedToggle_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  advanced_->setVisible(expanded);
}

void ControlPanel::emitChanged() {
  if (updating_) return;
  updateEnabled();
  refreshStrip();
  emit settingsChanged();
}

void ControlPanel::updateEnabled() {
  const ControlSettings s = settings();
  const bool folder = s.dataset == "idx" || s.dataset == "cifar10" || s.dataset == "images";
  folder_->setVisible(folder);
  browse_->setVisible(folder);
  folderLabel_->setVisible(folder);
  const bool images = s.dataset == "images";
  imageRow_->setVisible(images);
  imageLabel_->setVisible(images);
  const bool offered = !skipOfferedFor_.isEmpty() && skipOfferedFor_ == folder_->text().trimmed();
  skipBad_->setVisible(images && (s.skipBadImages || offered || strip_->badFiles() > 0));
  const bool byNorm = s.vary == VarySetting::Norm;
  normsBox_->setVisible(byNorm);
  varyNorm_->setVisible(!byNorm);
  varyNormLabel_->setVisible(!byNorm);
  varyValues_->setVisible(!byNorm);
  varyValuesLabel_->setVisible(!byNorm);
  varyValuesLabel_->setText(s.vary == VarySetting::Dropout ? Tr::tr("Dropout rates") : Tr::tr("Batch sizes"));
  const bool badList = !byNorm && !s.varyValuesProblem.empty();
  varyProblem_->setText(badList ? QString::fromStdString(s.varyValuesProblem) : QString());
  varyProblem_->setVisible(badList);
  varyValues_->setStyleSheet(badList ? "border: 2px solid #B00020;" : "");
  const bool hasDropout = presetHasDropout(s.preset), hasActivation = presetHasActivation(s.preset);
  const QString preset = QString::fromStdString(s.preset);
  disabledWhy_.clear();
  if (!hasDropout)
    disabledWhy_[dropout_] = Tr::tr("Off: the model %1 has no dropout layer. Pick small-cnn to use dropout.").arg(preset);
  else if (s.vary == VarySetting::Dropout)
    disabledWhy_[dropout_] = Tr::tr("Set per run: each run takes its rate from the Dropout rates list under Compare.");
  if (s.vary == VarySetting::BatchSize)
    disabledWhy_[batch_] = Tr::tr("Set per run: each run takes its batch size from the Batch sizes list under Compare.");
  if (!hasActivation)
    disabledWhy_[activation_] = Tr::tr("Off: the model %1 has fixed activations. Pick a model with a "
                                "replaceable activation (small-cnn, mlp-deep) to choose one.").arg(preset);
  if (s.optimizer != "sgd")
    disabledWhy_[momentum_] = Tr::tr("Off: only SGD uses momentum (Adam keeps its own running averages). Pick SGD to set it.");
  dropout_->setEnabled(!disabledWhy_.count(dropout_));
  batch_->setEnabled(!disabledWhy_.count(batch_));
  activation_->setEnabled(!locked_ && !disabledWhy_.count(activation_));
  momentum_->setEnabled(!disabledWhy_.count(momentum_));
  updateDisabledTips();
  epochs_->setVisible(s.steps == 0);
  steps_->setVisible(s.steps > 0);
  QString info;
  for (const PresetInfo& p : presetList())
    if (p.name == s.preset) info = translatedCoreText(p.description);
  if (!hasDropout) info += Tr::tr(" (no dropout layer)");
  presetInfo_->setText(info);
}

// Each field's tooltip is what it does, and when it is disabled also why and what to do.
void ControlPanel::updateDisabledTips() {
  for (QWidget* w : findChildren<QWidget*>()) {
    if (w->isWindow() || summaryScroll_->isAncestorOf(w)) continue;
    if (!qobject_cast<QComboBox*>(w) && !qobject_cast<QAbstractSpinBox*>(w) && !qobject_cast<QLineEdit*>(w) &&
        !qobject_cast<QAbstractButton*>(w))
      continue;
    if (w->parentWidget() && (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) ||
                              qobject_cast<QComboBox*>(w->parentWidget())))
      continue;  // a spin box's line edit, a combo box's internals
    if (!w->property(kBaseTipProperty).isValid()) w->setProperty(kBaseTipProperty, w->toolTip());
    const QString base = w->property(kBaseTipProperty).toString();
    QString why;
    if (!w->isEnabled()) {
      const auto it = disabledWhy_.find(w);
      why = it != disabledWhy_.end() ? it->second : locked_ ? Tr::tr(kLockedWhy) : QString();
    }
    w->setToolTip(why.isEmpty() ? base : base + "\n\n" + why);
  }
  for (QLabel* l : findChildren<QLabel*>())
    if (l->buddy()) l->setToolTip(l->buddy()->toolTip());
}

void ControlPanel::showSummary(const QString& title, const ConfigSummary& summary) {
  summaryTitle_->setText(title);
  summarySetup_->setText(summary.setup.join("\n"));
  QStringList arms;
  for (const QString& arm : summary.arms) arms << "\u2022 " + arm;
  summaryArms_->setText((summary.arms.size() == 1 ? Tr::tr("1 arm:\n%1") : Tr::tr("%n arms:\n%1", "", int(summary.arms.size()))).arg(arms.join("\n")));
  pages_->setCurrentWidget(summaryScroll_);
  lockNote_->hide();
}

void ControlPanel::showSettings() {
  pages_->setCurrentWidget(formScroll_);
  lockNote_->setVisible(locked_);
}

bool ControlPanel::showsSummary() const { return pages_->currentWidget() == summaryScroll_; }

QString ControlPanel::summaryText() const {
  return QStringList{summaryTitle_->text(), summarySetup_->text(), summaryArms_->text()}.join("\n");
}

void ControlPanel::refreshStrip() {
  const ControlSettings s = settings();
  DataConfig data;
  data.name = s.dataset;
  if (s.dataset == "idx" || s.dataset == "cifar10" || s.dataset == "images") data.path = s.dataPath;
  data.images = {s.dataPath, s.imageSize, s.imageChannels, s.imageTestFraction, s.skipBadImages};
  data.trainSubset = s.trainSubset;
  data.testSubset = s.testSubset;
  const QString key = QString::fromStdString(data.name + "|" + data.path) + QString("|%1|%2|%3")
                                                                               .arg(data.trainSubset)
                                                                               .arg(data.testSubset)
                                                                               .arg(s.seed) +
                      QString("|%1|%2|%3|%4").arg(s.imageSize).arg(s.imageChannels).arg(s.imageTestFraction).arg(s.skipBadImages);
  if (key == stripKey_) return;
  stripKey_ = key;
  strip_->showDataset(data, s.seed);
}

ControlSettings ControlPanel::settings() const {
  ControlSettings s;
  s.dataset = dataset_->currentData().toString().toStdString();
  s.dataPath = folder_->text().trimmed().toStdString();
  s.imageSize = imageSize_->value();
  s.imageChannels = imageChannels_->currentData().toInt();
  s.imageTestFraction = imageTestFraction_;
  s.skipBadImages = skipBad_->isChecked();
  s.trainSubset = trainSubset_->value();
  s.testSubset = testSubset_->value();
  s.preset = preset_->currentData().toString().toStdString();
  s.norms.clear();
  for (NormKind kind : kNormKinds)
    if (normBoxes_.at(kind)->isChecked()) s.norms.push_back(kind);
  s.groups = groups_->value();
  s.normEps = eps_->value();
  s.normMomentum = bnMomentum_->value();
  s.lrnSize = lrnSize_->value();
  s.lrnAlpha = lrnAlpha_->value();
  s.lrnBeta = lrnBeta_->value();
  s.lrnK = lrnK_->value();
  s.batchSize = batch_->value();
  s.dropout = dropout_->value();
  s.optimizer = optimizer_->currentData().toString().toStdString();
  s.lr = lr_->value();
  s.momentum = momentum_->value();
  s.activation = activation_->currentData().toString().toStdString();
  s.seed = std::uint64_t(seed_->value());
  s.epochs = epochs_->value();
  s.steps = length_->currentData().toString() == "steps" ? steps_->value() : 0;
  s.evalEvery = evalEvery_->value();
  s.probeEvery = probeEvery_->value();
  s.vary = VarySetting(vary_->currentData().toInt());
  s.varyNorm = NormKind(varyNorm_->currentData().toInt());
  if (s.vary != VarySetting::Norm) readVaryList(varyValues_->text(), s);
  return s;
}

void ControlPanel::setSettings(const ControlSettings& s) {
  updating_ = true;
  auto select = [](QComboBox* c, const QVariant& v) {
    const int i = c->findData(v);
    if (i >= 0) c->setCurrentIndex(i);
  };
  select(dataset_, QString::fromStdString(s.dataset));
  folder_->setText(QString::fromStdString(s.dataPath));
  imageSize_->setValue(s.imageSize);
  select(imageChannels_, s.imageChannels);
  imageTestFraction_ = s.imageTestFraction;
  skipBad_->setChecked(s.skipBadImages);
  trainSubset_->setValue(s.trainSubset);
  testSubset_->setValue(s.testSubset);
  select(preset_, QString::fromStdString(s.preset));
  for (NormKind kind : kNormKinds)
    normBoxes_.at(kind)->setChecked(std::find(s.norms.begin(), s.norms.end(), kind) != s.norms.end());
  groups_->setValue(s.groups);
  eps_->setValue(s.normEps);
  bnMomentum_->setValue(s.normMomentum);
  lrnSize_->setValue(s.lrnSize);
  lrnAlpha_->setValue(s.lrnAlpha);
  lrnBeta_->setValue(s.lrnBeta);
  lrnK_->setValue(s.lrnK);
  batch_->setValue(s.batchSize);
  dropout_->setValue(s.dropout);
  select(optimizer_, QString::fromStdString(s.optimizer));
  lr_->setValue(s.lr);
  momentum_->setValue(s.momentum);
  select(activation_, QString::fromStdString(s.activation));
  seed_->setValue(int(s.seed));
  epochs_->setValue(s.epochs);
  if (s.steps > 0) steps_->setValue(int(std::min<std::int64_t>(s.steps, steps_->maximum())));
  select(length_, s.steps > 0 ? "steps" : "epochs");
  evalEvery_->setValue(s.evalEvery);
  probeEvery_->setValue(s.probeEvery);
  select(vary_, int(s.vary));
  select(varyNorm_, int(s.varyNorm));
  if (s.vary == VarySetting::BatchSize) varyValues_->setText(joinValues(s.varyBatchSizes));
  if (s.vary == VarySetting::Dropout) varyValues_->setText(joinValues(s.varyDropouts));
  updating_ = false;
  emitChanged();
}

void ControlPanel::setLocked(bool locked) {
  if (locked == locked_) return;
  locked_ = locked;
  lockNote_->setVisible(locked && !showsSummary());  // a summary is read-only anyway
  // Everything but what a running experiment can take (liveEditable) and the Advanced toggle.
  for (QWidget* w : findChildren<QWidget*>()) {
    if (liveEditable(w) || w == lockNote_ || w == advancedToggle_ || w->isWindow() || summaryScroll_->isAncestorOf(w))
      continue;
    if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QLineEdit*>(w) ||
        qobject_cast<QAbstractButton*>(w)) {
      if (w->parentWidget() && qobject_cast<QAbstractSpinBox*>(w->parentWidget())) continue;
      w->setEnabled(!locked);
    }
  }
  updateEnabled();
}

bool ControlPanel::liveEditable(const QWidget* w) const {
  if (w == lr_ || w == batch_ || w == dropout_ || w == optimizer_ || w == momentum_ || w == varyValues_) return true;
  for (const auto& [kind, box] : normBoxes_)
    if (w == box) return true;
  return false;
}

// Stored as the experiment JSON's building blocks, one key per setting.
void ControlPanel::saveTo(QSettings& store) const {
  const ControlSettings s = settings();
  store.beginGroup("controls");
  store.setValue("dataset", QString::fromStdString(s.dataset));
  store.setValue("dataPath", QString::fromStdString(s.dataPath));
  store.setValue("imageSize", s.imageSize);
  store.setValue("imageChannels", s.imageChannels);
  store.setValue("imageTestFraction", s.imageTestFraction);
  store.setValue("skipBadImages", s.skipBadImages);
  store.setValue("trainSubset", s.trainSubset);
  store.setValue("testSubset", s.testSubset);
  store.setValue("preset", QString::fromStdString(s.preset));
  QStringList norms;
  for (NormKind k : s.norms) norms << normKindName(k);
  store.setValue("norms", norms.isEmpty() ? QStringList{"-"} : norms);
  store.setValue("groups", s.groups);
  store.setValue("normEps", s.normEps);
  store.setValue("normMomentum", s.normMomentum);
  store.setValue("lrnSize", s.lrnSize);
  store.setValue("lrnAlpha", s.lrnAlpha);
  store.setValue("lrnBeta", s.lrnBeta);
  store.setValue("lrnK", s.lrnK);
  store.setValue("batchSize", s.batchSize);
  store.setValue("dropout", s.dropout);
  store.setValue("optimizer", QString::fromStdString(s.optimizer));
  store.setValue("lr", s.lr);
  store.setValue("momentum", s.momentum);
  store.setValue("activation", QString::fromStdString(s.activation));
  store.setValue("seed", qulonglong(s.seed));
  store.setValue("epochs", s.epochs);
  store.setValue("steps", qlonglong(s.steps));
  store.setValue("evalEvery", s.evalEvery);
  store.setValue("probeEvery", s.probeEvery);
  store.setValue("vary", varySettingName(s.vary));
  store.setValue("varyNorm", normKindName(s.varyNorm));
  store.setValue("varyValues", varyValues_->text());
  store.setValue("advanced", advancedToggle_->isChecked());
  store.endGroup();
}

void ControlPanel::loadFrom(const QSettings& store) {
  if (!store.contains("controls/preset")) return;  // first launch: the defaults
  ControlSettings s;
  auto str = [&](const char* key, const std::string& fallback) {
    return store.value(QString("controls/") + key, QString::fromStdString(fallback)).toString().toStdString();
  };
  auto num = [&](const char* key, double fallback) {
    bool ok = false;
    const double v = store.value(QString("controls/") + key, fallback).toDouble(&ok);
    return ok && std::isfinite(v) ? v : fallback;
  };
  s.dataset = str("dataset", s.dataset);
  s.dataPath = str("dataPath", s.dataPath);
  s.imageSize = int(num("imageSize", s.imageSize));
  s.imageChannels = int(num("imageChannels", s.imageChannels));
  s.imageTestFraction = num("imageTestFraction", s.imageTestFraction);
  s.skipBadImages = store.value("controls/skipBadImages", false).toBool();
  s.trainSubset = int(num("trainSubset", s.trainSubset));
  s.testSubset = int(num("testSubset", s.testSubset));
  s.preset = str("preset", s.preset);
  s.norms.clear();
  for (const QString& n : store.value("controls/norms").toStringList()) {
    try { s.norms.push_back(parseNormKind(n.toStdString())); } catch (const std::exception&) {}
  }
  s.groups = int(num("groups", s.groups));
  s.normEps = num("normEps", s.normEps);
  s.normMomentum = num("normMomentum", s.normMomentum);
  s.lrnSize = int(num("lrnSize", s.lrnSize));
  s.lrnAlpha = num("lrnAlpha", s.lrnAlpha);
  s.lrnBeta = num("lrnBeta", s.lrnBeta);
  s.lrnK = num("lrnK", s.lrnK);
  s.batchSize = int(num("batchSize", s.batchSize));
  s.dropout = num("dropout", s.dropout);
  s.optimizer = str("optimizer", s.optimizer);
  s.lr = num("lr", s.lr);
  s.momentum = num("momentum", s.momentum);
  s.activation = str("activation", s.activation);
  s.seed = std::uint64_t(num("seed", double(s.seed)));
  s.epochs = int(num("epochs", s.epochs));
  s.steps = std::int64_t(num("steps", 0));
  s.evalEvery = int(num("evalEvery", s.evalEvery));
  s.probeEvery = int(num("probeEvery", s.probeEvery));
  const std::string vary = str("vary", "norm");
  s.vary = vary == "batch_size" ? VarySetting::BatchSize : vary == "dropout" ? VarySetting::Dropout : VarySetting::Norm;
  try { s.varyNorm = parseNormKind(str("varyNorm", "batch")); } catch (const std::exception&) {}
  setSettings(s);
  // The list comes back as typed: a bad entry stays named rather than silently trimmed.
  const QString values = store.value("controls/varyValues").toString();
  if (s.vary != VarySetting::Norm && !values.trimmed().isEmpty()) varyValues_->setText(values);
  setAdvancedExpanded(store.value("controls/advanced", false).toBool());
}

}  // namespace normlab
