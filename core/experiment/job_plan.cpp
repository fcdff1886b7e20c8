// Plans (the split of an experiment into job configs) and the merge of the jobs' results
// (job_plan.h). Must not depend on Qt.
#include "core/experiment/job_plan.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/base/random.h"
#include "core/files/json_input.h"
#include "core/files/results_writer.h"

namespace normlab {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)v);
  return buf;
}

// The config's JSON with the given arms and seeds (by index into `whole`), without a "job" key.
json subsetJson(const ExperimentConfig& whole, const std::vector<int>& arms, const std::vector<int>& seeds) {
  json j = toJson(whole);
  j.erase("job");
  json all = j.at("arms"), picked = json::array();
  for (int a : arms) picked.push_back(all.at(std::size_t(a)));
  j["arms"] = std::move(picked);
  std::vector<std::uint64_t> s;
  for (int k : seeds) s.push_back(whole.seeds.at(std::size_t(k)));
  if (s.size() > 1) {
    j["seeds"] = s;
    j["train"].erase("seed");
  } else {
    j.erase("seeds");
    j["train"]["seed"] = s.front();
  }
  return j;
}

// run "BN b2" (seed 3): the label quoted short.
std::string describeRun(const RunRecord& r) { return "run " + shortText(r.label) + " (seed " + std::to_string(r.seed) + ")"; }

std::string where(const JobResults& job) {
  return jobName(job.results.config.job->index) + " ('" + job.dir + "')";
}

std::string namesOf(const std::vector<int>& indices) {
  std::string s;
  const std::size_t shown = std::min<std::size_t>(indices.size(), 10);
  for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + jobName(indices[i]);
  if (indices.size() > shown) s += " and " + std::to_string(indices.size() - shown) + " more";
  return s;
}

}  // namespace

std::string experimentFingerprint(const ExperimentConfig& config) {
  json j = toJson(config);
  j.erase("job");
  return hex16(hashName(j.dump()));
}

std::string jobName(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "job-%04d", index);
  return buf;
}

JobPlan planJobs(const ExperimentConfig& config, int runsPerJob) {
  if (config.job)
    throw NormLabError("the config is itself job " + std::to_string(config.job->index) +
                       " of a plan: plan the whole experiment's config");
  if (runsPerJob < 1) throw NormLabError("runs per job must be at least 1, got " + std::to_string(runsPerJob));
  // A branch needs its parent's run in the same job, and an event names arms by label: neither is
  // split into jobs yet, so such a config is refused rather than split wrongly.
  for (std::size_t a = 0; a < config.arms.size(); ++a)
    if (config.arms[a].isBranch())
      throw NormLabError("arms[" + std::to_string(a) + "] (" + config.arms[a].label + ") branches from \"" +
                         config.arms[a].branchFrom + "\": a plan does not split branches into jobs yet; run this experiment whole");
  if (!config.events.empty())
    throw NormLabError("\"events\": a plan does not split learning-rate events into jobs yet; run this experiment whole");
  JobPlan plan;
  plan.fingerprint = experimentFingerprint(config);
  plan.runsPerJob = runsPerJob;
  const int arms = int(config.arms.size()), seeds = int(config.seeds.size());
  if (runsPerJob >= seeds) {
    const int perJob = runsPerJob / seeds;
    for (int a = 0; a < arms; a += perJob) {
      PlannedJob job;
      for (int k = a; k < std::min(arms, a + perJob); ++k) job.arms.push_back(k);
      for (int s = 0; s < seeds; ++s) job.seeds.push_back(s);
      plan.jobs.push_back(std::move(job));
    }
  } else {
    for (int a = 0; a < arms; ++a)
      for (int s = 0; s < seeds; s += runsPerJob) {
        PlannedJob job{{a}, {}};
        for (int k = s; k < std::min(seeds, s + runsPerJob); ++k) job.seeds.push_back(k);
        plan.jobs.push_back(std::move(job));
      }
  }
  return plan;
}

ExperimentConfig jobConfig(const ExperimentConfig& whole, const JobPlan& plan, int index) {
  const PlannedJob& planned = plan.jobs.at(std::size_t(index));
  json j = subsetJson(whole, planned.arms, planned.seeds);
  JobInfo info;
  info.plan = plan.fingerprint;
  info.index = index;
  info.jobs = int(plan.jobs.size());
  info.runsPerJob = plan.runsPerJob;
  info.dataSeed = whole.dataSeed();
  info.arms = planned.arms;
  info.seeds = planned.seeds;
  j["job"] = toJson(info);
  return parseExperimentConfig(j);
}

