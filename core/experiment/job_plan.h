// Splitting an experiment into jobs and merging the jobs' results back (DESIGN.md, Jobs). A run's
// randomness derives from its seed, layer names and step only (base/random.h), and the data from
// the experiment's first seed, which each job carries (job_info.h: data_seed); so a job's runs
// train bit for bit as inside the whole experiment, on any machine, and the merged result set
// equals a single-process run of the whole config (wall-clock times aside). Must not depend on Qt.
//
// The split: the whole experiment has A arms x S seeds = A*S runs, and each job at most K runs
// (--runs-per-job K). Every job is itself a product of arms and seeds, so it is an ordinary
// experiment config (its arms train in lockstep as usual):
//   K >= S: floor(K/S) whole arms (every seed) per job: ceil(A / floor(K/S)) jobs;
//   K <  S: one arm and K of its seeds per job:         A * ceil(S/K) jobs.
// Jobs are numbered in arm order (then seed order); job I is the file job-IIII.json.
//
// The fingerprint is FNV-1a (64 bits) of the whole config written canonically (toJson, without a
// "job" key): equal configs give equal fingerprints. It tells plans apart; it is not a defence
// against someone who forges files.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/experiment/experiment_config.h"
#include "core/files/experiment_file.h"

namespace normlab {

struct PlannedJob {
  std::vector<int> arms, seeds;  // indices into the whole experiment's arms and seeds
};

struct JobPlan {
  std::string fingerprint;
  int runsPerJob = 1;
  std::vector<PlannedJob> jobs;
};

// 16 lowercase hex digits.
std::string experimentFingerprint(const ExperimentConfig& config);
// "job-0003".
std::string jobName(int index);

// The split above. Throws NormLabError when runsPerJob < 1 or the config is itself a job.
JobPlan planJobs(const ExperimentConfig& config, int runsPerJob);
// Job `index` of `plan` as an experiment config (with its "job" key).
ExperimentConfig jobConfig(const ExperimentConfig& whole, const JobPlan& plan, int index);
// plan.json: {"fingerprint", "runs_per_job", "runs", "arms", "seeds", "jobs": [{"file", "arms":
// [labels], "seeds": [seeds], "runs"}], "config": the whole config}.
nlohmann::json planJson(const ExperimentConfig& whole, const JobPlan& plan);

// Writes plan.json and job-0000.json ... into `dir` (created if missing). `dir` must be empty or
// hold only an earlier plan's files (plan.json, job-*.json), which are removed first. Every file
// is written atomically. Returns the job files' paths.
std::vector<std::string> writePlan(const ExperimentConfig& whole, const JobPlan& plan, const std::string& dir);

// One job's result set as read back, and the folder it came from (for messages).
struct JobResults {
  std::string dir;
  ExperimentResults results;
};

// Reads DIR/experiment.normlab of each folder. Throws NormLabError naming the folder: no such
// folder, no experiment.normlab in it, an unreadable file, not the results of a job.
std::vector<JobResults> loadJobResults(const std::vector<std::string>& dirs);

// The whole experiment's results from its jobs' results, runs in the order a single process
// makes them (seed by seed, arm by arm), indices and config those of the whole experiment.
// Throws NormLabError naming the job and its folder: jobs of different plans, a job given twice,
// missing jobs (all named, e.g. "job-0004, job-0007"), a job run with other settings than its
// plan's (e.g. --steps), a run that failed (with its message) unless allowFailed keeps it marked
// failed, a run stopped before its last step (an interrupted job), jobs that loaded different data.
ExperimentResults mergeJobResults(const std::vector<JobResults>& jobs, bool allowFailed = false);

}  // namespace normlab
