// Many runs stay readable (issue 14, sections 1 and 2): one colour per normalization type in the
// charts and in runs.csv; seeds drawn as one mean line and a min-max band per arm (a toggle shows
// each seed); every legend entry labelled and grouped by type; a legend click highlights the arm
// on every tab; the status bar's speed summary fits the window with 24 runs.
#include <memory>
#include <set>

#include <QGraphicsTextItem>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtTest>

#include "core/experiment/arm_colours.h"
#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"
#include "support/csv_reader.h"
#include "support/discarding_prompts.h"
#include "ui/views/activation_view.h"
#include "ui/views/arm_legend.h"
#include "ui/views/batch_norm_view.h"
#include "ui/views/chart_style.h"
#include "ui/views/gradient_view.h"
#include "ui/views/layer_table_view.h"
#include "ui/views/loss_view.h"
#include "ui/views/model_view.h"
#include "ui/views/sweep_view.h"
#include "ui/window/main_window.h"
#include "ui/window/speed_summary.h"

using namespace normlab;

namespace {

// Trains `arms` (JSON array text) for a few steps of the tiny preset on synthetic data.
ExperimentResults train(const std::string& arms, const std::string& seeds = "[1]") {
  Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 200, "test": 40},
      "model": "tiny", "train": {"lr": 0.05, "steps": 12, "batch_size": 8, "eval_every": 4},
      "probe_every": 2, "seeds": )" + seeds + R"(, "arms": )" + arms + "}"),
               1);
  e.prepare();
  while (e.advance()) {
  }
  return snapshotResults(e);
}

Snapshot snapshotOf(const ExperimentResults& results) {
  Snapshot s;
  s.version = 1;
  s.state = RunnerState::Finished;
  s.runs = results.runs;
  return s;
}

// The visible series of `chart` that draw arm `arm`, of type T, with (seedLines) or without a run tag.
template <typename T>
QList<T*> armSeries(QChart* chart, int arm, bool seedLines) {
  QList<T*> out;
  for (QAbstractSeries* s : chart->series())
    if (auto* t = qobject_cast<T*>(s); t && s->isVisible() && seriesArm(s) == arm && (seriesRun(s) >= 0) == seedLines)
      out.append(t);
  return out;
}

// The 8 arms x 3 seeds of lesson 2, shortened.
const char* kLessonTwoArms = R"([
    {"label": "BN 2", "norm": "batch", "batch_size": 2}, {"label": "BN 4", "norm": "batch", "batch_size": 4},
    {"label": "BN 8", "norm": "batch", "batch_size": 8}, {"label": "BN 16", "norm": "batch", "batch_size": 16},
    {"label": "GN 2", "norm": "group", "groups": 2, "batch_size": 2}, {"label": "GN 4", "norm": "group", "groups": 2, "batch_size": 4},
    {"label": "GN 8", "norm": "group", "groups": 2, "batch_size": 8}, {"label": "GN 16", "norm": "group", "groups": 2, "batch_size": 16}])";

}  // namespace

