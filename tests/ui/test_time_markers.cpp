// What happened, on the charts: a learning-rate change is a labelled vertical line on every chart
// whose x axis is training time (samples seen or epochs), at the change's x; a diverged run's last
// point is marked "diverged at step k" on the loss chart (linear and log); both are part of the
// exported PNG and SVG; and the status line says which "images seen" it counts when runs stopped
// early, naming them in its tooltip. Leaves time_markers_loss.png/.svg (an exported figure) in the
// working directory for a human to look at.
#include <algorithm>
#include <cmath>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>
#include <QtTest>

#include "core/experiment/experiment.h"
#include <QtCharts/QLineSeries>

#include "core/files/experiment_file.h"
#include "ui/export/chart_export.h"
#include "ui/views/chart_style.h"
#include "ui/views/loss_view.h"
#include "ui/views/snapshot_view.h"
#include "ui/views/time_markers.h"
#include "ui/window/progress_text.h"

using namespace normlab;

namespace {

// Whether the chart's x axis is training time.
bool isTimeChart(QChart* chart) {
  const QList<QAbstractAxis*> x = chart->axes(Qt::Horizontal);
  if (x.isEmpty()) return false;
  const QString title = x.first()->titleText();
  return title.contains("samples") || title.contains("epoch");
}

bool hasPoints(QChart* chart) {
  for (QAbstractSeries* s : chart->series())
    if (auto* xy = qobject_cast<QXYSeries*>(s); xy && xy->count() > 0) return true;
  return false;
}

// The largest x among the run's points on the chart.
double lastX(QChart* chart, int run) {
  double x = -1;
  for (QAbstractSeries* s : chart->series())
    if (auto* xy = qobject_cast<QXYSeries*>(s); xy && seriesRun(s) == run)
      for (const QPointF& p : xy->points()) x = std::max(x, p.x());
  return x;
}

// "small" branches from "base" at step 10 with a batch of 8 (base: 16), trained to the end.
Snapshot branchedAtStepTen() {
  Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 320, "test": 64},
      "model": "tiny", "train": {"lr": 0.05, "steps": 30, "batch_size": 16},
      "arms": [{"label": "base", "norm": "batch"},
               {"label": "small", "branch_from": "base", "at_step": 10, "batch_size": 8}], "probe_every": 5})"), 1);
  e.prepare();
  while (e.advance()) {}
  return snapshotFromResults(snapshotResults(e));
}

}  // namespace

