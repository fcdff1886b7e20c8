// The "job" key of an experiment config: what `normlab-cli plan` (job_plan.h) writes into each job
// file so that the job's runs train exactly as inside the whole experiment, and so that
// `normlab-cli merge` can put the job's results back in place and check they belong together.
// A config without it is an ordinary experiment. Must not depend on Qt.
//
//   "job": {"plan": "9f0c2a1be4d87730",   the whole experiment's fingerprint (16 hex digits)
//           "index": 3, "jobs": 12,       this job's number and the plan's number of jobs
//           "runs_per_job": 4,            the split asked for (--runs-per-job)
//           "data_seed": 1,               the seed the whole experiment loads its data with
//                                         (its first seed: the synthetic set and the validation
//                                         split are drawn from it)
//           "arms": [4, 5], "seeds": [0, 1]}   the whole experiment's index of each arm and seed
//                                         of this job, in the job's order
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace normlab {

struct JobInfo {
  std::string plan;
  int index = 0;
  int jobs = 1;
  int runsPerJob = 1;
  std::uint64_t dataSeed = 1;
  std::vector<int> arms, seeds;
};

// Throws NormLabError naming the key ("job.arms[2]"); `arms` and `seeds` are the job config's
// counts, which the lists must match.
JobInfo parseJobInfo(const nlohmann::json& j, std::size_t arms, std::size_t seeds);
nlohmann::json toJson(const JobInfo& job);
bool operator==(const JobInfo& a, const JobInfo& b);

}  // namespace normlab
