// The explainer panels, offscreen: each builds and is reachable by name; editing an input cell
// changes the numbers shown (checked by hand); text that is not a number turns its cell red with a
// tooltip and changes nothing else; dropout's p and re-roll; clicking a cell of the normalization
// axes highlights the set of the right size for each norm. Screenshots of every panel are saved
// to $TMPDIR/normlab_explainers/ for a human to look at.
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QScreen>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include "ui/classroom/batch_norm_explainer.h"
#include "ui/classroom/dropout_explainer.h"
#include "ui/classroom/explainers.h"
#include "ui/classroom/norm_axes_explainer.h"

using namespace normlab;

namespace {

QString screenshotDir() {
  const QString dir = QDir::temp().filePath("normlab_explainers");
  QDir().mkpath(dir);
  return dir;
}

void saveScreenshot(QWidget* widget, const QString& name) {
  QApplication::processEvents();
  const QString path = QDir(screenshotDir()).filePath(name + ".png");
  QVERIFY(widget->grab().save(path));
  qInfo("screenshot: %s", qPrintable(path));
}

QString cell(QWidget* panel, const char* table, int row, int col) {
  auto* t = panel->findChild<QTableWidget*>(table);
  return t ? t->item(row, col)->text() : QString("<no table %1>").arg(table);
}

void edit(QWidget* panel, const char* table, int row, int col, const QString& text) {
  panel->findChild<QTableWidget*>(table)->item(row, col)->setText(text);  // emits itemChanged
}

}  // namespace

class TestExplainers : public QObject {
  Q_OBJECT
 private slots:
  void namesAndFactory() {
    for (const QString& name : explainerNames()) {
      ExplainerKind kind;
      QVERIFY(parseExplainerKind(name, &kind));
      QCOMPARE(explainerName(kind), name);
      QVERIFY(!explainerTitle(kind).isEmpty());
      std::unique_ptr<QWidget> panel(createExplainer(kind, nullptr));
      QVERIFY(panel);
      QVERIFY(dynamic_cast<ExplainerPanel*>(panel.get()));
    }
    ExplainerKind kind = ExplainerKind::Dropout;
    QVERIFY(!parseExplainerKind("batchnorm", &kind));
    QCOMPARE(kind, ExplainerKind::Dropout);  // untouched
    QVERIFY(parseExplainerKind(" Norm-Axes ", &kind));
    QCOMPARE(kind, ExplainerKind::NormAxes);
  }

  void openWindowIsNonModal() {
    QWidget* window = openExplainerWindow(ExplainerKind::Dropout, nullptr);
    QVERIFY(window->isVisible());
    QVERIFY(!window->isModal());
    QCOMPARE(window->windowTitle(), explainerTitle(ExplainerKind::Dropout) + " \u2014 NormLab");
    delete window;
  }

  // An explainer window never opens larger than the screen (the offscreen screen is 800 x 800 unless
  // configured; a school laptop's 1280 x 720); with $NORMLAB_SHOT_DIR it is saved there.
  void explainerWindowFitsTheScreen() {
    const QSize room = QGuiApplication::primaryScreen()->availableGeometry().size();
    for (ExplainerKind kind : {ExplainerKind::BatchNorm, ExplainerKind::Dropout, ExplainerKind::NormAxes}) {
      QWidget* window = openExplainerWindow(kind, nullptr);
      QVERIFY2(window->width() <= room.width() && window->height() <= room.height(),
               qPrintable(QString("%1: %2 x %3 on %4 x %5").arg(explainerName(kind)).arg(window->width())
                              .arg(window->height()).arg(room.width()).arg(room.height())));
      const QString dir = qEnvironmentVariable("NORMLAB_SHOT_DIR");
      if (!dir.isEmpty() && kind == ExplainerKind::NormAxes) {
        QApplication::processEvents();
        QVERIFY(window->grab().save(QString("%1/norm-axes-window-%2.png").arg(dir).arg(room.height())));
      }
      delete window;
    }
  }

