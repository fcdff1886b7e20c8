// The classroom in the main window: the Lessons tab and menu, opening a lesson (it loads, runs,
// shows its text and its chart), the Learn menu's explainers, and Run > Recompute population
// statistics reaching the Batch norm tab.
#include <QCheckBox>
#include <QStyle>
#include <QtTest>

#include <QAction>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>

#include "core/classroom/lesson.h"
#include "ui/views/batch_norm_view.h"
#include "ui/classroom/lessons_page.h"
#include "ui/window/control_panel.h"
#include "ui/window/main_window.h"
#include "ui/classroom/norm_axes_explainer.h"
#include "support/discarding_prompts.h"
#include "ui/window/user_prompts.h"

using namespace normlab;

namespace {

QMenu* menuNamed(MainWindow& w, const QString& text) {
  for (QAction* a : w.menuBar()->actions())
    if (a->text().remove('&') == text) return a->menu();
  return nullptr;
}

int lessonIndex(const MainWindow& w, int number) {
  const std::vector<Lesson>& list = w.lessonsPage()->lessonList();
  for (int i = 0; i < int(list.size()); ++i)
    if (list[std::size_t(i)].number == number) return i;
  return -1;
}

// Pulls snapshots until `done` holds for the latest one.
bool waitFor(MainWindow& w, const std::function<bool(const Snapshot&)>& done, int ms = 60000) {
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        return w.lastSnapshot() && done(*w.lastSnapshot());
      },
      ms);
}

}  // namespace

