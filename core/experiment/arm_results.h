// Results at a glance: one row per arm of an experiment, over the arm's seeds: the final test
// accuracy and test loss (mean, min, max and sample standard deviation over the seeds that did not
// diverge or fail), the final train loss, how many seeds diverged and the earliest step, failed
// seeds, and training speed. The window's Results tab and results.csv show these rows, so the
// numbers a class reads on screen are the ones in the exported file. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/experiment/experiment.h"

namespace normlab {

// Summary of one quantity over the seeds of an arm (finite values only).
struct SeedSpread {
  int count = 0;                 // values summarized; 0 leaves the rest NaN
  double mean = kNotMeasured, min = kNotMeasured, max = kNotMeasured;
  double std = kNotMeasured;     // sample standard deviation (n - 1); 0 for a single value
};
// The spread of the finite values among `values` (NaN and infinities are skipped).
SeedSpread seedSpread(const std::vector<double>& values);

struct ArmResult {
  int arm = 0;                   // arm index (its colour)
  std::string label;             // the arm's label, e.g. "BN 2"
  std::string norm;              // what the arm places at its norm positions: "batch norm", "no norm"
  int runs = 0;                  // seeds of the arm in the experiment
  // Over the runs that neither diverged nor failed (a diverged loss is not a result to average).
  SeedSpread testAccuracy, testLoss, trainLoss;
  SeedSpread imagesPerSecond;    // over every run that trained (diverged ones too)
  int diverged = 0;              // runs that diverged...
  std::int64_t firstDivergedStep = -1;  // ...the earliest step at which one did (-1: none)
  int failed = 0;                // runs that stopped on an error
};

// One row per arm, in arm order (the order of first appearance in `runs`).
std::vector<ArmResult> armResults(const std::vector<RunRecord>& runs);

// "diverged at step 37" (every seed of a one-seed arm), "2 of 3 seeds diverged, first at step 37",
// "1 of 3 seeds failed"; "" when every run trained. Both parts are joined with "; ".
std::string armProblemText(const ArmResult& arm);

}  // namespace normlab
