// The GUI's QApplication. With NORMLAB_STALL_REPORT=1, every event the GUI thread takes over 30 ms
// (NORMLAB_SLOW_EVENT_MS) to handle is printed with its receiver and type, so a stall can be
// traced to its cause (nested events print too).
#pragma once

#include <QApplication>
#include <QElapsedTimer>

namespace normlab {

// What counts as slow in the stall report: NORMLAB_SLOW_EVENT_MS, 30 ms by default.
qint64 slowEventThresholdNs();

class TimedApplication : public QApplication {
 public:
  TimedApplication(int& argc, char** argv);
  // The receiver's class and name are read before the event is handled: a handler may delete
  // its receiver (a single-shot timer after its slot, deleteLater, a closed dialog), and a slow
  // one is exactly the event that is printed afterwards.
  bool notify(QObject* receiver, QEvent* event) override;
  // Seconds since launch: the clock the slow-event lines print (other traces print it too).
  double sinceLaunchSeconds() const { return sinceLaunch_.nsecsElapsed() / 1e9; }

 private:
  const bool trace_;
  QElapsedTimer sinceLaunch_;
  const qint64 thresholdNs_;
};

}  // namespace normlab
