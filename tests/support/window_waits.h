// Waiting on the main window's runner in widget tests: pull snapshots until a state is reached
// (never a sleep: the hang guard is the only time-out).
#pragma once

#include <QtTest>

#include "support/hang_guard.h"
#include "ui/window/main_window.h"

namespace normlab::test {

inline bool waitForState(MainWindow& w, RunnerState state) {
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        return w.lastSnapshot() && w.lastSnapshot()->state == state;
      },
      kHangGuardMs);
}

}  // namespace normlab::test
