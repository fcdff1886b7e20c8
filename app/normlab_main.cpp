// The NormLab desktop application.
//
// Environment variables for measurements (see the GUI issue note):
//   NORMLAB_STALL_REPORT=1   on exit, print the GUI thread's longest event-loop stall since the
//                            last Start, and each arm's training speed (images/s)
//   NORMLAB_AUTOSTART=1      press Start on launch
//   NORMLAB_QUIT_AFTER=S     quit S seconds after launch
//   NORMLAB_SCREENSHOT=FILE  with NORMLAB_QUIT_AFTER: save a picture of the window just before quitting
#include <QApplication>
#include <QIcon>
#include <QTimer>

#include <cstdio>

#include "ui/main_window.h"
#include "ui/stall_monitor.h"

#ifndef NORMLAB_VERSION
#define NORMLAB_VERSION "0.1.0"
#endif

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("NormLab");
  QApplication::setOrganizationName("NormLab");
  QApplication::setApplicationVersion(NORMLAB_VERSION);
  QApplication::setDesktopFileName("normlab");
  QApplication::setWindowIcon(QIcon(":/icons/normlab.svg"));
  normlab::MainWindow window;
  window.show();
  if (qEnvironmentVariableIntValue("NORMLAB_AUTOSTART") == 1)
    QTimer::singleShot(0, &window, &normlab::MainWindow::startOrResume);
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
    const normlab::StallMonitor* m = window.stallMonitor();
    std::fprintf(stderr,
                 "normlab: longest GUI event-loop stall %.1f ms (at %.1f s after Start; %lld gaps over 50 ms in %lld "
                 "ticks of the %d ms timer)\n",
                 m->longestGapMs(), m->longestAtSeconds(), static_cast<long long>(m->gapsOver50Ms()),
                 static_cast<long long>(m->ticks()), normlab::StallMonitor::kIntervalMs);
    if (auto s = window.lastSnapshot())
      for (const auto& r : s->runs)
        std::fprintf(stderr, "normlab: %-12s step %6lld  %8.1f images/s\n", r.label.c_str(),
                     static_cast<long long>(r.step), r.imagesPerSecond);
  }
  return status;
}
