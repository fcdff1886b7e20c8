// Reading and writing the "job" key of an experiment config (job_info.h). Must not depend on Qt.
#include "core/experiment/job_info.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_config.h"
#include "core/files/json_fields.h"

namespace normlab {

namespace {

using json = nlohmann::json;

std::vector<int> indexList(const JsonFields& f, const char* key, std::size_t count, const char* what) {
  const json& v = f.json().at(key);
  if (!v.is_array())
    f.fail(key, std::string("must be a list of the whole experiment's ") + what + " indices, got " + shortValue(v));
  if (v.size() != count)
    f.fail(key, "lists " + std::to_string(v.size()) + " " + what + " indices, but the job config has " +
                    std::to_string(count) + " " + what + "s");
  std::vector<int> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
    const json& x = v[i];
    if (!x.is_number_integer() || x.get<std::int64_t>() < 0 || x.get<std::int64_t>() >= std::int64_t(kMaxRuns))
      f.fail(path.c_str(), "must be a whole number from 0 to " + std::to_string(kMaxRuns - 1) + ", got " + shortValue(x));
    const int k = int(x.get<std::int64_t>());
    if (std::find(out.begin(), out.end(), k) != out.end())
      f.fail(path.c_str(), "repeats the index " + std::to_string(k));
    out.push_back(k);
  }
  return out;
}

}  // namespace

JobInfo parseJobInfo(const json& j, std::size_t arms, std::size_t seeds) {
  JsonFields f(j, "job");
  f.allowOnly({"plan", "index", "jobs", "runs_per_job", "data_seed", "arms", "seeds"});
  for (const char* key : {"plan", "index", "jobs", "runs_per_job", "data_seed", "arms", "seeds"})
    if (!f.has(key)) f.fail(key, "is missing (a job file is written by normlab-cli plan)");
  JobInfo job;
  job.plan = f.getString("plan", "");
  if (job.plan.size() != 16 || !std::all_of(job.plan.begin(), job.plan.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      }))
    f.fail("plan", "must be 16 lowercase hex digits, got " + shortText(job.plan));
  job.jobs = f.getInt("jobs", 1, 1, int(kMaxRuns));
  job.index = f.getInt("index", 0, 0, int(kMaxRuns) - 1);
  if (job.index >= job.jobs)
    f.fail("index", "is " + std::to_string(job.index) + ", but the plan has " + std::to_string(job.jobs) + " jobs (0 to " +
                        std::to_string(job.jobs - 1) + ")");
  job.runsPerJob = f.getInt("runs_per_job", 1, 1, int(kMaxRuns));
  const json& seed = j.at("data_seed");
  if (!seed.is_number_unsigned() || seed.get<std::uint64_t>() > (std::uint64_t(1) << 53))
    f.fail("data_seed", "must be a whole number from 0 to 2^53, got " + shortValue(seed));
  job.dataSeed = seed.get<std::uint64_t>();
  job.arms = indexList(f, "arms", arms, "arm");
  job.seeds = indexList(f, "seeds", seeds, "seed");
  return job;
}

json toJson(const JobInfo& job) {
  return json{{"plan", job.plan},          {"index", job.index},        {"jobs", job.jobs},
              {"runs_per_job", job.runsPerJob}, {"data_seed", job.dataSeed}, {"arms", job.arms},
              {"seeds", job.seeds}};
}

bool operator==(const JobInfo& a, const JobInfo& b) {
  return a.plan == b.plan && a.index == b.index && a.jobs == b.jobs && a.runsPerJob == b.runsPerJob &&
         a.dataSeed == b.dataSeed && a.arms == b.arms && a.seeds == b.seeds;
}

}  // namespace normlab
