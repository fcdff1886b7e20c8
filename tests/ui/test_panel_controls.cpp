// Controls that do not surprise (issue 14, sections 6 and 7), offscreen: the mouse wheel over an
// unfocused field scrolls the side panel and leaves the value; Space in a focused numeric field
// starts and pauses without editing it; a bad Vary entry is named as you type and Start refuses
// it; disabled fields say why; the lock note stays in view; every field is reachable at
// 1280x720; each lesson shows its own settings or a summary of its runs; presentation mode
// enlarges dialogs and lesson headings, keeps Reset and Speed, and fills the screen (also run
// under a bare X server, see tests/CMakeLists.txt); "&" in labels is shown, not a mnemonic.
#include <QtTest>

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolBar>
#include <QWheelEvent>
#include <QWidgetAction>

#include "core/classroom/lesson.h"
#include "ui/classroom/lessons_page.h"
#include "ui/export/export_dialog.h"
#include "ui/window/control_panel.h"
#include "ui/window/experiment_builder.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_from_config.h"
#include "support/discarding_prompts.h"
#include "support/hang_guard.h"

using namespace normlab;
using test::kHangGuardMs;

namespace {

ControlSettings tinySettings() {
  ControlSettings s;
  s.dataset = "synthetic";
  s.preset = "tiny";
  s.trainSubset = 400;
  s.testSubset = 100;
  s.batchSize = 16;
  s.steps = 1000000;
  s.evalEvery = 5;
  s.probeEvery = 2;
  return s;
}

RunnerState stateOf(MainWindow& w) {
  w.pullSnapshot();
  return w.lastSnapshot() ? w.lastSnapshot()->state : RunnerState::Idle;
}

bool waitForState(MainWindow& w, RunnerState state) {
  return QTest::qWaitFor([&] { return stateOf(w) == state; }, kHangGuardMs);
}

// Pulls a snapshot published after every command given to the runner so far.
bool waitForSettled(MainWindow& w) {
  const std::uint64_t ticket = w.runner().requestSnapshot();
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        return w.lastSnapshot() && w.lastSnapshot()->request >= ticket;
      },
      kHangGuardMs);
}

int lessonIndex(const MainWindow& w, int number) {
  const std::vector<Lesson>& list = w.lessonsPage()->lessonList();
  for (int i = 0; i < int(list.size()); ++i)
    if (list[std::size_t(i)].number == number) return i;
  return -1;
}

// A notch of the mouse wheel over `target` (down: negative), delivered as the window system would.
void turnWheel(QWidget* target, int delta) {
  const QPointF local = QRectF(target->rect()).center();
  QWheelEvent wheel(local, target->mapToGlobal(local), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(target, &wheel);
}

// The window at a school laptop's size, shown and active (keyboard focus works).
void showLaptopWindow(MainWindow& w) {
  w.setPrompts(discardingPrompts());
  w.resize(1280, 720);
  w.show();
  w.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&w));
}

// Every field of the side panel (not the internals of spin and combo boxes).
QList<QWidget*> panelFields(ControlPanel* panel) {
  QList<QWidget*> out;
  for (QWidget* w : panel->settingsScrollArea()->widget()->findChildren<QWidget*>()) {
    if (!w->isVisibleTo(panel)) continue;
    if (w->parentWidget() && (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget())))
      continue;
    if (qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w) || qobject_cast<QLineEdit*>(w) ||
        qobject_cast<QAbstractButton*>(w))
      out << w;
  }
  return out;
}

}  // namespace

