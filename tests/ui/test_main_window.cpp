// The main window, offscreen: it builds with the launch comparison, the controls drive the
// experiment, Start/Pause/Step/Reset work through the runner, divergence, failures and the
// synthetic-data fallback show in the status bar and banner, presentation mode enlarges fonts,
// and screenshots of every tab are saved (to $NORMLAB_SCREENSHOT_DIR, default ./screenshots) for
// a person to look at. The tests wait on states and versions; a time-out is only a hang guard
// (support/hang_guard.h).
#include <QtTest>

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QAreaSeries>
#include <QLineSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QTabWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QWidgetAction>
#include <QXYSeries>

#include "core/data/data_config.h"
#include "ui/views/chart_style.h"
#include "ui/window/control_panel.h"
#include "ui/window/dataset_strip.h"
#include "ui/window/experiment_builder.h"
#include "ui/window/main_window.h"
#include "ui/views/paced_chart_painter.h"
#include "ui/window/stall_monitor.h"
#include "support/discarding_prompts.h"
#include "support/hang_guard.h"
#include "support/window_waits.h"
#include "ui/window/user_prompts.h"

using namespace normlab;
using test::kHangGuardMs;
using test::waitForState;

namespace {

// A run that finishes in well under a second: synthetic shapes, the tiny preset, six arms.
ControlSettings tinySettings(std::int64_t steps = 40) {
  ControlSettings s;
  s.dataset = "synthetic";
  s.preset = "tiny";
  s.trainSubset = 400;
  s.testSubset = 100;
  s.batchSize = 16;
  s.steps = steps;
  s.evalEvery = 5;
  s.probeEvery = 2;
  return s;
}

// Pulls a snapshot that the runner published after every command given to it so far: what a
// paused runner holds is then known without waiting for time to pass.
bool waitForSettled(MainWindow& w) {
  const std::uint64_t ticket = w.runner().requestSnapshot();
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        return w.lastSnapshot() && w.lastSnapshot()->request >= ticket;
      },
      kHangGuardMs);
}

std::vector<std::int64_t> runSteps(const MainWindow& w) {
  std::vector<std::int64_t> steps;
  for (const RunRecord& r : w.lastSnapshot()->runs) steps.push_back(r.step);
  return steps;
}

qsizetype pointCount(QAbstractSeries* series) {
  if (auto* xy = qobject_cast<QXYSeries*>(series)) return xy->count();
  if (auto* area = qobject_cast<QAreaSeries*>(series)) return area->upperSeries() ? area->upperSeries()->count() : 0;
  return 0;
}

QString fileSafe(QString title) {
  title = title.toLower();
  title.replace(QRegularExpression("[^a-z0-9]+"), "_");
  return title.remove(QRegularExpression("^_+|_+$"));
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void init();
  void windowBuildsWithTheLaunchComparison();
  void everyControlHasATooltip();
  void armCheckboxesChangeTheArms();
  void datasetStripShowsClassNames();
  void startPutsPointsInEveryChartForEveryArm();
  void pauseStopsTheStepCount();
  void chartsPaintInTurnsOnlyWhileRunning();
  void stepAdvancesExactlyOneMiniBatch();
  void divergingArmIsShownInTheStatusBar();
  void badIdxFolderFailsWithoutCrashing();
  void normAPositionCannotTakeIsShown();
  void syntheticFallbackIsShownInTheBanner();
  void presentationModeEnlargesFonts();
  void keyboardShortcuts();
  void settingsPersist();
  void windowNeverOpensLargerThanTheScreen();
  void screenshots();
};

void TestMainWindow::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("NormLabTest");
  QCoreApplication::setApplicationName("test_main_window");
}

void TestMainWindow::init() { QSettings().clear(); }

