// A chart tab's scroll area: the page fills the visible area and scrolls only below the least
// height it needs, even with word-wrapped labels (QScrollArea's widgetResizable used their
// preferred height, and the Loss tab scrolled its x axis out of view at 1280x720).
#include <QtTest>

#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

#include "ui/window/fit_scroll_area.h"

using namespace normlab;

namespace {

// Prefers far more height than it needs, as a QChartView does.
class TallPreferring : public QWidget {
 public:
  QSize sizeHint() const override { return {300, 600}; }
};

// A page like a chart tab: a wrapped key line over a tall-preferring, shrinkable chart.
QWidget* chartLikePage() {
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  auto* key = new QLabel("solid: train (smoothed 0.60) \u00b7 thin with dots: test \u00b7 band: lowest to highest seed");
  key->setWordWrap(true);
  layout->addWidget(key);
  auto* chart = new TallPreferring;
  chart->setMinimumHeight(200);
  chart->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  layout->addWidget(chart, 1);
  return page;
}

}  // namespace

class TestFitScrollArea : public QObject {
  Q_OBJECT
 private slots:
  void pageFillsTheAreaWhenItsLeastFits() {
    FitScrollArea area;
    QWidget* page = chartLikePage();
    area.setPage(page);
    area.resize(400, 300);  // above the least (~200 + the key), below a wrapped label's preferred
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QTRY_COMPARE(page->height(), area.viewport()->height());
    QCOMPARE(page->width(), area.viewport()->width());
    QVERIFY(!area.verticalScrollBar()->isVisible());
  }

  void pageScrollsBelowItsLeast() {
    FitScrollArea area;
    QWidget* page = chartLikePage();
    area.setPage(page);
    area.resize(400, 120);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    QTRY_VERIFY(page->height() >= 200);
    QVERIFY(page->height() > area.viewport()->height());
    QTRY_VERIFY(area.verticalScrollBar()->isVisible());
    QVERIFY(page->width() <= area.width());
  }

  void pageFollowsTheAreaWhenItGrows() {
    FitScrollArea area;
    QWidget* page = chartLikePage();
    area.setPage(page);
    area.resize(400, 300);
    area.show();
    QVERIFY(QTest::qWaitForWindowExposed(&area));
    area.resize(600, 500);
    QTRY_COMPARE(page->height(), area.viewport()->height());
    QCOMPARE(page->width(), area.viewport()->width());
  }
};

QTEST_MAIN(TestFitScrollArea)
#include "test_fit_scroll_area.moc"
