// Sweeps: grouping runs into one line per norm and one point per batch size (or dropout rate),
// mean and spread of the test error over seeds, diverged runs left out and counted.
#include <QtTest>

#include <cmath>

#include "core/experiment/sweep.h"

using namespace normlab;

namespace {

RunRecord run(int arm, NormKind norm, int batch, double accuracy, double dropout = 0) {
  RunRecord r;
  r.arm = arm;
  r.batchSize = batch;
  r.dropout = dropout;
  r.finalTestAccuracy = accuracy;
  NormPlacement p;
  p.name = "norm1";
  p.kind = norm;
  r.norms = {p};
  return r;
}

}  // namespace

class TestSweep : public QObject {
  Q_OBJECT
 private slots:
  void namesTheNorm() {
    QCOMPARE(runNormName(run(0, NormKind::Batch, 8, 0.5)), std::string("batch norm"));
    QCOMPARE(runNormName(run(0, NormKind::None, 8, 0.5)), std::string("no norm"));
    RunRecord mixed = run(0, NormKind::Group, 8, 0.5);
    NormPlacement lrn;
    lrn.kind = NormKind::LocalResponse;
    mixed.norms.push_back(lrn);
    mixed.norms.push_back(mixed.norms.front());
    QCOMPARE(runNormName(mixed), std::string("group norm + local response norm"));
  }

  void detectsTheVariedSetting() {
    QCOMPARE(detectSweepAxis({}), SweepAxis::None);
    QCOMPARE(detectSweepAxis({run(0, NormKind::Batch, 8, .5), run(1, NormKind::Group, 8, .5)}), SweepAxis::None);
    QCOMPARE(detectSweepAxis({run(0, NormKind::Batch, 2, .5), run(1, NormKind::Batch, 8, .5)}), SweepAxis::BatchSize);
    QCOMPARE(detectSweepAxis({run(0, NormKind::None, 8, .5, 0), run(1, NormKind::None, 8, .5, 0.5)}), SweepAxis::Dropout);
    // Learning rate last: lesson 2 scales it with the batch size, and sweeps the batch size.
    RunRecord slow = run(0, NormKind::Batch, 8, .5), fast = run(1, NormKind::Batch, 8, .6);
    slow.lr = 0.01;
    fast.lr = 0.1;
    QCOMPARE(detectSweepAxis({slow, fast}), SweepAxis::LearningRate);
    const Sweep s = buildSweep({slow, fast});
    QCOMPARE(s.lines.size(), std::size_t(1));
    QCOMPARE(s.lines[0].points.size(), std::size_t(2));
    QCOMPARE(s.lines[0].points[1].x, 0.1);
    fast.batchSize = 32;
    QCOMPARE(detectSweepAxis({slow, fast}), SweepAxis::BatchSize);
  }

  // Batch norm at batch 2 over three seeds: errors 0.4, 0.5, 0.6 -> mean 0.5, min 0.4, max 0.6,
  // sample std sqrt((0.01 + 0 + 0.01) / 2) = 0.1. At batch 32 one seed diverged: the mean of the
  // other two (errors 0.1, 0.2) is 0.15 and the diverged run is counted, not averaged.
  void meanAndSpreadOverSeeds() {
    std::vector<RunRecord> runs = {
        run(0, NormKind::Batch, 2, 0.6), run(0, NormKind::Batch, 2, 0.5), run(0, NormKind::Batch, 2, 0.4),
        run(1, NormKind::Group, 2, 0.7), run(1, NormKind::Group, 2, 0.7), run(1, NormKind::Group, 2, 0.7),
        run(2, NormKind::Batch, 32, 0.9), run(2, NormKind::Batch, 32, 0.8), run(2, NormKind::Batch, 32, kNotMeasured),
        run(3, NormKind::Group, 32, 0.72)};
    runs[8].diverged = true;
    const Sweep s = buildSweep(runs);
    QCOMPARE(s.axis, SweepAxis::BatchSize);
    QCOMPARE(s.lines.size(), std::size_t(2));
    const SweepLine& bn = s.lines[0];
    QCOMPARE(bn.name, std::string("batch norm"));
    QCOMPARE(bn.firstArm, 0);
    QCOMPARE(bn.points.size(), std::size_t(2));
    QCOMPARE(bn.points[0].x, 2.0);
    QCOMPARE(bn.points[0].runs, 3);
    QVERIFY(std::abs(bn.points[0].meanError - 0.5) < 1e-12);
    QVERIFY(std::abs(bn.points[0].minError - 0.4) < 1e-12);
    QVERIFY(std::abs(bn.points[0].maxError - 0.6) < 1e-12);
    QVERIFY(std::abs(bn.points[0].stdError - 0.1) < 1e-12);
    QCOMPARE(bn.points[1].x, 32.0);
    QCOMPARE(bn.points[1].runs, 2);
    QCOMPARE(bn.points[1].diverged, 1);
    QVERIFY(std::abs(bn.points[1].meanError - 0.15) < 1e-12);
    const SweepLine& gn = s.lines[1];
    QCOMPARE(gn.name, std::string("group norm"));
    QCOMPARE(gn.firstArm, 1);
    QVERIFY(std::abs(gn.points[0].meanError - 0.3) < 1e-12);
    QCOMPARE(gn.points[0].stdError, 0.0);
    QCOMPARE(gn.points[1].runs, 1);
    QCOMPARE(gn.points[1].stdError, 0.0);  // one run: no spread
  }

  // Points come in ascending x whatever the arm order; a point without any measured run is left
  // out, and a line without points disappears.
  void orderAndGaps() {
    std::vector<RunRecord> runs = {run(0, NormKind::None, 8, 0.8, 0.5), run(1, NormKind::None, 8, 0.9, 0.0),
                                   run(2, NormKind::None, 8, kNotMeasured, 0.25),
                                   run(3, NormKind::Layer, 8, kNotMeasured, 0.25)};
    const Sweep s = buildSweep(runs);
    QCOMPARE(s.axis, SweepAxis::Dropout);
    QCOMPARE(s.lines.size(), std::size_t(1));
    QCOMPARE(s.lines[0].points.size(), std::size_t(2));
    QCOMPARE(s.lines[0].points[0].x, 0.0);
    QCOMPARE(s.lines[0].points[1].x, 0.5);
    QCOMPARE(buildSweep(runs, SweepAxis::BatchSize).axis, SweepAxis::BatchSize);  // forced axis
    QCOMPARE(buildSweep(runs, SweepAxis::BatchSize).lines[0].points.size(), std::size_t(1));
  }
};

QTEST_MAIN(TestSweep)
#include "test_sweep.moc"