void TestMainWindow::windowBuildsWithTheLaunchComparison() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QVERIFY(w.tabs()->count() >= 1);
  QCOMPARE(w.tabs()->count(), int(w.views().size()) + 1);  // the chart views, then Lessons
  QCOMPARE(w.tabs()->tabText(w.lessonsTabIndex()), QString("Lessons"));
  const ControlSettings s = w.controls()->settings();
  QCOMPARE(s.preset, std::string("small-cnn"));
  QCOMPARE(s.dataset, std::string("fashion-mnist"));
  QCOMPARE(int(s.norms.size()), 6);
  QCOMPARE(s.batchSize, 32);
  QCOMPARE(s.dropout, 0.25);
  QVERIFY(w.startAction()->isEnabled());
  QCOMPARE(w.startAction()->text(), QString("Start"));
  QVERIFY(w.statusText().contains("Ready"));
}

void TestMainWindow::everyControlHasATooltip() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  QStringList missing;
  auto check = [&](QWidget* widget) {
    if (qobject_cast<QAbstractSpinBox*>(widget->parentWidget())) return;  // a spin box's own line edit
    if (qobject_cast<QComboBox*>(widget->parentWidget())) return;         // a combo box's internals
    if (widget->toolTip().trimmed().isEmpty())
      missing << widget->metaObject()->className() + QString(" '") + widget->objectName() + "' " +
                     (qobject_cast<QAbstractButton*>(widget) ? qobject_cast<QAbstractButton*>(widget)->text() : "");
  };
  int controls = 0;
  for (QWidget* widget : w.controls()->findChildren<QWidget*>())
    if (qobject_cast<QAbstractButton*>(widget) || qobject_cast<QComboBox*>(widget) ||
        qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QLineEdit*>(widget)) {
      check(widget);
      ++controls;
    }
  QVERIFY2(controls >= 25, qPrintable(QString::number(controls)));
  for (QToolBar* bar : w.findChildren<QToolBar*>()) {
    for (QAction* a : bar->actions())
      if (!a->isSeparator() && !qobject_cast<QWidgetAction*>(a) && a->toolTip() == a->text().remove('&'))
        missing << "action " + a->text();
    for (QComboBox* c : bar->findChildren<QComboBox*>()) check(c);
  }
  QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
}

void TestMainWindow::armCheckboxesChangeTheArms() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlPanel* panel = w.controls();
  auto arms = [&] {
    std::vector<NormKind> kinds;
    for (const ArmConfig& a : buildExperiment(panel->settings()).arms) kinds.push_back(a.norm.kind);
    return kinds;
  };
  QCOMPARE(arms().size(), std::size_t(6));
  panel->normCheckBox(NormKind::Instance)->setChecked(false);
  panel->normCheckBox(NormKind::LocalResponse)->click();  // as a user would
  const std::vector<NormKind> four = {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Group};
  QCOMPARE(arms(), four);
  panel->normCheckBox(NormKind::Instance)->setChecked(true);
  const std::vector<NormKind> five = arms();
  QCOMPARE(five.size(), std::size_t(5));
  QCOMPARE(std::count(five.begin(), five.end(), NormKind::Instance), 1);
}

void TestMainWindow::datasetStripShowsClassNames() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlSettings s = tinySettings();
  w.controls()->setSettings(s);
  DatasetStrip* strip = w.controls()->datasetStrip();
  QVERIFY(QTest::qWaitFor([&] { return strip->thumbnailCount() == 10; }, kHangGuardMs));
  QStringList captions;
  for (QLabel* l : strip->findChildren<QLabel*>())
    if (!l->text().isEmpty() && l->pixmap().isNull()) captions << l->text();
  QVERIFY2(captions.size() >= 10, qPrintable(captions.join(", ")));
  s.dataset = "idx";
  s.dataPath = "/nonexistent/normlab-test";
  w.controls()->setSettings(s);
  QVERIFY(QTest::qWaitFor([&] { return strip->message().contains("Cannot load"); }, kHangGuardMs));
  QCOMPARE(strip->thumbnailCount(), 0);
}

