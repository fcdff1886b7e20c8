#include "ui/window/main_window.h"
#include "ui/window/presentation_style.h"

#include "ui/images/qt_image_decoder.h"

#include <QCoreApplication>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "ui/views/arm_palette.h"
#include "ui/window/fit_scroll_area.h"
#include "ui/window/control_panel.h"
#include "core/base/error.h"
#include "ui/window/experiment_builder.h"
#include "ui/classroom/lessons_page.h"
#include "ui/window/help_guide.h"
#include "ui/window/load_progress_bar.h"
#include "ui/window/language.h"
#include "ui/window/norm_note.h"
#include "ui/window/progress_text.h"
#include "ui/views/paced_chart_painter.h"
#include "ui/window/settings_from_config.h"
#include "ui/window/speed_summary.h"
#include "ui/window/stall_monitor.h"
#include "ui/window/steady_label.h"

namespace normlab {

namespace {

constexpr int kPullIntervalMs = 33;  // about 30 snapshots a second
constexpr double kPresentationFontScale = 1.6;

// The Start action's tips: starting afresh, or continuing an opened file.
constexpr const char* kStartTip = QT_TRANSLATE_NOOP("normlab::MainWindow", "Start training every arm side by side on the same images (Space starts and pauses).");
constexpr const char* kContinueTip = QT_TRANSLATE_NOOP("normlab::MainWindow",
    "Continue training the opened experiment from where it was saved: the curves go on exactly as one longer "
    "run's would (Space).");

}  // namespace

MainWindow::MainWindow(QWidget* parent, int threads)
    : QMainWindow(parent), runner_(std::make_unique<ExperimentRunner>(threads)) {
  if (!hasImageDecoder()) installQtImageDecoder();  // image-folder datasets (also in tests)
  setWindowTitle("NormLab");
  setObjectName("NormLabMainWindow");
  normalFont_ = font();

  // Side panel (it scrolls its own settings, below a lock note that stays in view)
  controls_ = new ControlPanel;
  dock_ = new QDockWidget(tr("Experiment"), this);
  dock_->setObjectName("ExperimentDock");
  dock_->setFeatures(QDockWidget::DockWidgetMovable);
  dock_->setWidget(controls_);
  addDockWidget(Qt::LeftDockWidgetArea, dock_);

  // Centre: banner over the chart tabs
  auto* centre = new QWidget;
  auto* layout = new QVBoxLayout(centre);
  layout->setContentsMargins(4, 4, 4, 0);
  banner_ = new QLabel;
  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->hide();
  layout->addWidget(banner_);
  loadBar_ = new LoadProgressBar;
  connect(loadBar_, &LoadProgressBar::cancelled, this, &MainWindow::resetExperiment);
  layout->addWidget(loadBar_);
  lessonBanner_ = new LessonBanner;
  connect(lessonBanner_, &LessonBanner::closed, this, &MainWindow::closeLesson);
  layout->addWidget(lessonBanner_);
  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  views_ = createChartViews(tabs_);
  // Each view sits in a scroll area, so a small screen (1024 x 768 projector) scrolls a view
  // whose charts need more room instead of pushing the window off the screen.
  for (const NamedView& v : views_) {
    auto* page = new FitScrollArea;
    page->setPage(v.view);
    tabs_->addTab(page, QCoreApplication::translate("ChartTabs", v.title.toUtf8()).replace("&", "&&"));  // "&" would be a mnemonic
  }
  shownVersion_.assign(std::size_t(views_.size()), ~std::uint64_t(0));
  for (const NamedView& v : views_) {
    connect(v.view, &SnapshotView::armClicked, this, &MainWindow::toggleArmHighlight);
    connect(v.view, &SnapshotView::showAllArmsClicked, this, &MainWindow::showAllArms);
    connect(v.view, &SnapshotView::armMenuRequested, this, [this](int arm, const QPoint& at) {
      QMenu* menu = createArmMenu(arm, this);
      menu->setAttribute(Qt::WA_DeleteOnClose);
      menu->popup(at);
    });
  }
  layout->addWidget(tabs_, 1);
  setCentralWidget(centre);
  connect(tabs_, &QTabWidget::currentChanged, this, [this] { showCurrentView(true); });

  // Status bar
  stateLabel_ = new SteadyLabel;
  stepLabel_ = new SteadyLabel;
  speedLabel_ = new SteadyLabel;
  divergedLabel_ = new QLabel;
  divergedLabel_->setStyleSheet("color: #B00020; font-weight: bold;");
  stateLabel_->setToolTip(tr("What the trainer is doing: ready, loading the data, running, paused, finished or failed."));
  speedLabel_->setToolTip(tr("Training speed in images per second."));
  divergedLabel_->setToolTip(tr("Arms whose loss became infinite or NaN: the learning rate was too large for them; and runs that stopped on an error (e.g. out of memory) while the others went on."));
  statusBar()->addWidget(stateLabel_);
  statusBar()->addWidget(stepLabel_);
  statusBar()->addWidget(speedLabel_, 1);
  statusBar()->addPermanentWidget(divergedLabel_);

  buildToolBar();
  buildMenus();
  addChartMenus();
  updateWindowTitle();

  // A rate typed while training applies when it is complete (Enter, or leaving the field), not at
  // every keystroke: each change is recorded and marked on the charts.
  controls_->learningRateBox()->setKeyboardTracking(false);
  connect(controls_, &ControlPanel::learningRateChanged, this, [this](double lr) {
    if (last_ && (last_->state == RunnerState::Running || last_->state == RunnerState::Paused)) {
      runner_->setLearningRate(lr);
      notice_ = tr("Learning rate %1 from the next step, for every arm (arms with rates of their own keep "
                        "their ratio); marked on the charts.").arg(lr);
      noticeError_ = false;
    }
  });
  connect(controls_, &ControlPanel::settingsChanged, this, [this] {
    if (!localError_.isEmpty()) {
      localError_.clear();
      hideBanner();
    }
    if (std::exchange(continueOffered_, false)) updateActions(last_ ? last_->state : RunnerState::Idle);
    applyPanelLive();
  });

  // Restore settings and geometry
  QSettings store;
  controls_->loadFrom(store);
  const int speedIndex = store.value("speedIndex", 0).toInt();
  if (speedIndex >= 0 && speedIndex < speed_->count()) speed_->setCurrentIndex(speedIndex);
  if (!restoreGeometry(store.value("window/geometry").toByteArray())) resize(1366, 820);
  // Never larger than the screen's free area (a school laptop's 1280x720, or a geometry saved on
  // a bigger screen): not every desktop clamps a window that asks for more.
  if (const QScreen* s = screen()) resize(size().boundedTo(s->availableGeometry().size()));
  // A first start: the side panel as narrow as it can be without cutting a label, not as wide as
  // its longest text would like (a translation's longer words would squeeze the charts).
  if (!restoreState(store.value("window/state").toByteArray()))
    resizeDocks({dock_}, {std::max(controls_->minimumWidth(), controls_->minimumSizeHint().width())}, Qt::Horizontal);
  const int tab = store.value("window/tab", 0).toInt();
  if (tab >= 0 && tab < tabs_->count()) tabs_->setCurrentIndex(tab);

  setAcceptDrops(true);  // .normlab files (main_window_files.cpp)
  stall_ = new StallMonitor(this);
  painter_ = new PacedChartPainter(this);
  warmTimer_ = new QTimer(this);
  warmTimer_->setSingleShot(true);
  warmTimer_->setInterval(150);  // between two tabs: room for input, drawing and training
  connect(warmTimer_, &QTimer::timeout, this, &MainWindow::warmNextHiddenView);
  buildTimer_ = new QTimer(this);
  buildTimer_->setSingleShot(true);
  buildTimer_->setInterval(1);  // input, training snapshots and painting run between two slices
  connect(buildTimer_, &QTimer::timeout, this, &MainWindow::continueBuilds);
  pullTimer_ = new QTimer(this);
  pullTimer_->setInterval(kPullIntervalMs);
  connect(pullTimer_, &QTimer::timeout, this, &MainWindow::pullSnapshot);
  pullTimer_->start();
  sincePacing_.start();
  pullSnapshot();
}

MainWindow::~MainWindow() {
  pullTimer_->stop();
  runner_.reset();  // stops and joins the worker before the views go
}

void MainWindow::buildToolBar() {
  toolBar_ = addToolBar(tr("Run"));
  toolBar_->setObjectName("RunToolBar");
  toolBar_->setMovable(false);
  toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  startAct_ = toolBar_->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"));
  startAct_->setToolTip(tr(kStartTip));
  connect(startAct_, &QAction::triggered, this, &MainWindow::startOrResume);
  pauseAct_ = toolBar_->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
  pauseAct_->setToolTip(tr("Pause training at the end of the current step; the charts stay (Space)."));
  connect(pauseAct_, &QAction::triggered, this, &MainWindow::pause);
  stepAct_ = toolBar_->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
  stepAct_->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_S)});
  stepAct_->setToolTip(tr("Train every arm on exactly one more mini-batch, then pause (Right arrow or S)."));
  connect(stepAct_, &QAction::triggered, this, &MainWindow::stepOnce);
  resetAct_ = toolBar_->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"));
  resetAct_->setShortcut(QKeySequence(Qt::Key_R));
  resetAct_->setToolTip(tr("Discard the current run so the settings can be changed and training starts afresh (R); unsaved results are offered for saving first."));
  connect(resetAct_, &QAction::triggered, this, &MainWindow::resetExperiment);
  toolBar_->addSeparator();

  auto* speedLabel = new QLabel(tr(" Speed "));
  speed_ = new QComboBox;
  speed_->addItem(tr("Maximum"), 0.0);
  for (double v : {100.0, 30.0, 10.0, 3.0, 1.0, 0.5})
    speed_->addItem(tr("%1 steps/s").arg(v), v);
  speed_->setToolTip(tr("How fast training runs, in mini-batches per second for each arm: slow it down to watch the "
                     "charts change step by step, or let it run at full speed."));
  speedLabel->setToolTip(speed_->toolTip());
  speedLabelAct_ = toolBar_->addWidget(speedLabel);
  speedAct_ = toolBar_->addWidget(speed_);
  connect(speed_, &QComboBox::currentIndexChanged, this, &MainWindow::applySpeed);

  auto* spacer = new QWidget;
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  toolBar_->addWidget(spacer);
  presentAct_ = new QAction(style()->standardIcon(QStyle::SP_TitleBarMaxButton), tr("Presentation"), this);
  presentAct_->setCheckable(true);
  presentAct_->setShortcut(QKeySequence(Qt::Key_F11));
  presentAct_->setToolTip(tr("Full screen with large text and thick lines for a projector; the side panel and menus "
                          "hide, the run controls stay (F11 to leave)."));
  connect(presentAct_, &QAction::toggled, this, &MainWindow::setPresentationMode);
  toolBar_->addAction(presentAct_);

  auto* playToggle = new QAction(tr("Start or pause"), this);
  playToggle->setShortcut(QKeySequence(Qt::Key_Space));
  connect(playToggle, &QAction::triggered, this, &MainWindow::togglePlay);
  addAction(playToggle);
  for (QAction* a : {startAct_, pauseAct_, stepAct_, resetAct_, presentAct_}) addAction(a);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  buildFileMenu(file);
  // Ctrl+Q itself: QKeySequence::Quit is empty on platforms whose key scheme leaves quitting to
  // the window manager, and the menu would then show no key.
  QAction* quit = file->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), this, &QWidget::close);
  quit->setToolTip(tr("Close NormLab; settings and the window layout are kept for next time."));
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  for (QAction* a : {startAct_, pauseAct_, stepAct_, resetAct_}) run->addAction(a);
  run->addSeparator();
  run->addAction(runAgainAct_);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(presentAct_);
  view->addMenu(buildLanguageMenu(this));
  buildLessonUi();  // the Lessons tab, the Lessons and Learn menus, Recompute population statistics
  run->addSeparator();
  run->addAction(recomputeAct_);
  buildArmUi(run);
  // Space (start or pause) is a window action; listed in the Run menu so its key shows there.
  for (QAction* a : actions())
    if (a->shortcut() == QKeySequence(Qt::Key_Space)) run->insertAction(startAct_, a);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* guide = help->addAction(tr("&Guide"), QKeySequence::HelpContents, this, [this] { showHelpGuide(this, tabs_); });
  guide->setToolTip(tr("What each tab shows and how to read it, and the keyboard shortcuts (F1)."));
  addAction(guide);  // F1 also in presentation mode, where the menu bar is hidden
  help->addSeparator();
  help->addAction(tr("&About NormLab"), this, &MainWindow::about);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::about() {
  const QString version = QApplication::applicationVersion().isEmpty() ? "0.1.0" : QApplication::applicationVersion();
  QMessageBox::about(
      this, tr("About NormLab"),
      tr("<h2>NormLab %1</h2>"
              "<p>Trains small convolutional networks live on the CPU and shows, layer by layer, what "
              "normalization does to them.</p>"
              "<p>Qt %2<br>Eigen %3.%4.%5</p>")
          .arg(version, qVersion())
          .arg(EIGEN_WORLD_VERSION)
          .arg(EIGEN_MAJOR_VERSION)
          .arg(EIGEN_MINOR_VERSION));
}

