// Plans and merges (core/experiment/job_plan.h), in process: the split's shapes and counts; a job's
// runs bit for bit as inside the whole experiment (its second seed included: the data comes from
// the whole experiment's first seed); the merged results equal the whole experiment's (times
// aside); and each refusal: a missing job, a job twice, jobs of different plans, a job run with
// other settings, a failed run (kept with allowFailed), an interrupted job, a bad "job" key.
#include <QtTest>

#include <set>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/experiment/job_plan.h"
#include "core/files/results_writer.h"
#include "support/without_columns.h"

using namespace normlab;
using json = nlohmann::json;

namespace {

// Three arms (batch norm, group norm, none) of different batch sizes, dropout, two seeds; the
// synthetic set is drawn from the first seed (3), so a job of seed 7 alone must still use 3.
json wholeJson() {
  return json::parse(R"({"name": "jobs", "dataset": {"name": "synthetic", "train": 48, "test": 16, "size": 8},
    "model": {"name": "m", "input": [1, 8, 8], "classes": 10, "layers": [
      {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "padding": 1}, {"type": "norm", "name": "norm1"},
      {"type": "relu", "name": "relu1"}, {"type": "flatten", "name": "flatten"},
      {"type": "dropout", "name": "drop", "p": 0.25}, {"type": "dense", "name": "fc", "out_features": 10}]},
    "train": {"lr": 0.05, "momentum": 0.9, "batch_size": 8, "steps": 6, "eval_every": 3},
    "arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 2, "batch_size": 4},
             {"label": "none", "batch_size": 6}],
    "seeds": [3, 7], "probe_every": 2, "histogram_bins": 8})");
}

ExperimentResults train(const ExperimentConfig& c, int failRun = -1, std::int64_t stopAfter = 0) {
  Experiment e(c, 1);
  e.prepare();
  if (failRun >= 0) e.injectFailureAt(failRun, 2);
  while (e.advance())
    if (stopAfter > 0 && e.stepsDone() >= stopAfter) {
      e.finishEarly();
      break;
    }
  return snapshotResults(e);
}

std::vector<JobResults> trainJobs(const ExperimentConfig& whole, const JobPlan& plan) {
  std::vector<JobResults> out;
  for (int i = 0; i < int(plan.jobs.size()); ++i) out.push_back({"results/" + jobName(i), train(jobConfig(whole, plan, i))});
  return out;
}

QString mergeError(const std::vector<JobResults>& jobs, bool allowFailed = false) {
  try {
    mergeJobResults(jobs, allowFailed);
  } catch (const NormLabError& e) {
    return QString::fromStdString(e.what());
  }
  return "(no error)";
}

std::set<std::pair<int, int>> runsOf(const JobPlan& plan, std::size_t maxPerJob) {
  std::set<std::pair<int, int>> runs;
  for (const PlannedJob& j : plan.jobs) {
    if (j.arms.size() * j.seeds.size() > maxPerJob) return {};
    for (int a : j.arms)
      for (int s : j.seeds)
        if (!runs.insert({a, s}).second) return {};  // a run twice
  }
  return runs;
}

}  // namespace

class TestJobPlan : public QObject {
  Q_OBJECT
  ExperimentConfig whole_;
  ExperimentResults wholeResults_;

 private slots:
  void initTestCase() {
    whole_ = parseExperimentConfig(wholeJson());
    wholeResults_ = train(whole_);
    QCOMPARE(wholeResults_.runs.size(), std::size_t(6));
  }

