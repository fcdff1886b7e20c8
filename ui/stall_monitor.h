// Measures how responsive the GUI thread is: a 5 ms timer on the event loop notes the largest gap
// between two of its ticks. A gap far above 5 ms means the event loop was blocked (drawing,
// copying a snapshot, loading data) and the window froze for that long.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace normlab {

class StallMonitor : public QObject {
  Q_OBJECT
 public:
  explicit StallMonitor(QObject* parent = nullptr);
  // Forgets the gaps seen so far (e.g. when training starts, so start-up does not count).
  void reset();
  // The longest gap between two ticks since the last reset, in milliseconds.
  double longestGapMs() const { return longestNs_ / 1e6; }
  // When the longest gap ended, in seconds since the last reset.
  double longestAtSeconds() const { return longestAtNs_ / 1e9; }
  // Number of ticks, and of gaps longer than 50 ms, since the last reset.
  qint64 ticks() const { return ticks_; }
  qint64 gapsOver50Ms() const { return over50_; }
  static constexpr int kIntervalMs = 5;

 private:
  void tick();
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 resetNs_ = 0, lastNs_ = -1, longestNs_ = 0, longestAtNs_ = 0, ticks_ = 0, over50_ = 0;
};

}  // namespace normlab