void MainWindow::applySpeed() {
  // The runner counts steps of its lockstep scheduler (one arm, one mini-batch); the control
  // speaks of mini-batches per arm.
  const double perArm = speed_->currentData().toDouble();
  const int runs = last_ && !last_->runs.empty() ? int(last_->runs.size()) : 1;
  runner_->setStepsPerSecond(perArm * runs);
}

void MainWindow::startOrResume() {
  const RunnerState state = last_ ? last_->state : RunnerState::Idle;
  if (state == RunnerState::Paused) {
    runner_->resume();
    return;
  }
  if (state == RunnerState::Running || state == RunnerState::Loading) return;
  if (canContinueOpened()) {
    continueOpenedExperiment();
    return;
  }
  if (!maybeSaveResults(tr("starting a new run", "Save them before %1?"))) return;  // a new run replaces the finished one
  try {
    // A panel that shows a summary of the runs on show (a lesson beyond its settings) repeats them.
    ExperimentConfig config = controls_->showsSummary() && config_ ? *config_ : buildExperiment(controls_->settings());
    // The panel's own settings end a lesson, unless they train the lesson's runs: then the lesson
    // runs again as written (its name and arm labels).
    if (!lessonTitle_.isEmpty() && config_ && sameRuns(config, *config_))
      config = *config_;
    else if (!lessonTitle_.isEmpty())
      closeLesson();
    startExperiment(std::move(config), false);
  } catch (const std::exception& e) {
    localError_ = QString::fromUtf8(e.what());
    showBanner(tr("Cannot start: %1").arg(localError_), true);
  }
}