  void splitShapes_data() {
    QTest::addColumn<int>("arms");
    QTest::addColumn<int>("seeds");
    QTest::addColumn<int>("perJob");
    QTest::addColumn<int>("jobs");
    QTest::newRow("one run each") << 5 << 2 << 1 << 10;
    QTest::newRow("an arm with its seeds") << 5 << 2 << 2 << 5;
    QTest::newRow("two arms, odd K") << 5 << 2 << 5 << 3;  // floor(5/2) = 2 arms: 2 + 2 + 1
    QTest::newRow("all in one") << 5 << 2 << 100 << 1;
    QTest::newRow("seeds split") << 3 << 5 << 2 << 9;     // 3 arms x {0,1} {2,3} {4}
    QTest::newRow("figure 1 study, K=1") << 60 << 5 << 1 << 300;
    QTest::newRow("figure 1 study, K=5") << 60 << 5 << 5 << 60;
    QTest::newRow("figure 1 study, K=16") << 60 << 5 << 16 << 20;
  }
  void splitShapes() {
    QFETCH(int, arms);
    QFETCH(int, seeds);
    QFETCH(int, perJob);
    QFETCH(int, jobs);
    json j = wholeJson();
    j["arms"] = json::array();
    for (int a = 0; a < arms; ++a) {
      std::string label = "a";
      label += std::to_string(a);
      j["arms"].push_back({{"label", label}});
    }
    j["seeds"] = json::array();
    for (int s = 0; s < seeds; ++s) j["seeds"].push_back(s + 1);
    const ExperimentConfig c = parseExperimentConfig(j);
    const JobPlan plan = planJobs(c, perJob);
    QCOMPARE(int(plan.jobs.size()), jobs);
    QCOMPARE(int(runsOf(plan, std::size_t(perJob)).size()), arms * seeds);  // each run once, at most K a job
  }

  void jobFilesAreConfigsThatReadBack() {
    const JobPlan plan = planJobs(whole_, 1);
    QCOMPARE(plan.fingerprint, experimentFingerprint(whole_));
    QCOMPARE(plan.fingerprint.size(), std::size_t(16));
    const ExperimentConfig job = jobConfig(whole_, plan, 3);  // arm 1 (GN), seed index 1 (7)
    QCOMPARE(job.arms.size(), std::size_t(1));
    QCOMPARE(job.arms[0].label, std::string("GN"));
    QCOMPARE(job.seeds, std::vector<std::uint64_t>{7});
    QVERIFY(job.job);
    QCOMPARE(job.job->dataSeed, std::uint64_t(3));
    QCOMPARE(job.job->arms, std::vector<int>{1});
    QCOMPARE(job.job->seeds, std::vector<int>{1});
    QVERIFY(sameConfig(parseExperimentConfig(toJson(job)), job));
    // A changed setting changes the fingerprint; a job cannot be planned again.
    json changed = wholeJson();
    changed["train"]["lr"] = 0.06;
    QVERIFY(experimentFingerprint(parseExperimentConfig(changed)) != plan.fingerprint);
    QVERIFY_THROWS_EXCEPTION(NormLabError, planJobs(job, 1));
  }

  void jobRunsAreBitIdentical() {
    const JobPlan plan = planJobs(whole_, 1);
    for (int i : {3, 5}) {  // GN and none at seed 7: not the first seed, not the first arm
      const ExperimentResults job = train(jobConfig(whole_, plan, i));
      QCOMPARE(job.runs.size(), std::size_t(1));
      const RunRecord& mine = job.runs[0];
      const RunRecord& theirs = wholeResults_.runs[std::size_t(1 * 3 + plan.jobs[std::size_t(i)].arms[0])];
      QCOMPARE(mine.label, theirs.label);
      QCOMPARE(mine.seed, theirs.seed);
      QCOMPARE(mine.metrics.size(), theirs.metrics.size());
      for (std::size_t k = 0; k < mine.metrics.size(); ++k) {
        QCOMPARE(mine.metrics[k].trainLoss, theirs.metrics[k].trainLoss);  // exact: bit for bit
        if (std::isfinite(theirs.metrics[k].testLoss)) QCOMPARE(mine.metrics[k].testLoss, theirs.metrics[k].testLoss);
      }
      QCOMPARE(mine.finalTestAccuracy, theirs.finalTestAccuracy);
      QVERIFY(mine.state && theirs.state);
      QCOMPARE(mine.state->params.back().values, theirs.state->params.back().values);
    }
  }