void TestMainWindow::startPutsPointsInEveryChartForEveryArm() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.show();
  w.controls()->setSettings(tinySettings(30));
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  const auto& runs = w.lastSnapshot()->runs;
  QCOMPARE(int(runs.size()), 6);
  for (const RunRecord& r : runs) QCOMPARE(r.step, std::int64_t(30));
  int charts = 0;
  for (int t = 0; t < int(w.views().size()); ++t) {
    w.tabs()->setCurrentIndex(t);
    w.pullSnapshot();
    const NamedView& v = w.views()[t];
    // A view builds its charts in steps, continued by the event loop (snapshot_view.h).
    QVERIFY(QTest::qWaitFor([&] { return !v.view->building(); }, kHangGuardMs));
    for (QChartView* cv : v.view->chartViews()) {
      QChart* chart = cv->chart();
      ++charts;
      for (int r = 0; r < int(runs.size()); ++r) {
        const RunRecord& run = runs[std::size_t(r)];
        // Batch-norm statistics exist only for the BN arm; a per-layer chart only for the arms
        // that have that layer (the norm layer is absent in the "none" arm).
        if (v.title.startsWith("Batch") && run.label != "BN") continue;
        if (v.title.startsWith("Activ")) {
          bool has = false;
          for (const LayerStats& l : run.probes.back()->layers) has = has || QString::fromStdString(l.name) == chart->title();
          if (!has) continue;
        }
        qsizetype points = 0;
        for (QAbstractSeries* series : chart->series())
          if (seriesRun(series) == r) points += pointCount(series);
        QVERIFY2(points > 0, qPrintable(QString("tab '%1', chart '%2': no points for arm %3")
                                            .arg(v.title, chart->title(), QString::fromStdString(run.label))));
      }
    }
  }
  QVERIFY(charts >= 4);
  QVERIFY(w.statusText().contains("Finished"));
  QVERIFY(w.statusText().contains("step 30 / 30"));
}

void TestMainWindow::pauseStopsTheStepCount() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.controls()->setSettings(tinySettings(1000000));
  w.startOrResume();
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return w.lastSnapshot()->state == RunnerState::Running && !w.lastSnapshot()->runs.empty() &&
           w.lastSnapshot()->runs[0].step >= 5;
  }, kHangGuardMs));
  QVERIFY(w.controls()->locked());
  w.pause();
  QVERIFY(waitForState(w, RunnerState::Paused));
  const auto steps = runSteps(w);
  QVERIFY(waitForSettled(w));
  QCOMPARE(runSteps(w), steps);  // paused: no progress between commands
  QCOMPARE(w.startAction()->text(), QString("Resume"));
  w.togglePlay();  // Space: resume
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return runSteps(w)[0] > steps[0];
  }, kHangGuardMs));
  w.resetExperiment();
  QVERIFY(waitForState(w, RunnerState::Idle));
  QVERIFY(!w.controls()->locked());
}

void TestMainWindow::chartsPaintInTurnsOnlyWhileRunning() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  w.controls()->setSettings(tinySettings(1000000));
  w.startOrResume();
  SnapshotView* view = w.views()[w.tabs()->currentIndex()].view;
  // Training: the current tab's charts are held and repainted one per event-loop turn.
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return w.lastSnapshot()->state == RunnerState::Running && !view->chartViews().isEmpty() &&
           w.chartPainter()->holds(view->chartViews().first());
  }, kHangGuardMs));
  for (QChartView* chart : view->chartViews()) QCOMPARE(chart->viewportUpdateMode(), QGraphicsView::NoViewportUpdate);
  // Meanwhile the hidden tabs build their charts, one tab at a time, before anyone visits them.
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return w.viewsWaitingToWarm() == 0;
  }, kHangGuardMs));
  int warmed = 0;
  for (const NamedView& v : w.views()) {
    if (v.view == view || !(v.title.startsWith("Gradient") || v.title.startsWith("Activations"))) continue;
    for (QChartView* chart : v.view->chartViews())
      QVERIFY2(!chart->chart()->series().isEmpty(), qPrintable(v.title + ": " + chart->chart()->title()));
    ++warmed;
  }
  QCOMPARE(warmed, 2);
  // Paused: every chart updates on its own again (hover, legend clicks).
  w.pause();
  QVERIFY(waitForState(w, RunnerState::Paused));
  w.pullSnapshot();
  for (QChartView* chart : view->chartViews()) {
    QVERIFY(!w.chartPainter()->holds(chart));
    QVERIFY(chart->viewportUpdateMode() != QGraphicsView::NoViewportUpdate);
  }
}

