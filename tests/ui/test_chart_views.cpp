// Chart views: every view draws every run, a diverged run is labelled, log axes only ever see
// finite positive values, presentation mode enlarges fonts, empty snapshots are fine, and each
// view leaves a screenshot (view_<name>.png) in the working directory for a human to look at.
#include <cmath>
#include <memory>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QScrollArea>
#include <QScrollBar>
#include <QLabel>
#include <QPointer>
#include <QTableWidget>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>
#include <QtTest>

#include "core/experiment/experiment.h"
#include "core/experiment/experiment_config.h"
#include "support/label_checks.h"
#include "support/many_layers.h"
#include "ui/export/chart_export.h"
#include "ui/views/activation_view.h"
#include "ui/views/batch_norm_view.h"
#include "ui/views/chart_style.h"
#include "ui/views/gradient_view.h"
#include "ui/views/layer_table_view.h"
#include "ui/views/loss_view.h"
#include "ui/views/model_view.h"
#include "ui/views/results_view.h"
#include "ui/views/snapshot_view.h"
#include "ui/views/sweep_view.h"

using namespace normlab;

namespace {

qsizetype pointCount(QAbstractSeries* series) {
  if (auto* xy = qobject_cast<QXYSeries*>(series)) return xy->count();
  if (auto* area = qobject_cast<QAreaSeries*>(series)) return area->upperSeries() ? area->upperSeries()->count() : 0;
  return 0;
}

QList<QPointF> seriesPoints(QAbstractSeries* series) {
  if (auto* xy = qobject_cast<QXYSeries*>(series)) return xy->points();
  QList<QPointF> all;
  if (auto* area = qobject_cast<QAreaSeries*>(series)) {
    if (area->upperSeries()) all += area->upperSeries()->points();
    if (area->lowerSeries()) all += area->lowerSeries()->points();
  }
  return all;
}

QStringList legendLabels(QChart* chart) {
  QStringList labels;
  for (QLegendMarker* m : chart->legend()->markers())
    labels.append(m->label());
  return labels;
}

QString slug(const QString& title) {
  if (title.startsWith("Loss")) return "loss";
  if (title.startsWith("Activ")) return "activations";
  if (title.startsWith("Grad")) return "gradient";
  if (title.startsWith("Batch")) return "batch_norm";
  if (title.startsWith("Layer")) return "layers";
  return title.toLower().replace(' ', '_');
}

// Checks every series attached to a log axis: finite, positive points only; positive axis range.
void checkLogAxes(QChart* chart, const QString& where) {
  for (QAbstractAxis* axis : chart->axes()) {
    auto* log = qobject_cast<QLogValueAxis*>(axis);
    if (!log) continue;
    QVERIFY2(log->min() > 0 && std::isfinite(log->min()) && std::isfinite(log->max()), qPrintable(where));
    for (QAbstractSeries* series : chart->series()) {
      if (!series->attachedAxes().contains(axis)) continue;
      for (const QPointF& p : seriesPoints(series)) {
        const double v = log->orientation() == Qt::Vertical ? p.y() : p.x();
        QVERIFY2(std::isfinite(v) && v > 0, qPrintable(QString("%1: %2 got %3").arg(where, series->name()).arg(v)));
      }
    }
  }
}

}  // namespace

class TestChartViews : public QObject {
  Q_OBJECT

 private:
  Snapshot snapshot_;
  int bnRun_ = -1, wildRun_ = -1;

  // Every chart of the view has points for every run it should draw.
  void checkEveryRunDrawn(SnapshotView* view, const QString& name) {
    if (name == "sweep") return;  // one line per norm over the runs, not one per run (its own tests)
    const QList<QChartView*> charts = view->chartViews();
    for (QChartView* chartView : charts) {
      QChart* chart = chartView->chart();
      for (int r = 0; r < int(snapshot_.runs.size()); ++r) {
        if (name == "batch_norm" && r != bnRun_) continue;
        // A diverged run's latest histogram is deliberately left out (it would be a flat line).
        if (r == wildRun_ && chart->title().contains("histogram")) continue;
        if (name.startsWith("activations (all")) {  // a run without this layer (no norm) has no band
          bool has = false;
          for (const LayerStats& l : snapshot_.runs[std::size_t(r)].probes.back()->layers)
            has = has || QString::fromStdString(l.name) == chart->title();
          if (!has) continue;
        }
        qsizetype points = 0;
        for (QAbstractSeries* s : chart->series())
          if (seriesRun(s) == r) points += pointCount(s);
        QVERIFY2(points > 0, qPrintable(QString("%1 / chart '%2': no points for run %3").arg(name, chart->title()).arg(r)));
      }
    }
  }