  void mergeEqualsWhole_data() {
    QTest::addColumn<int>("perJob");
    QTest::newRow("K=1") << 1;
    QTest::newRow("K=4") << 4;
  }
  void mergeEqualsWhole() {
    QFETCH(int, perJob);
    const JobPlan plan = planJobs(whole_, perJob);
    std::vector<JobResults> jobs = trainJobs(whole_, plan);
    std::reverse(jobs.begin(), jobs.end());  // any order
    const ExperimentResults merged = mergeJobResults(jobs);
    QVERIFY(sameConfig(merged.config, whole_));
    QVERIFY(!merged.config.job);
    QCOMPARE(test::withoutColumns(metricsCsv(merged), {"wall_s"}), test::withoutColumns(metricsCsv(wholeResults_), {"wall_s"}));
    QCOMPARE(layersCsv(merged), layersCsv(wholeResults_));
    QCOMPARE(histogramsCsv(merged), histogramsCsv(wholeResults_));
    QCOMPARE(test::withoutColumns(runsCsv(merged), {"train_s", "images_per_s"}),
             test::withoutColumns(runsCsv(wholeResults_), {"train_s", "images_per_s"}));
    QCOMPARE(test::withoutColumns(resultsCsv(merged), {"images_per_s_mean"}),
             test::withoutColumns(resultsCsv(wholeResults_), {"images_per_s_mean"}));
    // What the merge writes reads back as a whole experiment that continues.
    const ExperimentResults again = parseExperimentFile(toJson(merged).dump());
    QCOMPARE(whyNotResumable(again), std::string());
    QCOMPARE(again.runs.size(), std::size_t(6));
  }

  void refusals() {
    const JobPlan plan = planJobs(whole_, 2);  // 3 jobs: one arm, both seeds each
    const std::vector<JobResults> jobs = trainJobs(whole_, plan);
    QCOMPARE(jobs.size(), std::size_t(3));

    std::vector<JobResults> some = {jobs[0], jobs[2]};
    QVERIFY2(mergeError(some).startsWith("missing job-0001 (of 3 jobs of plan " + QString::fromStdString(plan.fingerprint)),
             qPrintable(mergeError(some)));

    std::vector<JobResults> twice = jobs;
    twice.push_back({"elsewhere/job-0001", jobs[1].results});
    QCOMPARE(mergeError(twice), QString("job-0001 is given twice: 'results/job-0001' and 'elsewhere/job-0001'"));

    // A job of another plan of the same config (one run per job).
    std::vector<JobResults> mixed = jobs;
    mixed[2] = {"other/job-0002", train(jobConfig(whole_, planJobs(whole_, 1), 2))};
    QVERIFY2(mergeError(mixed).startsWith("the jobs are from different plans: job-0000 ('results/job-0000') is one of 3 jobs"),
             qPrintable(mergeError(mixed)));
    // ... and of a plan of another config.
    json otherJson = wholeJson();
    otherJson["train"]["lr"] = 0.06;
    const ExperimentConfig other = parseExperimentConfig(otherJson);
    mixed[2] = {"other/job-0002", train(jobConfig(other, planJobs(other, 2), 2))};
    QVERIFY2(mergeError(mixed).contains("different plans"), qPrintable(mergeError(mixed)));

    // A job run with other settings than its file's (as `run --steps 4` would).
    json shorter = toJson(jobConfig(whole_, plan, 1));
    shorter["train"]["steps"] = 4;
    std::vector<JobResults> changed = jobs;
    changed[1] = {"results/job-0001", train(parseExperimentConfig(shorter))};
    QVERIFY2(mergeError(changed).contains("settings"), qPrintable(mergeError(changed)));

    // A run that failed: named with its message; kept, marked failed, with allowFailed.
    std::vector<JobResults> failed = jobs;
    failed[1] = {"results/job-0001", train(jobConfig(whole_, plan, 1), 1)};
    QCOMPARE(mergeError(failed), QString("job-0001 ('results/job-0001') failed: run \"GN\" (seed 7) step 2: injected failure; "
                                         "run the job again (or merge with --allow-failed to keep the run marked failed)"));
    const ExperimentResults kept = mergeJobResults(failed, true);
    QVERIFY(kept.runs[1 * 3 + 1].failed);
    QVERIFY(!kept.runs[0 * 3 + 1].failed);

    // An interrupted job (SIGTERM at a time limit: what was recorded is written).
    std::vector<JobResults> stopped = jobs;
    stopped[2] = {"results/job-0002", train(jobConfig(whole_, plan, 2), -1, 5)};
    QVERIFY2(mergeError(stopped).startsWith("job-0002 ('results/job-0002') stopped early: run \"none\""),
             qPrintable(mergeError(stopped)));

    // Not a job's results at all.
    std::vector<JobResults> plain = jobs;
    plain[0] = {"results/whole", wholeResults_};
    QVERIFY2(mergeError(plain).contains("not of a job"), qPrintable(mergeError(plain)));
    QVERIFY2(mergeError({}).contains("no job results"), qPrintable(mergeError({})));
  }

