#include "stall_monitor.h"

#include <algorithm>

namespace normlab {

StallMonitor::StallMonitor(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(kIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &StallMonitor::tick);
  clock_.start();
  timer_.start();
}

void StallMonitor::reset() {
  lastNs_ = -1;
  longestNs_ = 0;
  ticks_ = 0;
}

void StallMonitor::tick() {
  const qint64 now = clock_.nsecsElapsed();
  if (lastNs_ >= 0) longestNs_ = std::max(longestNs_, now - lastNs_);
  lastNs_ = now;
  ++ticks_;
}

}  // namespace normlab
