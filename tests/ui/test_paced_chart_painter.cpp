// PacedChartPainter: while held, charts do not repaint on their own and are repainted one per
// timer tick; released, they update on their own again. The tests sleep only to make a tick due
// (a lower bound) and otherwise run the event loop until a state is reached, never for a set time.
#include <QApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QThread>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtTest>

#include <map>
#include <vector>

#include "support/hang_guard.h"
#include "ui/views/paced_chart_painter.h"

using namespace normlab;
using test::kHangGuardMs;

namespace {
// Counts paint events per watched widget.
class PaintCounter : public QObject {
 public:
  std::map<const QObject*, int> paints;
  std::vector<double> times;  // when each paint began, in ms
  QElapsedTimer clock;
  PaintCounter() { clock.start(); }
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint) {
      ++paints[watched];
      times.push_back(double(clock.nsecsElapsed()) / 1e6);
    }
    return false;
  }
  int total() const {
    int n = 0;
    for (const auto& [w, count] : paints) n += count;
    return n;
  }
};

// Runs the event loop until the painter has painted every chart it holds queued, with the scene
// changes on their way to it delivered (a scene reports a change from a queued call, and the
// change may queue its chart again).
bool paintAll(const PacedChartPainter& painter) {
  return QTest::qWaitFor(
      [&] {
        QCoreApplication::sendPostedEvents();
        return painter.pending() == 0;
      },
      kHangGuardMs);
}
}  // namespace

class TestPacedChartPainter : public QObject {
  Q_OBJECT

  QWidget* page_ = nullptr;
  QList<QChartView*> charts_;
  QList<QLineSeries*> series_;
  PaintCounter counter_;

  // Changes every chart's data (as a new snapshot would).
  void changeData(double y) {
    for (QLineSeries* s : series_) s->replace({QPointF(0, 0), QPointF(1, y)});
  }
  // Lets Qt finish every pending paint, then forgets the counts.
  void settle() {
    for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
    counter_.paints.clear();
  }

 private slots:
  void init() {
    page_ = new QWidget;
    auto* layout = new QVBoxLayout(page_);
    charts_.clear();
    series_.clear();
    for (int i = 0; i < 3; ++i) {
      auto* chart = new QChart;
      auto* series = new QLineSeries;
      chart->addSeries(series);
      chart->createDefaultAxes();
      auto* view = new QChartView(chart, page_);
      layout->addWidget(view);
      view->viewport()->installEventFilter(&counter_);
      charts_.append(view);
      series_.append(series);
    }
    page_->resize(400, 600);
    page_->show();
    QVERIFY(QTest::qWaitForWindowExposed(page_));
    settle();
  }
  void cleanup() {
    delete page_;
    page_ = nullptr;
  }

  void sceneChangesRepaintOnTheirOwnWhenNotHeld() {
    changeData(5);
    settle();  // the counts after settle() are cleared; count again
    changeData(7);
    QVERIFY2(QTest::qWaitFor([&] { return counter_.total() >= 3; }, kHangGuardMs),
             "a control for the tests below: unheld charts repaint by themselves");
  }

  void heldChartsPaintOnePerTurn() {
    PacedChartPainter painter;
    const auto mode = charts_[0]->viewportUpdateMode();
    // Each round is a frame: a new snapshot changes every chart, then the window asks for the
    // tab's charts to be painted.
    for (int round = 0; round < 3; ++round) {
      counter_.paints.clear();
      changeData(3 + round);
      painter.paintInTurns(charts_);
      for (QChartView* c : charts_) {
        QVERIFY(painter.holds(c));
        QCOMPARE(c->viewportUpdateMode(), QGraphicsView::NoViewportUpdate);
      }
      QCOMPARE(painter.pending(), qsizetype(3));
      QCOMPARE(counter_.total(), 0);  // nothing is painted before the event loop runs
      for (int turn = 1; turn <= 3; ++turn) {
        QThread::msleep(2 * PacedChartPainter::kTickMs + 5);  // the tick is due
        QCoreApplication::processEvents();
        QCOMPARE(counter_.total(), turn);
        QCOMPARE(counter_.paints[charts_[turn - 1]->viewport()], 1);  // in order, one per tick
      }
      QVERIFY(paintAll(painter));
      // The first round may paint a chart twice (its scene reports the change after the chart was
      // painted); later rounds paint each chart exactly once.
      if (round > 0) QCOMPARE(counter_.total(), 3);
    }

    // A change a view makes by itself (a slider, say) is painted too, one chart per tick: two
    // paints are never closer than the tick.
    counter_.paints.clear();
    counter_.times.clear();
    changeData(10);
    QElapsedTimer spin;  // a busy event loop: nothing else spaces the paints
    spin.start();
    while (counter_.total() < 3 && spin.elapsed() < kHangGuardMs) QCoreApplication::processEvents();
    for (QChartView* c : charts_) QCOMPARE(counter_.paints[c->viewport()], 1);
    for (std::size_t k = 1; k < counter_.times.size(); ++k)
      QVERIFY2(counter_.times[k] - counter_.times[k - 1] >= PacedChartPainter::kTickMs - 1,
               qPrintable(QString("paints %1 ms apart").arg(counter_.times[k] - counter_.times[k - 1])));

    // Asking again while a round is under way does not queue a chart twice.
    painter.paintInTurns(charts_);
    painter.paintInTurns(charts_);
    QCOMPARE(painter.pending(), qsizetype(3));

    painter.release();
    QCOMPARE(painter.pending(), qsizetype(0));
    for (QChartView* c : charts_) {
      QVERIFY(!painter.holds(c));
      QCOMPARE(c->viewportUpdateMode(), mode);
    }
    settle();
    changeData(9);
    QVERIFY2(QTest::qWaitFor([&] { return counter_.total() >= 3; }, kHangGuardMs),
             "released charts repaint on their own again");
  }

  void hiddenAndDeletedChartsAreSkipped() {
    PacedChartPainter painter;
    painter.paintInTurns(charts_);
    charts_[0]->hide();
    delete charts_[1];
    QThread::msleep(2 * PacedChartPainter::kTickMs + 5);
    QCoreApplication::processEvents();
    // The first turn skips the hidden and the deleted chart and paints the third (the layout may
    // repaint it too, as the other two left).
    QVERIFY(counter_.paints[charts_[2]->viewport()] >= 1);
    QCOMPARE(counter_.paints[charts_[0]->viewport()], 0);
    QCOMPARE(painter.pending(), qsizetype(0));
    painter.release();  // the deleted chart is simply forgotten
    charts_.removeAt(1);
    series_.removeAt(1);
  }
};

QTEST_MAIN(TestPacedChartPainter)
#include "test_paced_chart_painter.moc"