void TestMainWindow::stepAdvancesExactlyOneMiniBatch() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.controls()->setSettings(tinySettings(1000));
  w.stepOnce();  // from Idle: builds the experiment paused and trains one mini-batch
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return w.lastSnapshot()->state == RunnerState::Paused && !w.lastSnapshot()->runs.empty() &&
           w.lastSnapshot()->runs[0].step == 1;
  }, kHangGuardMs));
  QCOMPARE(runSteps(w), std::vector<std::int64_t>(6, 1));
  const auto samples = w.lastSnapshot()->runs[0].samplesSeen;
  QCOMPARE(samples, std::int64_t(16));
  w.stepAction()->trigger();
  QVERIFY(QTest::qWaitFor([&] {
    w.pullSnapshot();
    return runSteps(w)[0] == 2;
  }, kHangGuardMs));
  QVERIFY(waitForSettled(w));
  QCOMPARE(runSteps(w), std::vector<std::int64_t>(6, 2));  // no step beyond the one asked for
  QCOMPARE(w.lastSnapshot()->runs[3].samplesSeen, std::int64_t(32));
  QCOMPARE(w.lastSnapshot()->state, RunnerState::Paused);
}

void TestMainWindow::divergingArmIsShownInTheStatusBar() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlSettings s = tinySettings(200);
  s.norms = {NormKind::None, NormKind::Batch};
  s.lr = 1000;
  w.controls()->setSettings(s);
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  QVERIFY(w.lastSnapshot()->runs[0].diverged);
  QVERIFY2(w.statusText().contains(QRegularExpression("none diverged at step \\d+")), qPrintable(w.statusText()));
  // The images seen are not "per arm" when arms stopped early; the status says so (here both do).
  QVERIFY2(w.statusText().contains(QRegularExpression("(arm|arms) stopped early")), qPrintable(w.statusText()));
  // The charts take the diverged arm without trouble.
  for (int t = 0; t < int(w.views().size()); ++t) {
    w.tabs()->setCurrentIndex(t);
    w.pullSnapshot();
  }
}

void TestMainWindow::badIdxFolderFailsWithoutCrashing() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlSettings s = tinySettings();
  s.dataset = "idx";
  s.dataPath = "/nonexistent/normlab-test";
  w.controls()->setSettings(s);
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Failed));
  QVERIFY(w.bannerVisible());
  QVERIFY2(w.bannerText().contains("/nonexistent/normlab-test"), qPrintable(w.bannerText()));
  QVERIFY(!w.controls()->locked());
  // Fix the input and go again: the app kept running.
  w.controls()->setSettings(tinySettings(5));
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  QVERIFY(!w.bannerVisible());
  // No arm ticked: a message, not a start.
  ControlSettings none = tinySettings();
  none.norms.clear();
  w.controls()->setSettings(none);
  w.resetExperiment();
  QVERIFY(waitForState(w, RunnerState::Idle));
  w.startOrResume();
  QVERIFY(w.bannerVisible());
  QVERIFY(w.bannerText().contains("tick at least one"));
}

// Instance and LRN on small-cnn: the norm after the dense layer stays empty, and the banner says so.
void TestMainWindow::normAPositionCannotTakeIsShown() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlSettings s = tinySettings(4);
  s.preset = "small-cnn";
  s.norms = {NormKind::Batch, NormKind::Instance, NormKind::LocalResponse};
  w.controls()->setSettings(s);
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  QVERIFY(w.bannerVisible());
  // One line for the position, naming both arms that leave it empty, and nothing about batch norm.
  const ExperimentConfig c = buildExperiment(s);
  const QString expected = QString("No %1, %2 after fc1: its ").arg(QString::fromStdString(c.arms[1].label),
                                                                   QString::fromStdString(c.arms[2].label));
  QVERIFY2(w.bannerText().contains(expected), qPrintable(w.bannerText()));
  QVERIFY2(w.bannerText().contains("outputs are flat, with no spatial extent"), qPrintable(w.bannerText()));
  QCOMPARE(w.bannerText().count("after fc1"), 1);
  // Arms whose norms fit everywhere have no note.
  s.norms = {NormKind::Batch};
  w.controls()->setSettings(s);
  w.resetExperiment();
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  QVERIFY2(!w.bannerVisible(), qPrintable(w.bannerText()));
}

