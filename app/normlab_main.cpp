// The NormLab desktop application.
//
//   normlab [FILE.normlab]      open a saved experiment (every chart, without retraining)
//   normlab --lesson N          open built-in lesson N (it loads, starts and shows its text)
//   normlab --presentation      start in presentation mode (full screen, large fonts; F11 leaves it)
//
// Environment variables for measurements (see the GUI issue note):
//   NORMLAB_STALL_REPORT=1   print every GUI event handled in over 30 ms (NORMLAB_SLOW_EVENT_MS
//                            changes the threshold); on exit, the GUI
//                            thread's longest event-loop stall since the last Start, the GUI
//                            thread's own CPU time within it, an idle control thread's longest
//                            wake-up gap (the machine's share), and each arm's speed (images/s)
//   NORMLAB_AUTOSTART=1      press Start on launch (NORMLAB_AUTOSTART_DELAY=S: S seconds after
//                            launch, as a user would once the window is up)
//   NORMLAB_CYCLE_TABS=S     switch to the next tab every S seconds (stalls while switching)
//   NORMLAB_TAB=N            show chart tab N (0 = the first) on launch
//   NORMLAB_QUIT_AFTER=S     quit S seconds after launch
//   NORMLAB_SCREENSHOT=FILE  with NORMLAB_QUIT_AFTER: save a picture of the window just before quitting
//   NORMLAB_SET_LR=S:V,...   S seconds after launch, enter V in the Learning rate field (as a user
//                            would while training: the change is applied, recorded and marked)
//   NORMLAB_ADD_NORM=S:K,... S seconds after launch, tick norm type K (none, batch, layer, instance,
//                            group, lrn) in the side panel: while it trains, an arm is added; with
//                            NORMLAB_STALL_REPORT, the stall figures of the time it took to catch
//                            up are printed when it has
//   NORMLAB_BRANCH=S:ARM:KEY=V,...  S seconds after launch, branch arm ARM here with KEY=V
//                            (dropout, batch_size, lr; as Branch Here would)
#include <QCoreApplication>
#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QCommandLineParser>
#include <QIcon>
#include <QTabWidget>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <functional>
#include <utility>
#include <memory>

#include "ui/classroom/lessons_page.h"
#include "ui/images/qt_image_decoder.h"
#include "ui/window/control_panel.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"
#include "ui/window/stall_monitor.h"
#include "ui/window/timed_application.h"

#ifndef NORMLAB_VERSION
#define NORMLAB_VERSION "0.1.0"
#endif

namespace {
// Calls `then` once, after the window's first expose: a lesson named on the command line starts
// training once the window is on screen, so its first paint (20-40 ms) neither waits for the
// lesson nor counts as a stall of the training.
class AfterFirstExpose : public QObject {
 public:
  AfterFirstExpose(QWidget& window, std::function<void()> then) : QObject(&window), then_(std::move(then)) {
    window.windowHandle()->installEventFilter(this);
  }
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Expose && then_) {
      watched->removeEventFilter(this);
      QTimer::singleShot(0, this, std::exchange(then_, nullptr));  // after the paint it asks for
    }
    return false;
  }

 private:
  std::function<void()> then_;
};

// The stall monitor's figures since its last reset, `what` saying which time they cover.
void printStalls(const normlab::StallMonitor& m, const char* what) {
  std::fprintf(stderr,
               "normlab: longest GUI event-loop stall %.1f ms (at %.1f s %s; %lld gaps over 50 ms in %lld "
               "ticks of the %d ms timer)\n",
               m.longestGapMs(), m.longestAtSeconds(), what, static_cast<long long>(m.gapsOver50Ms()),
               static_cast<long long>(m.ticks()), normlab::StallMonitor::kIntervalMs);
  std::fprintf(stderr,
               "normlab: GUI thread busy %.1f ms within that stall; its longest busy stretch %.1f ms (at %.1f s); "
               "an idle control thread's longest wake-up gap %.1f ms (%lld gaps over 50 ms)\n",
               m.longestGapBusyMs(), m.longestBusyMs(), m.longestBusyAtSeconds(), m.probeLongestGapMs(),
               m.probeGapsOver50Ms());
}

// From the tick that adds an arm until it has caught up: resets the stall monitor at the tick and
// prints its figures once the snapshots say no arm is catching up any more.
void reportCatchUp(normlab::MainWindow& window) {
  window.stallMonitor()->reset();
  auto* poll = new QTimer(&window);
  auto began = std::make_shared<QElapsedTimer>();
  began->start();
  QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, began, seen = false]() mutable {
    const auto s = window.lastSnapshot();
    if (!s) return;
    seen = seen || s->catchingUp;
    if (!seen || s->catchingUp) return;
    std::fprintf(stderr, "normlab: the added arm caught up in %.1f s\n", began->elapsed() / 1000.0);
    printStalls(*window.stallMonitor(), "after the arm was added, while it caught up");
    poll->stop();  // (a tick already queued would print again before the deletion)
    poll->deleteLater();
  });
  poll->start(20);
}

}  // namespace