  // Default example row 0: x = (1, 2, -1), W row 0 = (1, 0.5, 0), b_0 = 0 -> z_00 = 1 + 1 = 2.
  // Edit x_00 to 3: z_00 = 3 + 1 = 4. Feature 0 ReLU outputs then (4, 0, 2, 0) (rows: z_10 = 0.5 - 0.5 = 0,
  // z_20 = 2, z_30 = -1 + 0.5 = -0.5 -> 0), mean 6/4 = 1.5.
  void batchNormEditRecomputes() {
    BatchNormExplainer panel;
    panel.resize(1400, 1000);
    panel.show();
    QCOMPARE(cell(&panel, "bn-linear", 0, 0), QString("2.000"));
    saveScreenshot(&panel, "batch_norm_explainer");
    edit(&panel, "bn-input", 0, 0, "3");
    QCOMPARE(cell(&panel, "bn-linear", 0, 0), QString("4.000"));
    QCOMPARE(cell(&panel, "bn-relu", 3, 0), QString("0.000"));
    QCOMPARE(cell(&panel, "bn-stats", 0, 0), QString("1.500"));
    // Running mean after 1 step = 0.1 * 1.5; after 10 steps = (1 - 0.9^10) * 1.5 = 0.9770.
    QCOMPARE(cell(&panel, "bn-running", 0, 0), QString("0.150"));
    panel.findChild<QSpinBox*>("bn-training-steps")->setValue(10);
    QCOMPARE(cell(&panel, "bn-running", 0, 0), QString("0.977"));
  }

  void batchNormBadInputIsFlagged() {
    BatchNormExplainer panel;
    panel.resize(1400, 1000);
    panel.show();
    const QString before = cell(&panel, "bn-output", 1, 1);
    edit(&panel, "bn-weight", 1, 1, "1,5x");
    QTableWidgetItem* bad = panel.findChild<QTableWidget*>("bn-weight")->item(1, 1);
    QCOMPARE(bad->background().color(), badCellColor());
    QVERIFY(bad->toolTip().contains("1,5x"));
    auto* problem = panel.findChild<QLabel*>("explainer-problem");
    QVERIFY(problem->isVisible());
    QCOMPARE(cell(&panel, "bn-output", 1, 1), before);  // nothing recomputed from bad input
    saveScreenshot(&panel, "batch_norm_explainer_bad_input");
    edit(&panel, "bn-weight", 1, 1, "1");
    QVERIFY(!problem->isVisible());
    QVERIFY(bad->background().color() != badCellColor());
    QVERIFY(bad->toolTip().isEmpty());
  }

  void batchNormPresentationMode() {
    BatchNormExplainer panel;
    const qreal normal = panel.font().pointSizeF();
    panel.setPresentationMode(true);
    QVERIFY(panel.font().pointSizeF() > normal);
    panel.resize(1700, 1150);
    panel.show();
    saveScreenshot(&panel, "batch_norm_explainer_presentation");
  }