json planJson(const ExperimentConfig& whole, const JobPlan& plan) {
  json jobs = json::array();
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const PlannedJob& p = plan.jobs[i];
    json labels = json::array(), seeds = json::array();
    for (int a : p.arms) labels.push_back(whole.arms[std::size_t(a)].label);
    for (int s : p.seeds) seeds.push_back(whole.seeds[std::size_t(s)]);
    jobs.push_back({{"file", jobName(int(i)) + ".json"}, {"arms", labels}, {"seeds", seeds},
                    {"runs", p.arms.size() * p.seeds.size()}});
  }
  json config = toJson(whole);
  return {{"fingerprint", plan.fingerprint},
          {"runs_per_job", plan.runsPerJob},
          {"runs", whole.arms.size() * whole.seeds.size()},
          {"arms", whole.arms.size()},
          {"seeds", whole.seeds.size()},
          {"jobs", jobs},
          {"config", config}};
}

std::vector<std::string> writePlan(const ExperimentConfig& whole, const JobPlan& plan, const std::string& dir) {
  const fs::path root(dir);
  std::error_code ec;
  auto isPlanFile = [](const std::string& name) {
    return name == "plan.json" ||
           (name.starts_with("job-") && name.ends_with(".json") && name.size() > 9 &&
            std::all_of(name.begin() + 4, name.end() - 5, [](char c) { return c >= '0' && c <= '9'; }));
  };
  if (fs::exists(root, ec)) {
    if (!fs::is_directory(root, ec)) throw NormLabError("cannot write the plan to '" + dir + "': it is not a folder");
    std::vector<fs::path> old;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || !isPlanFile(name))
        throw NormLabError("cannot write the plan to '" + dir + "': it holds " + shortText(name) +
                           ", which is not part of a plan (use a new or empty folder)");
      old.push_back(entry.path());
    }
    if (ec) throw NormLabError("cannot read '" + dir + "': " + ec.message());
    for (const fs::path& p : old)
      if (!fs::remove(p, ec) && ec) throw NormLabError("cannot remove the earlier plan's " + p.string() + ": " + ec.message());
  }
  prepareOutputDirectory(dir);
  std::vector<std::string> files;
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const std::string path = (root / (jobName(int(i)) + ".json")).string();
    writeFileAtomically(path, jsonText(toJson(jobConfig(whole, plan, int(i)))));
    files.push_back(path);
  }
  writeFileAtomically((root / "plan.json").string(), jsonText(planJson(whole, plan)));
  return files;
}

std::vector<JobResults> loadJobResults(const std::vector<std::string>& dirs) {
  std::vector<JobResults> out;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw NormLabError("'" + dir + "' is not a folder of a job's results");
    const std::string file = (fs::path(dir) / "experiment.normlab").string();
    if (!fs::exists(file, ec))
      throw NormLabError("'" + dir + "' holds no experiment.normlab: its job did not write results (did it fail? see its log)");
    JobResults job{dir, loadExperiment(file)};
    if (!job.results.config.job)
      throw NormLabError("'" + dir + "' holds the results of an experiment, not of a job (its config has no \"job\" key: "
                         "run the job files that normlab-cli plan writes)");
    out.push_back(std::move(job));
  }
  return out;
}