void MainWindow::pause() { runner_->pause(); }

void MainWindow::togglePlay() {
  const RunnerState state = last_ ? last_->state : RunnerState::Idle;
  if (state == RunnerState::Running || state == RunnerState::Loading)
    pause();
  else
    startOrResume();
}

void MainWindow::stepOnce() {
  const RunnerState state = last_ ? last_->state : RunnerState::Idle;
  if (state == RunnerState::Finished) return;
  if (state == RunnerState::Running || state == RunnerState::Loading) {
    runner_->pause();
    runner_->step();
    return;
  }
  if (state == RunnerState::Paused) {
    runner_->step();
    return;
  }
  try {  // Idle or Failed: build the experiment paused, then step once
    startExperiment(controls_->showsSummary() && config_ ? *config_ : buildExperiment(controls_->settings()), true);
    runner_->step();
  } catch (const std::exception& e) {
    localError_ = QString::fromUtf8(e.what());
    showBanner(tr("Cannot start: %1").arg(localError_), true);
  }
}

void MainWindow::startExperiment(ExperimentConfig config, bool paused, const ExperimentResults* from,
                                 std::int64_t moreSteps) {
  const double perArm = speed_->currentData().toDouble();
  runner_->setStepsPerSecond(perArm * double(config.arms.size() * config.seeds.size()));
  localError_.clear();
  hideBanner();
  normNote_ = normNoteForWindow(config);
  controls_->setLocked(true);
  startLiveArms(config);
  stall_->reset();
  warmAfterStart_ = true;
  // New results: they belong to no file yet, and the charts follow the runner again.
  config_ = config;
  opened_.reset();
  runnerOwnsView_ = true;
  filePath_.clear();
  lastVersion_ = ~std::uint64_t(0);
  if (from) runner_->continueFrom(*from, moreSteps, paused);
  else runner_->start(std::move(config), paused);
  updateWindowTitle();
}

