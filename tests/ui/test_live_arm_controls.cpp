// Arms changed while the experiment trains, through the window (issue 15): ticking a norm adds
// an arm that catches up and ends bit-identical to the same arm of an experiment that had it
// from the start; a branch made while paused is marked on the loss chart; an unticked arm is
// hidden from the charts and keeps training; Undo brings it back, and takes back a Stop and the
// removal of a branch; a session with an added arm, a branch, a learning-rate change and a
// stopped arm, saved, equals the Experiment replay of its saved config.
// The tests wait on states and snapshot versions; a time-out is only a hang guard.
#include <QtTest>

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>

#include <cstring>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "support/discarding_prompts.h"
#include "support/hang_guard.h"
#include "ui/views/arm_legend.h"
#include "ui/views/time_markers.h"
#include "ui/window/control_panel.h"
#include "ui/window/experiment_builder.h"
#include "ui/window/live_arms.h"
#include "ui/window/main_window.h"

using namespace normlab;
using test::kHangGuardMs;

namespace {

// Synthetic shapes, the tiny preset: two arms (no norm, batch norm) of `steps` steps.
ControlSettings smallSettings(std::int64_t steps) {
  ControlSettings s;
  s.dataset = "synthetic";
  s.preset = "tiny";
  s.trainSubset = 400;
  s.testSubset = 100;
  s.batchSize = 16;
  s.steps = steps;
  s.evalEvery = 5;
  s.probeEvery = 5;
  s.norms = {NormKind::None, NormKind::Batch};
  return s;
}

bool waitFor(MainWindow& w, const std::function<bool(const Snapshot&)>& done) {
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        return w.lastSnapshot() && done(*w.lastSnapshot());
      },
      kHangGuardMs);
}

// Every command given so far is done and its snapshot pulled.
bool settle(MainWindow& w) {
  const std::uint64_t ticket = w.runner().requestSnapshot();
  return waitFor(w, [&](const Snapshot& s) { return s.request >= ticket; });
}

const RunRecord* runOf(const Snapshot& s, const std::string& label) {
  for (const RunRecord& r : s.runs)
    if (r.label == label) return &r;
  return nullptr;
}

bool same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Metrics equal bit for bit (the wall-clock column aside).
bool sameMetrics(const std::vector<MetricPoint>& a, const std::vector<MetricPoint>& b, QString* why) {
  if (a.size() != b.size()) {
    *why = QString("%1 points vs %2").arg(a.size()).arg(b.size());
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].step != b[i].step || a[i].samplesSeen != b[i].samplesSeen || !same(a[i].trainLoss, b[i].trainLoss) ||
        !same(a[i].trainAccuracy, b[i].trainAccuracy) || !same(a[i].testLoss, b[i].testLoss) ||
        !same(a[i].testAccuracy, b[i].testAccuracy)) {
      *why = QString("point %1 (step %2): loss %3 vs %4").arg(i).arg(a[i].step).arg(a[i].trainLoss, 0, 'g', 17).arg(b[i].trainLoss, 0, 'g', 17);
      return false;
    }
  return true;
}

// Trains `config` headless to its end and returns every run's record.
std::vector<RunRecord> replay(const ExperimentConfig& config) {
  Experiment e(config, 2);
  e.prepare();
  while (e.advance()) {
  }
  std::vector<RunRecord> runs;
  for (int i = 0; i < e.runCount(); ++i) runs.push_back(e.record(i));
  return runs;
}

std::int64_t furthestStep(const Snapshot& s) {
  std::int64_t step = 0;
  for (const RunRecord& r : s.runs) step = std::max(step, r.step);
  return step;
}

// The toolbar's speed control (mini-batches per second per arm; 0: Maximum).
void setSpeed(MainWindow& w, double stepsPerSecond) {
  for (QComboBox* c : w.findChildren<QComboBox*>())
    if (c->count() > 3 && c->itemText(0) == "Maximum") c->setCurrentIndex(c->findData(stepsPerSecond));
}

// Builds smallSettings(60) paused (Step builds it and trains one step) and steps it to `steps`.
// A failed check here fails the caller's test.
void pausedAt(MainWindow& w, int steps) {
  w.setPrompts(discardingPrompts());
  w.controls()->setSettings(smallSettings(60));
  w.stepOnce();
  QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Paused && furthestStep(s) >= 1; }));
  for (int k = 1; k < steps; ++k) w.stepOnce();
  QVERIFY(settle(w));
}

// Trains the session to its end and saves it to `path`.
bool finishAndSave(MainWindow& w, const QString& path) {
  w.startOrResume();
  return waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Finished; }) && w.saveExperimentTo(path);
}

