#include "ui/window/scheduling_probe.h"

#include <chrono>

namespace normlab {

SchedulingProbe::SchedulingProbe() : thread_([this] { run(); }) {}

SchedulingProbe::~SchedulingProbe() {
  stop_.store(true);
  thread_.join();
}

void SchedulingProbe::run() {
  using Clock = std::chrono::steady_clock;
  auto last = Clock::now();
  while (!stop_.load(std::memory_order_relaxed)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const auto now = Clock::now();
    const long long gap = std::chrono::duration_cast<std::chrono::nanoseconds>(now - last).count();
    last = now;
    if (resetRequested_.exchange(false, std::memory_order_relaxed)) {
      longestNs_.store(0, std::memory_order_relaxed);
      over50_.store(0, std::memory_order_relaxed);
      continue;
    }
    if (gap > 50'000'000) over50_.fetch_add(1, std::memory_order_relaxed);
    if (gap > longestNs_.load(std::memory_order_relaxed)) longestNs_.store(gap, std::memory_order_relaxed);
  }
}

}  // namespace normlab