void MainWindow::resetExperiment() {
  if (!maybeSaveResults(tr("resetting", "Save them before %1?"))) return;
  runner_->reset();
  localError_.clear();
  normNote_.clear();
  hideBanner();
  controls_->setLocked(false);
  startLiveArms(ExperimentConfig{});
  if (!runnerOwnsView_) {  // an opened file is put away like a finished run
    opened_.reset();
    runnerOwnsView_ = true;
    openedConfigInControls_ = true;
    lastVersion_ = ~std::uint64_t(0);
  }
  filePath_.clear();
  updateWindowTitle();
}

void MainWindow::pullSnapshot() {
  if (sincePacing_.isValid() && sincePacing_.elapsed() >= 1000) {
    drawNs_ += painter_->takePaintedNs();
    const double busy = double(drawNs_) / double(sincePacing_.nsecsElapsed());
    if (busy > 0.10)
      viewIntervalMs_ = std::min(200, viewIntervalMs_ * 3 / 2);
    else if (busy < 0.04)
      viewIntervalMs_ = std::max(kPullIntervalMs, viewIntervalMs_ * 2 / 3);
    drawNs_ = 0;
    sincePacing_.restart();
  }
  std::shared_ptr<const Snapshot> s = runner_->snapshot();
  if (!runnerOwnsView_ || !s || (last_ && s->version == lastVersion_)) {
    showCurrentView(false);  // a redraw held back by pacing
    return;
  }
  const bool runsChanged = !last_ || last_->runs.size() != s->runs.size();
  QElapsedTimer release;
  release.start();
  last_ = s;  // frees the previous snapshot (histories and probes) on this thread
  if (traceSlowFrames_ && release.nsecsElapsed() > slowFrameNs_)
    std::fprintf(stderr, "normlab: slow frame: releasing a snapshot took %.1f ms\n", release.nsecsElapsed() / 1e6);
  lastVersion_ = s->version;
  noteArmCommands(*s);
  refreshViewSnapshot(false);
  updateTimeline(*s);
  if (runsChanged) applySpeed();
  updateActions(s->state);
  updateStatus(*s);
  const bool images = config_ && config_->data.name == "images";
  loadBar_->showProgress(*s, images);
  if (s->state == RunnerState::Failed && images) controls_->offerSkipBadImages();
  const bool active = s->state == RunnerState::Loading || s->state == RunnerState::Running || s->state == RunnerState::Paused;
  controls_->setLocked(active);
  if (s->state == RunnerState::Failed)
    showBanner(tr("Training failed: %1").arg(QString::fromStdString(s->error)), true);
  else if (!s->warning.empty() || !notice_.isEmpty() || (!normNote_.isEmpty() && localError_.isEmpty())) {
    // The data fallback and the norms a position cannot take are both worth a teacher's eye.
    QStringList notes;
    if (!notice_.isEmpty()) notes << notice_;
    if (!s->warning.empty()) notes << QString::fromStdString(s->warning);
    if (!normNote_.isEmpty()) notes << normNote_;
    showBanner(notes.join("\n"), noticeError_);
  } else if (localError_.isEmpty())
    hideBanner();
  showCurrentView(false);
  if (warmAfterStart_ && s->state == RunnerState::Running && !s->runs.empty()) {
    warmAfterStart_ = false;
    warmQueue_.clear();
    for (int k = 0; k < int(views_.size()); ++k)
      if (k != tabs_->currentIndex()) warmQueue_.push_back(k);
    warmTimer_->start();
  }
  feedLiveBlock();
  updateFileActions();
  updateWindowTitle();
}

