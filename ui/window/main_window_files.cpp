// MainWindow's File menu: saving and opening .normlab files (core/files/experiment_file.h), the recent
// files, Run again, and exporting charts, figures and data (ui/chart_export.h). Declared in
// main_window.h; split from main_window.cpp so each file keeps one subject.
#include "ui/window/main_window.h"

#include <QCoreApplication>
#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

#include "ui/export/chart_export.h"
#include "ui/window/control_panel.h"
#include "ui/window/recent_files.h"
#include "ui/window/settings_from_config.h"

namespace normlab {

namespace {

constexpr const char* kExperimentFilter = QT_TRANSLATE_NOOP("normlab::MainWindow", "NormLab experiments (*.normlab);;All files (*)");
constexpr int kStatusMessageMs = 6000;

// "run" -> "run.normlab"; a name with an extension keeps it.
QString withExperimentExtension(const QString& path) {
  return QFileInfo(path).suffix().isEmpty() ? path + ".normlab" : path;
}

QString absolute(const QString& path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

// Where the file dialogs start: the folder of the last file saved or opened.
QString lastFolder() {
  const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  return QSettings().value("files/folder", documents.isEmpty() ? QDir::homePath() : documents).toString();
}

void rememberFolder(const QString& path) { QSettings().setValue("files/folder", QFileInfo(path).absolutePath()); }

// The core's message, prefixed with the file unless it already names it.
QString problemWith(const QString& path, const std::exception& e) {
  const QString message = QString::fromUtf8(e.what());
  return message.contains(path) ? message : QString("'%1': %2").arg(QDir::toNativeSeparators(path), message);
}

}  // namespace

void MainWindow::buildFileMenu(QMenu* file) {
  fileMenu_ = file;
  openAct_ = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), QKeySequence::Open, this,
                             [this] { openExperimentFile(); });
  openAct_->setToolTip(tr("Open a saved experiment: every chart shows it again, without retraining (Ctrl+O)."));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  recentMenu_->setToolTipsVisible(true);
  connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::refreshRecentMenu);
  saveAct_ = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), QKeySequence::Save, this,
                             [this] { saveExperimentFile(); });
  saveAct_->setToolTip(tr("Save the settings, seeds and everything recorded to a .normlab file (Ctrl+S)."));
  saveAsAct_ = file->addAction(tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, [this] { saveExperimentFileAs(); });
  saveAsAct_->setToolTip(tr("Save the experiment to a new .normlab file."));
  file->addSeparator();
  exportChartAct_ = file->addAction(tr("Export &Chart…"), this, [this] { exportChart(); });
  exportChartAct_->setToolTip(tr("Save the chart under the mouse (else the first chart of this tab) as PNG, SVG or PDF, "
                              "with its legend and a caption of the settings."));
  exportFigureAct_ = file->addAction(tr("Export &Figure…"), this, [this] { exportFigure(); });
  exportFigureAct_->setToolTip(tr("Save every chart of this tab as one multi-panel figure (PNG, SVG or PDF)."));
  exportDataAct_ = file->addAction(tr("Export &Data…"), this, [this] { exportData(); });
  exportDataAct_->setToolTip(tr("Write every series as CSV and everything as one JSON file into a folder."));
  file->addSeparator();
  for (QAction* a : file->actions()) a->setStatusTip(a->toolTip());

  runAgainAct_ = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Run &Again"), this);
  runAgainAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  runAgainAct_->setToolTip(tr("Train the experiment on show again from the start with exactly its settings and seeds: "
                           "the curves come out the same (Ctrl+Shift+R)."));
  connect(runAgainAct_, &QAction::triggered, this, &MainWindow::runAgain);
  addAction(runAgainAct_);

  toolBar_->insertAction(speedLabelAct_, exportChartAct_);
  toolBar_->insertSeparator(speedLabelAct_);
  refreshRecentMenu();
  updateFileActions();
}