 private slots:
  void initTestCase() {
    Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 300, "test": 60},
        "model": "tiny", "train": {"lr": 0.05, "steps": 30, "batch_size": 8},
        "arms": [{"norm": "none"}, {"norm": "batch"}, {"label": "wild", "norm": "none", "lr": 1000}],
        "probe_every": 5})"), 1);
    e.prepare();
    while (e.advance()) {
    }
    snapshot_.version = 1;
    snapshot_.state = RunnerState::Finished;
    for (int i = 0; i < e.runCount(); ++i) snapshot_.runs.push_back(e.record(i));
    snapshot_.stepsDone = e.stepsDone();
    snapshot_.stepsTotal = e.stepsTotal();
    QCOMPARE(snapshot_.runs.size(), std::size_t(3));
    bnRun_ = 1;
    wildRun_ = 2;
    QVERIFY2(snapshot_.runs[2].diverged, "the lr-1000 arm must diverge for these tests to mean anything");
    QVERIFY(!snapshot_.runs[0].diverged);
    QVERIFY(!snapshot_.runs[1].probes.empty());
  }

  void registryInTabOrder() {
    QWidget parent;
    const QList<NamedView> views = createChartViews(&parent);
    QStringList titles;
    for (const NamedView& v : views) {
      titles.append(v.title);
      QCOMPARE(v.view->parentWidget(), &parent);
    }
    QCOMPARE(titles, (QStringList{"Loss & accuracy", "Activations", "Gradient flow", "Batch norm", "Layers", "Model", "Sweep", "Results"}));
  }

  void everyRunDrawn() {
    QWidget parent;
    for (const NamedView& v : createChartViews(&parent)) {
      v.view->resize(1280, 720);
      showWhole(*v.view, snapshot_);
      checkEveryRunDrawn(v.view, slug(v.title));
      if (auto* act = dynamic_cast<ActivationView*>(v.view)) {
        QVERIFY(act->layerNames().contains("conv1"));
        act->selectLayer("");  // all layers as small multiples
        showWhole(*act, snapshot_);
        QVERIFY(act->chartViews().size() == act->layerNames().size());
        checkEveryRunDrawn(act, "activations (all layers)");
      }
    }
  }

  // The tiny preset by hand: conv1 4*(1*3*3)+4 = 40; 28 -> stride 2, padding 1 -> 14 -> pool -> 7;
  // fc1 (4*7*7)*10+10 = 1,970; total 2,010. Batch norm adds gamma and beta (8) and running
  // mean and variance (8).
  void modelViewShowsParameterCounts() {
    ModelView view;
    showWhole(view, snapshot_);
    QTableWidget* t = view.table();
    QCOMPARE(t->horizontalHeaderItem(3)->text(), QString("Param #"));
    // The wild arm (no norm, its own learning rate) has the no-norm arm's model: one column,
    // a label a line (they share no first word).
    QCOMPARE(t->horizontalHeaderItem(4)->text(), QString("none\nwild"));
    QCOMPARE(t->horizontalHeaderItem(5)->text(), QString("batch"));
    auto rowOf = [&](const QString& name) {
      for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0)->text() == name) return r;
      return -1;
    };
    QCOMPARE(t->item(rowOf("conv1"), 3)->text(), QString("40"));
    QCOMPARE(t->item(rowOf("fc1"), 3)->text(), QString("1,970"));
    QCOMPARE(t->item(rowOf("norm1"), 5)->text(), QString("BN \u00b7 8 (+8)"));
    QCOMPARE(t->item(rowOf("norm1"), 4)->text(), QString("none"));
    QVERIFY(!t->item(rowOf("norm1"), 4)->toolTip().isEmpty());  // why it is absent
    const int total = rowOf("Total");
    QCOMPARE(total, t->rowCount() - 1);
    QCOMPARE(t->item(total, 4)->text(), QString("2,010"));
    QCOMPARE(t->item(total, 5)->text(), QString("2,018 (+8)"));
  }

  // A batch-size sweep: batch norm and group norm at batch sizes 2 and 32, two seeds each.
  // Batch norm at 2: accuracies 0.5 and 0.7 -> errors 50 % and 30 %, mean 40 %.
  void sweepViewPlotsErrorAgainstBatchSize() {
    SweepView view;
    Snapshot same = snapshot_;  // (the wild arm's own learning rate would be a sweep)
    for (RunRecord& r : same.runs) r.lr = 0.05;
    showWhole(view, same);  // one batch size, dropout and learning rate: nothing to sweep
    QVERIFY(view.showsMessage());
    QVERIFY(view.chartViews().isEmpty());

    Snapshot s;
    const NormKind kinds[] = {NormKind::Batch, NormKind::Group};
    const double accuracy[2][2][2] = {{{0.5, 0.7}, {0.9, 0.88}}, {{0.8, 0.82}, {0.85, 0.87}}};  // [norm][batch][seed]
    int arm = 0;
    for (int n = 0; n < 2; ++n)
      for (int b = 0; b < 2; ++b, ++arm)
        for (int seed = 0; seed < 2; ++seed) {
          RunRecord r;
          r.arm = arm;
          r.seedIndex = seed;
          r.batchSize = b == 0 ? 2 : 32;
          r.finalTestAccuracy = accuracy[n][b][seed];
          NormPlacement p;
          p.kind = kinds[n];
          r.norms = {p};
          s.runs.push_back(r);
        }
    view.resize(900, 600);
    // Before the first test evaluation: no points, and the hint says so (no seed count).
    Snapshot early = s;
    for (RunRecord& r : early.runs) r.finalTestAccuracy = kNotMeasured;
    showWhole(view, early);
    QVERIFY(!view.showsMessage());
    QVERIFY2(view.hint().startsWith("No test evaluation yet."), qPrintable(view.hint()));
    showWhole(view, s);
    QVERIFY(!view.showsMessage());
    QCOMPARE(view.chartViews().size(), 1);
    QChart* chart = view.chartViews()[0]->chart();
    QCOMPARE(chart->title(), QString("Test error vs batch size"));
    auto* x = qobject_cast<QLogValueAxis*>(chart->axes(Qt::Horizontal).value(0));
    QVERIFY(x && x->base() == 2);
    QStringList names;
    for (QAbstractSeries* series : chart->series())
      if (auto* line = qobject_cast<QLineSeries*>(series); line && !line->name().isEmpty()) {
        names.append(line->name());
        QCOMPARE(line->count(), 2);
        if (line->name() == "batch norm") {
          QVERIFY(std::abs(line->at(0).y() - 40) < 1e-9);
          QCOMPARE(line->at(0).x(), 2.0);
        }
      }
    QCOMPARE(names, (QStringList{"batch norm", "group norm"}));
    QVERIFY2(view.hint().contains("mean test error of 2 seeds"), qPrintable(view.hint()));
    view.show();
    QCoreApplication::processEvents();
    QVERIFY(view.grab().save("view_sweep_batch_size.png"));
  }

  // Gradient flow: the key layers (parameters, norm outputs) by default, every layer on request;
  // each name drawn whole under the axis at a laptop's and a projector's tab size.
  void gradientLayerNamesShowWhole() {
    const Snapshot s = snapshotFromResults(test::trainedResults(test::kDefaultLikeConfig));
    // The tab at 1280x720 (with and without a lesson card), and in presentation mode at 1920x1080
    // and in a 1366x820 window.
    const QList<QPair<bool, QSize>> sizes = {
        {false, QSize(900, 540)}, {false, QSize(900, 430)}, {true, QSize(1340, 760)}, {true, QSize(1330, 640)},
        {true, QSize(1330, 380)}};  // presentation under a lesson card in a 1366x820 window
    for (const auto& [presentation, size] : sizes) {
      GradientView view;
      view.setPresentationMode(presentation);
      view.resize(size);
      view.show();
      showWhole(view, s);
      QCOMPARE(view.chartedLayers(), (QStringList{"conv1", "norm1", "conv2", "norm2", "fc1", "norm3", "fc2"}));
      for (bool all : {false, true}) {
        view.setAllLayers(all);
        showWhole(view, s);
        QCoreApplication::processEvents();
        view.grab();  // lays out and paints what a screen would show
        if (all) QCOMPARE(view.chartedLayers(), probedLayerNames(s));
        QVERIFY2(view.chartedLayers().size() >= (all ? 12 : 7), qPrintable(view.chartedLayers().join(",")));
        QChart* flow = view.chartViews().at(0)->chart();
        const QStringList texts = test::drawnTexts(flow);
        for (const QString& layer : view.chartedLayers())
          QVERIFY2(texts.contains(layer), qPrintable(layer + " not drawn whole; drawn: " + texts.join(" | ")));
        if (!test::cutTexts(flow).isEmpty()) view.grab().save("cut_gradient.png");
        QVERIFY2(test::cutTexts(flow).isEmpty(),
                 qPrintable(QString("%1 x %2%3: ").arg(size.width()).arg(size.height()).arg(all ? ", every layer" : "") +
                            test::cutTexts(flow).join(" | ")));
        // Whole labels stay inside the chart (the axis made room for them) and clear of the
        // axis title below them.
        QRectF axisTitle;
        for (QGraphicsItem* item : flow->scene()->items())
          if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->toPlainText() == "layer (input → output)")
            axisTitle = text->sceneBoundingRect();
        QVERIFY(!axisTitle.isNull());
        for (QGraphicsItem* item : flow->scene()->items())
          if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && view.chartedLayers().contains(text->toPlainText())) {
            QVERIFY2(flow->sceneBoundingRect().contains(text->sceneBoundingRect()), qPrintable(text->toPlainText()));
            QVERIFY2(text->sceneBoundingRect().bottom() <= axisTitle.top() + 2, qPrintable(text->toPlainText() + " runs into the axis title"));
          }
        view.grab().save(QString("view_gradient_layers%1_%2.png").arg(all ? "_all" : "").arg(size.height()));
      }
    }
  }

  // No view cuts a label, axis title or chart title short at the tab's size on a laptop
  // (1280x720) or a projector (1920x1080), for the default comparison, a lesson-4-like and a
  // many-run experiment.
  void noViewCutsALabel_data() {
    QTest::addColumn<QString>("config");
    QTest::newRow("default comparison") << QString(test::kDefaultLikeConfig);
    QTest::newRow("lesson-4-like") << QString(test::kLesson4LikeConfig);
    QTest::newRow("many runs") << QString(test::kManyRunsConfig);
  }
  void noViewCutsALabel() {
    QFETCH(QString, config);
    const Snapshot s = snapshotFromResults(test::trainedResults(config.toUtf8().constData()));
    // The tab at 1280x720, the same under an open lesson card, and in presentation mode at
    // 1920x1080 with the side panel, and without it under a lesson card.
    const QList<QPair<bool, QSize>> sizes = {
        {false, QSize(900, 540)}, {false, QSize(900, 430)}, {true, QSize(1340, 760)}, {true, QSize(1880, 600)}};
    for (const auto& [presentation, size] : sizes) {
      QWidget parent;
      for (const NamedView& v : createChartViews(&parent)) {
        v.view->setPresentationMode(presentation);
        v.view->resize(size);
        v.view->show();
        showWhole(*v.view, s);
        // Left to the Activations redesign (issue 14 section 2): in presentation mode its title
        // "conv1: output percentiles over time" is cut at 24 pt in half the tab.
        if (presentation && dynamic_cast<ActivationView*>(v.view)) continue;
        if (auto* act = dynamic_cast<ActivationView*>(v.view)) act->selectLayer("conv1");
        QCoreApplication::processEvents();
        v.view->grab();  // lays out and paints what a screen would show
        for (QChartView* c : v.view->chartViews()) {
          if (c->isHidden()) continue;
          const QStringList cut = test::cutTexts(c->chart());
          if (!cut.isEmpty()) v.view->grab().save(QString("cut_%1_%2.png").arg(slug(v.title)).arg(size.height()));
          QVERIFY2(cut.isEmpty(), qPrintable(QString("%1 at %2 / %3: %4").arg(v.title, QString::number(size.height()),
                                                                            c->chart()->title(), cut.join(" | "))));
        }
        v.view->hide();
      }
    }
  }

  // Sweep ticks: batch sizes on a log2 axis at 2, 4, 8, 16, 32; dropout at 0, 0.25, 0.5; error
  // at round steps from 0; every point inside the plot with a margin (no marker cut at an edge).
  void sweepTicksAreRound() {
    auto sweepOf = [](const QList<int>& batches, const QList<double>& dropouts, double accuracyLo) {
      Snapshot s;
      int arm = 0;
      for (int b : batches)
        for (double d : dropouts) {
          for (int seed = 0; seed < 2; ++seed) {
            RunRecord r;
            r.arm = arm;
            r.seedIndex = seed;
            r.batchSize = b;
            r.dropout = d;
            r.finalTestAccuracy = accuracyLo + 0.01 * arm + 0.02 * seed;
            NormPlacement p;
            p.kind = NormKind::Batch;
            r.norms = {p};
            s.runs.push_back(r);
          }
          ++arm;
        }
      return s;
    };
    auto checkInside = [](SweepView& view) {
      QChart* chart = view.chartViews().at(0)->chart();
      auto* x = chart->axes(Qt::Horizontal).value(0);
      auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
      auto* log = qobject_cast<QLogValueAxis*>(x);
      auto* linear = qobject_cast<QValueAxis*>(x);
      const double xMin = log ? std::log2(log->min()) : linear->min(), xMax = log ? std::log2(log->max()) : linear->max();
      for (QAbstractSeries* series : chart->series())
        if (auto* line = qobject_cast<QLineSeries*>(series); line && !line->name().isEmpty())
          for (const QPointF& p : line->points()) {
            const double px = log ? std::log2(p.x()) : p.x();
            QVERIFY2(px > xMin + 0.03 * (xMax - xMin) && px < xMax - 0.03 * (xMax - xMin), qPrintable(QString::number(p.x())));
            QVERIFY2(p.y() > y->min() + 0.03 * (y->max() - y->min()) || p.y() > y->min() + 1, qPrintable(QString::number(p.y())));
            QVERIFY2(p.y() < y->max() - 0.03 * (y->max() - y->min()), qPrintable(QString::number(p.y())));
          }
    };
    SweepView view;
    view.resize(900, 540);
    showWhole(view, sweepOf({2, 4, 8, 16, 32}, {0.0}, 0.4));
    QCOMPARE(view.xTicks(), (QList<double>{2, 4, 8, 16, 32}));
    checkInside(view);
    showWhole(view, sweepOf({2, 4, 8, 32}, {0.0}, 0.4));  // lesson 2's sizes: 16 still ticked, no 1 or 64
    QCOMPARE(view.xTicks(), (QList<double>{2, 4, 8, 16, 32}));
    // Errors up to 60 %: ticks 0, 10, ... 60 (not 0, 16, 32 ...).
    QList<double> tens;
    for (double t : view.yTicks()) tens.append(t);
    QVERIFY2(!tens.isEmpty() && tens.front() == 0, qPrintable(QString::number(tens.value(0))));
    for (double t : tens) QVERIFY2(std::fmod(t, 10) == 0, qPrintable(QString::number(t)));
    QVERIFY(tens.size() >= 3 && tens.size() <= 8);

    showWhole(view, sweepOf({32}, {0.0, 0.25, 0.5}, 0.9));
    QCOMPARE(view.sweep().axis, SweepAxis::Dropout);
    QCOMPARE(view.xTicks(), (QList<double>{0, 0.25, 0.5}));
    checkInside(view);
    // Learning rates 0.01, 0.03, 0.1: a base-10 log axis labelled at 0.01 and 0.1 (and the decades
    // around them), every point inside.
    Snapshot rates = sweepOf({32}, {0.0}, 0.8);
    rates.runs.resize(2);
    rates.runs[0].lr = 0.01;
    rates.runs[1].lr = 0.1;
    rates.runs[1].arm = 1;
    rates.runs.push_back(rates.runs[1]);
    rates.runs[2].lr = 0.03;
    rates.runs[2].arm = 2;
    {
      SweepView lr;
      lr.resize(900, 540);
      showWhole(lr, rates);
      QCOMPARE(lr.sweep().axis, SweepAxis::LearningRate);
      auto* log = qobject_cast<QLogValueAxis*>(lr.chartViews().at(0)->chart()->axes(Qt::Horizontal).value(0));
      QVERIFY(log && log->base() == 10);
      const QList<double> ticks = lr.xTicks();
      QVERIFY2(ticks.size() >= 2, qPrintable(QString::number(ticks.size())));
      for (double t : ticks) QVERIFY2(std::abs(std::log10(t) - std::round(std::log10(t))) < 1e-9, qPrintable(QString::number(t)));
      QVERIFY(std::any_of(ticks.begin(), ticks.end(), [](double t) { return std::abs(t - 0.01) < 1e-12; }));
      QVERIFY(std::any_of(ticks.begin(), ticks.end(), [](double t) { return std::abs(t - 0.1) < 1e-12; }));
      checkInside(lr);
    }
    showWhole(view, sweepOf({32}, {0.0, 0.25, 0.5}, 0.9));
    // Errors under 12 %: steps of 2.
    for (double t : view.yTicks()) QVERIFY2(std::fmod(t, 2) == 0, qPrintable(QString::number(t)));
    QCOMPARE(view.yTicks().front(), 0.0);
    view.show();
    QCoreApplication::processEvents();
    QVERIFY(test::cutTexts(view.chartViews().at(0)->chart()).isEmpty());
  }

  // Results: one row per arm with the runs' own final numbers, mean ± sd over 3 seeds, the
  // diverged text, numeric sorting, and the rows copied as tab-separated text with a header.
  void resultsTable() {
    Snapshot s;
    const double accuracy[2][3] = {{0.70, 0.80, 0.90}, {0.55, 0.55, 0.55}};
    for (int arm = 0; arm < 3; ++arm)
      for (int seed = 0; seed < 3; ++seed) {
        RunRecord r;
        r.arm = arm;
        r.seedIndex = seed;
        r.seed = std::uint64_t(seed + 1);
        r.label = arm == 0 ? "BN" : arm == 1 ? "GN" : "wild";
        NormPlacement p;
        p.kind = arm == 0 ? NormKind::Batch : arm == 1 ? NormKind::Group : NormKind::None;
        r.norms = {p};
        r.imagesPerSecond = 1000 + 100 * arm;
        if (arm < 2) {
          r.finalTestAccuracy = accuracy[arm][seed];
          r.finalTestLoss = 1.0 - accuracy[arm][seed];
          r.finalTrainLoss = 0.5 + 0.0137 * seed;  // "0.514 ± 0.0137": wider than its column title
        } else {
          r.diverged = true;
          r.divergedAtStep = 12 + seed;
        }
        s.runs.push_back(r);
      }
    ResultsView view;
    view.resize(900, 400);
    view.show();
    Snapshot early = s;  // before the first evaluation: dashes, narrow columns
    for (RunRecord& r : early.runs) r.finalTestAccuracy = r.finalTestLoss = r.finalTrainLoss = kNotMeasured;
    showWhole(view, early);
    showWhole(view, s);
    // The columns grew with the numbers: no cell is cut short.
    for (int c = 1; c < ResultsView::kColumns - 1; ++c)
      for (int r = 0; r < view.table()->model()->rowCount(); ++r) {
        const QString text = view.table()->model()->index(r, c).data().toString();
        QVERIFY2(view.table()->fontMetrics().horizontalAdvance(text) < view.table()->columnWidth(c), qPrintable(text));
      }
    QAbstractItemModel* m = view.table()->model();
    QCOMPARE(m->rowCount(), 3);
    auto cell = [&](int r, int c) { return m->index(r, c).data().toString(); };
    // 0.7, 0.8, 0.9: mean 80.0 %, sd 10.0.
    QCOMPARE(cell(0, ResultsView::kArm), QString("BN"));
    QCOMPARE(cell(0, ResultsView::kNorm), QString("batch norm"));
    QCOMPARE(cell(0, ResultsView::kSeeds), QString("3"));
    QCOMPARE(cell(0, ResultsView::kTestAccuracy), QString("80.0 \u00b1 10.0 %"));
    QCOMPARE(cell(0, ResultsView::kTestLoss), QString("0.2 \u00b1 0.1"));
    QCOMPARE(cell(1, ResultsView::kTestAccuracy), QString("55.0 \u00b1 0.0 %"));
    QCOMPARE(cell(0, ResultsView::kDiverged), QString("no"));
    QCOMPARE(cell(2, ResultsView::kDiverged), QString("3 of 3 seeds diverged, first at step 12"));
    QCOMPARE(cell(2, ResultsView::kTestAccuracy), QString("\u2013"));
    QCOMPARE(cell(1, ResultsView::kSpeed), QString("1100"));
    // A one-seed run shows its own final numbers.
    Snapshot one;
    one.runs = {s.runs[0]};
    ResultsView single;
    showWhole(single, one);
    QCOMPARE(single.table()->model()->index(0, ResultsView::kTestAccuracy).data().toString(), QString("70.0 %"));
    QCOMPARE(single.table()->model()->index(0, ResultsView::kTestLoss).data().toString(),
             QString::number(s.runs[0].finalTestLoss, 'g', 3));

    // Sorting by test accuracy: numbers, not text; the diverged arm (no value) first ascending.
    view.table()->sortByColumn(ResultsView::kTestAccuracy, Qt::DescendingOrder);
    QCOMPARE(cell(0, ResultsView::kArm), QString("BN"));
    QCOMPARE(cell(1, ResultsView::kArm), QString("GN"));
    QCOMPARE(cell(2, ResultsView::kArm), QString("wild"));
    view.table()->sortByColumn(ResultsView::kTestAccuracy, Qt::AscendingOrder);
    QCOMPARE(cell(0, ResultsView::kArm), QString("wild"));
    QCOMPARE(cell(2, ResultsView::kArm), QString("BN"));
    // A new snapshot keeps the chosen order, with its new numbers.
    s.runs[3].finalTestAccuracy = s.runs[4].finalTestAccuracy = s.runs[5].finalTestAccuracy = 0.95;
    showWhole(view, s);
    QCOMPARE(cell(2, ResultsView::kArm), QString("GN"));
    QCOMPARE(cell(2, ResultsView::kTestAccuracy), QString("95.0 \u00b1 0.0 %"));

    // Copy: every row when none is selected, in the shown order, with a header.
    QApplication::clipboard()->clear();
    view.table()->clearSelection();
    QApplication::setActiveWindow(&view);
    view.table()->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QTest::keyClick(view.table(), Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("Arm\tNorm\tSeeds\tTest accuracy\tTest loss\tTrain loss\tDiverged\tImages/s"));
    QVERIFY2(lines[1].startsWith("wild\tno norm\t3\t\u2013\t"), qPrintable(lines[1]));
    QVERIFY2(lines[3].startsWith("GN\tgroup norm\t3\t95.0 \u00b1 0.0 %\t"), qPrintable(lines[3]));
    // Only the selected row when one is.
    view.table()->selectRow(2);
    view.copyToClipboard();
    QCOMPARE(QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts).size(), 2);
    QVERIFY(QApplication::clipboard()->text().contains("GN\tgroup norm"));
    // The context menu's Copy is the same action.
    QVERIFY(!view.table()->actions().isEmpty());
    QCOMPARE(view.table()->actions().front()->shortcut(), QKeySequence(QKeySequence::Copy));
    view.setPresentationMode(true);
    QVERIFY(QFontInfo(view.table()->font()).pointSizeF() >= 14);
    QVERIFY(view.grab().save("view_results_presentation.png"));
  }

  void batchNormViewReportsRecomputedPopulationStatistics() {
    BatchNormView view;
    showWhole(view, snapshot_);
    QVERIFY(view.populationText().isEmpty());
    Snapshot s = snapshot_;
    s.runs[std::size_t(bnRun_)].populationUpdates.push_back({30, 400, 0.612, 0.784});
    showWhole(view, s);
    const QString text = view.populationText();
    QVERIFY2(text.contains("step 30") && text.contains("400 training images") &&
                 text.contains("61.2% \u2192 78.4%"),
             qPrintable(text));
  }

  void divergedRunIsLabelled() {
    QWidget parent;
    for (const NamedView& v : createChartViews(&parent)) {
      showWhole(*v.view, snapshot_);
      const QString name = slug(v.title);
      // The wild arm has no batch norm; the sweep counts diverged runs in its caption (tested there).
      if (name == "batch_norm" || name == "model" || name == "sweep") continue;
      QStringList labels;
      for (QChartView* c : v.view->chartViews()) labels += legendLabels(c->chart());
      if (auto* table = dynamic_cast<LayerTableView*>(v.view))
        for (int r = 0; r < table->table()->model()->rowCount(); ++r)
          labels.append(table->table()->model()->index(r, 1).data().toString());
      if (auto* results = dynamic_cast<ResultsView*>(v.view))  // its Diverged column
        for (int r = 0; r < results->table()->model()->rowCount(); ++r)
          labels.append(results->table()->model()->index(r, ResultsView::kDiverged).data().toString());
      const QString expected = QString("diverged at step %1").arg(snapshot_.runs[std::size_t(wildRun_)].divergedAtStep);
      QVERIFY2(labels.filter(expected).size() > 0, qPrintable(name + ": " + labels.join(" | ")));
      // Only the diverged run says so.
      QVERIFY2(labels.filter("diverged").size() == labels.filter(expected).size(), qPrintable(labels.join(" | ")));
    }
  }

  // A run that failed on an error is named so in the legends, as a diverged one is.
  void failedRunIsLabelled() {
    Snapshot failed = snapshot_;
    failed.runs[0].failed = true;
    failed.runs[0].failure = "step 3: out of memory (std::bad_alloc)";
    QWidget parent;
    for (const NamedView& v : createChartViews(&parent)) {
      if (slug(v.title) != "loss") continue;
      showWhole(*v.view, failed);
      QStringList labels;
      for (QChartView* c : v.view->chartViews()) labels += legendLabels(c->chart());
      QVERIFY2(labels.filter("\u2013 failed").size() > 0, qPrintable(labels.join(" | ")));
      return;
    }
    QFAIL("no loss view");
  }

  void logAxesGetOnlyPositiveFiniteValues() {
    // Poison the snapshot with every value a log axis must not see.
    Snapshot bad = snapshot_;
    for (RunRecord& run : bad.runs) {
      if (run.metrics.size() >= 3) {
        run.metrics[0].trainLoss = 0;
        run.metrics[1].testLoss = -1;
        run.metrics[2].trainLoss = std::numeric_limits<double>::infinity();
      }
      for (auto& probe : run.probes) {
        auto copy = std::make_shared<ProbeRecord>(*probe);
        copy->layers[0].gradMeanAbs = 0;
        copy->layers[0].gradMaxAbs = std::numeric_limits<double>::quiet_NaN();
        if (copy->layers.size() > 1) copy->layers[1].gradMeanAbs = -1;
        probe = copy;
      }
    }
    QWidget parent;
    LossView loss(&parent);
    loss.setLogLoss(true);
    showWhole(loss, bad);
    QVERIFY(!loss.lossChart()->axes(Qt::Vertical).isEmpty());
    QVERIFY(qobject_cast<QLogValueAxis*>(loss.lossChart()->axes(Qt::Vertical).first()));
    checkLogAxes(loss.lossChart(), "loss (log)");
    // Switching back and forth with data present.
    loss.setLogLoss(false);
    loss.setLogLoss(true);
    checkLogAxes(loss.lossChart(), "loss (log, toggled)");
    qsizetype points = 0;
    for (QAbstractSeries* s : loss.lossChart()->series()) points += pointCount(s);
    QVERIFY(points > 0);

    GradientView grad(&parent);
    showWhole(grad, bad);
    grad.selectLayer("conv1");
    showWhole(grad, bad);
    int logCharts = 0;
    for (QChartView* c : grad.chartViews()) {
      checkLogAxes(c->chart(), "gradient " + c->chart()->title());
      logCharts += int(!c->chart()->axes(Qt::Vertical).isEmpty() &&
                       qobject_cast<QLogValueAxis*>(c->chart()->axes(Qt::Vertical).first()));
    }
    QCOMPARE(logCharts, 2);
    // A zero mean gradient is clamped to 1e-12 and then flagged as vanishing.
    QVERIFY2(grad.flagText().contains("Vanishing"), qPrintable(grad.flagText()));
  }

  void gradientFlags() {
    Snapshot s = snapshot_;
    auto copy = std::make_shared<ProbeRecord>(*s.runs[0].probes.back());
    copy->layers[0].gradMeanAbs = 1e-9;
    copy->layers[1].gradMeanAbs = 1e5;
    s.runs[0].probes.back() = copy;
    const QString flags = normlab::gradientFlags(s);
    QVERIFY2(flags.contains("Vanishing") && flags.contains(QString::fromStdString(copy->layers[0].name)), qPrintable(flags));
    QVERIFY2(flags.contains("Exploding") && flags.contains(QString::fromStdString(copy->layers[1].name)), qPrintable(flags));
    Snapshot calm;
    calm.runs.push_back(snapshot_.runs[0]);
    auto ok = std::make_shared<ProbeRecord>(*calm.runs[0].probes.back());
    for (LayerStats& l : ok->layers) l.gradMeanAbs = 1e-2;
    calm.runs[0].probes = {ok};
    QCOMPARE(normlab::gradientFlags(calm), QString());
  }

  void smoothingIsDebiasedEma() {
    std::vector<double> out;
    // w = 0.5: last = 0.5*1 = 0.5, /(1-0.5) = 1; last = 0.5*0.5 + 0.5*3 = 1.75, /(1-0.25) = 2.3333;
    // NaN is skipped; last = 0.5*1.75 + 0.5*5 = 3.375, /(1-0.125) = 3.857142857.
    debiasedEma({1, 3, std::nan(""), 5}, 0.5, out);
    QCOMPARE(out.size(), std::size_t(4));
    QCOMPARE(out[0], 1.0);
    QVERIFY(std::abs(out[1] - 7.0 / 3.0) < 1e-12);
    QVERIFY(std::isnan(out[2]));
    QVERIFY(std::abs(out[3] - 3.375 / 0.875) < 1e-12);
    debiasedEma({2, 4}, 0.0, out);
    QCOMPARE(out[1], 4.0);
  }

  void smoothingAppliesToTrainLossAndAccuracy() {
    QWidget parent;
    LossView view(&parent);
    view.setSmoothing(0.5);
    showWhole(view, snapshot_);
    const RunRecord& run = snapshot_.runs[0];
    std::vector<double> loss, accuracy, smoothLoss, smoothAccuracy;
    for (const MetricPoint& m : run.metrics) {
      loss.push_back(m.trainLoss);
      accuracy.push_back(m.trainAccuracy);
    }
    debiasedEma(loss, 0.5, smoothLoss);
    debiasedEma(accuracy, 0.5, smoothAccuracy);
    // Series are added run by run, train first: series 0 is run 0's train curve.
    auto* trainLoss = qobject_cast<QLineSeries*>(view.lossChart()->series().at(0));
    auto* trainAccuracy = qobject_cast<QLineSeries*>(view.accuracyChart()->series().at(0));
    QVERIFY(trainLoss && trainAccuracy);
    QCOMPARE(trainAccuracy->count(), qsizetype(run.metrics.size()));
    bool accuracyMoves = false;
    for (std::size_t k = 0; k < run.metrics.size(); ++k) {
      QVERIFY(std::abs(trainLoss->at(qsizetype(k)).y() - smoothLoss[k]) < 1e-9);
      QVERIFY2(std::abs(trainAccuracy->at(qsizetype(k)).y() - 100 * smoothAccuracy[k]) < 1e-9,
               qPrintable(QString("step %1: %2 vs %3").arg(k).arg(trainAccuracy->at(qsizetype(k)).y()).arg(100 * smoothAccuracy[k])));
      accuracyMoves = accuracyMoves || std::abs(smoothAccuracy[k] - accuracy[k]) > 1e-6;
    }
    QVERIFY2(accuracyMoves, "smoothing must change the raw accuracy for this test to mean anything");
    view.setSmoothing(0);
    for (std::size_t k = 0; k < run.metrics.size(); ++k)
      QVERIFY(std::abs(trainAccuracy->at(qsizetype(k)).y() - 100 * accuracy[k]) < 1e-9);
  }

  void activationLayerPickerKeepsTheChoiceAcrossRunSets() {
    QWidget parent;
    ActivationView view(&parent);
    Snapshot early = snapshot_;  // training has just begun: runs, no probe yet
    for (RunRecord& run : early.runs) run.probes.clear();
    showWhole(view, early);
    QVERIFY(view.layerNames().isEmpty());
    showWhole(view, snapshot_);
    QVERIFY(!view.layerNames().isEmpty());
    QCOMPARE(view.selectedLayer(), view.layerNames().first());  // default: the first layer
    view.selectLayer("");  // all layers
    Snapshot fewer = snapshot_;
    fewer.runs.pop_back();  // another set of runs: the picker is refilled
    fewer.version += 1;
    showWhole(view, fewer);
    QCOMPARE(view.selectedLayer(), QString());
    const QString last = view.layerNames().last();
    view.selectLayer(last);
    showWhole(view, snapshot_);
    QCOMPARE(view.selectedLayer(), last);
  }

  void firstProbeKeepsTheSeries() {
    // Right after Start the runs have no probe yet; the first probe brings the layer list. The
    // series (per run) stay; only the pickers and axes are refilled, and the data is drawn.
    Snapshot early = snapshot_;
    for (RunRecord& run : early.runs) run.probes.clear();
    QWidget parent;
    ActivationView act(&parent);
    GradientView grad(&parent);
    for (SnapshotView* view : std::initializer_list<SnapshotView*>{&act, &grad}) {
      showWhole(*view, early);
      QList<QPointer<QAbstractSeries>> before;  // every chart the view owns, shown or not
      for (QChartView* c : view->findChildren<QChartView*>())
        for (QAbstractSeries* series : c->chart()->series()) before.append(series);
      QVERIFY(!before.isEmpty());
      showWhole(*view, snapshot_);
      for (const QPointer<QAbstractSeries>& series : before) QVERIFY2(series, "a series was rebuilt");
    }
    QVERIFY(!act.layerNames().isEmpty());
    QCOMPARE(act.selectedLayer(), act.layerNames().first());
    checkEveryRunDrawn(&act, "activations after the first probe");
    checkEveryRunDrawn(&grad, "gradient after the first probe");
  }

  void smallMultiplesFitThePageWidth() {
    ActivationView view;
    showWhole(view, snapshot_);
    view.selectLayer("");  // all layers
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* scroll = view.findChild<QScrollArea*>();
    QVERIFY(scroll);
    // Wide: three columns. Narrower: fewer, and never a horizontal scroll bar.
    for (const auto& [width, columns] : std::vector<std::pair<int, int>>{{1300, 3}, {900, 2}, {1300, 3}}) {
      view.resize(width, 700);
      // The layout settles over several event-loop turns: wait for it (the time-out is a hang guard).
      const bool settled = QTest::qWaitFor(
          [&] {
            return view.gridColumns() == columns &&
                   (scroll->horizontalScrollBar()->maximum() == 0 || !scroll->horizontalScrollBar()->isVisible());
          },
          60000);
      QCOMPARE(view.gridColumns(), columns);
      QVERIFY2(settled, qPrintable(QString("horizontal scroll bar at width %1").arg(width)));
    }
  }

  // Small multiples of more layers than the cap: the first kMaxChartedLayers, a note saying so,
  // and every layer still in the picker.
  void smallMultiplesCoverTheFirstLayers() {
    Snapshot many = snapshot_;
    test::repeatProbedLayers(many.runs, kMaxChartedLayers + 8);
    ActivationView view;
    showWhole(view, many);
    QCOMPARE(view.layerNames().size(), kMaxChartedLayers + 8);
    view.selectLayer("");  // all layers
    const QList<QChartView*> multiples = view.chartViews();
    QCOMPARE(multiples.size(), kMaxChartedLayers);
    QCOMPARE(multiples.last()->chart()->title(), QString("layer%1").arg(kMaxChartedLayers));
    const QString note = QString("charts for the first %1 of %2 probed layers").arg(kMaxChartedLayers).arg(kMaxChartedLayers + 8);
    bool noted = false;
    for (const QLabel* label : view.findChildren<QLabel*>()) noted = noted || (label->isVisibleTo(&view) && label->text().contains(note));
    QVERIFY(noted);
  }

  void decimateKeepsEnds() {
    QList<QPointF> points;
    for (int i = 0; i < 5000; ++i) points.append(QPointF(i, i * 2));
    decimate(points, 1000);
    QCOMPARE(points.size(), qsizetype(1000));
    QCOMPARE(points.first(), QPointF(0, 0));
    QCOMPARE(points.last(), QPointF(4999, 9998));
    for (qsizetype i = 1; i < points.size(); ++i) QVERIFY(points[i].x() > points[i - 1].x());
    QList<QPointF> few{{0, 1}, {1, 2}};
    decimate(few, 1000);
    QCOMPARE(few.size(), qsizetype(2));
  }

  void batchNormMessageWithoutBatchNorm() {
    QWidget parent;
    BatchNormView view(&parent);
    Snapshot none;
    none.runs.push_back(snapshot_.runs[0]);
    showWhole(view, none);
    QVERIFY(view.showsMessage());
    QVERIFY(view.message().contains("No run uses batch norm"));
    view.resize(1280, 720);
    QVERIFY(view.grab().save("view_batch_norm_none.png"));
    showWhole(view, snapshot_);
    QVERIFY(!view.showsMessage());
  }

  void presentationModeEnlargesFonts() {
    QWidget parent;
    for (const NamedView& v : createChartViews(&parent)) {
      showWhole(*v.view, snapshot_);
      const qreal widgetBefore = QFontInfo(v.view->font()).pointSizeF();
      QList<qreal> titles, labels;
      for (QChartView* c : v.view->chartViews()) {
        titles.append(c->chart()->titleFont().pointSizeF());
        labels.append(c->chart()->axes().isEmpty() ? 0 : c->chart()->axes().first()->labelsFont().pointSizeF());
      }
      v.view->setPresentationMode(true);
      QVERIFY2(QFontInfo(v.view->font()).pointSizeF() > widgetBefore, qPrintable(v.title));
      const QList<QChartView*> charts = v.view->chartViews();
      for (int i = 0; i < charts.size(); ++i) {
        QVERIFY2(charts[i]->chart()->titleFont().pointSizeF() > titles[i], qPrintable(v.title));
        if (!charts[i]->chart()->axes().isEmpty())
          QVERIFY2(charts[i]->chart()->axes().first()->labelsFont().pointSizeF() > labels[i], qPrintable(v.title));
        for (QAbstractSeries* s : charts[i]->chart()->series())
          if (auto* xy = qobject_cast<QXYSeries*>(s); xy && !qobject_cast<QScatterSeries*>(xy) && xy->pen().style() == Qt::SolidLine) {
            // Main lines at least 3 px on a projector; secondary and thin ones (lighter) at least 1.5.
            const bool main = xy->property("normlab_role").toInt() == int(LineRole::Main);
            QVERIFY2(xy->pen().widthF() >= (main ? 3 : 1.5), qPrintable(v.title + ": " + s->name()));
          }
      }
      const qreal presentationSize = QFontInfo(v.view->font()).pointSizeF();
      v.view->setPresentationMode(false);
      QVERIFY(QFontInfo(v.view->font()).pointSizeF() < presentationSize);
    }
  }

  void emptySnapshotDoesNotCrash() {
    QWidget parent;
    for (const NamedView& v : createChartViews(&parent)) {
      v.view->resize(800, 500);
      showWhole(*v.view, Snapshot{});
      v.view->grab();
      showWhole(*v.view, snapshot_);  // runs appear
      showWhole(*v.view, Snapshot{});  // and vanish again (reset)
      v.view->setPresentationMode(true);
      v.view->grab();
      for (QChartView* c : v.view->chartViews())
        for (QAbstractSeries* s : c->chart()->series()) QCOMPARE(pointCount(s), qsizetype(0));
    }
  }

  void screenshots() {
    for (bool presentation : {false, true}) {
      QWidget parent;
      for (const NamedView& v : createChartViews(&parent)) {
        v.view->resize(presentation ? 1600 : 1280, presentation ? 900 : 720);
        v.view->setPresentationMode(presentation);
        showWhole(*v.view, snapshot_);
        v.view->show();
        QCoreApplication::processEvents();
        const QString file = QString("view_%1%2.png").arg(slug(v.title), presentation ? "_presentation" : "");
        QVERIFY2(v.view->grab().save(file), qPrintable(file));
        if (auto* loss = dynamic_cast<LossView*>(v.view)) {
          loss->setLogLoss(true);
          loss->setEpochAxis(true);
          QCoreApplication::processEvents();
          QVERIFY(loss->grab().save(QString("view_loss_log_epochs%1.png").arg(presentation ? "_presentation" : "")));
        }
        if (auto* act = dynamic_cast<ActivationView*>(v.view)) {
          act->selectLayer("");
          showWhole(*act, snapshot_);
          QCoreApplication::processEvents();
          const QString all = QString("view_activations_all%1.png").arg(presentation ? "_presentation" : "");
          QVERIFY(act->grab().save(all));
        }
        v.view->hide();
      }
    }
  }
};

QTEST_MAIN(TestChartViews)
#include "test_chart_views.moc"