void MainWindow::toggleArmHighlight(int arm) {
  QSet<int> arms = highlightedArms_;
  if (!arms.remove(arm)) arms.insert(arm);
  setHighlightedArms(arms);
}

void MainWindow::showAllArms() { setHighlightedArms({}); }

void MainWindow::setHighlightedArms(const QSet<int>& arms) {
  highlightedArms_ = arms;
  if (last_) {
    highlightRuns_.clear();
    for (const RunRecord& r : last_->runs) highlightRuns_ += QString::number(r.arm) + QString::fromStdString(r.label) + ";";
  }
  for (const NamedView& v : views_) v.view->setHighlightedArms(arms);
}

// A highlight belongs to the arms it was made for: another experiment starts with every arm alike.
void MainWindow::forgetHighlightOfOtherRuns() {
  if (highlightedArms_.isEmpty() || !last_) return;
  QString runs;
  for (const RunRecord& r : last_->runs) runs += QString::number(r.arm) + QString::fromStdString(r.label) + ";";
  if (runs != highlightRuns_) setHighlightedArms({});
}

void MainWindow::showCurrentView(bool force) {
  const int i = tabs_->currentIndex();
  if (i < 0 || i >= int(views_.size()) || !last_) return;
  if (!view_) view_ = last_;
  forgetHighlightOfOtherRuns();
  if (!force && shownVersion_[std::size_t(i)] == last_->version) return;
  // Pacing applies while training runs; a state change (pause, step, finish) shows at once.
  if (!force && last_->state == RunnerState::Running && sinceViewUpdate_.isValid() &&
      sinceViewUpdate_.elapsed() < viewIntervalMs_)
    return;
  sinceViewUpdate_.restart();
  shownVersion_[std::size_t(i)] = last_->version;
  QElapsedTimer clock;
  clock.start();
  views_[i].view->showSnapshot(*view_);
  if (views_[i].view->building()) buildTimer_->start();
  addChartMenus();  // views may create their charts on their first snapshot
  // While training runs, the tab's charts repaint one per tick (no long stall); a whole tab
  // shown anew (another tab, presentation mode, arms shown or hidden) is painted in turns once.
  if (last_->state == RunnerState::Running)
    painter_->paintInTurns(views_[i].view->chartViews());
  else if (force)
    painter_->paintInTurnsOnce(views_[i].view->chartViews());
  else
    painter_->release();
  const qint64 ns = clock.nsecsElapsed();
  drawNs_ += ns;
  if (traceSlowFrames_ && ns > slowFrameNs_)
    std::fprintf(stderr, "normlab: slow frame: %s showSnapshot took %.1f ms\n", qPrintable(views_[i].title), ns / 1e6);
}

