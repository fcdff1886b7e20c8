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
#include <QGraphicsRectItem>
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

// A scene item that counts how often the scene was drawn with it (rendered or painted).
class DrawCounter : public QGraphicsRectItem {
 public:
  using QGraphicsRectItem::QGraphicsRectItem;
  int draws = 0;
  void paint(QPainter* p, const QStyleOptionGraphicsItem* o, QWidget* w) override {
    ++draws;
    QGraphicsRectItem::paint(p, o, w);
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
  // Puts the paint counter first in line again: a held chart's paint is answered by the painter's
  // own filter (installed later, so asked first), which shows the chart's frame and ends it there.
  void countPaintsFirst() {
    for (QChartView* c : charts_) {
      c->viewport()->removeEventFilter(&counter_);
      c->viewport()->installEventFilter(&counter_);
    }
  }
  // The viewport as it shows now (painted through whatever filters it has).
  static QImage shown(QChartView* chart) { return chart->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32); }
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
      view->setRenderHint(QPainter::Antialiasing);  // as the window's charts
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
      countPaintsFirst();
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
    countPaintsFirst();
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

  // A paint Qt asks for between turns (a tab shown again, a resize) shows the chart's last
  // frame without rendering the chart, and that frame looks as the chart paints itself.
  void paintsBetweenTurnsShowTheLastFrame() {
    auto* drawn = new DrawCounter(0, 0, 4, 4);
    charts_[0]->scene()->addItem(drawn);
    changeData(4);
    settle();
    const QImage ownPaint = shown(charts_[0]);  // not held: the view paints itself
    PacedChartPainter painter;
    painter.paintInTurns(charts_);
    QVERIFY(paintAll(painter));
    const qint64 rendered = painter.renders();
    QVERIFY(rendered >= 3);
    countPaintsFirst();
    counter_.paints.clear();
    const int draws = drawn->draws;
    for (QChartView* c : charts_) c->viewport()->repaint();
    QCOMPARE(counter_.total(), 3);             // Qt's paints happened,
    QCOMPARE(painter.renders(), rendered);     // none rendered a chart again
    QCOMPARE(drawn->draws, draws);             // (nor drew its scene),
    QCOMPARE(painter.pending(), qsizetype(0)); // and an unchanged frame queues nothing
    const QImage frame = shown(charts_[0]);
    QCOMPARE(frame.size(), ownPaint.size());
    qsizetype differing = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) differing += frame.pixel(x, y) != ownPaint.pixel(x, y);
    QVERIFY2(differing == 0, qPrintable(QString("%1 of %2 pixels differ from the chart's own paint")
                                            .arg(differing).arg(frame.width() * frame.height())));
    // A new size needs a new frame: the chart is queued and rendered at its new size.
    page_->resize(420, 640);
    QVERIFY(QTest::qWaitFor([&] { return painter.renders() > rendered; }, kHangGuardMs));
    QVERIFY(paintAll(painter));
    painter.release();
  }

  // A chart held before it ever had a turn shows only its background until its turn comes.
  void aChartWithoutAFrameShowsItsBackgroundUntilItsTurn() {
    PacedChartPainter painter;
    painter.paintInTurns(charts_);
    const QImage before = shown(charts_[2]);
    const QColor background = charts_[2]->viewport()->palette().color(charts_[2]->viewport()->backgroundRole());
    QVERIFY(before.pixelColor(before.width() / 2, before.height() / 2) == background);
    QVERIFY(before.pixelColor(5, 5) == background);
    QVERIFY(paintAll(painter));
    const QImage after = shown(charts_[2]);
    bool drawn = false;
    for (int y = 0; y < after.height() && !drawn; y += 3)
      for (int x = 0; x < after.width() && !drawn; x += 3) drawn = after.pixelColor(x, y) != background;
    QVERIFY2(drawn, "after its turn the chart shows more than its background");
    painter.release();
  }

  // Painting in turns once (a tab shown while training is not running) gives every chart back
  // after its turn, without painting it again.
  void paintingInTurnsOnceReleasesTheCharts() {
    PacedChartPainter painter;
    const auto mode = charts_[0]->viewportUpdateMode();
    painter.paintInTurnsOnce(charts_);
    countPaintsFirst();
    counter_.paints.clear();
    QCOMPARE(painter.pending(), qsizetype(3));
    QVERIFY(paintAll(painter));
    QCOMPARE(painter.renders(), qint64(3));
    for (QChartView* c : charts_) {
      QVERIFY(!painter.holds(c));
      QCOMPARE(c->viewportUpdateMode(), mode);
    }
    for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
    QCOMPARE(counter_.total(), 3);  // one paint in each turn; released without painting again
    changeData(6);
    QVERIFY2(QTest::qWaitFor([&] { return counter_.total() >= 3; }, kHangGuardMs),
             "released charts repaint on their own again");
  }
};

QTEST_MAIN(TestPacedChartPainter)
#include "test_paced_chart_painter.moc"
