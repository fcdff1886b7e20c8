// Running built-in lessons in tests: a lesson by number, its config made small, and every run of
// a config trained to the end (test_lessons.cpp, test_lesson_figures.cpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/classroom/lesson.h"
#include "core/experiment/experiment.h"

namespace test {

inline const normlab::Lesson& lessonNumber(const std::vector<normlab::Lesson>& all, int number) {
  for (const normlab::Lesson& l : all)
    if (l.number == number) return l;
  throw normlab::NormLabError("no lesson " + std::to_string(number));
}

// The lesson's config made small: every arm trains `steps` steps (or `epochs` epochs when steps
// is 0) on the first `trainSubset` training images, tested on `testSubset` images.
inline normlab::ExperimentConfig shrunk(const normlab::ExperimentConfig& config, std::int64_t steps, int epochs,
                                        int trainSubset, int testSubset) {
  nlohmann::json j = toJson(config);
  nlohmann::json& train = j["train"];
  train.erase("steps");
  train.erase("epochs");
  if (steps > 0) train["steps"] = steps;
  else train["epochs"] = epochs;
  train["eval_every"] = 1000000;  // the test set once, at the end
  for (std::size_t i = 0; i < j["arms"].size(); ++i) {
    nlohmann::json& arm = j["arms"][i];
    arm.erase("steps");
    arm.erase("epochs");
    arm.erase("eval_every");
    // A branch starts halfway through the shrunk run.
    if (arm.contains("branch_from")) {
      const std::int64_t batch = config.arms[i].train.batchSize;
      const std::int64_t total = steps > 0 ? steps : epochs * std::max<std::int64_t>(1, trainSubset / batch);
      arm["at_step"] = std::max<std::int64_t>(1, total / 2);
    }
  }
  j["dataset"]["train_subset"] = trainSubset;
  j["dataset"]["test_subset"] = testSubset;
  return normlab::parseExperimentConfig(j);
}

// Trains every run of `experiment` (prepared here) to the end; returns every run's record.
inline std::vector<normlab::RunRecord> trainToEnd(normlab::Experiment& experiment) {
  experiment.prepare();
  while (experiment.advance()) {}
  std::vector<normlab::RunRecord> out;
  for (int i = 0; i < experiment.runCount(); ++i) out.push_back(experiment.record(i));
  return out;
}

inline std::vector<normlab::RunRecord> runAll(const normlab::ExperimentConfig& config) {
  normlab::Experiment e(config, 0);
  return trainToEnd(e);
}

// The run labelled `label` (the first, with several seeds).
inline const normlab::RunRecord& runLabelled(const std::vector<normlab::RunRecord>& runs, const std::string& label) {
  for (const normlab::RunRecord& r : runs)
    if (r.label == label) return r;
  throw normlab::NormLabError("no run labelled " + label);
}

}  // namespace test