// Fashion-MNIST not installed (no path given): the run trains on the synthetic set, and the
// banner says so for the whole run, not only in the saved file.
void TestMainWindow::syntheticFallbackIsShownInTheBanner() {
  setDefaultFashionMnistDir("/nonexistent/normlab-fashion-mnist");
  MainWindow w;
  w.setPrompts(discardingPrompts());
  ControlSettings s = tinySettings(5);
  s.dataset = "fashion-mnist";
  s.dataPath.clear();
  w.controls()->setSettings(s);
  w.startOrResume();
  const bool finished = waitForState(w, RunnerState::Finished);
  setDefaultFashionMnistDir(kFashionMnistDir);
  QVERIFY(finished);
  w.pullSnapshot();
  QVERIFY(w.bannerVisible());
  QVERIFY2(w.bannerText().contains("synthetic set instead") && w.bannerText().contains("/nonexistent/normlab-fashion-mnist"),
           qPrintable(w.bannerText()));
}

void TestMainWindow::presentationModeEnlargesFonts() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  const qreal normal = w.font().pointSizeF();
  const qreal statusNormal = w.statusBar()->font().pointSizeF();
  QTest::keyClick(&w, Qt::Key_F11);
  QVERIFY(w.presentationMode());
  QVERIFY(w.font().pointSizeF() > normal * 1.4);
  QVERIFY(w.statusBar()->font().pointSizeF() > statusNormal * 1.4);
  QVERIFY(!w.findChild<QDockWidget*>()->isVisible());
  QVERIFY(w.resetAction()->isVisible());  // Reset and Speed stay for a class
  QVERIFY(w.startAction()->isVisible() && w.pauseAction()->isVisible() && w.stepAction()->isVisible());
  w.setPresentationMode(false);
  QCOMPARE(w.font().pointSizeF(), normal);
  QVERIFY(w.findChild<QDockWidget*>()->isVisible());
}

// Space starts and pauses, Right (or S) steps, R resets, F11 toggles presentation mode.
void TestMainWindow::keyboardShortcuts() {
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.show();
  w.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&w));
  w.controls()->setSettings(tinySettings(1000000));
  QTest::keyClick(&w, Qt::Key_Space);
  QVERIFY(waitForState(w, RunnerState::Running));
  QTest::keyClick(&w, Qt::Key_Space);
  QVERIFY(waitForState(w, RunnerState::Paused));
  QVERIFY(waitForSettled(w));
  const std::int64_t before = runSteps(w)[0];
  QTest::keyClick(&w, Qt::Key_Right);
  QVERIFY(QTest::qWaitFor([&] { w.pullSnapshot(); return runSteps(w)[0] == before + 1; }, kHangGuardMs));
  QTest::keyClick(&w, Qt::Key_S);
  QVERIFY(QTest::qWaitFor([&] { w.pullSnapshot(); return runSteps(w)[0] == before + 2; }, kHangGuardMs));
  QTest::keyClick(&w, Qt::Key_R);
  QVERIFY(waitForState(w, RunnerState::Idle));
  QVERIFY(w.lastSnapshot()->runs.empty());
}

// Smaller than the screen in both directions, so that nothing cuts it.
static QSize savedSizeThatFits() {
  return QGuiApplication::primaryScreen()->availableGeometry().size() - QSize(100, 80);
}

