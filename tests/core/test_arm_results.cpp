// Results at a glance (core/experiment/arm_results.h): one row per arm, mean, min, max and sample
// sd over its seeds from the runs' own final numbers; diverged and failed seeds are counted and
// left out of the averages; the problem text names the step.
#include <cmath>

#include <QtTest>

#include "core/experiment/arm_results.h"

using namespace normlab;

namespace {
RunRecord run(int arm, int seedIndex, double accuracy, double loss) {
  RunRecord r;
  r.arm = arm;
  r.seedIndex = seedIndex;
  r.seed = std::uint64_t(seedIndex + 1);
  r.label = arm == 0 ? "BN 2" : "GN 2";
  NormPlacement p;
  p.kind = arm == 0 ? NormKind::Batch : NormKind::Group;
  r.norms = {p};
  r.finalTestAccuracy = accuracy;
  r.finalTestLoss = loss;
  r.finalTrainLoss = loss / 2;
  r.imagesPerSecond = 100 * (seedIndex + 1);
  return r;
}
}  // namespace

class TestArmResults : public QObject {
  Q_OBJECT
 private slots:
  // Three seeds 0.70, 0.80, 0.90: mean 0.80, sd sqrt((0.01 + 0 + 0.01) / 2) = 0.1.
  void meanAndSpreadOverThreeSeeds() {
    const std::vector<RunRecord> runs = {run(0, 0, 0.7, 1.2), run(0, 1, 0.8, 1.0), run(0, 2, 0.9, 0.8),
                                         run(1, 0, 0.6, 1.5)};
    const std::vector<ArmResult> rows = armResults(runs);
    QCOMPARE(rows.size(), std::size_t(2));
    const ArmResult& bn = rows[0];
    QCOMPARE(bn.label, std::string("BN 2"));
    QCOMPARE(bn.norm, std::string("batch norm"));
    QCOMPARE(bn.runs, 3);
    QCOMPARE(bn.testAccuracy.count, 3);
    QVERIFY(std::abs(bn.testAccuracy.mean - 0.8) < 1e-12);
    QCOMPARE(bn.testAccuracy.min, 0.7);
    QCOMPARE(bn.testAccuracy.max, 0.9);
    QVERIFY(std::abs(bn.testAccuracy.std - 0.1) < 1e-12);
    QVERIFY(std::abs(bn.testLoss.mean - 1.0) < 1e-12);
    QVERIFY(std::abs(bn.trainLoss.mean - 0.5) < 1e-12);
    QVERIFY(std::abs(bn.imagesPerSecond.mean - 200) < 1e-12);
    QCOMPARE(armProblemText(bn), std::string());
    // One seed: its own value, sd 0.
    QCOMPARE(rows[1].testAccuracy.mean, 0.6);
    QCOMPARE(rows[1].testAccuracy.std, 0.0);
  }

  void divergedSeedsAreCountedNotAveraged() {
    std::vector<RunRecord> runs = {run(0, 0, 0.7, 1.2), run(0, 1, 0.1, std::nan("")), run(0, 2, 0.1, 9.0)};
    runs[1].diverged = true;
    runs[1].divergedAtStep = 40;
    runs[2].diverged = true;
    runs[2].divergedAtStep = 17;
    const ArmResult bn = armResults(runs).front();
    QCOMPARE(bn.diverged, 2);
    QCOMPARE(bn.firstDivergedStep, std::int64_t(17));
    QCOMPARE(bn.testAccuracy.count, 1);
    QCOMPARE(bn.testAccuracy.mean, 0.7);
    QCOMPARE(armProblemText(bn), std::string("2 of 3 seeds diverged, first at step 17"));

    std::vector<RunRecord> single = {run(1, 0, 0.1, 5)};
    single[0].diverged = true;
    single[0].divergedAtStep = 3;
    const ArmResult gn = armResults(single).front();
    QCOMPARE(armProblemText(gn), std::string("diverged at step 3"));
    QCOMPARE(gn.testAccuracy.count, 0);
    QVERIFY(std::isnan(gn.testAccuracy.mean));
  }

  void failedSeedsAndUnmeasuredValues() {
    std::vector<RunRecord> runs = {run(0, 0, kNotMeasured, kNotMeasured), run(0, 1, 0.5, 1)};
    runs[1].failed = true;
    const ArmResult bn = armResults(runs).front();
    QCOMPARE(bn.failed, 1);
    QCOMPARE(bn.testAccuracy.count, 0);  // the other seed has no evaluation yet
    QCOMPARE(armProblemText(bn), std::string("1 of 2 seeds failed"));
    QCOMPARE(seedSpread({1.0, std::nan(""), INFINITY, 3.0}).mean, 2.0);
  }
};

QTEST_APPLESS_MAIN(TestArmResults)
#include "test_arm_results.moc"
