#include "core/experiment/arm_results.h"

#include <algorithm>
#include <cmath>

#include "core/experiment/sweep.h"

namespace normlab {

SeedSpread seedSpread(const std::vector<double>& values) {
  SeedSpread s;
  double sum = 0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    s.min = s.count == 0 ? v : std::min(s.min, v);
    s.max = s.count == 0 ? v : std::max(s.max, v);
    sum += v;
    ++s.count;
  }
  if (s.count == 0) return s;
  s.mean = sum / s.count;
  double squares = 0;
  for (double v : values)
    if (std::isfinite(v)) squares += (v - s.mean) * (v - s.mean);
  s.std = s.count > 1 ? std::sqrt(squares / (s.count - 1)) : 0.0;
  return s;
}

std::vector<ArmResult> armResults(const std::vector<RunRecord>& runs) {
  struct Values {
    std::vector<double> accuracy, testLoss, trainLoss, speed;
  };
  std::vector<ArmResult> rows;
  std::vector<Values> values;
  for (const RunRecord& run : runs) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const ArmResult& r) { return r.arm == run.arm; });
    if (it == rows.end()) {
      ArmResult r;
      r.arm = run.arm;
      r.label = run.label;
      r.norm = runNormName(run);
      rows.push_back(r);
      values.emplace_back();
      it = rows.end() - 1;
    }
    ArmResult& row = *it;
    Values& v = values[std::size_t(it - rows.begin())];
    ++row.runs;
    if (run.imagesPerSecond > 0) v.speed.push_back(run.imagesPerSecond);
    if (run.diverged) {
      ++row.diverged;
      if (row.firstDivergedStep < 0 || run.divergedAtStep < row.firstDivergedStep) row.firstDivergedStep = run.divergedAtStep;
      continue;
    }
    if (run.failed) {
      ++row.failed;
      continue;
    }
    v.accuracy.push_back(run.finalTestAccuracy);
    v.testLoss.push_back(run.finalTestLoss);
    v.trainLoss.push_back(run.finalTrainLoss);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].testAccuracy = seedSpread(values[i].accuracy);
    rows[i].testLoss = seedSpread(values[i].testLoss);
    rows[i].trainLoss = seedSpread(values[i].trainLoss);
    rows[i].imagesPerSecond = seedSpread(values[i].speed);
  }
  return rows;
}

std::string armProblemText(const ArmResult& arm) {
  std::string text;
  if (arm.diverged > 0) {
    const std::string step = std::to_string(arm.firstDivergedStep);
    if (arm.runs == 1) text = "diverged at step " + step;
    else
      text = std::to_string(arm.diverged) + " of " + std::to_string(arm.runs) + " seeds diverged, first at step " + step;
  }
  if (arm.failed > 0) {
    if (!text.empty()) text += "; ";
    text += arm.runs == 1 ? std::string("failed")
                          : std::to_string(arm.failed) + " of " + std::to_string(arm.runs) + " seeds failed";
  }
  return text;
}

}  // namespace normlab