void TestMainWindow::settingsPersist() {
  {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.show();
    ControlSettings s = tinySettings();
    s.norms = {NormKind::Batch, NormKind::Group};
    s.batchSize = 8;
    s.lr = 0.02;
    w.controls()->setSettings(s);
    w.resize(savedSizeThatFits());
    w.close();
  }
  MainWindow w;
  w.setPrompts(discardingPrompts());
  const ControlSettings s = w.controls()->settings();
  QCOMPARE(s.preset, std::string("tiny"));
  QCOMPARE(s.batchSize, 8);
  QCOMPARE(s.lr, 0.02);
  QCOMPARE(s.norms, (std::vector<NormKind>{NormKind::Batch, NormKind::Group}));
  QCOMPARE(w.size(), savedSizeThatFits());
}

// A size saved on a bigger screen (or the default 1366x820 on a 1280x720 laptop) is cut to the
// screen's free area when the window opens.
void TestMainWindow::windowNeverOpensLargerThanTheScreen() {
  const QSize room = QGuiApplication::primaryScreen()->availableGeometry().size();
  {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.show();
    w.resize(room + QSize(400, 300));
    QCOMPARE(w.size(), room + QSize(400, 300));  // this platform does not clamp it by itself
    w.close();
  }
  MainWindow w;
  QVERIFY2(w.width() <= room.width() && w.height() <= room.height(),
           qPrintable(QString("%1x%2 on a %3x%4 screen").arg(w.width()).arg(w.height()).arg(room.width()).arg(room.height())));
}

// Screenshots of the whole window on launch and of every tab at a fixed step of the launch
// comparison (Fashion-MNIST when installed), for a person to check.
void TestMainWindow::screenshots() {
  const QString dir = qEnvironmentVariable("NORMLAB_SCREENSHOT_DIR", QDir::current().filePath("screenshots"));
  QVERIFY(QDir().mkpath(dir));
  MainWindow w;
  w.setPrompts(discardingPrompts());
  w.resize(1366, 800);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QVERIFY(QTest::qWaitFor([&] { return w.controls()->datasetStrip()->thumbnailCount() > 0; }, kHangGuardMs));
  QTest::qWait(100);  // let the layout take the thumbnails in
  QVERIFY(w.grab().save(dir + "/window_launch.png"));
  {  // the side panel comparing batch sizes, with "Advanced" open
    ControlSettings vary;
    vary.vary = VarySetting::BatchSize;
    w.controls()->setSettings(vary);
    w.controls()->setAdvancedExpanded(true);
    QTest::qWait(50);
    QVERIFY(w.controls()->grab().save(dir + "/window_controls_vary.png"));
    w.controls()->setAdvancedExpanded(false);
  }
  ControlSettings s;  // the launch comparison, cut short at a fixed step
  s.steps = 150;
  s.evalEvery = 25;
  w.controls()->setSettings(s);
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Finished));
  for (int t = 0; t < int(w.views().size()); ++t) {
    w.tabs()->setCurrentIndex(t);
    w.pullSnapshot();
    QTest::qWait(50);
    // A tab shown anew paints its charts in turns: every chart has had its turn before the picture.
    QVERIFY(QTest::qWaitFor([&] { return w.chartPainter()->pending() == 0; }, kHangGuardMs));
    const QString path = dir + "/window_" + fileSafe(w.views()[t].title) + ".png";
    QVERIFY2(w.grab().save(path), qPrintable(path));
    qInfo("saved %s", qPrintable(path));
  }
  w.tabs()->setCurrentIndex(0);
  w.setPresentationMode(true);
  QTest::qWait(50);
  QVERIFY(QTest::qWaitFor([&] { return w.chartPainter()->pending() == 0; }, kHangGuardMs));
  QVERIFY(w.grab().save(dir + "/window_presentation.png"));
  w.setPresentationMode(false);
  // A failure: the banner, and the app still running.
  w.resetExperiment();
  QVERIFY(waitForState(w, RunnerState::Idle));
  s.dataset = "idx";
  s.dataPath = "/nonexistent/mnist";
  w.controls()->setSettings(s);
  w.startOrResume();
  QVERIFY(waitForState(w, RunnerState::Failed));
  QTest::qWait(50);
  QVERIFY(w.grab().save(dir + "/window_failed.png"));
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