// The saved runs equal the replay of the saved config by Experiment (what normlab-cli run does).
void checkReplay(const ExperimentResults& saved) {
  const std::vector<RunRecord> again = replay(saved.config);
  QCOMPARE(again.size(), saved.runs.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    QString why;
    QVERIFY2(sameMetrics(saved.runs[i].metrics, again[i].metrics, &why),
             qPrintable(QString::fromStdString(saved.runs[i].label) + ": " + why));
  }
}

}  // namespace

class TestLiveArmControls : public QObject {
  Q_OBJECT
 private slots:
  // Ticking group norm while the others train adds it through the runner: the runs show it, its
  // curve grows, and it ends with exactly the metrics of an experiment that had it from the start.
  void tickingANormWhileRunningAddsAnArmIdenticalToOneFromTheStart() {
    MainWindow w(nullptr, 2);
    w.setPrompts(discardingPrompts());
    ControlSettings s = smallSettings(120);
    w.controls()->setSettings(s);
    setSpeed(w, 10);  // slow, so that the tick lands while it runs
    w.startOrResume();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Running && furthestStep(s) >= 2; }));
    QVERIFY(w.controls()->normCheckBox(NormKind::Group)->isEnabled());
    w.controls()->normCheckBox(NormKind::Group)->setChecked(true);
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    const RunRecord* gn = runOf(*w.lastSnapshot(), "GN");
    QVERIFY2(gn, "the added arm is not among the runs");
    QVERIFY(w.viewSnapshot() && runOf(*w.viewSnapshot(), "GN"));  // and the charts are given it
    QVERIFY2(w.bannerText().contains("GN added"), qPrintable(w.bannerText()));  // the window says what it did
    const std::size_t pointsBefore = gn->metrics.size();
    setSpeed(w, 0);
    QVERIFY(waitFor(w, [&](const Snapshot& s) {
      const RunRecord* r = runOf(s, "GN");
      return r && r->metrics.size() > pointsBefore;
    }));  // its curve grows
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Finished; }));
    QVERIFY(w.timelineText().contains("GN added"));

    ControlSettings fromStart = s;
    fromStart.norms = {NormKind::None, NormKind::Batch, NormKind::Group};
    const std::vector<RunRecord> reference = replay(buildExperiment(fromStart));
    const RunRecord* live = runOf(*w.lastSnapshot(), "GN");
    QVERIFY(live);
    QString why;
    QVERIFY2(sameMetrics(live->metrics, reference[2].metrics, &why), qPrintable("GN: " + why));
    QVERIFY2(sameMetrics(runOf(*w.lastSnapshot(), "BN")->metrics, reference[1].metrics, &why), qPrintable("BN: " + why));
  }

  // A branch made while paused starts at the parent's step and is marked on the loss chart.
  void branchWhilePausedIsMarkedOnTheLossChart() {
    MainWindow w(nullptr, 2);
    w.show();
    w.tabs()->setCurrentIndex(0);
    pausedAt(w, 10);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(furthestStep(*w.lastSnapshot()), std::int64_t(10));
    w.branchArm("BN", {{"batch_size", 8}}, "BN small batches");
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    QVERIFY(w.lastSnapshot()->config);
    const int arm = armIndex(*w.lastSnapshot()->config, "BN small batches");
    QVERIFY(arm >= 0);
    QCOMPARE(w.lastSnapshot()->config->arms[std::size_t(arm)].atStep, std::int64_t(10));
    w.stepOnce();
    QVERIFY(settle(w));
    // The loss chart (the Loss tab's first) carries the branch's line.
    auto marked = [&] {
      const QList<QChartView*> charts = w.views()[0].view->chartViews();
      if (charts.isEmpty()) return false;
      const TimeMarkers* marks = timeMarkers(charts.front()->chart());
      return marks && std::any_of(marks->lines().begin(), marks->lines().end(), [](const TimeLine& l) {
               return l.label == "branch: BN small batches at step 10";
             });
    };
    QTRY_VERIFY_WITH_TIMEOUT(marked(), 60000);  // a hang guard: it is there once the tab has drawn this snapshot
    QVERIFY(w.timelineText().contains("BN small batches branched from BN"));
  }

  // Unticking an arm hides it from the charts (the key and the views' snapshot) while it keeps
  // training; Edit > Undo shows it again and ticks its box.
  void uncheckingHidesAnArmThatKeepsTrainingAndUndoShowsIt() {
    MainWindow w(nullptr, 2);
    w.setPrompts(discardingPrompts());
    w.show();
    w.tabs()->setCurrentIndex(0);
    w.controls()->setSettings(smallSettings(1000000));
    w.startOrResume();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Running && furthestStep(s) >= 2; }));
    QCheckBox* bn = w.controls()->normCheckBox(NormKind::Batch);
    QVERIFY(bn->isEnabled());
    bn->setChecked(false);
    QCOMPARE(w.hiddenArms(), (std::set<std::string>{"BN"}));
    QVERIFY(w.undoAction()->isEnabled());
    QVERIFY(settle(w));
    QVERIFY(runOf(*w.lastSnapshot(), "BN"));         // kept
    QVERIFY(!runOf(*w.viewSnapshot(), "BN"));        // not drawn
    QVERIFY(runOf(*w.viewSnapshot(), "none"));
    auto* legend = w.views()[0].view->findChild<ArmLegend*>();
    QVERIFY(legend);
    QTRY_VERIFY_WITH_TIMEOUT(std::none_of(legend->entries().begin(), legend->entries().end(),
                                          [](const ArmLegend::Entry& e) { return e.label == "BN"; }),
                             kHangGuardMs);
    const std::int64_t stepHidden = runOf(*w.lastSnapshot(), "BN")->step;
    QVERIFY(waitFor(w, [&](const Snapshot& s) { return runOf(s, "BN")->step > stepHidden + 3; }));  // trains on
    w.undo();
    QVERIFY(w.hiddenArms().empty());
    QVERIFY(bn->isChecked());
    QVERIFY(runOf(*w.viewSnapshot(), "BN"));
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(legend->entries().begin(), legend->entries().end(),
                                         [](const ArmLegend::Entry& e) { return e.label == "BN"; }),
                             kHangGuardMs);
    QVERIFY(!w.undoAction()->isEnabled());
    w.pause();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Paused; }));
  }

  // A batch size the training arms cannot take is offered as a new arm or a branch.
  void aBatchSizeChangeOffersANewArmOrABranch() {
    MainWindow w(nullptr, 2);
    w.setPrompts(discardingPrompts());
    w.show();
    w.controls()->setSettings(smallSettings(200));
    w.stepOnce();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Paused && furthestStep(s) >= 1; }));
    QVERIFY(w.controls()->batchSizeBox()->isEnabled());
    w.controls()->batchSizeBox()->setValue(8);
    QVERIFY(w.changeBar()->isVisible());
    w.changeArmBox()->setCurrentIndex(w.changeArmBox()->findText("BN"));
    w.changeAddButton()->click();
    QVERIFY(!w.changeBar()->isVisible());
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    const RunRecord* added = runOf(*w.lastSnapshot(), "BN, batch 8");
    QVERIFY(added);
    QCOMPARE(added->batchSize, 8);
    QCOMPARE(w.lastSnapshot()->config->arms.back().isBranch(), false);
    w.controls()->batchSizeBox()->setValue(4);
    QVERIFY(w.changeBar()->isVisible());
    w.changeArmBox()->setCurrentIndex(w.changeArmBox()->findText("none"));
    w.changeBranchButton()->click();
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    const ArmConfig& branch = w.lastSnapshot()->config->arms.back();
    QVERIFY(branch.isBranch());
    QCOMPARE(branch.branchFrom, std::string("none"));
    QCOMPARE(branch.train.batchSize, 4);
  }

  // A session with an added arm, a branch, a learning-rate change and an arm stopped (at a step
  // with a test point), saved, equals the replay of its saved config by Experiment (what
  // normlab-cli run does), run for run, the stopped arm's end-of-run point included.
  void aSavedSessionReplaysBitForBit() {
    QTemporaryDir dir;
    MainWindow w(nullptr, 2);
    pausedAt(w, 8);
    if (QTest::currentTestFailed()) return;
    w.controls()->normCheckBox(NormKind::Layer)->setChecked(true);  // added at step 8
    QVERIFY(settle(w));
    for (int k = 0; k < 4; ++k) w.stepOnce();
    QVERIFY(settle(w));
    w.controls()->learningRateBox()->setValue(0.02);  // a rate change
    QVERIFY(settle(w));
    w.stepOnce();
    QVERIFY(settle(w));
    w.branchArm("BN", {{"lr", 0.01}}, "BN slow");
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    for (int k = 0; k < 2; ++k) w.stepOnce();
    w.stopArm("none");  // at step 15: a test point (eval_every 5), then the end-of-run point
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    QCOMPARE(w.lastSnapshot()->config->arms[0].stopAt, std::int64_t(15));
    // An arm made from the stopped one trains to its length.
    QVERIFY(!newArmWithChanges(*w.lastSnapshot()->config, 0, {{"batch_size", 8}}).contains("stop_at"));
    QVERIFY(finishAndSave(w, dir.filePath("session.normlab")));
    const ExperimentResults saved = loadExperiment(dir.filePath("session.normlab").toStdString());
    QCOMPARE(saved.config.arms.size(), std::size_t(4));
    QVERIFY(!saved.config.events.empty());
    QVERIFY(saved.config.arms[3].isBranch());
    QCOMPARE(saved.config.arms[0].stopAt, std::int64_t(15));
    QCOMPARE(saved.runs[0].step, std::int64_t(15));
    checkReplay(saved);
  }

  // Edit > Undo takes back a Stop and the removal of a branch: the stopped arm goes on where it
  // stopped, the branch comes back as it was, both catch up, and the saved session equals the
  // replay of its config (in which neither was ever stopped or removed), run for run.
  void stopAndRemoveABranchAreUndone() {
    QTemporaryDir dir;
    MainWindow w(nullptr, 2);
    pausedAt(w, 8);
    if (QTest::currentTestFailed()) return;
    w.branchArm("BN", {{"lr", 0.01}}, "BN slow");  // at step 8
    for (int k = 0; k < 2; ++k) w.stepOnce();
    QVERIFY(settle(w));
    QMenu* menu = w.createArmMenu(-1, &w);
    int said = 0;
    for (QAction* a : menu->findChildren<QAction*>())
      if (a->text() == "Stop" || a->text() == "Remove…") said += a->toolTip().contains("Undo, Ctrl+Z");
    delete menu;
    QCOMPARE(said, 6);  // three arms
    QVERIFY(w.removeArm("BN slow"));
    w.stopArm("none");
    QCOMPARE(w.undoAction()->text(), QString("&Undo Stop none"));
    for (int k = 0; k < 5; ++k) w.stepOnce();
    QVERIFY(settle(w));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    QVERIFY(!runOf(*w.lastSnapshot(), "BN slow"));
    QVERIFY(runOf(*w.lastSnapshot(), "none")->finished);
    QCOMPARE(runOf(*w.lastSnapshot(), "none")->step, std::int64_t(10));
    QCOMPARE(runOf(*w.lastSnapshot(), "BN")->step, std::int64_t(15));
    w.undo();  // the stop
    QCOMPARE(w.undoAction()->text(), QString("&Undo Remove BN slow"));
    w.undo();  // the removal
    QVERIFY(!w.undoAction()->isEnabled());
    QVERIFY(waitFor(w, [](const Snapshot& s) {
      const RunRecord* slow = runOf(s, "BN slow");
      return s.commandsDone >= 4 && !s.catchingUp && slow && slow->step == 15 && runOf(s, "none")->step == 15;
    }));
    QVERIFY2(w.lastSnapshot()->commandError.empty(), w.lastSnapshot()->commandError.c_str());
    QVERIFY(w.timelineText().contains("none resumed"));
    QVERIFY(w.timelineText().contains("BN slow brought back"));
    QVERIFY(finishAndSave(w, dir.filePath("undone.normlab")));
    const ExperimentResults saved = loadExperiment(dir.filePath("undone.normlab").toStdString());
    QCOMPARE(saved.config.arms.size(), std::size_t(3));
    QVERIFY(saved.config.arms[2].isBranch());
    checkReplay(saved);
  }

  // The plan behind the panel: a ticked norm is added (with the panel's changed settings), an
  // unticked one hidden, and only what the edit changed acts.
  void livePlanAddsHidesAndOffers() {
    ControlSettings s = smallSettings(60);
    const ExperimentConfig running = buildExperiment(s);
    const std::map<std::string, std::string> mapping{{"none", "none"}, {"BN", "BN"}};
    const std::set<std::string> named{"none", "BN"};
    s.norms = {NormKind::Batch, NormKind::Group};
    s.batchSize = 8;
    const LivePlan plan = livePlan(s, running, mapping, named, {});
    QCOMPARE(plan.hide, std::vector<std::string>{"none"});
    QCOMPARE(plan.add.size(), std::size_t(1));
    QCOMPARE(plan.add[0].arm["label"].get<std::string>(), std::string("GN, batch 8"));
    QCOMPARE(plan.add[0].arm["batch_size"].get<int>(), 8);
    QCOMPARE(plan.changes.dump(), std::string(R"({"batch_size":8})"));
    const nlohmann::json branch = branchArm(running, "BN", plan.changes);
    QCOMPARE(branch["branch_from"].get<std::string>(), std::string("BN"));
    QVERIFY(!branch.contains("at_step"));
  }
};

QTEST_MAIN(TestLiveArmControls)
#include "test_live_arm_controls.moc"
