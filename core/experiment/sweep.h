// Sweeps: "test error vs batch size", "... vs dropout rate" and "... vs learning rate" (the Group Normalization
// paper's figure 1), built from the runs of an experiment whose arms vary one setting. Runs are
// grouped into one line per normalization (what the run places at its norm positions), and one
// point per value of the varied setting: the mean test error over the seeds with its spread.
// Must not depend on Qt.
#pragma once

#include <string>
#include <vector>

#include "core/experiment/experiment.h"

namespace normlab {

enum class SweepAxis { None, BatchSize, Dropout, LearningRate };

// "batch size", "dropout rate", "learning rate"; "" for None.
const char* sweepAxisTitle(SweepAxis axis);

struct SweepPoint {
  double x = 0;                  // the batch size, dropout rate or learning rate
  double meanError = 0;          // mean of 1 - test accuracy over the runs that did not diverge
  double minError = 0, maxError = 0, stdError = 0;  // spread over those runs (std: n - 1)
  int runs = 0;                  // runs averaged
  int diverged = 0;              // runs left out because they diverged
};

struct SweepLine {
  std::string name;              // "batch norm", "group norm", "no norm"
  int firstArm = 0;              // colour: the first arm of the line
  std::vector<SweepPoint> points;  // ascending x
};

struct Sweep {
  SweepAxis axis = SweepAxis::None;
  std::vector<SweepLine> lines;
};

// The setting the runs vary: batch size if the runs use more than one, else the dropout rate if
// they use more than one, else the learning rate if they use more than one, else None (lesson 2
// scales the learning rate with the batch size: its sweep is over the batch size). Lines with a single point are kept (a lone norm at one size).
SweepAxis detectSweepAxis(const std::vector<RunRecord>& runs);
// The sweep along `axis` (detectSweepAxis when None is passed). Runs without a test accuracy
// yet are skipped; a point none of whose runs has one is left out.
Sweep buildSweep(const std::vector<RunRecord>& runs, SweepAxis axis = SweepAxis::None);

// What a run places at its norm positions: "batch norm", "group norm", ... or "no norm"
// (several kinds are joined with " + ").
std::string runNormName(const RunRecord& run);

}  // namespace normlab