void MainWindow::warmNextHiddenView() {
  if (!last_ || last_->state != RunnerState::Running) {
    warmQueue_.clear();  // paused, finished or replaced: a visit builds the charts as usual
    return;
  }
  while (!warmQueue_.empty()) {
    const int k = warmQueue_.front();
    warmQueue_.erase(warmQueue_.begin());
    if (k == tabs_->currentIndex() || shownVersion_[std::size_t(k)] == last_->version) continue;
    QElapsedTimer clock;
    clock.start();
    views_[k].view->showSnapshot(view_ ? *view_ : *last_);
    shownVersion_[std::size_t(k)] = last_->version;
    if (views_[k].view->building()) buildTimer_->start();
    addChartMenus();
    const qint64 ns = clock.nsecsElapsed();
    drawNs_ += ns;
    if (traceSlowFrames_ && ns > slowFrameNs_)
      std::fprintf(stderr, "normlab: slow frame: %s built in the background in %.1f ms\n", qPrintable(views_[k].title),
                   ns / 1e6);
    break;
  }
  if (!warmQueue_.empty()) warmTimer_->start();
}

void MainWindow::continueBuilds() {
  // A finished build's first drawing is a turn of its own: after the last slice it made one
  // event of up to 17 ms with 24 runs.
  if (const int k = std::exchange(drawAfterBuild_, -1); k >= 0 && k < int(views_.size()) && last_) {
    QElapsedTimer clock;
    clock.start();
    if (k == tabs_->currentIndex())
      showCurrentView(true);
    else
      views_[k].view->showSnapshot(view_ ? *view_ : *last_);
    const qint64 ns = clock.nsecsElapsed();
    drawNs_ += ns;
    if (traceSlowFrames_ && ns > slowFrameNs_)
      std::fprintf(stderr, "normlab: slow frame: drawing the built %s took %.1f ms\n", qPrintable(views_[k].title),
                   ns / 1e6);
    buildTimer_->start();
    return;
  }
  const int current = tabs_->currentIndex();
  std::vector<int> order{current};
  for (int k = 0; k < int(views_.size()); ++k)
    if (k != current) order.push_back(k);
  for (int k : order) {
    if (k < 0 || k >= int(views_.size()) || !views_[k].view->building()) continue;
    QElapsedTimer clock;
    clock.start();
    if (!views_[k].view->buildMore()) drawAfterBuild_ = k;
    const qint64 ns = clock.nsecsElapsed();
    drawNs_ += ns;
    if (traceSlowFrames_ && ns > slowFrameNs_)
      std::fprintf(stderr, "normlab: slow frame: a slice of %s took %.1f ms\n", qPrintable(views_[k].title), ns / 1e6);
    buildTimer_->start();
    return;
  }
}

