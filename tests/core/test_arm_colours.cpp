// Arm colours (core/experiment/arm_colours.h): a colour means a normalization type whatever the
// arm's position or the number of arms; variants of a type are distinct shades ordered by the
// varied setting; seeds share their arm's colour; runs.csv records what the charts draw.
#include <set>

#include <QtTest>

#include "core/experiment/arm_colours.h"
#include "core/experiment/experiment.h"
#include "core/files/results_writer.h"
#include "support/csv_reader.h"

using namespace normlab;

namespace {

RunRecord run(int arm, NormKind kind, int batchSize = 32, double dropout = 0, int seedIndex = 0) {
  RunRecord r;
  r.arm = arm;
  r.seedIndex = seedIndex;
  r.seed = std::uint64_t(seedIndex + 1);
  r.label = normKindName(kind);
  r.batchSize = batchSize;
  r.dropout = dropout;
  NormPlacement p;
  p.kind = kind;
  r.norms = {p};
  return r;
}

// Relative luminance-ish lightness (0 dark .. 765 light).
int lightness(std::uint32_t rgb) { return int((rgb >> 16) & 0xFF) + int((rgb >> 8) & 0xFF) + int(rgb & 0xFF); }

}  // namespace

class TestArmColours : public QObject {
  Q_OBJECT
 private slots:
  // Batch norm is blue as the 2nd of 6 arms and as the 1st of 3 (it was orange and blue).
  void typeColourDoesNotDependOnPosition() {
    const std::vector<RunRecord> six = {run(0, NormKind::None),     run(1, NormKind::Batch), run(2, NormKind::Layer),
                                        run(3, NormKind::Instance), run(4, NormKind::Group), run(5, NormKind::LocalResponse)};
    const std::vector<RunRecord> three = {run(0, NormKind::Batch), run(1, NormKind::Group), run(2, NormKind::None)};
    const auto c6 = armColours(six), c3 = armColours(three);
    QCOMPARE(colourOfArm(c6, 1).rgb, colourOfArm(c3, 0).rgb);
    QCOMPARE(colourOfArm(c6, 1).rgb, normTypeColour(NormKind::Batch));
    QCOMPARE(colourOfArm(c6, 4).rgb, colourOfArm(c3, 1).rgb);
    QCOMPARE(colourOfArm(c6, 0).rgb, colourOfArm(c3, 2).rgb);
    // Six types, six different colours; legend order by type.
    std::set<std::uint32_t> distinct;
    for (const ArmColour& c : c6) distinct.insert(c.rgb);
    QCOMPARE(distinct.size(), std::size_t(6));
    QCOMPARE(c3[0].type, NormKind::None);
    QCOMPARE(c3[1].type, NormKind::Batch);
    QCOMPARE(c3[2].type, NormKind::Group);
  }

  // Lesson 2's arms, listed out of order: shades of blue (batch) and vermillion (group), light to
  // dark by batch size; seeds share their arm's colour.
  void variantsAreOrderedShades() {
    std::vector<RunRecord> runs;
    const int sizes[] = {8, 2, 32, 4};
    for (int a = 0; a < 4; ++a)
      for (int s = 0; s < 3; ++s) runs.push_back(run(a, NormKind::Batch, sizes[a], 0, s));
    for (int a = 0; a < 4; ++a) runs.push_back(run(4 + a, NormKind::Group, sizes[a]));
    const auto colours = armColours(runs);
    QCOMPARE(colours.size(), std::size_t(8));
    // Legend order: batch 2, 4, 8, 32, then group 2, 4, 8, 32.
    const int expectedArms[] = {1, 3, 0, 2, 5, 7, 4, 6};
    for (int k = 0; k < 8; ++k) {
      QCOMPARE(colours[std::size_t(k)].arm, expectedArms[k]);
      QCOMPARE(colours[std::size_t(k)].shade, k % 4);
      QCOMPARE(colours[std::size_t(k)].shades, 4);
      if (k % 4 > 0)
        QVERIFY2(lightness(colours[std::size_t(k)].rgb) < lightness(colours[std::size_t(k - 1)].rgb),
                 colourHex(colours[std::size_t(k)].rgb).c_str());
    }
    // Shades keep their hue: blue stays bluest, vermillion reddest.
    for (int k = 0; k < 4; ++k) {
      const std::uint32_t b = colours[std::size_t(k)].rgb, g = colours[std::size_t(k + 4)].rgb;
      QVERIFY((b & 0xFF) > (b >> 16));
      QVERIFY((g >> 16) > (g & 0xFF));
    }
  }

  // Dropout variants order by the rate; arms with equal settings by their position.
  void dropoutAndTiesOrderByValueThenPosition() {
    const auto colours = armColours({run(0, NormKind::None, 32, 0.5), run(1, NormKind::None, 32, 0.0),
                                     run(2, NormKind::None, 32, 0.25), run(3, NormKind::None, 32, 0.25)});
    QCOMPARE(colours[0].arm, 1);
    QCOMPARE(colours[1].arm, 2);
    QCOMPARE(colours[2].arm, 3);
    QCOMPARE(colours[3].arm, 0);
    QVERIFY(colours[1].rgb != colours[2].rgb);
  }

  // The type is the first norm actually placed; an arm whose norm fits nowhere trains as "none".
  void typeIsTheFirstPlacedNorm() {
    RunRecord instance = run(0, NormKind::Instance);
    NormPlacement absent;  // the dense position has no instance norm
    instance.norms.push_back(absent);
    std::swap(instance.norms[0], instance.norms[1]);
    QCOMPARE(armNormType(instance), NormKind::Instance);
    RunRecord nowhere = run(1, NormKind::None);
    nowhere.norms = {absent, absent};
    QCOMPARE(armNormType(nowhere), NormKind::None);
  }

  void hexFormat() {
    QCOMPARE(colourHex(0x0072B2), std::string("#0072B2"));
    QCOMPARE(colourHex(0x000000), std::string("#000000"));
  }

  // runs.csv's colour column holds every run's arm colour, the same for each seed.
  void runsCsvHasTheColour() {
    ExperimentResults results;
    for (NormKind k : {NormKind::None, NormKind::Batch}) {
      ArmConfig arm;
      arm.label = normKindName(k);
      arm.norm.kind = k;
      results.config.arms.push_back(arm);
    }
    for (int s = 0; s < 2; ++s) {
      results.runs.push_back(run(0, NormKind::None, 32, 0, s));
      results.runs.push_back(run(1, NormKind::Batch, 32, 0, s));
    }
    std::string error;
    const test::Csv csv = test::parseCsv(runsCsv(results), &error);
    QVERIFY2(error.empty(), error.c_str());
    for (std::size_t i = 0; i < results.runs.size(); ++i)
      QCOMPARE(csv.at(i, "colour"), colourHex(normTypeColour(i % 2 ? NormKind::Batch : NormKind::None)));
  }
};

QTEST_APPLESS_MAIN(TestArmColours)
#include "test_arm_colours.moc"
