#include "ui/window/timed_application.h"

#include <cstdio>

namespace normlab {

TimedApplication::TimedApplication(int& argc, char** argv)
    : QApplication(argc, argv),
      trace_(qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1),
      // NORMLAB_SLOW_EVENT_MS lowers (or raises) the 30 ms threshold to see what adds up to a stall.
      thresholdNs_(qint64(1e6 * (qEnvironmentVariableIsSet("NORMLAB_SLOW_EVENT_MS")
                                     ? qEnvironmentVariable("NORMLAB_SLOW_EVENT_MS").toDouble()
                                     : 30.0))) {
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
  const bool handled = QApplication::notify(receiver, event);
  if (clock.nsecsElapsed() > thresholdNs_)
    std::fprintf(stderr, "normlab: slow event at %.3f s: type %d to %s '%s' took %.1f ms\n", sinceLaunch_.elapsed() / 1e3,
                 type, className, qPrintable(name), clock.nsecsElapsed() / 1e6);
  return handled;
}

}  // namespace normlab
