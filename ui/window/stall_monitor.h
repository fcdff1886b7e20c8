// Measures how responsive the GUI thread is: a 5 ms timer on the event loop notes the largest gap
// between two of its ticks. A gap far above 5 ms means the event loop was blocked (drawing,
// copying a snapshot, loading data) and the window froze for that long.
//
// A gap has two possible causes, told apart by the GUI thread's own CPU time within it: work on
// the GUI thread (busy time close to the gap) or the thread not being run at all (the OS or a
// virtual machine's host scheduled something else; busy time near zero).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

#include "ui/window/scheduling_probe.h"

namespace normlab {

class StallMonitor : public QObject {
  Q_OBJECT
 public:
  explicit StallMonitor(QObject* parent = nullptr);
  ~StallMonitor() override;
  // Also runs a SchedulingProbe: the machine's own wake-up gaps, measured beside the GUI's.
  void startSchedulingProbe();
  // The probe's longest gap since the last reset in ms, or -1 without a probe.
  double probeLongestGapMs() const { return probe_ ? probe_->longestGapMs() : -1; }
  long long probeGapsOver50Ms() const { return probe_ ? probe_->gapsOver50Ms() : -1; }
  // Forgets the gaps seen so far (e.g. when training starts, so start-up does not count).
  void reset();
  // Stops measuring and keeps the figures (the window is closing: leaving presentation mode to
  // store its normal geometry is not a stall anyone sees).
  void freeze() { timer_.stop(); }
  // The longest gap between two ticks since the last reset, in milliseconds.
  double longestGapMs() const { return longestNs_ / 1e6; }
  // The GUI thread's CPU time within that longest gap, in milliseconds.
  double longestGapBusyMs() const { return longestBusyWithinNs_ / 1e6; }
  // When the longest gap ended, in seconds since the last reset.
  double longestAtSeconds() const { return longestAtNs_ / 1e9; }
  // The most CPU time the GUI thread spent between two ticks (its longest stretch of own work).
  double longestBusyMs() const { return longestBusyNs_ / 1e6; }
  double longestBusyAtSeconds() const { return longestBusyAtNs_ / 1e9; }
  // Number of ticks, and of gaps longer than 50 ms, since the last reset.
  qint64 ticks() const { return ticks_; }
  qint64 gapsOver50Ms() const { return over50_; }
  static constexpr int kIntervalMs = 5;

 private:
  void tick();
  QTimer timer_;
  QElapsedTimer clock_;
  const qint64 traceBusyNs_;  // -1: no trace
  std::unique_ptr<SchedulingProbe> probe_;
  qint64 resetNs_ = 0, lastNs_ = -1, lastCpuNs_ = 0, longestNs_ = 0, longestAtNs_ = 0, longestBusyWithinNs_ = 0,
         longestBusyNs_ = 0, longestBusyAtNs_ = 0, ticks_ = 0, over50_ = 0;
};

}  // namespace normlab
