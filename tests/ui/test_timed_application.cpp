// TimedApplication (NORMLAB_STALL_REPORT=1) prints each slow event with its receiver. A handler
// may delete its receiver: a single-shot timer deletes itself after its slot has run, so a slow
// slot (the NORMLAB_QUIT_AFTER timer that takes a screenshot and closes the window) made the
// report read a freed object and the GUI crash as it quit. Here every event counts as slow.
#include <QThread>
#include <QTimer>
#include <QtTest>

#include "support/hang_guard.h"
#include "ui/window/timed_application.h"

using namespace normlab;
using test::kHangGuardMs;

namespace {
// Deletes itself while handling a (slow) event, as a closed dialog or a single-shot timer does.
class SelfDeleting : public QObject {
 public:
  explicit SelfDeleting(bool* deleted) : deleted_(deleted) {}
  ~SelfDeleting() override { *deleted_ = true; }
  bool event(QEvent* e) override {
    if (e->type() != QEvent::User) return QObject::event(e);
    QThread::msleep(3);
    delete this;
    return true;
  }

 private:
  bool* deleted_;
};
}  // namespace

class TestTimedApplication : public QObject {
  Q_OBJECT
 private slots:
  void slowSingleShotTimerIsReportedAfterItDeletesItself() {
    for (int i = 0; i < 20; ++i) {
      bool ran = false;
      QTimer::singleShot(1, [&ran] {  // 0 ms would post a call, not start a timer
        QThread::msleep(3);
        ran = true;
      });
      QVERIFY(QTest::qWaitFor([&] { return ran; }, kHangGuardMs));
    }
  }
  void receiverDeletedByItsHandlerIsReported() {
    for (int i = 0; i < 20; ++i) {
      bool deleted = false;
      auto* object = new SelfDeleting(&deleted);
      object->setObjectName("self-deleting");
      QEvent event(QEvent::User);
      QCoreApplication::sendEvent(object, &event);
      QVERIFY(deleted);
    }
  }
};

int main(int argc, char** argv) {
  // Stall report on, every event over 1 ms printed (the handlers above take 3 ms).
  qputenv("NORMLAB_STALL_REPORT", "1");
  qputenv("NORMLAB_SLOW_EVENT_MS", "1");
  TimedApplication app(argc, argv);
  TestTimedApplication test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_timed_application.moc"