int main(int argc, char** argv) {
  normlab::TimedApplication app(argc, argv);
  normlab::installQtImageDecoder();
  QApplication::setApplicationName("NormLab");
  QApplication::setOrganizationName("NormLab");
  QApplication::setApplicationVersion(NORMLAB_VERSION);
  QApplication::setDesktopFileName("normlab");
  QApplication::setWindowIcon(QIcon(":/icons/normlab.svg"));
  // The system locale's language, or the one View > Language chose.
  normlab::installTranslations(normlab::localeForLanguage(normlab::languageSetting()));
  QCommandLineParser args;
  args.setApplicationDescription(QCoreApplication::translate("main", "Trains small CNNs live and shows, layer by layer, what normalization does."));
  args.addHelpOption();
  args.addVersionOption();
  args.addPositionalArgument("file", QCoreApplication::translate("main", "A saved experiment (.normlab) to open."), "[FILE.normlab]");
  const QCommandLineOption lessonOption("lesson", QCoreApplication::translate("main", "Open built-in lesson N (1-9)."), "N");
  args.addOption(lessonOption);
  const QCommandLineOption presentationOption("presentation",
                                              QCoreApplication::translate("main", "Start in presentation mode: full screen, large fonts, thick lines (F11 leaves it)."));
  args.addOption(presentationOption);
  args.process(app);

  normlab::MainWindow window;
  if (qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1) window.stallMonitor()->startSchedulingProbe();
  window.show();
  if (args.isSet(presentationOption)) window.setPresentationMode(true);
  if (!args.positionalArguments().isEmpty()) window.openExperimentFrom(args.positionalArguments().first());
  int lesson = -1;
  if (args.isSet(lessonOption)) {
    const int number = args.value(lessonOption).toInt();
    int index = -1;
    for (std::size_t i = 0; i < window.lessonsPage()->lessonList().size(); ++i)
      if (window.lessonsPage()->lessonList()[i].number == number) index = int(i);
    if (index < 0) {
      std::fprintf(stderr, "normlab: there is no lesson '%s' (lessons are numbered 1 to %zu)\n",
                   qPrintable(args.value(lessonOption)), window.lessonsPage()->lessonList().size());
      return 2;
    }
    lesson = index;
  }
  if (qEnvironmentVariableIntValue("NORMLAB_AUTOSTART") == 1)
    QTimer::singleShot(int(1000 * qEnvironmentVariable("NORMLAB_AUTOSTART_DELAY").toDouble()), &window,
                       &normlab::MainWindow::startOrResume);
  if (const double every = qEnvironmentVariable("NORMLAB_CYCLE_TABS").toDouble(); every > 0) {
    auto* cycle = new QTimer(&window);
    QObject::connect(cycle, &QTimer::timeout, &window, [&window] {
      QTabWidget* tabs = window.tabs();
      tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count());
    });
    cycle->start(int(every * 1000));
  }
  // The lesson opens, then the chosen tab shows (a lesson picks its own tab).
  const int tab = qEnvironmentVariableIsSet("NORMLAB_TAB") ? qEnvironmentVariableIntValue("NORMLAB_TAB") : -1;
  if (lesson >= 0 || tab >= 0)
    new AfterFirstExpose(window, [&window, lesson, tab] {
      if (lesson >= 0) window.openLesson(lesson);
      if (tab >= 0) window.tabs()->setCurrentIndex(tab);
    });
  for (const QString& change : qEnvironmentVariable("NORMLAB_SET_LR").split(',', Qt::SkipEmptyParts)) {
    const QStringList at = change.split(':');
    if (at.size() != 2) continue;
    const double rate = at[1].toDouble();
    QTimer::singleShot(int(1000 * at[0].toDouble()), &window, [&window, rate] { window.controls()->learningRateBox()->setValue(rate); });
  }
  for (const QString& add : qEnvironmentVariable("NORMLAB_ADD_NORM").split(',', Qt::SkipEmptyParts)) {
    const QStringList at = add.split(':');
    if (at.size() != 2) continue;
    const std::string kind = at[1].toStdString();
    QTimer::singleShot(int(1000 * at[0].toDouble()), &window, [&window, kind] {
      for (normlab::NormKind k : {normlab::NormKind::None, normlab::NormKind::Batch, normlab::NormKind::Layer,
                                  normlab::NormKind::Instance, normlab::NormKind::Group, normlab::NormKind::LocalResponse})
        if (kind == normlab::normKindName(k)) window.controls()->normCheckBox(k)->setChecked(true);
      if (qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1) reportCatchUp(window);
    });
  }
  for (const QString& branch : qEnvironmentVariable("NORMLAB_BRANCH").split(',', Qt::SkipEmptyParts)) {
    const QStringList at = branch.split(':');
    if (at.size() != 3 || !at[2].contains('=')) continue;
    const QString key = at[2].section('=', 0, 0);
    const double value = at[2].section('=', 1).toDouble();
    nlohmann::json changes = {{key.toStdString(), value}};
    if (key == "batch_size") changes[key.toStdString()] = int(value);
    QTimer::singleShot(int(1000 * at[0].toDouble()), &window,
                       [&window, parent = at[1], changes] { window.branchArm(parent, changes); });
  }
  bool ok = false;
  const double quitAfter = qEnvironmentVariable("NORMLAB_QUIT_AFTER").toDouble(&ok);
  if (ok && quitAfter > 0)
    QTimer::singleShot(int(quitAfter * 1000), &window, [&window] {
      const QString shot = qEnvironmentVariable("NORMLAB_SCREENSHOT");
      if (!shot.isEmpty()) {
        window.pullSnapshot();
        if (!window.grab().save(shot)) std::fprintf(stderr, "normlab: cannot write '%s'\n", qPrintable(shot));
      }
      window.close();
    });
  const int status = app.exec();
  if (qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1) {
    window.pullSnapshot();
    printStalls(*window.stallMonitor(), "after Start, or after an arm was added");
    if (auto s = window.lastSnapshot())
      for (const auto& r : s->runs)
        std::fprintf(stderr, "normlab: %-12s step %6lld  %8.1f images/s\n", r.label.c_str(),
                     static_cast<long long>(r.step), r.imagesPerSecond);
  }
  return status;
}