bool MainWindow::hasUnsavedResults() const {
  if (!runnerOwnsView_ || !config_ || !last_ || last_->version == savedVersion_) return false;
  const RunnerState state = last_->state;
  if (state != RunnerState::Running && state != RunnerState::Paused && state != RunnerState::Finished) return false;
  return std::any_of(last_->runs.begin(), last_->runs.end(), [](const RunRecord& r) { return r.step > 0; });
}

std::optional<ExperimentResults> MainWindow::currentResults() const {
  if (!runnerOwnsView_) return opened_;
  if (!config_ || !last_ || last_->runs.empty()) return std::nullopt;
  ExperimentResults results;
  results.config = *config_;
  results.warning = last_->warning;
  results.runs = last_->runs;
  return results;
}

void MainWindow::updateFileActions() {
  const bool results = runnerOwnsView_ ? config_ && last_ && !last_->runs.empty() : opened_.has_value();
  for (QAction* a : {saveAct_, saveAsAct_, exportChartAct_, exportFigureAct_, exportDataAct_}) a->setEnabled(results);
  runAgainAct_->setEnabled(config_.has_value());
}

void MainWindow::updateWindowTitle() {
  const bool results = runnerOwnsView_ ? config_ && last_ && !last_->runs.empty() : opened_.has_value();
  QString name = filePath_.isEmpty() ? (results ? tr("Untitled") : "") : QFileInfo(filePath_).fileName();
  if (!runnerOwnsView_ && !openedConfigInControls_) name = tr("%1 (loaded experiment)").arg(name);
  if (runnerOwnsView_ && filePath_.isEmpty() && !lessonTitle_.isEmpty()) name = lessonTitle_;
  const QString title = name.isEmpty() ? "NormLab" : name + "[*] — NormLab";
  if (windowTitle() != title) setWindowTitle(title);
  // Not set again when unchanged: every call sets the window title anew (an X11 round trip).
  if (const bool modified = hasUnsavedResults(); modified != isWindowModified()) setWindowModified(modified);
}

void MainWindow::reportFileError(const QString& title, const QString& text) {
  localError_ = text;  // keeps the banner up until the next start or settings change
  fileError_ = text;
  showBanner(text, true);
  prompts_.warn(this, title, text);
}

bool MainWindow::maybeSaveResults(const QString& before, const QString& note) {
  if (!hasUnsavedResults()) return true;
  QString question = tr("The results of the current experiment have not been saved. Save them before %1?").arg(before);
  if (!note.isEmpty()) question += " " + note;
  switch (prompts_.askToSave(this, question)) {
    case QMessageBox::Save: return saveExperimentFile();
    case QMessageBox::Discard: return true;
    default: return false;
  }
}

bool MainWindow::saveExperimentFile() {
  if (filePath_.isEmpty()) return saveExperimentFileAs();
  return saveExperimentTo(filePath_);
}

bool MainWindow::saveExperimentFileAs() {
  const QString start = filePath_.isEmpty()
                            ? QDir(lastFolder()).filePath(QString::fromStdString(config_ ? config_->name : "experiment") + ".normlab")
                            : filePath_;
  const QString path = prompts_.saveFile(this, tr("Save experiment"), start, tr(kExperimentFilter));
  if (path.isEmpty()) return false;
  return saveExperimentTo(withExperimentExtension(path));
}

bool MainWindow::saveExperimentTo(const QString& path) {
  const std::optional<ExperimentResults> results = currentResults();
  if (!results) {
    reportFileError(tr("Nothing to save"), tr("There are no results to save yet: start an experiment first."));
    return false;
  }
  try {
    saveExperiment(QFile::encodeName(path).toStdString(), *results);
  } catch (const std::exception& e) {
    reportFileError(tr("Cannot save"), tr("Could not save the experiment: %1").arg(problemWith(path, e)));
    return false;
  }
  filePath_ = absolute(path);
  if (runnerOwnsView_ && last_) savedVersion_ = last_->version;
  RecentFiles::add(filePath_);
  rememberFolder(filePath_);
  if (!localError_.isEmpty() && localError_ == fileError_) {  // an earlier failed save or open is resolved
    localError_.clear();
    hideBanner();
  }
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(filePath_)), kStatusMessageMs);
  updateWindowTitle();
  updateFileActions();
  return true;
}