// Painting happens when the window handles its update request: timed for the redraw pacing.
bool MainWindow::event(QEvent* event) {
  if (event->type() != QEvent::UpdateRequest) return QMainWindow::event(event);
  QElapsedTimer clock;
  clock.start();
  const bool handled = QMainWindow::event(event);
  const qint64 ns = clock.nsecsElapsed();
  drawNs_ += ns;
  if (traceSlowFrames_ && ns > slowFrameNs_)
    std::fprintf(stderr, "normlab: slow frame: painting (tab %s) took %.1f ms\n",
                 qPrintable(tabs_->tabText(tabs_->currentIndex())), ns / 1e6);
  return handled;
}

void MainWindow::updateActions(RunnerState state) {
  const bool running = state == RunnerState::Running || state == RunnerState::Loading;
  const bool continues = state != RunnerState::Paused && canContinueOpened();
  startAct_->setText(state == RunnerState::Paused ? tr("Resume") : continues ? tr("Continue") : tr("Start"));
  startAct_->setToolTip(tr(continues ? kContinueTip : kStartTip));
  startAct_->setEnabled(!running);
  pauseAct_->setEnabled(running);
  stepAct_->setEnabled(state != RunnerState::Finished);
  resetAct_->setEnabled(state != RunnerState::Idle);
  updateLessonActions();
}

void MainWindow::updateStatus(const Snapshot& s) {
  QString state;
  switch (s.state) {
    case RunnerState::Idle: state = tr("Ready: press Start (Space)"); break;
    case RunnerState::Loading: state = tr("Loading data…"); break;
    case RunnerState::Running: state = tr("Running"); break;
    case RunnerState::Paused: state = tr("Paused: Step (→) trains one mini-batch"); break;
    case RunnerState::Finished: state = tr("Finished"); break;
    case RunnerState::Failed: state = tr("Failed"); break;
  }
  if (!runnerOwnsView_) state = tr("Opened %1").arg(QFileInfo(filePath_).fileName().toHtmlEscaped());
  stateLabel_->setSteadyText("<b>" + state + "</b>");
  if (s.runs.empty()) {
    stepLabel_->setSteadyText(QString());
    speedLabel_->setSteadyText(QString());
    divergedLabel_->clear();
    return;
  }
  const ProgressText progress = progressText(s, presentation_);  // large text: the essentials only
  stepLabel_->setSteadyText(progress.text);
  if (stepLabel_->toolTip() != progress.toolTip) stepLabel_->setToolTip(progress.toolTip);
  const bool severalSeeds = std::any_of(s.runs.begin(), s.runs.end(), [](const RunRecord& r) { return r.seedIndex > 0; });
  QStringList diverged;
  for (const RunRecord& r : s.runs) {
    if (r.diverged) diverged << tr("%1 diverged at step %2").arg(runLabel(r, severalSeeds)).arg(r.divergedAtStep);
    if (r.failed) diverged << tr("%1 failed (%2)").arg(runLabel(r, severalSeeds), QString::fromStdString(r.failure).left(100));
  }
  const SpeedSummary speed = summarizeSpeeds(s);
  speedLabel_->setSteadyText(speed.text);
  if (speedLabel_->toolTip() != speed.tooltip) speedLabel_->setToolTip(speed.tooltip);
  divergedLabel_->setText(diverged.join("; "));
}

QString MainWindow::statusText() const {
  auto plain = [](const QLabel* l) {
    QString t = l->text();
    t.remove(QRegularExpression("<[^>]*>"));
    t.replace("&nbsp;", " ");
    return t;
  };
  return QStringList{plain(stateLabel_), plain(stepLabel_), plain(speedLabel_), plain(divergedLabel_)}.join(" | ");
}