class TestClassroom : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("NormLabTest");
    QCoreApplication::setApplicationName("test_classroom");
    QSettings().clear();
  }

  // Lesson files name chart tabs by title; core keeps the list because it cannot see the UI.
  void lessonTabsMatchTheChartTabs() {
    QWidget parent;
    std::vector<std::string> titles;
    for (const NamedView& v : createChartViews(&parent)) titles.push_back(v.title.toStdString());
    QCOMPARE(titles, lessonChartTabs());
  }

  void lessonsTabAndMenusListEveryLesson() {
    MainWindow w(nullptr, 1);
    const std::size_t count = lessons().size();
    QCOMPARE(count, std::size_t(9));
    QCOMPARE(w.lessonsPage()->lessonList().size(), count);
    QCOMPARE(w.tabs()->tabText(w.lessonsTabIndex()), QString("Lessons"));
    QMenu* menu = menuNamed(w, "Lessons");
    QVERIFY(menu);
    int lessonEntries = 0;
    for (QAction* a : menu->actions()) lessonEntries += a->text().contains(QRegularExpression("^&\\d  "));
    QCOMPARE(lessonEntries, int(count));
    QMenu* learn = menuNamed(w, "Learn");
    QVERIFY(learn);
    QCOMPARE(learn->actions().size(), 3);
    // Every card's button asks for its own lesson.
    QSignalSpy chosen(w.lessonsPage(), &LessonsPage::lessonChosen);
    const QList<QPushButton*> buttons = w.lessonsPage()->findChildren<QPushButton*>(QRegularExpression(""));
    int opened = 0;
    for (QPushButton* b : buttons)
      if (b->text() == "Open lesson 3") {
        b->click();
        ++opened;
      }
    QCOMPARE(opened, 1);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen[0][0].toInt(), lessonIndex(w, 3));
  }

  // Opening lesson 1 runs exactly its config, shows its text over the charts and its chart.
  void openingALessonRunsItAndShowsWhatToWatch() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    const int index = lessonIndex(w, 1);
    const Lesson& lesson = w.lessonsPage()->lessonList()[std::size_t(index)];
    w.openLesson(index);
    QVERIFY(!w.lessonBanner()->isHidden());
    QVERIFY(w.lessonBanner()->title().startsWith("Lesson 1: "));
    QCOMPARE(w.lessonBanner()->text(), QString::fromStdString(lesson.text));
    QCOMPARE(w.tabs()->tabText(w.tabs()->currentIndex()).replace("&&", "&"), QString::fromStdString(lesson.watch));
    QVERIFY2(w.windowTitle().startsWith("Lesson 1: "), qPrintable(w.windowTitle()));
    QVERIFY(w.lessonBanner()->note().isEmpty());  // lesson 1 fits the side panel
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.stepsDone > 0; }));
    w.pause();
    const std::optional<ExperimentResults> results = w.currentResults();
    QVERIFY(results);
    QVERIFY(sameConfig(results->config, lesson.config));
    QCOMPARE(results->runs.size(), lesson.config.arms.size() * lesson.config.seeds.size());
    // The banner's chart button goes back to the lesson's chart; Close lesson hides the text.
    w.tabs()->setCurrentIndex(w.lessonsTabIndex());
    w.lessonBanner()->chartButton()->click();
    QCOMPARE(w.tabs()->tabText(w.tabs()->currentIndex()).replace("&&", "&"), QString::fromStdString(lesson.watch));
    w.lessonBanner()->findChildren<QPushButton*>().last()->click();  // "Close lesson"
    QVERIFY(w.lessonBanner()->isHidden());
    QVERIFY(!w.windowTitle().startsWith("Lesson"));
  }

  // Lesson 2 (three seeds, arms that differ in batch size) does not fit the side panel: the
  // panel shows a summary of its runs instead, and Run again repeats the lesson as written.
  void lessonBeyondThePanelSaysSo() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    const int index = lessonIndex(w, 2);
    w.openLesson(index);
    QVERIFY(w.controls()->showsSummary());
    QVERIFY2(w.controls()->summaryText().contains("Seeds: 1, 2, 3"), qPrintable(w.controls()->summaryText()));
    w.pause();
    w.runAgain();
    QVERIFY(sameConfig(w.currentResults() ? w.currentResults()->config : ExperimentConfig{},
                       w.lessonsPage()->lessonList()[std::size_t(index)].config) ||
            !w.currentResults());
    w.resetExperiment();
  }

  // The normalization-axes explainer shows the running experiment's current batch.
  void normAxesExplainerShowsTheLiveBatch() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    w.show();
    w.openLesson(lessonIndex(w, 3));
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.stepsDone >= 12; }));
    w.openExplainer(ExplainerKind::NormAxes);
    NormAxesExplainer* axes = w.liveAxesExplainer();
    QVERIFY(axes);
    QVERIFY2(axes->sourceText().contains("Live: conv1 output"), qPrintable(axes->sourceText()));
    QCOMPARE(axes->block().n, 4);
    QCOMPARE(axes->block().c, 4);
    axes->selectElement(1, 2, 3, 3);
    QVERIFY(axes->window()->grab().save("classroom_norm_axes_live.png"));
    w.pause();
    w.resetExperiment();
  }

  void explainersOpenInTheirOwnWindow() {
    MainWindow w(nullptr, 1);
    const int before = QApplication::topLevelWidgets().size();
    menuNamed(w, "Learn")->actions().at(0)->trigger();
    QCOMPARE(QApplication::topLevelWidgets().size(), before + 1);
  }

  // Lesson 4 (batch norm): after some steps the recompute action reports before and after on
  // the Batch norm tab.
  void recomputePopulationStatisticsReachesTheBatchNormTab() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    QVERIFY(!w.recomputeAction()->isEnabled());  // nothing trained yet
    w.openLesson(lessonIndex(w, 4));
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.stepsDone >= 20; }));
    w.pause();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return s.state == RunnerState::Paused; }));
    QVERIFY(w.recomputeAction()->isEnabled());
    w.recomputeAction()->trigger();
    QVERIFY(waitFor(w, [](const Snapshot& s) { return !s.runs.empty() && !s.runs[0].populationUpdates.empty(); }));
    QCOMPARE(w.tabs()->tabText(w.tabs()->currentIndex()), QString("Batch norm"));
    auto* view = dynamic_cast<BatchNormView*>(w.views()[w.tabs()->currentIndex()].view);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT((w.pullSnapshot(), view->populationText().contains("4096 training images")), 5000);
    w.resetExperiment();
  }

  void presentationModeEnlargesTheLessonText() {
    MainWindow w(nullptr, 1);
    const qreal normal = w.lessonsPage()->font().pointSizeF();
    w.setPresentationMode(true);
    QVERIFY(w.lessonsPage()->font().pointSizeF() > normal);
    w.setPresentationMode(false);
  }

  // Check boxes and radio buttons grow with the text in presentation mode (the platform style
  // kept its 13 px box beside 1.6x text), and shrink back after.
  void presentationModeEnlargesCheckBoxes() {
    MainWindow w(nullptr, 1);
    QCheckBox box("Every layer", &w);
    const int normal = box.style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, &box);
    const int hint = box.sizeHint().height();
    w.setPresentationMode(true);
    QVERIFY2(box.style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, &box) >= int(1.5 * normal),
             qPrintable(QString::number(box.style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, &box))));
    QVERIFY(box.style()->pixelMetric(QStyle::PM_ExclusiveIndicatorHeight) >= int(1.5 * normal));
    QVERIFY(box.sizeHint().height() > hint);
    w.setPresentationMode(false);
    QCOMPARE(box.style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, &box), normal);
  }
};

QTEST_MAIN(TestClassroom)
#include "test_classroom.moc"
