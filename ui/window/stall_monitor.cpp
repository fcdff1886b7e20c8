#include "ui/window/stall_monitor.h"

#include <algorithm>
#include <cstdio>

#include "ui/window/thread_cpu_time.h"
#include "ui/window/timed_application.h"

namespace normlab {

StallMonitor::StallMonitor(QObject* parent)
    : QObject(parent),
      // With the slow-event trace on, a busy stretch over its threshold prints too (the events
      // that made it up print with the same clock).
      traceBusyNs_(qEnvironmentVariableIsSet("NORMLAB_SLOW_EVENT_MS") &&
                           qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1
                       ? slowEventThresholdNs()
                       : -1) {
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(kIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &StallMonitor::tick);
  clock_.start();
  timer_.start();
}

StallMonitor::~StallMonitor() = default;

void StallMonitor::startSchedulingProbe() {
  if (!probe_) probe_ = std::make_unique<SchedulingProbe>();
}

void StallMonitor::reset() {
  if (probe_) probe_->reset();
  resetNs_ = clock_.nsecsElapsed();
  lastNs_ = -1;
  longestNs_ = longestAtNs_ = longestBusyWithinNs_ = longestBusyNs_ = longestBusyAtNs_ = 0;
  ticks_ = over50_ = 0;
}

void StallMonitor::tick() {
  const qint64 now = clock_.nsecsElapsed();
  const qint64 cpu = threadCpuNs();
  if (lastNs_ >= 0) {
    const qint64 gap = now - lastNs_, busy = cpu - lastCpuNs_;
    if (gap > longestNs_) {
      longestNs_ = gap;
      longestAtNs_ = now - resetNs_;
      longestBusyWithinNs_ = busy;
    }
    if (busy > longestBusyNs_) {
      longestBusyNs_ = busy;
      longestBusyAtNs_ = now - resetNs_;
    }
    if (gap > 50'000'000) ++over50_;
    if (traceBusyNs_ >= 0 && busy > 4 * traceBusyNs_)
      if (auto* app = dynamic_cast<TimedApplication*>(QCoreApplication::instance()))
        std::fprintf(stderr, "normlab: busy stretch of %.1f ms (gap %.1f ms) ended at %.3f s\n", busy / 1e6, gap / 1e6,
                     app->sinceLaunchSeconds());
  }
  lastNs_ = now;
  lastCpuNs_ = cpu;
  ++ticks_;
}

}  // namespace normlab
