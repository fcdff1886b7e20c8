// Comparing runs of an Experiment bit for bit (metric rows, weights, buffers) and driving one to
// a step, for the tests of arms changed mid-run (branches, added, stopped and removed arms).
#pragma once

#include <QtGlobal>

#include <cstring>
#include <string>
#include <vector>

#include "core/experiment/experiment.h"

namespace test {

inline void runToEnd(normlab::Experiment& e) {
  while (e.advance()) {}
}

// Every value of a metric row but the wall clock, as raw bits (rows after step `after` only).
inline std::vector<double> rows(const normlab::RunRecord& r, std::int64_t after = -1) {
  std::vector<double> v;
  for (const normlab::MetricPoint& p : r.metrics)
    if (p.step > after)
      v.insert(v.end(), {double(p.step), double(p.samplesSeen), p.epoch, p.trainLoss, p.trainAccuracy, p.testLoss, p.testAccuracy});
  return v;
}

inline bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

inline bool sameTensors(const std::vector<normlab::SavedTensor>& a, const std::vector<normlab::SavedTensor>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].values.size() != b[i].values.size() ||
        std::memcmp(a[i].values.data(), b[i].values.data(), a[i].values.size() * sizeof(float)) != 0)
      return false;
  return true;
}

// The run of `label` at seed index `seed`.
inline normlab::RunRecord runOf(const normlab::Experiment& e, const std::string& label, int seed = 0, bool state = false) {
  for (int i = 0; i < e.runCount(); ++i) {
    normlab::RunRecord r = e.record(i, state);
    if (r.label == label && r.seedIndex == seed) return r;
  }
  qFatal("no run %s", label.c_str());
}

// Advances until every run of `label` has taken `step` steps.
inline void advanceUntil(normlab::Experiment& e, const std::string& label, std::int64_t step) {
  for (;;) {
    bool there = true;
    for (int i = 0; i < e.runCount(); ++i) {
      const normlab::RunRecord r = e.record(i);
      if (r.label == label && r.step < step) there = false;
    }
    if (there || !e.advance()) return;
  }
}

}  // namespace test