bool MainWindow::openExperimentFile() {
  const QString path = prompts_.openFile(this, tr("Open experiment"), lastFolder(), tr(kExperimentFilter));
  if (path.isEmpty()) return false;
  return openExperimentFrom(path);
}

namespace {
// The one local file or folder being dragged, or "" (several, a web address, no URL).
QString draggedLocalPath(const QMimeData* data) {
  if (!data || !data->hasUrls() || data->urls().size() != 1) return {};
  const QUrl url = data->urls().first();
  return url.isLocalFile() ? url.toLocalFile() : QString();
}
}  // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  // Any one local path: one that cannot be used is refused on the drop, saying why.
  if (!draggedLocalPath(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = draggedLocalPath(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  // Used after the drop returns, so the dragging application is not kept waiting on questions.
  QTimer::singleShot(0, this, [this, path] { useDroppedPath(path); });
}

void MainWindow::useDroppedPath(const QString& path) {
  const QFileInfo info(path);
  if (info.isFile() && path.endsWith(".normlab", Qt::CaseInsensitive)) {
    openExperimentFrom(path);
    return;
  }
  QString refusal;
  if (!info.isDir())
    refusal = tr("Cannot use %1: drop a folder of images (one sub-folder of pictures per class) or a .normlab "
                 "experiment file.").arg(QDir::toNativeSeparators(path));
  else if (controls_->locked())
    refusal = tr("Cannot switch to the image folder %1 while an experiment is loaded: press Reset (R), then drop "
                 "it again.").arg(QDir::toNativeSeparators(path));
  if (!refusal.isEmpty()) {
    localError_ = refusal;  // keeps the banner up until the next start or settings change
    showBanner(refusal, true);
    return;
  }
  localError_.clear();
  hideBanner();
  controls_->selectImageFolder(path);
  statusBar()->showMessage(tr("Image folder %1: press Start to train on it.").arg(QDir::toNativeSeparators(path)),
                           kStatusMessageMs);
}

bool MainWindow::openExperimentFrom(const QString& path) {
  if (!maybeSaveResults(tr("opening another file", "Save them before %1?"))) return false;
  ExperimentResults results;
  try {
    results = loadExperiment(QFile::encodeName(path).toStdString());
  } catch (const std::exception& e) {
    if (!QFileInfo::exists(path)) RecentFiles::remove(path);
    reportFileError(tr("Cannot open"), tr("Could not open the experiment: %1").arg(problemWith(path, e)));
    return false;
  }
  runner_->reset();  // the opened results replace whatever was training
  closeLesson();
  localError_.clear();
  normNote_.clear();  // an opened file's model tab says where its norms stay empty
  hideBanner();
  filePath_ = absolute(path);
  RecentFiles::add(filePath_);
  rememberFolder(filePath_);
  config_ = results.config;
  opened_ = results;
  runnerOwnsView_ = false;

  // The controls show the opened settings when they can express them exactly (checked through
  // the panel itself, whose spin boxes may round); else Run again uses the config as it is.
  openedConfigInControls_ = false;
  controls_->showSettings();  // a lesson's summary does not describe the opened file
  if (const std::optional<ControlSettings> s = settingsForConfig(results.config, controls_->settings())) {
    controls_->setSettings(*s);
    try {
      openedConfigInControls_ = sameConfig(buildExperiment(controls_->settings()), results.config);
    } catch (const std::exception&) {
    }
  }
  controls_->setLocked(false);
  continueOffered_ = true;  // after the panel took the file's settings
  showOpenedResults(results);
  const std::string why = whyNotResumable(results);
  if (!openedConfigInControls_)
    showBanner(why.empty() ? tr("The side panel cannot show this experiment's settings (for example several seeds or "
                                "an inline model): Continue (Space) trains it on from where it was saved, Run again "
                                "(Ctrl+Shift+R) repeats it exactly as saved; Start runs the panel's settings once "
                                "you change one.")
                           : tr("The side panel cannot show this experiment's settings (for example several seeds or "
                                "an inline model): Run again (Ctrl+Shift+R) repeats it exactly as saved; Start runs "
                                "the panel's settings."),
               false);
  else if (!results.warning.empty())
    showBanner(QString::fromStdString(results.warning), false);
  statusBar()->showMessage(why.empty() ? tr("Opened %1: Continue (Space) trains on from where it was saved")
                                             .arg(QDir::toNativeSeparators(filePath_))
                                       : tr("Opened %1. %2").arg(QDir::toNativeSeparators(filePath_),
                                                                 QString::fromStdString(why)),
                           kStatusMessageMs);
  updateWindowTitle();
  updateFileActions();
  return true;
}

void MainWindow::showOpenedResults(const ExperimentResults& results) {
  auto snapshot = std::make_shared<Snapshot>(snapshotFromResults(results));
  // Versions counting down from the top never meet the runner's, which count up from 1.
  snapshot->version = openedVersion_ = (openedVersion_ == 0 ? ~std::uint64_t(0) : openedVersion_) - 1;
  last_ = snapshot;
  view_ = snapshot;  // an opened file hides no arm
  lastVersion_ = ~std::uint64_t(0);
  shownVersion_.assign(std::size_t(views_.size()), ~std::uint64_t(0));
  updateActions(snapshot->state);
  updateStatus(*snapshot);
  showCurrentView(true);
}

bool MainWindow::canContinueOpened() const {
  return continueOffered_ && !runnerOwnsView_ && opened_ && whyNotResumable(*opened_).empty();
}

void MainWindow::continueOpenedExperiment() {
  if (!canContinueOpened()) return;
  const ExperimentResults saved = *opened_;
  // Runs stopped or saved before their end go on to it; finished ones train as long again.
  std::int64_t toEnd = 0, trained = 0;
  for (const RunRecord& r : saved.runs)
    if (r.state) {
      toEnd = std::max(toEnd, r.totalSteps - r.step);
      trained = std::max(trained, r.step);
    }
  const std::int64_t more = toEnd > 0 ? toEnd : std::max<std::int64_t>(trained, 1);
  try {
    ExperimentConfig config = continuedConfig(saved, more);
    startExperiment(std::move(config), false, &saved, more);
  } catch (const std::exception& e) {
    reportFileError(tr("Cannot continue"), tr("Could not continue the experiment: %1").arg(QString::fromUtf8(e.what())));
  }
}

void MainWindow::runAgain() {
  if (!config_) return;
  if (!maybeSaveResults(tr("running the experiment again", "Save them before %1?"))) return;
  const ExperimentConfig config = *config_;
  startExperiment(config, false);
}

void MainWindow::refreshRecentMenu() {
  const QStringList missing = RecentFiles::removeMissing();
  if (!missing.isEmpty()) {
    QStringList names;
    for (const QString& f : missing) names << QDir::toNativeSeparators(f);
    showBanner(tr("Removed from Open Recent because they no longer exist: %1").arg(names.join(", ")), false);
  }
  recentMenu_->clear();
  const QStringList files = RecentFiles::list();
  for (int i = 0; i < files.size(); ++i) {
    const QString file = files[i];
    QAction* a = recentMenu_->addAction(QString("&%1  %2").arg(i + 1).arg(QFileInfo(file).fileName()),
                                        this, [this, file] { openExperimentFrom(file); });
    a->setToolTip(QDir::toNativeSeparators(file));
    a->setData(file);
  }
  if (files.isEmpty()) recentMenu_->addAction(tr("No recent files"))->setEnabled(false);
  recentMenu_->addSeparator();
  QAction* clear = recentMenu_->addAction(tr("&Clear List"), this, [] { QSettings().remove("recentFiles"); });
  clear->setEnabled(!files.isEmpty());
}

}  // namespace normlab
