#include "core/experiment/sweep.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace normlab {

namespace {
const char* normLongName(NormKind kind) {
  switch (kind) {
    case NormKind::None: return "no norm";
    case NormKind::Batch: return "batch norm";
    case NormKind::Layer: return "layer norm";
    case NormKind::Instance: return "instance norm";
    case NormKind::Group: return "group norm";
    case NormKind::LocalResponse: return "local response norm";
  }
  return "norm";
}

double axisValue(const RunRecord& run, SweepAxis axis) {
  switch (axis) {
    case SweepAxis::BatchSize: return double(run.batchSize);
    case SweepAxis::Dropout: return run.dropout;
    case SweepAxis::LearningRate: return run.lr;
    case SweepAxis::None: break;
  }
  return 0;
}

bool varies(const std::vector<RunRecord>& runs, SweepAxis axis) {
  for (const RunRecord& r : runs)
    if (axisValue(r, axis) != axisValue(runs.front(), axis)) return true;
  return false;
}
}  // namespace

const char* sweepAxisTitle(SweepAxis axis) {
  switch (axis) {
    case SweepAxis::BatchSize: return "batch size";
    case SweepAxis::Dropout: return "dropout rate";
    case SweepAxis::LearningRate: return "learning rate";
    case SweepAxis::None: break;
  }
  return "";
}

std::string runNormName(const RunRecord& run) {
  std::string name;
  for (const NormPlacement& p : run.norms) {
    if (!p.present()) continue;
    const std::string kind = normLongName(p.kind);
    if (name.find(kind) != std::string::npos) continue;
    name += (name.empty() ? "" : " + ") + kind;
  }
  return name.empty() ? "no norm" : name;
}

SweepAxis detectSweepAxis(const std::vector<RunRecord>& runs) {
  if (runs.empty()) return SweepAxis::None;
  if (varies(runs, SweepAxis::BatchSize)) return SweepAxis::BatchSize;
  if (varies(runs, SweepAxis::Dropout)) return SweepAxis::Dropout;
  if (varies(runs, SweepAxis::LearningRate)) return SweepAxis::LearningRate;
  return SweepAxis::None;
}

Sweep buildSweep(const std::vector<RunRecord>& runs, SweepAxis axis) {
  Sweep sweep;
  sweep.axis = axis == SweepAxis::None ? detectSweepAxis(runs) : axis;
  if (sweep.axis == SweepAxis::None) return sweep;
  // Line name -> x -> errors of the runs there (and how many diverged).
  struct Cell {
    std::vector<double> errors;
    int diverged = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, int> firstArm;
  std::map<std::string, std::map<double, Cell>> cells;
  for (const RunRecord& run : runs) {
    const std::string name = runNormName(run);
    if (!firstArm.count(name)) {
      order.push_back(name);
      firstArm[name] = run.arm;
    }
    Cell& cell = cells[name][axisValue(run, sweep.axis)];
    if (run.diverged) ++cell.diverged;
    else if (std::isfinite(run.finalTestAccuracy)) cell.errors.push_back(1.0 - run.finalTestAccuracy);
  }
  for (const std::string& name : order) {
    SweepLine line{name, firstArm[name], {}};
    for (const auto& [x, cell] : cells[name]) {
      if (cell.errors.empty()) continue;
      SweepPoint p;
      p.x = x;
      p.runs = int(cell.errors.size());
      p.diverged = cell.diverged;
      double sum = 0;
      for (double e : cell.errors) sum += e;
      p.meanError = sum / p.runs;
      p.minError = *std::min_element(cell.errors.begin(), cell.errors.end());
      p.maxError = *std::max_element(cell.errors.begin(), cell.errors.end());
      double squares = 0;
      for (double e : cell.errors) squares += (e - p.meanError) * (e - p.meanError);
      p.stdError = p.runs > 1 ? std::sqrt(squares / (p.runs - 1)) : 0.0;
      line.points.push_back(p);
    }
    if (!line.points.empty()) sweep.lines.push_back(std::move(line));
  }
  return sweep;
}

}  // namespace normlab
