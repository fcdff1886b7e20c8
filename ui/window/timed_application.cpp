#include "ui/window/timed_application.h"

#include <cstdio>

#include "ui/window/thread_cpu_time.h"

namespace normlab {

qint64 slowEventThresholdNs() {
  // NORMLAB_SLOW_EVENT_MS lowers (or raises) the threshold to see what adds up to a stall.
  return qint64(1e6 * (qEnvironmentVariableIsSet("NORMLAB_SLOW_EVENT_MS")
                           ? qEnvironmentVariable("NORMLAB_SLOW_EVENT_MS").toDouble()
                           : 30.0));
}

TimedApplication::TimedApplication(int& argc, char** argv)
    : QApplication(argc, argv),
      trace_(qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1),
      thresholdNs_(slowEventThresholdNs()) {
  sinceLaunch_.start();
}

bool TimedApplication::notify(QObject* receiver, QEvent* event) {
  if (!trace_) return QApplication::notify(receiver, event);
  // Neither the event nor the receiver is touched once handled: either may be gone by then.
  const int type = event->type();
  const char* className = receiver->metaObject()->className();
  const QString name = receiver->objectName();
  QElapsedTimer clock;
  clock.start();
  const qint64 cpuBefore = threadCpuNs();
  const bool handled = QApplication::notify(receiver, event);
  // The CPU time is the GUI thread's own work; the rest of the wall time it was not run at all.
  if (clock.nsecsElapsed() > thresholdNs_)
    std::fprintf(stderr, "normlab: slow event at %.3f s: type %d to %s '%s' took %.1f ms (%.1f ms CPU)\n",
                 sinceLaunch_.elapsed() / 1e3, type, className, qPrintable(name), clock.nsecsElapsed() / 1e6,
                 (threadCpuNs() - cpuBefore) / 1e6);
  return handled;
}

}  // namespace normlab
