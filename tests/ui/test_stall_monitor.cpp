// StallMonitor: a blocked event loop shows up as a gap, and the GUI thread's own CPU time in it
// tells work (busy) from waiting. Only lower bounds on time are asserted (machines are noisy),
// and the event loop runs until the monitor has ticked, never for a set time: a loaded machine
// may not tick at all within a few milliseconds.
#include <QCoreApplication>
#include <QThread>
#include <QtTest>

#include <ctime>

#include "support/hang_guard.h"
#include "ui/window/stall_monitor.h"

using namespace normlab;
using test::kHangGuardMs;

namespace {
double threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}
// Runs the event loop until the monitor has ticked `n` more times (since the last reset, a first
// tick only starts the count of gaps).
bool tickTimes(const StallMonitor& monitor, int n) {
  const qint64 until = monitor.ticks() + n;
  return QTest::qWaitFor([&] { return monitor.ticks() >= until; }, kHangGuardMs);
}
}  // namespace

class TestStallMonitor : public QObject {
  Q_OBJECT
 private slots:
  void workOnTheGuiThreadIsABusyStall() {
    StallMonitor monitor;
    QVERIFY(tickTimes(monitor, 2));
    monitor.reset();
    QVERIFY(tickTimes(monitor, 2));
    // 120 ms of this thread's CPU time, however long the machine makes that take.
    const double start = threadCpuMs();
    volatile double sink = 0;
    while (threadCpuMs() - start < 120) sink = sink + 1;
    QVERIFY(tickTimes(monitor, 1));
    QVERIFY2(monitor.longestGapMs() >= 120, qPrintable(QString::number(monitor.longestGapMs())));
    QVERIFY2(monitor.longestBusyMs() >= 120, qPrintable(QString::number(monitor.longestBusyMs())));
    QCOMPARE(monitor.gapsOver50Ms() >= 1, true);
    QVERIFY(monitor.ticks() > 2);
  }

  void sleepingIsAStallWithoutWork() {
    StallMonitor monitor;
    QVERIFY(tickTimes(monitor, 2));
    monitor.reset();
    QVERIFY(tickTimes(monitor, 1));
    QThread::msleep(250);  // the thread is blocked, not working
    QVERIFY(tickTimes(monitor, 1));
    QVERIFY2(monitor.longestGapMs() >= 250, qPrintable(QString::number(monitor.longestGapMs())));
    QVERIFY2(monitor.longestGapBusyMs() < monitor.longestGapMs() / 2,
             qPrintable(QString("busy %1 of %2 ms").arg(monitor.longestGapBusyMs()).arg(monitor.longestGapMs())));
  }

  void resetForgetsEarlierGaps() {
    StallMonitor monitor;
    QVERIFY(tickTimes(monitor, 1));
    QThread::msleep(200);
    QVERIFY(tickTimes(monitor, 1));
    QVERIFY(monitor.longestGapMs() >= 200);
    monitor.reset();
    QCOMPARE(monitor.longestGapMs(), 0.0);
    QCOMPARE(monitor.longestBusyMs(), 0.0);
    QCOMPARE(monitor.gapsOver50Ms(), qint64(0));
    QCOMPARE(monitor.ticks(), qint64(0));
  }

  void schedulingProbeReportsOnlyWhenStarted() {
    StallMonitor monitor;
    QCOMPARE(monitor.probeLongestGapMs(), -1.0);
    QCOMPARE(monitor.probeGapsOver50Ms(), -1LL);
    monitor.startSchedulingProbe();
    // The probe sleeps 5 ms at a time: once it has woken, its gaps are at least that long.
    QVERIFY(QTest::qWaitFor([&] { return monitor.probeLongestGapMs() > 0; }, kHangGuardMs));
    QVERIFY2(monitor.probeLongestGapMs() >= 5, qPrintable(QString::number(monitor.probeLongestGapMs())));
    QVERIFY(monitor.probeGapsOver50Ms() >= 0);
  }
};

QTEST_MAIN(TestStallMonitor)
#include "test_stall_monitor.moc"
