// The classroom side of the main window: the Lessons tab (start page) and menu, the lesson banner
// over the charts, the Learn menu of explainers, and Run > Recompute population statistics.
#include <QAction>
#include <QCoreApplication>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/window/control_panel.h"
#include "core/classroom/lesson.h"
#include "ui/window/experiment_builder.h"
#include "ui/classroom/lessons_page.h"
#include "ui/classroom/norm_axes_explainer.h"
#include "ui/window/config_summary.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_from_config.h"

namespace normlab {

namespace {
bool hasBatchNorm(const Snapshot& s) {
  for (const RunRecord& run : s.runs)
    for (const NormPlacement& p : run.norms)
      if (p.kind == NormKind::Batch) return true;
  return false;
}
}  // namespace

// Built-in lessons in the window's language; a broken built-in lesson (a test keeps that from
// shipping) leaves the menu empty.
static std::vector<Lesson> loadBuiltInLessons(QString* error) {
  try {
    std::vector<Lesson> list = lessons();
    const std::string language = QLocale().name().section('_', 0, 0).toStdString();
    for (Lesson& l : list) static_cast<LessonInfo&>(l) = inLanguage(l, language);
    return list;
  } catch (const std::exception& e) {
    *error = QString::fromUtf8(e.what());
    return {};
  }
}

void MainWindow::buildLessonUi() {
  QString error;
  lessonsPage_ = new LessonsPage(loadBuiltInLessons(&error), tabs_);
  lessonsTab_ = tabs_->addTab(lessonsPage_, QCoreApplication::translate("ChartTabs", "Lessons"));
  tabs_->setTabToolTip(lessonsTab_, tr("Ready-made comparisons that each teach one thing, and the explainers."));
  connect(lessonsPage_, &LessonsPage::lessonChosen, this, &MainWindow::openLesson);
  connect(lessonsPage_, &LessonsPage::explainerChosen, this, &MainWindow::openExplainer);
  connect(lessonBanner_, &LessonBanner::showChart, this, &MainWindow::showTab);
  connect(lessonBanner_, &LessonBanner::openExplainer, this, &MainWindow::openExplainer);
  if (!error.isEmpty()) showBanner(tr("The built-in lessons could not be read: %1").arg(error), true);

  QMenu* lessonsMenu = menuBar()->addMenu(tr("&Lessons"));
  const std::vector<Lesson>& list = lessonsPage_->lessonList();
  for (int i = 0; i < int(list.size()); ++i) {
    const Lesson& l = list[std::size_t(i)];
    // A "&" in a title is shown, not taken as a mnemonic.
    QAction* a = lessonsMenu->addAction(QString("&%1  %2").arg(l.number).arg(QString::fromStdString(l.title).replace("&", "&&")),
                                        this, [this, i] { openLesson(i); });
    a->setToolTip(QString::fromStdString(l.text));
  }
  lessonsMenu->addSeparator();
  lessonsMenu->addAction(tr("All lessons (start page)"), this, [this] { tabs_->setCurrentIndex(lessonsTab_); });

  QMenu* learn = menuBar()->addMenu(tr("L&earn"));
  for (ExplainerKind kind : {ExplainerKind::BatchNorm, ExplainerKind::Dropout, ExplainerKind::NormAxes})
    learn->addAction(explainerTitle(kind) + "…", this, [this, kind] { openExplainer(kind); });

  recomputeAct_ = new QAction(tr("Recompute &Population Statistics"), this);
  recomputeAct_->setToolTip(tr(
      "Batch norm: replace each run's running mean and variance (a moving average of recent batches) by their "
      "average over 4,096 training images, as PyTorch's update_bn does, and show eval-mode test accuracy before "
      "and after on the Batch norm tab."));
  recomputeAct_->setEnabled(false);
  connect(recomputeAct_, &QAction::triggered, this, &MainWindow::recomputePopulationStatistics);
}

void MainWindow::closeLesson() {
  lessonBanner_->hideLesson();
  lessonTitle_.clear();
  lessonConfigInControls_ = true;
  updateWindowTitle();
}

void MainWindow::openLesson(int index) {
  const std::vector<Lesson>& list = lessonsPage_->lessonList();
  if (index < 0 || index >= int(list.size())) return;
  if (!maybeSaveResults(tr("opening a lesson", "Save them before %1?"))) return;
  const Lesson& lesson = list[std::size_t(index)];
  lessonTitle_ = tr("Lesson %1: %2").arg(lesson.number).arg(QString::fromStdString(lesson.title));
  // The panel shows the lesson's settings when it can express them (one seed, a preset, the
  // arms it offers; names aside: the lesson's arm labels and name stay, the panel builds the same
  // runs); otherwise it shows a read-only summary of the lesson's runs, never stale settings.
  bool inControls = false;
  if (const std::optional<ControlSettings> s = settingsForRuns(lesson.config, controls_->settings())) {
    controls_->setSettings(*s);
    try {
      inControls = sameRuns(buildExperiment(controls_->settings()), lesson.config);
    } catch (const std::exception&) {
    }
  }
  if (inControls)
    controls_->showSettings();
  else
    controls_->showSummary(lessonTitle_, summarizeConfig(lesson.config));
  startExperiment(lesson.config, false);
  lessonConfigInControls_ = inControls;
  lessonBanner_->showLesson(lesson);
  lessonBanner_->setNote(QString());  // the side panel itself shows the lesson's settings or runs
  showTab(QString::fromStdString(lesson.watch));
  updateWindowTitle();
}

void MainWindow::showTab(const QString& title) {
  for (int i = 0; i < int(views_.size()); ++i)
    if (views_[i].title == title) tabs_->setCurrentIndex(i);
}

void MainWindow::openExplainer(ExplainerKind kind) {
  QWidget* window = openExplainerWindow(kind, this, presentation_);
  if (kind == ExplainerKind::NormAxes) {
    liveAxes_ = window->findChild<NormAxesExplainer*>();
    liveBlockClock_.invalidate();
    feedLiveBlock();
  }
}

NormAxesExplainer* MainWindow::liveAxesExplainer() const { return liveAxes_.data(); }

// The normalization-axes explainer shows the current batch while an experiment is on show: the
// corner of it that the first norm position of the first run sees (captured at every probe),
// refreshed about once a second so a clicked value's statistics stay readable.
void MainWindow::feedLiveBlock() {
  if (!liveAxes_ || !liveAxes_->isVisible() || !last_) return;
  if (liveBlockClock_.isValid() && liveBlockClock_.elapsed() < 1000) return;
  for (const RunRecord& run : last_->runs) {
    if (run.probes.empty() || run.probes.back()->block.empty()) continue;
    const ProbeRecord& p = *run.probes.back();
    if (p.step == liveBlockStep_ && run.label == liveBlockRun_) return;  // nothing new
    liveBlockStep_ = p.step;
    liveBlockRun_ = run.label;
    liveBlockClock_.restart();
    liveAxes_->setActivations(p.blockN, p.blockC, p.blockH, p.blockW, p.block,
                              tr("Live: %1 output in run %2 at step %3 (the first %4 images and %5 channels of "
                                      "its batch, the centre %6 × %7), what its first norm normalizes.")
                                  .arg(QString::fromStdString(p.blockLayer), QString::fromStdString(run.label))
                                  .arg(p.step)
                                  .arg(p.blockN)
                                  .arg(p.blockC)
                                  .arg(p.blockH)
                                  .arg(p.blockW));
    return;
  }
}

void MainWindow::recomputePopulationStatistics() {
  if (!last_ || !hasBatchNorm(*last_) || !runnerOwnsView_) return;
  runner_->recomputePopulationStatistics();
  showTab("Batch norm");
  statusBar()->showMessage(tr("Recomputing population statistics…"), 3000);
}

void MainWindow::updateLessonActions() {
  const bool live = last_ && runnerOwnsView_ &&
                    (last_->state == RunnerState::Running || last_->state == RunnerState::Paused ||
                     last_->state == RunnerState::Finished);
  recomputeAct_->setEnabled(live && hasBatchNorm(*last_));
}

}  // namespace normlab