  void jobKeyIsCheckedStrictly_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("index past the end") << "index" << "3" << "\"job.index\" is 3, but the plan has 3 jobs";
    QTest::newRow("arms of another size") << "arms" << "[0, 1]" << "\"job.arms\" lists 2 arm indices, but the job config has 1 arms";
    QTest::newRow("repeated seed") << "seeds" << "[1, 1]" << "\"job.seeds[1]\" repeats the index 1";
    QTest::newRow("negative index") << "arms" << "[-1]" << "\"job.arms[0]\" must be a whole number from 0";
    QTest::newRow("bad fingerprint") << "plan" << "\"XYZ\"" << "\"job.plan\" must be 16 lowercase hex digits";
    QTest::newRow("unknown key") << "jobz" << "1" << "unknown key \"job.jobz\"";
    QTest::newRow("data seed text") << "data_seed" << "\"3\"" << "\"job.data_seed\" must be a whole number";
  }
  // Branches and learning-rate events are not split into jobs yet: planning them is refused with
  // the arm or key named, instead of jobs that fail to parse or train differently.
  void branchesAndEventsAreNotSplit() {
    json branched = wholeJson();
    const std::string parent = branched["arms"][0].value("label", std::string("batch"));
    branched["arms"].push_back({{"label", "late branch"}, {"branch_from", parent}, {"at_step", 2}, {"dropout", 0.0}});
    const ExperimentConfig withBranch = parseExperimentConfig(branched);
    QVERIFY_THROWS_EXCEPTION(NormLabError, planJobs(withBranch, 2));
    try {
      planJobs(withBranch, 2);
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("late branch") && QString(e.what()).contains("branches from"), e.what());
    }
    json withEvent = wholeJson();
    withEvent["events"] = json::array({{{"at_step", 2}, {"lr", 0.01}}});
    const ExperimentConfig evented = parseExperimentConfig(withEvent);
    try {
      planJobs(evented, 2);
      QFAIL("a config with events was planned");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("\"events\""), e.what());
    }
  }

  void jobKeyIsCheckedStrictly() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    json j = toJson(jobConfig(whole_, planJobs(whole_, 2), 1));  // one arm, two seeds, of 3 jobs
    j["job"][key.toStdString()] = json::parse(value.toStdString());
    QString error = "(no error)";
    try {
      parseExperimentConfig(j);
    } catch (const NormLabError& e) {
      error = e.what();
    }
    QVERIFY2(error.contains(message), qPrintable(error));
  }
};

QTEST_MAIN(TestJobPlan)
#include "test_job_plan.moc"