void MainWindow::showBanner(const QString& text, bool error) {
  // Called with every snapshot: a style sheet set again repolishes the banner and lays out the
  // window again (the most costly part of a frame), so an unchanged banner is left alone.
  if (!banner_->isHidden() && banner_->text() == text && bannerIsError_ == error) return;
  bannerIsError_ = error;
  banner_->setText(text);
  banner_->setStyleSheet(error ? "background: #FDE7EA; color: #7A0010; border: 1px solid #B00020; padding: 8px; "
                                 "border-radius: 4px; font-weight: bold;"
                               : "background: #FFF4CC; color: #5C4400; border: 1px solid #E69F00; padding: 8px; "
                                 "border-radius: 4px;");
  banner_->show();
}

void MainWindow::hideBanner() {
  banner_->hide();
  banner_->clear();
}

QString MainWindow::bannerText() const { return banner_->text(); }
bool MainWindow::bannerVisible() const { return !banner_->isHidden(); }

void MainWindow::setPresentationMode(bool on) {
  if (on == presentation_) return;
  presentation_ = on;
  presentAct_->setChecked(on);
  if (on) {
    wasMaximized_ = isMaximized();
    normalGeometry_ = geometry();
    normalFont_ = font();
    normalAppFont_ = QApplication::font();
    // Indicators first: the font change below makes every control measure itself again.
    PresentationStyle::instance()->setScale(kPresentationFontScale);
    QFont big = normalFont_;
    big.setPointSizeF(normalFont_.pointSizeF() * kPresentationFontScale);
    setFont(big);
    // Dialogs are windows of their own and take the application's font: message boxes, the
    // export dialog and Qt's file dialogs are then as large as the rest.
    QFont bigApp = normalAppFont_;
    bigApp.setPointSizeF(normalAppFont_.pointSizeF() * kPresentationFontScale);
    QApplication::setFont(bigApp);
    toolBar_->setIconSize(toolBar_->iconSize() * kPresentationFontScale);
  } else {
    PresentationStyle::instance()->setScale(1);
    QApplication::setFont(normalAppFont_);
    setFont(normalFont_);
    toolBar_->setIconSize(toolBar_->iconSize() / kPresentationFontScale);
  }
  // Labels with a style sheet do not follow the window's font.
  for (QLabel* label : {banner_, divergedLabel_}) label->setFont(font());
  dock_->setVisible(!on);
  menuBar()->setVisible(!on);
  exportChartAct_->setVisible(!on);  // Reset and Speed stay: a class may want to rerun or slow down
  speedLabel_->setVisible(!on);  // per-arm images/s does not fit in large text
  for (SteadyLabel* label : {stateLabel_, stepLabel_, speedLabel_}) label->resetSize();
  if (last_) updateStatus(*last_);
  for (const NamedView& v : views_) v.view->setPresentationMode(on);
  lessonsPage_->setPresentationMode(on);
  lessonBanner_->setPresentationMode(on);
  if (on) {
    showFullScreen();
    // Without a window manager (a bare X server, xvfb-run) nobody acts on the full-screen
    // request: the window places itself over the whole screen.
    if (const QScreen* s = screen()) setGeometry(s->geometry());
  } else if (wasMaximized_) {
    showMaximized();
  } else {
    showNormal();
    setGeometry(normalGeometry_);
  }
  showCurrentView(true);
}

void MainWindow::saveSettings() {
  QSettings store;
  controls_->saveTo(store);
  store.setValue("speedIndex", speed_->currentIndex());
  store.setValue("window/geometry", saveGeometry());
  store.setValue("window/state", saveState());
  store.setValue("window/tab", tabs_->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  // A scripted run (NORMLAB_QUIT_AFTER, screenshots and measurements) closes without asking.
  if (!qEnvironmentVariableIsSet("NORMLAB_QUIT_AFTER") && !maybeSaveResults(tr("closing", "Save them before %1?"))) {
    event->ignore();
    return;
  }
  stall_->freeze();
  if (presentation_) setPresentationMode(false);
  saveSettings();
  event->accept();
}

}  // namespace normlab
