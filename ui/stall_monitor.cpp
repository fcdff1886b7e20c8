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
  resetNs_ = clock_.nsecsElapsed();
  lastNs_ = -1;
  longestNs_ = longestAtNs_ = 0;
  ticks_ = over50_ = 0;
}

void StallMonitor::tick() {
  const qint64 now = clock_.nsecsElapsed();
  if (lastNs_ >= 0) {
    const qint64 gap = now - lastNs_;
    if (gap > longestNs_) {
      longestNs_ = gap;
      longestAtNs_ = now - resetNs_;
    }
    if (gap > 50'000'000) ++over50_;
  }
  lastNs_ = now;
  ++ticks_;
}

}  // namespace normlab