ExperimentResults mergeJobResults(const std::vector<JobResults>& jobs, bool allowFailed) {
  if (jobs.empty()) throw NormLabError("no job results to merge");
  for (const JobResults& job : jobs)
    if (!job.results.config.job) throw NormLabError("'" + job.dir + "' holds the results of an experiment, not of a job");
  const JobResults& first = jobs.front();
  const JobInfo& plan = *first.results.config.job;
  // One plan.
  for (const JobResults& job : jobs) {
    const JobInfo& j = *job.results.config.job;
    if (j.plan != plan.plan || j.jobs != plan.jobs || j.runsPerJob != plan.runsPerJob)
      throw NormLabError("the jobs are from different plans: " + where(first) + " is one of " + std::to_string(plan.jobs) +
                         " jobs of plan " + plan.plan + " (" + std::to_string(plan.runsPerJob) + " runs per job), " +
                         where(job) + " one of " + std::to_string(j.jobs) + " jobs of plan " + j.plan + " (" +
                         std::to_string(j.runsPerJob) + " runs per job)");
  }
  // Each job once, every job.
  std::vector<const JobResults*> byIndex(std::size_t(plan.jobs), nullptr);
  for (const JobResults& job : jobs) {
    const int i = job.results.config.job->index;
    if (byIndex[std::size_t(i)])
      throw NormLabError(jobName(i) + " is given twice: '" + byIndex[std::size_t(i)]->dir + "' and '" + job.dir + "'");
    byIndex[std::size_t(i)] = &job;
  }
  std::vector<int> missing;
  for (int i = 0; i < plan.jobs; ++i)
    if (!byIndex[std::size_t(i)]) missing.push_back(i);
  if (!missing.empty())
    throw NormLabError("missing " + namesOf(missing) + " (of " + std::to_string(plan.jobs) + " jobs of plan " + plan.plan +
                       "): merge needs every job's results");
  // Every run trained to its end (or, with allowFailed, failed on an error).
  for (const JobResults* job : byIndex) {
    const ExperimentResults& r = job->results;
    if (r.runs.empty())
      throw NormLabError(where(*job) + " has no runs: the job stopped before training (interrupted?); run it again");
    for (const RunRecord& run : r.runs) {
      if (run.failed && !allowFailed)
        throw NormLabError(where(*job) + " failed: " + describeRun(run) + " " + run.failure +
                           "; run the job again (or merge with --allow-failed to keep the run marked failed)");
      if (!run.failed && !run.diverged && run.step < run.totalSteps)
        throw NormLabError(where(*job) + " stopped early: " + describeRun(run) + " at step " + std::to_string(run.step) +
                           " of " + std::to_string(run.totalSteps) + " (the job was interrupted); run it again");
    }
    if (r.warning != first.results.warning)
      throw NormLabError(where(*job) + " trained on other data than " + where(first) + ": " +
                         (r.warning.empty() ? std::string("the dataset itself") : "\"" + r.warning + "\"") + " versus " +
                         (first.results.warning.empty() ? std::string("the dataset itself") : "\"" + first.results.warning + "\""));
  }
  // The whole config, from the jobs' arms and seeds put back in place.
  std::map<int, json> arms;
  std::map<int, std::uint64_t> seeds;
  for (const JobResults* job : byIndex) {
    const ExperimentConfig& c = job->results.config;
    const json armsJson = toJson(c).at("arms");
    for (std::size_t k = 0; k < c.arms.size(); ++k) arms.emplace(c.job->arms[k], armsJson[k]);
    for (std::size_t k = 0; k < c.seeds.size(); ++k) seeds.emplace(c.job->seeds[k], c.seeds[k]);
  }
  auto dense = [](const auto& m) { return !m.empty() && m.rbegin()->first == int(m.size()) - 1; };
  if (!dense(arms) || !dense(seeds))
    throw NormLabError("the jobs of plan " + plan.plan + " do not hold every arm and seed of one experiment");
  json whole = toJson(first.results.config);
  whole.erase("job");
  whole["arms"] = json::array();
  for (auto& [index, arm] : arms) whole["arms"].push_back(arm);
  std::vector<std::uint64_t> allSeeds;
  for (auto& [index, seed] : seeds) allSeeds.push_back(seed);
  if (allSeeds.size() > 1) {
    whole["seeds"] = allSeeds;
    whole["train"].erase("seed");
  } else {
    whole.erase("seeds");
    whole["train"]["seed"] = allSeeds.front();
  }
  ExperimentResults merged;
  try {
    merged.config = parseExperimentConfig(whole);
  } catch (const NormLabError& e) {
    throw NormLabError("the jobs of plan " + plan.plan + " do not make one valid experiment: " + e.what());
  }
  const JobPlan expected = planJobs(merged.config, plan.runsPerJob);
  if (expected.fingerprint != plan.plan || int(expected.jobs.size()) != plan.jobs)
    throw NormLabError("the jobs' settings do not make the experiment of plan " + plan.plan + " (they make " +
                       expected.fingerprint + "): were some run with other settings, e.g. --steps?");
  for (const JobResults* job : byIndex) {
    const int i = job->results.config.job->index;
    if (!sameConfig(jobConfig(merged.config, expected, i), job->results.config))
      throw NormLabError(where(*job) + " was not run with its plan's settings (" + jobName(i) +
                         ".json of plan " + plan.plan + "): was it run with other options, e.g. --steps?");
  }
  // The runs in the whole experiment's order.
  const std::size_t A = merged.config.arms.size(), S = merged.config.seeds.size();
  std::vector<RunRecord> runs(A * S);
  std::vector<bool> filled(A * S, false);
  for (const JobResults* job : byIndex) {
    const JobInfo& info = *job->results.config.job;
    for (RunRecord run : job->results.runs) {
      run.arm = info.arms.at(std::size_t(run.arm));
      run.seedIndex = info.seeds.at(std::size_t(run.seedIndex));
      const std::size_t slot = std::size_t(run.seedIndex) * A + std::size_t(run.arm);
      if (filled[slot]) throw NormLabError(where(*job) + " holds " + describeRun(run) + " twice");
      filled[slot] = true;
      runs[slot] = std::move(run);
    }
  }
  if (std::find(filled.begin(), filled.end(), false) != filled.end())
    throw NormLabError("the jobs of plan " + plan.plan + " do not hold every run of the experiment");
  merged.runs = std::move(runs);
  merged.warning = first.results.warning;
  return merged;
}

}  // namespace normlab