class TestPanelControls : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("NormLabTest");
    QCoreApplication::setApplicationName("test_panel_controls");
  }
  void init() { QSettings().clear(); }

  // Today a wheel turn over the panel changed Batch size from 32 to 19.
  void wheelOverAnUnfocusedSpinBoxScrollsThePanel() {
    MainWindow w;
    showLaptopWindow(w);
    ControlPanel* panel = w.controls();
    panel->setAdvancedExpanded(true);  // enough settings to scroll at 720 pixels
    QScrollBar* bar = panel->settingsScrollArea()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QSpinBox* batch = panel->batchSizeBox();
    panel->settingsScrollArea()->ensureWidgetVisible(batch);
    QVERIFY(!batch->hasFocus());
    const int value = batch->value(), scrolled = bar->value();
    turnWheel(batch->findChild<QLineEdit*>(), -120);  // the line edit is what lies under the mouse
    turnWheel(batch, -120);
    QCOMPARE(batch->value(), value);
    QVERIFY2(bar->value() > scrolled, "the wheel scrolls the panel");
    QVERIFY(!batch->hasFocus());  // a wheel turn alone does not focus it
    QComboBox* vary = panel->varyBox();
    const int varyIndex = vary->currentIndex();
    turnWheel(vary, -120);
    QCOMPARE(vary->currentIndex(), varyIndex);
    // Focused, the wheel changes it as before.
    panel->settingsScrollArea()->ensureWidgetVisible(batch);
    batch->setFocus();
    QTRY_VERIFY(batch->hasFocus());
    turnWheel(batch, 120);
    QCOMPARE(batch->value(), value + 1);
  }

  // Today Space blanked the learning rate; it starts and pauses, and the text stays.
  void spaceInAFocusedFieldStartsAndKeepsItsText() {
    MainWindow w;
    showLaptopWindow(w);
    w.controls()->setSettings(tinySettings());
    QDoubleSpinBox* lr = w.controls()->learningRateBox();
    lr->setFocus(Qt::TabFocusReason);  // as reached with Tab: the whole text selected
    QTRY_VERIFY(lr->hasFocus());
    lr->selectAll();
    const QString text = lr->text();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(waitForState(w, RunnerState::Running));
    QCOMPARE(lr->text(), text);
    QCOMPARE(lr->value(), 0.05);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(waitForState(w, RunnerState::Paused));
    QCOMPARE(lr->text(), text);
    // Elsewhere Space still toggles.
    w.tabs()->setFocus();
    QTRY_VERIFY(w.tabs()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(waitForState(w, RunnerState::Running));
    w.pause();
    QVERIFY(waitForState(w, RunnerState::Paused));
    w.resetExperiment();
  }

  void spaceTypedIntoALoneSpinBoxIsDropped() {
    ControlPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSpinBox* batch = panel.batchSizeBox();
    batch->setFocus();
    batch->selectAll();
    QTest::keyClick(batch, Qt::Key_Space);
    QCOMPARE(batch->text(), QString("32"));
  }

  // Vary lists: every bad entry named as you type; Start refuses the list; a good list trains.
  void badVaryEntryIsNamedAndStartIsRefused() {
    const VaryList list = parseVaryList(VarySetting::Dropout, "0, 1.5, abc");
    QCOMPARE(list.values, std::vector<double>{0.0});
    QVERIFY2(QString::fromStdString(list.problem).contains("\"abc\" is not a number"), list.problem.c_str());
    QVERIFY2(QString::fromStdString(list.problem).contains("1.5 is not a dropout rate"), list.problem.c_str());
    QVERIFY(parseVaryList(VarySetting::BatchSize, "2 8;32").problem.empty());
    QVERIFY(QString::fromStdString(parseVaryList(VarySetting::BatchSize, "2, 2.5, 0").problem).contains("2.5 is not a batch size"));

    MainWindow w;
    showLaptopWindow(w);
    ControlSettings s = tinySettings();
    s.preset = "small-cnn";  // has dropout
    w.controls()->setSettings(s);
    ControlPanel* panel = w.controls();
    panel->varyBox()->setCurrentIndex(panel->varyBox()->findData(int(VarySetting::Dropout)));
    QLineEdit* values = panel->varyValuesEdit();
    values->setFocus();
    values->selectAll();
    QTest::keyClicks(values, "0, 1.5, abc");  // its spaces are typed: a list is text
    QCOMPARE(values->text(), QString("0, 1.5, abc"));
    QLabel* problem = panel->varyProblemLabel();
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains("\"abc\"") && problem->text().contains("1.5"), qPrintable(problem->text()));
    QCOMPARE(stateOf(w), RunnerState::Idle);  // the typed spaces did not start anything
    w.startOrResume();
    QVERIFY(w.bannerVisible());
    QVERIFY2(w.bannerText().contains("\"abc\" is not a number"), qPrintable(w.bannerText()));
    QCOMPARE(stateOf(w), RunnerState::Idle);
    QVERIFY(!w.runner().snapshot() || w.runner().snapshot()->runs.empty());
    QVERIFY(panel->grab().save("panel_bad_vary_list.png"));  // for a person to look at
    values->setText("0, 0.5");
    QVERIFY(!problem->isVisible());
    QCOMPARE(panel->settings().varyDropouts, (std::vector<double>{0.0, 0.5}));
    QVERIFY(!w.bannerVisible());
  }

  // A disabled field says why and what to do; the lock note stays above the scrolled settings.
  void disabledFieldsSayWhyAndTheLockNoteStaysInView() {
    MainWindow w;
    showLaptopWindow(w);
    ControlPanel* panel = w.controls();
    panel->varyBox()->setCurrentIndex(panel->varyBox()->findData(int(VarySetting::BatchSize)));
    QVERIFY(!panel->batchSizeBox()->isEnabled());
    QVERIFY2(panel->batchSizeBox()->toolTip().contains("Batch sizes list"), qPrintable(panel->batchSizeBox()->toolTip()));
    panel->varyBox()->setCurrentIndex(panel->varyBox()->findData(int(VarySetting::Norm)));
    QVERIFY(panel->batchSizeBox()->isEnabled());
    QVERIFY(!panel->batchSizeBox()->toolTip().contains("Batch sizes list"));
    panel->setAdvancedExpanded(true);
    panel->setLocked(true);
    // While it trains, what a running experiment can take stays editable (issue 15); the rest says why not.
    QVERIFY(panel->batchSizeBox()->isEnabled());
    QVERIFY(panel->normCheckBox(NormKind::Group)->isEnabled());
    QVERIFY(!panel->varyBox()->isEnabled());
    QVERIFY2(panel->varyBox()->toolTip().contains("press Reset (R)"), qPrintable(panel->varyBox()->toolTip()));
    QScrollBar* bar = panel->settingsScrollArea()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum());
    QLabel* note = panel->lockNote();
    QTRY_VERIFY(note->isVisible());
    QCOMPARE(note->visibleRegion().boundingRect(), note->rect());
    panel->setLocked(false);
    QVERIFY(panel->varyBox()->isEnabled());
    QVERIFY(!panel->varyBox()->toolTip().contains("Reset"));
  }

  // At 1280x720 every field of the side panel can be scrolled fully into view, and the chart key
  // shows whole.
  void atLaptopSizeEveryFieldIsReachableAndTheChartKeyWhole() {
    MainWindow w;
    showLaptopWindow(w);
    ControlPanel* panel = w.controls();
    panel->setAdvancedExpanded(true);
    QVERIFY(w.geometry().height() <= 720);
    QScrollArea* scroll = panel->settingsScrollArea();
    QTRY_VERIFY(scroll->viewport()->height() > 100);
    const QList<QWidget*> fields = panelFields(panel);
    QVERIFY(fields.size() > 20);
    QStringList cut;
    QScrollBar* bar = scroll->verticalScrollBar();
    for (QWidget* field : fields) {
      // As a user would scroll: the field's top to the top of the panel, as far as the bar goes.
      bar->setValue(std::min(bar->maximum(), field->mapTo(scroll->widget(), QPoint()).y()));
      QApplication::processEvents();
      if (field->visibleRegion().boundingRect() != field->rect())
        cut << field->metaObject()->className() + QString(" ") + field->toolTip().left(40);
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join("\n")));

    // The Loss tab's key is whole: it fits on one line or wraps onto more, never cut at its start.
    w.tabs()->setCurrentIndex(0);
    QLabel* key = nullptr;
    for (QLabel* l : w.views().front().view->findChildren<QLabel*>())
      if (l->text().startsWith("solid: train")) key = l;
    QVERIFY(key);
    QTRY_VERIFY(key->isVisible() && key->width() > 0);
    const bool oneLine = key->fontMetrics().horizontalAdvance(key->text()) <= key->contentsRect().width();
    QVERIFY2(oneLine || (key->wordWrap() && key->height() >= key->heightForWidth(key->width())),
             qPrintable(QString("key %1 px wide, text %2 px").arg(key->width()).arg(key->fontMetrics().horizontalAdvance(key->text()))));
  }

  // Each lesson shows its own settings, or (beyond the panel) a summary of its own runs.
  void eachLessonShowsItsOwnSettingsOrASummary() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    ControlPanel* panel = w.controls();
    w.openLesson(lessonIndex(w, 1));
    QVERIFY(!panel->showsSummary());
    QCOMPARE(panel->settings().lr, 1.0);

    w.openLesson(lessonIndex(w, 2));  // three seeds, arms that differ in batch size and rate
    QVERIFY(panel->showsSummary());
    QString text = panel->summaryText();
    QVERIFY2(text.contains("Lesson 2") && text.contains("BN 2: batch norm, batch size 2, learning rate 0.003125") &&
                 text.contains("Seeds: 1, 2, 3") && text.contains("8 arms"),
             qPrintable(text));

    w.openLesson(lessonIndex(w, 5));
    QVERIFY(!panel->showsSummary());
    QCOMPARE(panel->settings().preset, std::string("mlp-deep"));

    w.openLesson(lessonIndex(w, 7));  // arms differ in input scaling, which the panel has no field for
    QVERIFY(panel->showsSummary());
    text = panel->summaryText();
    QVERIFY2(text.contains("Lesson 7") && text.contains("raw 0-255: no norm, input: raw pixels") &&
                 text.contains("Model: small-cnn") && !text.contains("BN 2") && !text.contains("mlp-deep"),
             qPrintable(text));
    // Start (after Reset) repeats the summarized runs, not the hidden settings.
    w.pause();
    w.resetExperiment();
    QVERIFY(waitForSettled(w));  // the window knows the reset (else Start would resume the paused run)
    QCOMPARE(stateOf(w), RunnerState::Idle);
    w.startOrResume();
    QVERIFY(QTest::qWaitFor(
        [&] {
          w.pullSnapshot();
          const auto snap = w.lastSnapshot();
          return snap && snap->runs.size() == 3 && snap->runs[0].label == "raw 0-255";
        },
        kHangGuardMs));

    // Lesson 4's rate, 0.00625, fits the panel exactly: its settings show, with no note.
    w.openLesson(lessonIndex(w, 4));
    QVERIFY(!panel->showsSummary());
    QCOMPARE(panel->settings().lr, 0.00625);
    QCOMPARE(panel->learningRateBox()->text(), QString("0.00625"));
    QVERIFY(w.lessonBanner()->note().isEmpty());
    // Every lesson: the panel builds exactly its runs, or its summary names every arm.
    for (const Lesson& lesson : w.lessonsPage()->lessonList()) {
      w.openLesson(lessonIndex(w, lesson.number));
      if (panel->showsSummary()) {
        for (const ArmConfig& arm : lesson.config.arms)
          QVERIFY2(panel->summaryText().contains(QString::fromStdString(arm.label) + ": "), qPrintable(panel->summaryText()));
      } else {
        QVERIFY2(sameRuns(buildExperiment(panel->settings()), lesson.config), qPrintable(QString::number(lesson.number)));
      }
    }
    // The summary's button brings the settings back.
    w.openLesson(lessonIndex(w, 2));
    QVERIFY(panel->showsSummary());
    for (QPushButton* b : panel->findChildren<QPushButton*>())
      if (b->text() == "Set up your own comparison") b->click();
    QVERIFY(!panel->showsSummary());
    w.pause();
    w.resetExperiment();
  }

  // Presentation mode: the window covers the screen, Reset and Speed stay, dialogs and lesson
  // headings grow with the text. This one also runs under a bare X server (no window manager).
  void presentationModeFillsTheScreen() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.resize(900, 600);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QRect normal = w.geometry();
    const qreal appFont = QApplication::font().pointSizeF();
    w.setPresentationMode(true);
    const QRect screen = w.screen()->geometry();
    QTRY_COMPARE(w.geometry(), screen);
    QVERIFY(w.resetAction()->isVisible());
    bool speedShown = false;
    for (QComboBox* c : w.findChildren<QToolBar*>().first()->findChildren<QComboBox*>())
      speedShown = speedShown || (c->isVisible() && c->toolTip().contains("How fast"));
    QVERIFY(speedShown);
    QVERIFY(QApplication::font().pointSizeF() > appFont * 1.4);  // message boxes, dialogs
    {
      ExportDialog exportDialog("Export chart", "loss", &w);
      QVERIFY(exportDialog.font().pointSizeF() > appFont * 1.4);
      QMessageBox box(QMessageBox::Warning, "Cannot save", "The folder is read-only.", QMessageBox::Ok, &w);
      QVERIFY(box.font().pointSizeF() > appFont * 1.4);
      QVERIFY(exportDialog.grab().save("export_dialog_presentation.png"));  // for a person to look at
    }
    // Lesson-card titles are larger than the text under them.
    qreal body = 0, smallestHeading = 1e9;
    for (QLabel* l : w.lessonsPage()->findChildren<QLabel*>()) {
      if (l->property("normlabHeadingScale").isValid()) smallestHeading = std::min(smallestHeading, l->font().pointSizeF());
      else body = std::max(body, l->font().pointSizeF());
    }
    QVERIFY2(smallestHeading > body, qPrintable(QString("heading %1, body %2").arg(smallestHeading).arg(body)));
    w.setPresentationMode(false);
    QCOMPARE(QApplication::font().pointSizeF(), appFont);
    QTRY_COMPARE(w.geometry().size(), normal.size());
  }

  // "&" shows as "&", not as an underlined mnemonic; empty states speak of the panel, not JSON.
  void mnemonicsRenderLiterally() {
    MainWindow w(nullptr, 1);
    w.setPrompts(discardingPrompts());
    w.openLesson(lessonIndex(w, 1));  // watch: "Loss & accuracy"
    const QString chart = w.lessonBanner()->chartButton()->text();
    QVERIFY2(QKeySequence::mnemonic(chart).isEmpty(), qPrintable(chart));
    QCOMPARE(QString(chart).replace("&&", "&"), QString("Show chart: Loss & accuracy"));
    w.pause();
    w.resetExperiment();

    ExportDialog dialog("Export chart", "loss");
    int withAmpersand = 0;
    for (QLabel* l : dialog.findChildren<QLabel*>()) {
      if (!QString(l->text()).remove("&&").contains('&')) continue;
      ++withAmpersand;
      QVERIFY2(l->buddy(), qPrintable("shown with its \"&\": " + l->text()));
    }
    QVERIFY(withAmpersand >= 3);  // Format, Scale, File

    for (const NamedView& v : w.views())
      for (QLabel* l : v.view->findChildren<QLabel*>())
        QVERIFY2(!l->text().contains("\"norm\""), qPrintable(l->text()));
  }
};

QTEST_MAIN(TestPanelControls)
#include "test_panel_controls.moc"