class TestTimeMarkers : public QObject {
  Q_OBJECT
  Snapshot snapshot_;
  double changeSamples_ = 0, changeEpoch_ = 0;
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // "base" follows the base rate, "own" has a rate of its own, "wild" diverges at once.
    Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 320, "test": 64},
        "model": "tiny", "train": {"lr": 0.05, "steps": 40, "batch_size": 16},
        "arms": [{"label": "base", "norm": "batch"}, {"label": "own", "norm": "group", "groups": 2, "lr": 0.025},
                 {"label": "wild", "norm": "none", "lr": 1000}], "probe_every": 5})"), 1);
    e.prepare();
    while (e.record(0).step < 20 && e.advance()) {}
    e.setLearningRate(0.1);
    while (e.advance()) {}
    snapshot_ = snapshotFromResults(snapshotResults(e));
    QVERIFY2(snapshot_.runs[2].diverged, "the lr-1000 arm must diverge for these tests to mean anything");
    QVERIFY(snapshot_.runs[2].learningRateChanges.empty());
    changeSamples_ = 1e300;
    changeEpoch_ = 1e300;
    for (const RunRecord& r : snapshot_.runs)
      for (const LearningRateChange& c : r.learningRateChanges) {
        changeSamples_ = std::min(changeSamples_, double(c.samplesSeen));
        changeEpoch_ = std::min(changeEpoch_, c.epoch);
      }
    // The earliest run it reached: within one batch of "base" at step 20 (lockstep by samples).
    QVERIFY2(changeSamples_ >= 320 - 16 && changeSamples_ <= 320, qPrintable(QString::number(changeSamples_)));
  }

  void labelSaysTheRateOrTheFactor() {
    QCOMPARE(learningRateLabel({0.1, 0.1}, 2), QString("lr 0.1"));
    QCOMPARE(learningRateLabel({0.1, 0.05}, 2), QString("lr \u00d72"));
    QCOMPARE(learningRateLabel({0.00025}, 0.5), QString("lr 0.00025"));
    const QList<TimeLine> lines = learningRateLines(snapshot_, false);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].label, QString("lr \u00d72"));  // base 0.1, own 0.05: they differ
  }

  // A branch is a line at its parent's position after the branch step, on both x units; from a
  // saved result (snapshotFromResults) as from the runner.
  void branchIsALineAtTheParentsStep() {
    const Snapshot s = branchedAtStepTen();
    const QList<TimeLine> samples = branchLines(s, false), epochs = branchLines(s, true);
    QCOMPARE(samples.size(), 1);
    QCOMPARE(samples[0].label, QString("branch: small at step 10"));
    QCOMPARE(samples[0].x, 160.0);  // 10 steps of 16 images
    QCOMPARE(epochs.size(), 1);
    QCOMPARE(epochs[0].x, 0.5);     // of 320 training images
    QVERIFY(branchLines(snapshot_, false).isEmpty());  // no branch, no line
    // A label that names the step already is not told it twice (lesson 9's "dropout off from
    // step 240"); a number that is not the step does not count.
    Snapshot named = s;
    ExperimentConfig config = *named.config;
    config.arms[1].label = "batch 8 from step 10";
    named.config = std::make_shared<const ExperimentConfig>(config);
    QCOMPARE(branchLines(named, false)[0].label, QString("branch: batch 8 from step 10"));
    config.arms[1].label = "batch 8";
    named.config = std::make_shared<const ExperimentConfig>(config);
    QCOMPARE(branchLines(named, false)[0].label, QString("branch: batch 8 at step 10"));
  }

  // A branch's curves on the Loss tab go on from its parent's point at the branch step: the
  // branch's train-loss line starts at the parent's train-loss point at 160 samples.
  void branchCurveStartsFromTheParentsPoint() {
    const Snapshot s = branchedAtStepTen();
    LossView view;
    view.setSmoothing(0);
    showWhole(view, s);
    auto trainLine = [&](int run) -> QLineSeries* {
      for (QAbstractSeries* series : view.lossChart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(series); line && seriesRun(series) == run && line->pen().style() == Qt::SolidLine)
          return line;
      return nullptr;
    };
    QLineSeries* parent = trainLine(0);
    QLineSeries* branch = trainLine(1);
    QVERIFY(parent && branch && branch->count() > 0);
    QCOMPARE(branch->at(0).x(), 160.0);
    bool found = false;
    for (const QPointF& p : parent->points())
      if (p.x() == 160.0) {
        QCOMPARE(branch->at(0).y(), p.y());
        found = true;
      }
    QVERIFY(found);
    QVERIFY(branch->at(1).x() > 160.0);  // then its own points
  }

  // Every chart whose x axis is training time and that draws data has the line at the change;
  // no other chart has marks.
  void everyTimeChartMarksTheChange() {
    QWidget parent;
    int timeCharts = 0;
    QStringList seen;
    for (const NamedView& v : createChartViews(&parent)) {
      v.view->resize(1280, 720);
      showWhole(*v.view, snapshot_);
      for (QChartView* cv : v.view->chartViews()) {
        QChart* chart = cv->chart();
        const QString where = v.title + " / " + chart->title();
        if (!isTimeChart(chart) || !hasPoints(chart)) {
          QVERIFY2(!timeMarkers(chart) || timeMarkers(chart)->lines().isEmpty(), qPrintable(where));
          continue;
        }
        ++timeCharts;
        seen << v.title;
        const TimeMarkers* marks = timeMarkers(chart);
        QVERIFY2(marks, qPrintable(where + ": no marks"));
        QCOMPARE(marks->lines().size(), 1);
        QCOMPARE(marks->lines()[0].x, changeSamples_);
        QCOMPARE(marks->lines()[0].label, QString("lr \u00d72"));
        // Exactly one marks item per chart, however often it was drawn.
        showWhole(*v.view, snapshot_);
        int items = 0;
        for (QGraphicsItem* item : chart->childItems()) items += dynamic_cast<TimeMarkers*>(item) ? 1 : 0;
        QCOMPARE(items, 1);
      }
    }
    // Loss, log loss (not on screen) aside: loss and accuracy, gradient over time, three batch-norm
    // charts, the activation percentiles (small multiples).
    for (const char* title : {"Loss & accuracy", "Activations", "Gradient flow", "Batch norm"})
      QVERIFY2(seen.contains(title), qPrintable(seen.join(", ")));
    QVERIFY(timeCharts >= 7);
  }

  void epochAxisMarksInEpochs() {
    LossView view;
    view.setEpochAxis(true);
    showWhole(view, snapshot_);
    for (QChartView* cv : view.chartViews()) {
      const TimeMarkers* marks = timeMarkers(cv->chart());
      QVERIFY(marks);
      QCOMPARE(marks->lines().size(), 1);
      QCOMPARE(marks->lines()[0].x, changeEpoch_);
    }
  }

  // Drawn where the chart draws that x (the same mapping as the series').
  void lineIsDrawnAtTheChangesX() {
    LossView view;
    view.resize(1280, 720);
    view.show();
    showWhole(view, snapshot_);
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QApplication::processEvents();
    QChart* chart = view.lossChart();
    const TimeMarkers* marks = timeMarkers(chart);
    QVERIFY(marks);
    QAbstractSeries* any = chart->series().first();
    const QPointF expected = chart->mapToPosition(QPointF(changeSamples_, 1.0), any);
    QVERIFY2(std::abs(marks->xPosition(changeSamples_) - expected.x()) < 0.5,
             qPrintable(QString("%1 vs %2").arg(marks->xPosition(changeSamples_)).arg(expected.x())));
    QVERIFY(marks->xPosition(changeSamples_) > chart->plotArea().left());
    QVERIFY(marks->xPosition(changeSamples_) < chart->plotArea().right());
  }

  // A line's label takes the first row from the top that no curve runs through, then from the
  // bottom (accuracy climbs to the top of its chart); with none free, the top row.
  void labelKeepsOffTheCurves() {
    auto labelAt = [](std::vector<double> curveYs) {
      QChartView view;
      view.resize(600, 400);
      QChart* chart = view.chart();
      auto* x = new QValueAxis;
      auto* y = new QValueAxis;
      x->setRange(0, 100);
      y->setRange(0, 100);
      chart->addAxis(x, Qt::AlignBottom);
      chart->addAxis(y, Qt::AlignLeft);
      for (double level : curveYs) {
        auto* curve = new QLineSeries;
        curve->append(0, level);
        curve->append(100, level);
        chart->addSeries(curve);
        curve->attachAxis(x);
        curve->attachAxis(y);
      }
      TimeMarkers* marks = timeMarkersOn(chart, x, y);
      marks->setLines({{50, "branch: no dropout"}});
      view.show();
      if (!QTest::qWaitForWindowExposed(&view)) return QString("not exposed");
      view.grab();  // paints the marks
      if (marks->lineLabels().size() != 1 || marks->lineLabels()[0].isNull()) return QString("no label");
      const QRectF box = marks->lineLabels()[0];
      const QString where = box.center().y() < chart->plotArea().center().y() ? "top" : "bottom";
      return where + (marks->coversCurve(box) ? " over a curve" : "");
    };
    // Rows of about 8 % of this plot's height each, three at the top and three at the bottom.
    QCOMPARE(labelAt({}), QString("top"));
    QCOMPARE(labelAt({5}), QString("top"));                  // loss falls to the bottom
    QCOMPARE(labelAt({97}), QString("top"));                 // the next row down is free
    QCOMPARE(labelAt({96, 88, 80}), QString("bottom"));      // accuracy fills the top rows
    QCOMPARE(labelAt({96, 88, 80, 4, 12, 20}), QString("top over a curve"));  // no free row: the first
  }

  void divergedRunIsMarkedAtItsLastPoint() {
    LossView view;
    showWhole(view, snapshot_);
    const RunRecord& wild = snapshot_.runs[2];
    for (bool log : {false, true}) {
      view.setLogLoss(log);
      QChart* chart = view.lossChart();
      const TimeMarkers* marks = timeMarkers(chart);
      QVERIFY(marks);
      QCOMPARE(marks->points().size(), 1);
      const PointMark& m = marks->points()[0];
      QCOMPARE(m.label, QString("wild: diverged at step %1").arg(wild.divergedAtStep));
      // The end of its curve, or where it stopped when no point of it was finite.
      const double end = lastX(chart, 2);
      QCOMPARE(m.x, end >= 0 ? end : double(wild.samplesSeen));
      QVERIFY(m.x <= double(wild.samplesSeen));
    }
    // Accuracy has the line only.
    QVERIFY(timeMarkers(view.accuracyChart())->points().isEmpty());
  }

  // The marks are part of the exported chart: in the SVG's text and in the PNG's pixels.
  void exportsCarryTheMarks() {
    LossView view;
    view.resize(1280, 720);
    showWhole(view, snapshot_);
    QChartView* loss = view.chartViews().first();
    const QString svgPath = dir_.filePath("loss.svg");
    ChartExportOptions svg;
    svg.format = ChartFormat::Svg;
    QCOMPARE(exportChart(loss, svgPath, svg), QString());
    QFile file(svgPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains("lr \u00d72") || text.contains("lr &#215;2") || text.contains("lr &#xd7;2"), "no lr label in the SVG");
    QVERIFY2(text.contains(QString("wild: diverged at step %1").arg(snapshot_.runs[2].divergedAtStep)), "no divergence label in the SVG");

    TimeMarkers* marks = timeMarkers(loss->chart());
    const QImage with = renderChartImage(loss, 1, QString());
    marks->setVisible(false);
    const QImage without = renderChartImage(loss, 1, QString());
    marks->setVisible(true);
    QCOMPARE(with.size(), without.size());
    QVERIFY2(with != without, "the PNG export does not draw the marks");
    // For a human to look at (as test_chart_views leaves its screenshots): the working directory.
    ChartExportOptions png;
    QCOMPARE(exportFigure(view.chartViews(), "time_markers_loss.png", png), QString());
    QCOMPARE(exportFigure(view.chartViews(), "time_markers_loss.svg", svg), QString());
  }

  void statusSaysWhichImagesSeenItCounts() {
    const ProgressText text = progressText(snapshot_, false);
    const RunRecord& wild = snapshot_.runs[2];
    QVERIFY2(text.text.contains("images seen per running arm"), qPrintable(text.text));
    QVERIFY2(text.text.contains("1 arm stopped early"), qPrintable(text.text));
    QVERIFY2(text.text.contains(withThousands(snapshot_.runs[0].samplesSeen) + " images"), qPrintable(text.text));
    QVERIFY2(text.toolTip.contains(QString("wild: diverged at step %1").arg(wild.divergedAtStep)), qPrintable(text.toolTip));
    QVERIFY(progressText(snapshot_, true).text.endsWith("· 1 arm stopped early"));
    // Without stopped runs it is the plain count.
    Snapshot calm = snapshot_;
    calm.runs.pop_back();
    const ProgressText plain = progressText(calm, false);
    QVERIFY2(plain.text.contains("images seen per arm (epoch"), qPrintable(plain.text));
    QVERIFY(!plain.toolTip.contains("Stopped early"));
    // Every run stopped: the most any of them saw.
    Snapshot wildOnly = snapshot_;
    wildOnly.runs.erase(wildOnly.runs.begin(), wildOnly.runs.begin() + 2);
    QVERIFY2(progressText(wildOnly, false).text.contains("every arm stopped early: up to " + withThousands(wild.samplesSeen)),
             qPrintable(progressText(wildOnly, false).text));
  }
};

QTEST_MAIN(TestTimeMarkers)
#include "test_time_markers.moc"
