// The fork-join pool: every part runs exactly once, the caller blocks until all are done,
// exceptions cross back to the caller, and the pool stays usable afterwards.
#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/base/partition.h"
#include "core/base/thread_pool.h"

using namespace normlab;

class TestThreadPool : public QObject {
  Q_OBJECT
 private slots:
  void everyPartOnce_data() {
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("parts");
    QTest::newRow("1 thread, 8 parts") << 1 << 8;
    QTest::newRow("2 threads, 1 part") << 2 << 1;
    QTest::newRow("2 threads, 8 parts") << 2 << 8;
    QTest::newRow("4 threads, 37 parts") << 4 << 37;
  }
  void everyPartOnce() {
    QFETCH(int, threads);
    QFETCH(int, parts);
    ThreadPool pool(threads);
    QCOMPARE(pool.threads(), threads);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::atomic<int>> hits(parts);
      pool.run(parts, [&](int p) { hits[p].fetch_add(1); });
      for (int p = 0; p < parts; ++p) QCOMPARE(hits[p].load(), 1);
    }
  }
  void exceptionReachesCaller() {
    ThreadPool pool(2);
    std::atomic<int> ran{0};
    bool thrown = false;
    try {
      pool.run(8, [&](int p) {
        ran.fetch_add(1);
        if (p == 5) throw std::runtime_error("part 5 failed");
      });
    } catch (const std::runtime_error& e) {
      thrown = QString(e.what()) == "part 5 failed";
    }
    QVERIFY(thrown);
    QCOMPARE(ran.load(), 8);  // the other parts still ran; nothing is left half-claimed
    int sum = 0;
    pool.run(4, [&](int p) { if (p == 0) sum = 1; });
    QCOMPARE(sum, 1);  // still usable
  }
  void partitionCoversRange_data() {
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("parts");
    QTest::newRow("32/8") << 32 << 8;
    QTest::newRow("10/8") << 10 << 8;
    QTest::newRow("3/3") << 3 << 3;
    QTest::newRow("7/1") << 7 << 1;
  }
  void partitionCoversRange() {
    QFETCH(int, total);
    QFETCH(int, parts);
    int expectedBegin = 0;
    for (int p = 0; p < parts; ++p) {
      const Range r = partRange(total, parts, p);
      QCOMPARE(r.begin, expectedBegin);
      QVERIFY(r.size() >= total / parts && r.size() <= total / parts + 1);
      expectedBegin = r.end;
    }
    QCOMPARE(expectedBegin, total);
    QCOMPARE(batchParts(1), 1);
    QCOMPARE(batchParts(1000), kMaxBatchParts);
  }
};

QTEST_APPLESS_MAIN(TestThreadPool)
#include "test_thread_pool.moc"