class TestManyRuns : public QObject {
  Q_OBJECT
  ExperimentResults seeded_;    // none and batch, 3 seeds
  ExperimentResults lessonTwo_;  // 8 arms x 3 seeds = 24 runs
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    seeded_ = train(R"([{"label": "none", "norm": "none"}, {"label": "BN", "norm": "batch"}])", "[1, 2, 3]");
    QCOMPARE(seeded_.runs.size(), std::size_t(6));
    lessonTwo_ = train(kLessonTwoArms, "[1, 2, 3]");
    QCOMPARE(lessonTwo_.runs.size(), std::size_t(24));
  }

  // Batch norm is the same colour as the 2nd of 6 arms and as the 1st of 3, on the chart and in
  // runs.csv (it was orange in one and blue in the other).
  void batchNormKeepsItsColourWithThreeAndSixArms() {
    const ExperimentResults six = train(R"([{"norm": "none"}, {"norm": "batch"}, {"norm": "layer"},
        {"norm": "instance"}, {"norm": "group", "groups": 2}, {"norm": "lrn"}])");
    const ExperimentResults three = train(R"([{"norm": "batch"}, {"norm": "group", "groups": 2}, {"norm": "none"}])");
    auto drawn = [](const ExperimentResults& results, int arm) {
      LossView view;
      showWhole(view, snapshotOf(results));
      const QList<QLineSeries*> lines = armSeries<QLineSeries>(view.lossChart(), arm, true);
      return lines.isEmpty() ? QColor() : lines.front()->color();
    };
    auto csvColour = [](const ExperimentResults& results, int arm) {
      const test::Csv csv = test::parseCsv(runsCsv(results));
      for (std::size_t r = 0; r < csv.rows.size(); ++r)
        if (csv.at(r, "arm_index") == std::to_string(arm)) return QString::fromStdString(csv.at(r, "colour"));
      return QString();
    };
    const QColor inSix = drawn(six, 1), inThree = drawn(three, 0);
    QVERIFY(inSix.isValid());
    QCOMPARE(inSix.name(), inThree.name());
    QCOMPARE(inSix.name().toUpper(), csvColour(six, 1));
    QCOMPARE(inThree.name().toUpper(), csvColour(three, 0));
    QCOMPARE(inSix.name().toUpper(), QString::fromStdString(colourHex(normTypeColour(NormKind::Batch))));
    // Group norm and none agree as well.
    QCOMPARE(drawn(six, 4).name(), drawn(three, 1).name());
    QCOMPARE(drawn(six, 0).name(), drawn(three, 2).name());
  }

  // Variants of one type: distinct shades, ordered by the batch size, the same for every seed.
  void variantsGetOrderedShades() {
    LossView view;
    showWhole(view, snapshotOf(lessonTwo_));
    QList<QColor> batch;
    for (int arm = 0; arm < 4; ++arm) {
      const QList<QLineSeries*> seeds = armSeries<QLineSeries>(view.lossChart(), arm, false);
      QVERIFY(!seeds.isEmpty());
      batch.append(seeds.front()->color());
    }
    for (int k = 1; k < 4; ++k) QVERIFY2(batch[k].lightness() < batch[k - 1].lightness(), qPrintable(batch[k].name()));
    QCOMPARE(QSet<QString>({batch[0].name(), batch[1].name(), batch[2].name(), batch[3].name()}).size(), 4);
  }

  // Three seeds: one mean line per arm and a band from the lowest to the highest seed, no seed
  // lines; the toggle adds the seeds' own lines.
  void seedsAreOneMeanLineAndABand() {
    const Snapshot s = snapshotOf(seeded_);
    LossView view;
    view.setSmoothing(0);
    showWhole(view, s);
    QVERIFY(view.grouped());
    QChart* loss = view.lossChart();
    for (int arm = 0; arm < 2; ++arm) {
      QCOMPARE(armSeries<QLineSeries>(loss, arm, true).size(), 0);  // no seed lines
      const QList<QAreaSeries*> bands = armSeries<QAreaSeries>(loss, arm, false);
      QCOMPARE(bands.size(), 1);
      QList<QLineSeries*> means = armSeries<QLineSeries>(loss, arm, false);
      QCOMPARE(means.size(), 2);  // train (with the legend name) and test
      QLineSeries* train = means[0];
      QVERIFY(train->count() > 2);
      // The mean of the seeds' first train loss; the band spans their lowest and highest.
      double sum = 0, lo = 1e30, hi = -1e30;
      int n = 0;
      for (const RunRecord& r : s.runs) {
        if (r.arm != arm) continue;
        const double y = r.metrics.front().trainLoss;
        sum += y;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
        ++n;
      }
      QCOMPARE(n, 3);
      QVERIFY(std::abs(train->at(0).y() - sum / 3) < 1e-6);
      QVERIFY(std::abs(bands[0]->lowerSeries()->at(0).y() - lo) < 1e-6);
      QVERIFY(std::abs(bands[0]->upperSeries()->at(0).y() - hi) < 1e-6);
      QVERIFY(hi > lo);  // the seeds differ: the band has a width
    }
    view.setShowSeeds(true);
    for (int arm = 0; arm < 2; ++arm) {
      const QList<QLineSeries*> seeds = armSeries<QLineSeries>(loss, arm, true);
      QCOMPARE(seeds.size(), 6);  // 3 seeds x (train, test)
      for (QLineSeries* line : seeds) QVERIFY(line->count() > 0);
    }
    view.setShowSeeds(false);
    QCOMPARE(armSeries<QLineSeries>(loss, 0, true).size(), 0);
  }

  // Every view's key has one labelled entry per arm (8, not 24), grouped by type; the charts'
  // own legends (drawn in exports) label every entry too.
  void everyLegendEntryIsLabelled() {
    const Snapshot s = snapshotOf(lessonTwo_);
    QWidget parent;
    const QList<NamedView> views = createChartViews(&parent);
    int legends = 0;
    for (const NamedView& v : views) {
      v.view->resize(1280, 720);
      showWhole(*v.view, s);
      for (ArmLegend* legend : v.view->findChildren<ArmLegend*>()) {
        ++legends;
        // The batch-norm tab lists the arms it draws: the batch-norm ones.
        const bool batchNormOnly = dynamic_cast<BatchNormView*>(v.view) != nullptr;
        QCOMPARE(legend->entries().size(), batchNormOnly ? 4 : 8);
        QStringList labels;
        for (const ArmLegend::Entry& e : legend->entries()) {
          QVERIFY2(!e.label.trimmed().isEmpty(), qPrintable(v.title));
          labels.append(e.label);
        }
        const QStringList all{"BN 2", "BN 4", "BN 8", "BN 16", "GN 2", "GN 4", "GN 8", "GN 16"};
        QCOMPARE(labels, batchNormOnly ? all.mid(0, 4) : all);
        for (const QString& label : labels) QVERIFY2(legend->text().contains(QString(label).replace(" ", "&nbsp;")), qPrintable(legend->text()));
      }
      for (QChartView* c : v.view->chartViews()) {
        QLegend* legend = c->chart()->legend();
        const bool was = legend->isVisible();
        legend->setVisible(true);  // as an export shows it
        for (QLegendMarker* m : legend->markers())
          if (m->isVisible()) QVERIFY2(!m->label().trimmed().isEmpty(), qPrintable(v.title + ": " + c->chart()->title()));
        legend->setVisible(was);
      }
    }
    QVERIFY(legends >= 4);  // loss, activations, gradient flow, batch norm
    // The sweep's lines stand for whole types: its chart keeps its own legend on screen.
    for (const NamedView& v : views)
      if (auto* sweep = dynamic_cast<SweepView*>(v.view)) {
        QCOMPARE(sweep->chartViews().size(), 1);
        QLegend* legend = sweep->chartViews()[0]->chart()->legend();
        QVERIFY(legend->isVisible());
        QStringList labels;
        for (QLegendMarker* m : legend->markers())
          if (qobject_cast<QLineSeries*>(m->series())) labels << m->label();
        QCOMPARE(labels, (QStringList{"batch norm", "group norm"}));
      }
  }

  // 24 runs make 216 series on the Loss tab: built a slice at a time (each a bounded number of
  // series, so no event holds the GUI thread for long), drawn when complete.
  void manyRunsAreBuiltInSlices() {
    LossView view;
    view.resize(1200, 700);
    view.setBuildSliceMs(0);
    const Snapshot s = snapshotOf(lessonTwo_);
    view.showSnapshot(s);  // the first 2 arms' bands
    QVERIFY(view.building());
    QCOMPARE(view.lossChart()->series().size(), qsizetype(2));
    auto seriesCount = [&] {
      return view.lossChart()->series().size() + view.accuracyChart()->series().size();
    };
    qsizetype before = seriesCount();
    // 2 arms' bands a slice (one on the loss chart and one on the accuracy chart each), then 2
    // runs' (or arms') lines a slice: 2 on the loss chart and 2 on the accuracy chart each.
    std::vector<qsizetype> added;
    for (bool more = true; more;) {
      more = view.buildMore();
      added.push_back(seriesCount() - before);
      before = seriesCount();
    }
    std::vector<qsizetype> expected(3, 2 * 2);  // 8 arms' bands: 3 slices after the first
    expected.insert(expected.end(), 24 / 2 + 8 / 2, 2 * 4);  // 24 runs, then 8 arms
    QCOMPARE(added, expected);
    QVERIFY(!view.building());
    view.showSnapshot(s);
    // Complete: every run's 2 lines and every arm's mean line and band on the loss chart.
    QCOMPARE(view.lossChart()->series().size(), qsizetype(24 * 2 + 8 * 2 + 8));
    QCOMPARE(armSeries<QLineSeries>(view.lossChart(), 0, false).size(), 2);  // mean train and test
    QVERIFY(!armSeries<QLineSeries>(view.lossChart(), 0, false).front()->points().isEmpty());
  }

  // The Activations, Gradient flow and Batch norm tabs are built in the background after Start
  // (hidden tabs); each builds its charts in steps, one per event, and draws nothing until the
  // last step, which draws every chart. Counted in steps, not milliseconds: any machine.
  void chartViewsBuildInSteps() {
    const Snapshot s = snapshotOf(lessonTwo_);
    ActivationView activations;
    GradientView gradients;
    BatchNormView batchNorm;
    const std::vector<std::pair<ChartViewBase*, int>> views{{&activations, 3}, {&gradients, 3}, {&batchNorm, 5}};
    auto pointsDrawn = [](ChartViewBase* view) {
      qsizetype points = 0;
      for (QChartView* chart : view->chartViews())
        for (QAbstractSeries* series : chart->chart()->series())
          if (auto* line = qobject_cast<QLineSeries*>(series)) points += line->points().size();
      return points;
    };
    for (auto [view, steps] : views) {
      view->resize(1200, 700);
      view->showSnapshot(s);
      QVERIFY(view->building());
      QCOMPARE(pointsDrawn(view), qsizetype(0));
      view->showSnapshot(s);  // a newer snapshot while building: kept, not drawn
      QCOMPARE(pointsDrawn(view), qsizetype(0));
      int taken = 1;  // showSnapshot took the first
      while (view->buildMore()) {
        QCOMPARE(pointsDrawn(view), qsizetype(0));
        ++taken;
      }
      ++taken;
      QCOMPARE(taken, steps);
      QVERIFY(!view->building());
      QVERIFY(pointsDrawn(view) > 0);
      const qsizetype drawn = pointsDrawn(view);
      view->showSnapshot(s);  // the window's call after the build: the same charts
      QCOMPARE(pointsDrawn(view), drawn);
    }
  }

  // A range change reaches a charted axis as one change of each property: every change lays
  // the chart out anew, which made a hidden tab's first build take 25 ms.
  void axisRangeChangesOnce() {
    QChart chart;
    auto* axis = new QValueAxis;
    chart.addAxis(axis, Qt::AlignLeft);
    int ranges = 0, formats = 0, ticks = 0;
    connect(axis, &QValueAxis::rangeChanged, this, [&] { ++ranges; });
    connect(axis, &QValueAxis::labelFormatChanged, this, [&] { ++formats; });
    connect(axis, &QValueAxis::tickCountChanged, this, [&] { ++ticks; });
    RangeKeeper range;
    range.include(0.013, 0.87);
    range.apply(axis);
    QCOMPARE(ranges, 1);
    QVERIFY(formats <= 1 && ticks <= 1);
    // The same round ticks as Qt's own nice numbers on the kept range (10 % slack above, zero floor).
    QValueAxis reference;
    reference.setRange(0, 0.87 + 0.1 * (0.87 - 0.013));
    reference.setTickCount(5);
    reference.applyNiceNumbers();
    QCOMPARE(axis->min(), reference.min());
    QCOMPARE(axis->max(), reference.max());
    QCOMPARE(axis->tickCount(), reference.tickCount());
    QCOMPARE(axis->max(), 1.0);
    QCOMPARE(axis->labelFormat(), QString("%.1f"));
    range.apply(axis);  // unchanged: nothing
    QCOMPARE(ranges, 1);
    // Samples seen over a long run: plain whole numbers; only beyond seven digits powers of ten.
    RangeKeeper samples;
    samples.includePlanned(150000);
    samples.apply(axis);
    QCOMPARE(axis->labelFormat(), QString("%.0f"));
    RangeKeeper huge;
    huge.includePlanned(3e7);
    huge.apply(axis);
    QCOMPARE(axis->labelFormat(), QString("%.1e"));
  }

  // No axis reads "-0.0" (or "-0"): Qt works a tick out as min + i * step, which can land a hair
  // below zero. Every nice range from -1 to 1 in hundredths, labels read off the drawn chart.
  void noAxisLabelReadsMinusZero() {
    QChartView view;
    view.resize(500, 400);
    QChart* chart = view.chart();
    auto* axis = new QValueAxis;
    chart->addAxis(axis, Qt::AlignLeft);
    auto* series = new QLineSeries;  // an axis of no series draws no labels
    series->append(0, 0);
    chart->addSeries(series);
    series->attachAxis(axis);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    int ranges = 0;
    for (int lo = -100; lo < 0; lo += 3)
      for (int hi = 1; hi <= 100; hi += 7) {
        RangeKeeper range;
        range.include(lo / 100.0, hi / 100.0);
        range.apply(axis);
        QCoreApplication::processEvents();
        QStringList labels;
        for (QGraphicsItem* item : view.scene()->items())
          if (auto* text = dynamic_cast<QGraphicsTextItem*>(item)) labels << text->toPlainText();
        QVERIFY2(labels.contains("0") || labels.contains("0.0") || labels.contains("0.00") || labels.size() > 2,
                 qPrintable(labels.join(" ")));
        static const QRegularExpression minusZero("^-0(\\.0*)?$");
        QVERIFY2(labels.filter(minusZero).isEmpty(),
                 qPrintable(QString("%1 to %2: %3").arg(axis->min()).arg(axis->max()).arg(labels.join(" "))));
        ++ranges;
      }
    QVERIFY(ranges > 400);
  }

  // Arms with the same model share one column of the Model tab: lesson 2's eight arms are two
  // models (batch norm and group norm, each at four batch sizes).
  void modelTabHasAColumnPerModel() {
    ModelView view;
    view.resize(1200, 700);
    showWhole(view, snapshotOf(lessonTwo_));
    QTableWidget* t = view.table();
    QCOMPARE(t->columnCount(), 4 + 2);
    QCOMPARE(t->horizontalHeaderItem(4)->text(), QString("BN 2, 4, 8, 16"));  // (this fixture's sizes)
    QCOMPARE(t->horizontalHeaderItem(5)->text(), QString("GN 2, 4, 8, 16"));
  }

  // The Layers tab names a layer's kind once per layer; at a norm position, where each arm has
  // its own norm, it says so instead of naming the first arm's.
  void layersTableNamesEachArmsNorm() {
    LayerTableView view;
    showWhole(view, snapshotOf(lessonTwo_));
    QStringList headers;
    const QAbstractItemModel* m = view.table()->model();
    for (int r = 0; r < m->rowCount(); ++r)
      if (!m->index(r, 0).data().toString().isEmpty()) headers << m->index(r, 0).data().toString();
    QVERIFY2(headers.contains("conv1  (conv2d)"), qPrintable(headers.join(" | ")));
    QVERIFY2(headers.contains("norm1  (each arm's norm)"), qPrintable(headers.join(" | ")));
    QVERIFY2(headers.filter("batch_norm").isEmpty(), qPrintable(headers.join(" | ")));
    // Every cell shows whole: each column is wider than its widest text (the run names in bold).
    QFont bold = view.table()->font();
    bold.setBold(true);
    for (int c = 0; c < m->columnCount(); ++c)
      for (int r = 0; r < m->rowCount(); ++r) {
        const QString text = m->index(r, c).data().toString();
        const int width = QFontMetrics(c == 1 ? bold : view.table()->font()).horizontalAdvance(text);
        QVERIFY2(width < view.table()->columnWidth(c), qPrintable(text));
      }
  }

  // A click on an entry highlights that arm on every tab; "show all" draws every arm alike again.
  void legendClickHighlightsOnEveryTab() {
    const QString path = dir_.filePath("lesson2.normlab");
    saveExperiment(path.toStdString(), lessonTwo_);
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.show();
    QVERIFY(w.openExperimentFrom(path));
    auto* loss = dynamic_cast<LossView*>(w.views().at(0).view);
    QVERIFY(loss);
    QTRY_VERIFY(loss->armLegend()->entries().size() == 8);
    QTRY_VERIFY(!loss->building());  // the window's event loop finishes the sliced build
    emit loss->armLegend()->linkActivated("arm:1");
    for (const NamedView& v : w.views()) QCOMPARE(v.view->highlightedArms(), QSet<int>{1});
    QCOMPARE(w.highlightedArms(), QSet<int>{1});
    // The other arms are pale on the loss chart; the highlighted one keeps its colour.
    const ArmPalette palette(lessonTwo_.runs);
    QCOMPARE(armSeries<QLineSeries>(loss->lossChart(), 1, false).front()->color(), palette.color(1));
    QCOMPARE(armSeries<QLineSeries>(loss->lossChart(), 0, false).front()->color(), paleColor(palette.color(0)));
    // Activations: the highlighted arm's band only.
    ActivationView* act = nullptr;
    for (const NamedView& v : w.views())
      if (auto* a = dynamic_cast<ActivationView*>(v.view)) act = a;
    QVERIFY(act);
    w.tabs()->setCurrentWidget(act->parentWidget()->parentWidget());
    QTRY_VERIFY(act->armLegend()->entries().size() == 8);
    QCOMPARE(act->armsWithBands(), QSet<int>{1});
    // The per-layer table names the other arms' runs in pale colours.
    LayerTableView* table = nullptr;
    for (const NamedView& v : w.views())
      if (auto* t = dynamic_cast<LayerTableView*>(v.view)) table = t;
    QVERIFY(table);
    w.tabs()->setCurrentWidget(table->parentWidget()->parentWidget());
    const QAbstractItemModel* rows = table->table()->model();
    QTRY_VERIFY(rows->rowCount() >= 24);
    QStringList paleRuns, keptRuns;
    for (int r = 0; r < rows->rowCount(); ++r) {
      const QModelIndex run = rows->index(r, 1);
      const QColor color = run.data(Qt::ForegroundRole).value<QBrush>().color();
      if (color == paleColor(palette.color(0))) paleRuns << run.data().toString();
      if (color == palette.color(1)) keptRuns << run.data().toString();
    }
    QVERIFY2(!paleRuns.isEmpty() && paleRuns.filter("BN 2 ").size() == paleRuns.size(), qPrintable(paleRuns.join(",")));
    QVERIFY2(!keptRuns.isEmpty() && keptRuns.filter("BN 4 ").size() == keptRuns.size(), qPrintable(keptRuns.join(",")));
    // A second click on another tab adds to the highlight; "show all" clears it everywhere.
    emit act->armLegend()->linkActivated("arm:5");
    QCOMPARE(loss->highlightedArms(), (QSet<int>{1, 5}));
    QVERIFY(act->armLegend()->text().contains("show&nbsp;all"));
    emit act->armLegend()->linkActivated("all");
    for (const NamedView& v : w.views()) QVERIFY(v.view->highlightedArms().isEmpty());
    QCOMPARE(armSeries<QLineSeries>(loss->lossChart(), 0, false).front()->color(), palette.color(0));
    QVERIFY(act->armsWithBands().isEmpty());  // eight arms: medians only until one is picked
  }

  // 24 runs: the speed is summarized within the window's width; each run's speed is in the tooltip.
  void statusFitsTheWindowWithTwentyFourRuns() {
    const QString path = dir_.filePath("status.normlab");
    saveExperiment(path.toStdString(), lessonTwo_);
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openExperimentFrom(path));
    QTRY_VERIFY(w.statusText().contains("images/s"));
    QStatusBar* bar = w.statusBar();
    bar->clearMessage();  // "Opened ..." covers the labels for a while
    QLabel* speedLabel = nullptr;
    for (QLabel* label : bar->findChildren<QLabel*>())
      if (label->text().startsWith("images/s")) speedLabel = label;
    QVERIFY(speedLabel);
    QTRY_VERIFY(speedLabel->isVisible());
    QCoreApplication::processEvents();
    int shown = 0;
    QVERIFY2(bar->sizeHint().width() <= w.width(), qPrintable(QString::number(bar->sizeHint().width())));
    // Each text needs no more room than it has (a fixed-size label would be cut at the edge).
    for (QLabel* label : bar->findChildren<QLabel*>())
      if (label->isVisible() && !label->text().isEmpty()) {
        ++shown;
        QVERIFY2(label->geometry().right() <= bar->width() && label->sizeHint().width() <= label->width(),
                 qPrintable(label->text()));
      }
    QVERIFY(shown >= 3);  // state, steps, speed
    QVERIFY(w.statusText().contains("24 runs"));
    const SpeedSummary speed = summarizeSpeeds(snapshotOf(lessonTwo_));
    QCOMPARE(speedLabel->toolTip(), speed.tooltip);
    for (const RunRecord& r : lessonTwo_.runs)
      QVERIFY2(speed.tooltip.contains(QString::fromStdString(r.label) + QString(" (seed %1)").arg(r.seed)), qPrintable(speed.tooltip));
    // A few runs are named in the status bar itself.
    Snapshot two = snapshotOf(seeded_);
    two.runs.resize(2);
    QVERIFY(summarizeSpeeds(two).text.contains("BN"));
  }
};

QTEST_MAIN(TestManyRuns)
#include "test_many_runs.moc"
