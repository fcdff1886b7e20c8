// A control for the stall measurement: a thread that does nothing but sleep 5 ms at a time and
// note its longest wake-up gap. The machine alone (other processes, a virtual machine's host)
// causes that gap; the GUI thread's stalls can be no better than it on the same machine.
#pragma once

#include <atomic>
#include <thread>

namespace normlab {

class SchedulingProbe {
 public:
  SchedulingProbe();
  ~SchedulingProbe();
  SchedulingProbe(const SchedulingProbe&) = delete;
  SchedulingProbe& operator=(const SchedulingProbe&) = delete;
  // Forgets the gaps seen so far.
  void reset() { resetRequested_.store(true, std::memory_order_relaxed); }
  // The longest wake-up gap since the last reset, in milliseconds.
  double longestGapMs() const { return double(longestNs_.load(std::memory_order_relaxed)) / 1e6; }
  // Wake-up gaps over 50 ms since the last reset.
  long long gapsOver50Ms() const { return over50_.load(std::memory_order_relaxed); }

 private:
  void run();
  std::atomic<bool> stop_{false}, resetRequested_{false};
  std::atomic<long long> longestNs_{0}, over50_{0};
  std::thread thread_;
};

}  // namespace normlab