  void dropoutControls() {
    DropoutExplainer panel;
    panel.resize(1300, 900);
    panel.show();
    saveScreenshot(&panel, "dropout_explainer");
    auto* seedLabel = panel.findChild<QLabel*>("dropout-seed");
    QCOMPARE(seedLabel->text(), QString("mask seed: 1"));
    auto maskText = [&] {
      QStringList s;
      for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 6; ++c) s << cell(&panel, "dropout-mask", r, c);
      return s.join(",");
    };
    const QString mask1 = maskText();
    // x_00 = 0.8 with p = 0.5: kept -> 1.6, dropped -> 0.
    const QString y00 = cell(&panel, "dropout-train-output", 0, 0);
    QCOMPARE(y00, cell(&panel, "dropout-mask", 0, 0) == "1" ? QString("1.600") : QString("0.000"));
    QTest::mouseClick(panel.findChild<QPushButton*>("dropout-reroll"), Qt::LeftButton);
    QCOMPARE(seedLabel->text(), QString("mask seed: 2"));
    QVERIFY(maskText() != mask1);
    // p = 0: every unit kept, y = x; inference is always x.
    panel.findChild<QDoubleSpinBox*>("dropout-p")->setValue(0.0);
    QCOMPARE(maskText(), QStringList(24, "1").join(","));
    QCOMPARE(cell(&panel, "dropout-train-output", 0, 0), QString("0.800"));
    QCOMPARE(cell(&panel, "dropout-eval-output", 0, 0), QString("0.800"));
    // p = 0.75: scale 1/(1 - 0.75) = 4.
    panel.setDropProbability(0.75);
    QVERIFY(panel.findChild<QLabel*>("dropout-scale-summary")->text().contains("4.000"));
    // Edit then break an input.
    edit(&panel, "dropout-input", 0, 0, "2");
    QCOMPARE(cell(&panel, "dropout-eval-output", 0, 0), QString("2.000"));
    edit(&panel, "dropout-input", 0, 0, "");
    QCOMPARE(panel.findChild<QTableWidget*>("dropout-input")->item(0, 0)->background().color(), badCellColor());
    QCOMPARE(cell(&panel, "dropout-eval-output", 0, 0), QString("2.000"));
  }

  // Demo block: 4 samples x 4 channels x 6 x 6. Click sample 1, channel 2, row 3, column 4:
  //   batch: N*H*W = 144; layer: C*H*W = 144; instance: H*W = 36; group G=2: 2*36 = 72;
  //   group G=4: 36; LRN size 3 at channel 2: channels 1..3 = 3; size 5 at channel 2: 0..3 = 4.
  void normAxesClickHighlights_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("lrnSize");
    QTest::addColumn<int>("count");
    QTest::newRow("batch") << int(NormKind::Batch) << 2 << 3 << 144;
    QTest::newRow("layer") << int(NormKind::Layer) << 2 << 3 << 144;
    QTest::newRow("instance") << int(NormKind::Instance) << 2 << 3 << 36;
    QTest::newRow("group 2") << int(NormKind::Group) << 2 << 3 << 72;
    QTest::newRow("group 4") << int(NormKind::Group) << 4 << 3 << 36;
    QTest::newRow("lrn 3") << int(NormKind::LocalResponse) << 2 << 3 << 3;
    QTest::newRow("lrn 5") << int(NormKind::LocalResponse) << 2 << 5 << 4;
  }
  void normAxesClickHighlights() {
    QFETCH(int, kind);
    QFETCH(int, groups);
    QFETCH(int, lrnSize);
    QFETCH(int, count);
    NormAxesExplainer panel;
    panel.resize(1100, 850);
    panel.show();
    QApplication::processEvents();
    QCOMPARE(panel.block().n, 4);
    QCOMPARE(panel.block().c, 4);
    QCOMPARE(panel.block().h, 6);
    panel.setNormKind(NormKind(kind));
    panel.setGroups(groups);
    panel.setLrnSize(lrnSize);
    NormAxesBlockView* view = panel.blockView();
    QTest::mouseClick(view, Qt::LeftButton, {}, view->cellCenter(1, 2, 3, 4));
    QCOMPARE(panel.highlightedCount(), count);
    const std::size_t clicked = panel.block().index(1, 2, 3, 4);
    const auto& members = panel.currentSet().members;
    QVERIFY(std::find(members.begin(), members.end(), clicked) != members.end());
    QVERIFY(panel.summaryText().contains("sample 1, channel 2, row 3, column 4"));
    saveScreenshot(&panel, QString("norm_axes_%1").arg(QTest::currentDataTag()).replace(' ', '_'));
  }

  void normAxesLiveBatchAndBadInput() {
    NormAxesExplainer panel;
    panel.resize(900, 700);
    panel.show();
    QVERIFY(panel.sourceText().contains("Fashion-MNIST") || panel.sourceText().contains("synthetic"));
    // 2 x 6 x 3 x 3 live block; G must divide 6: group 3 -> (6/3) * 9 = 18 values.
    std::vector<float> values(2 * 6 * 3 * 3);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = float(i % 11) - 5.0f;
    panel.setActivations(2, 6, 3, 3, values, "conv1 output, step 120");
    QCOMPARE(panel.sourceText(), QString("conv1 output, step 120"));
    panel.setNormKind(NormKind::Group);
    panel.setGroups(3);
    panel.selectElement(1, 5, 0, 2);
    QCOMPARE(panel.highlightedCount(), 18);
    saveScreenshot(&panel, "norm_axes_live_block");
    // Wrong value count: a message, the previous block stays.
    panel.setActivations(2, 6, 3, 3, std::vector<float>(5, 1.0f), "bad");
    QVERIFY(panel.findChild<QLabel*>("explainer-problem")->isVisible());
    QCOMPARE(panel.block().c, 6);
    QCOMPARE(panel.sourceText(), QString("conv1 output, step 120"));
  }

  // The colour key: a bar from blue to orange with -max|v| ... max|v| under it, in the colours the
  // cells are drawn in; it follows a new block and presentation mode's font.
  void normAxesValueScale() {
    NormAxesExplainer panel;
    panel.resize(1000, 800);
    panel.show();
    NormAxesValueScale* scale = panel.findChild<NormAxesValueScale*>("norm-axes-scale");
    QVERIFY(scale);
    QVERIFY(scale->isVisible());
    QCOMPARE(scale->range(), blockValueRange(panel.block()));
    std::vector<float> values(2 * 2 * 2 * 2, 0.5f);
    values[3] = -2.5f;
    values[9] = 1.25f;
    panel.setActivations(2, 2, 2, 2, values, "a block whose largest |value| is 2.5");
    QCOMPARE(scale->tickLabels(), (QStringList{"\u22122.5", "\u22121.25", "0", "1.25", "2.5"}));
    QCOMPARE(scale->minLabel(), QString("\u22122.5"));
    QCOMPARE(scale->maxLabel(), QString("2.5"));
    QApplication::processEvents();
    const QImage image = scale->grab().toImage();
    const QRect bar = scale->barRect();
    QVERIFY(bar.width() > 100 && scale->rect().contains(bar));
    // Both ends of the bar in the colours of the extreme cells, white in the middle.
    const QColor left = image.pixelColor(bar.left() + 1, bar.center().y());
    const QColor right = image.pixelColor(bar.right() - 1, bar.center().y());
    const QColor middle = image.pixelColor(bar.center());
    auto near = [](const QColor& a, const QColor& b) {
      return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 30;
    };
    QVERIFY2(near(left, normAxesValueColor(-2.5, 2.5)), qPrintable(left.name()));
    QVERIFY2(near(right, normAxesValueColor(2.5, 2.5)), qPrintable(right.name()));
    QVERIFY2(near(middle, Qt::white), qPrintable(middle.name()));
    // The numbers are painted: the strip under the bar holds dark text pixels at both ends.
    auto darkPixelsUnder = [&](int x) {
      int dark = 0;
      const int h = QFontMetrics(scale->font()).height();
      for (int dx = -h; dx <= h; ++dx)
        for (int y = bar.bottom() + 6; y < bar.bottom() + 6 + h; ++y)
          if (image.rect().contains(x + dx, y) && qGray(image.pixel(x + dx, y)) < 100) ++dark;
      return dark;
    };
    QVERIFY(darkPixelsUnder(bar.left()) > 5 && darkPixelsUnder(bar.right()) > 5);
    const int normalHeight = scale->sizeHint().height();
    panel.setPresentationMode(true);
    QVERIFY(scale->sizeHint().height() > normalHeight);
    saveScreenshot(&panel, "norm_axes_scale_presentation");
  }

  void normAxesPresentation() {
    NormAxesExplainer panel;
    panel.setPresentationMode(true);
    panel.resize(1400, 1050);
    panel.show();
    saveScreenshot(&panel, "norm_axes_presentation");
  }
};

QTEST_MAIN(TestExplainers)
#include "test_explainers.moc"
