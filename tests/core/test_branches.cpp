// Branches, arms added mid-run and learning-rate events (issue 15), at the Experiment level:
// an arm added while the others train equals the same arm present from the start, bit for bit;
// a branch that changes nothing continues exactly as its parent; a branch with another dropout
// starts from its parent's state and parts from it after the branch step; a branch with another
// batch size reads the same sample order; a config with a branch and events replays from its
// .normlab file; every grammar error names its key. Must not depend on the machine's speed.
#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "support/file_helpers.h"
#include "support/run_compare.h"

using namespace normlab;
using namespace test;

namespace {

// conv, norm, relu, pool, flatten, dense, norm, relu, dropout, dense: synthetic 28x28 images.
const char* kModel = R"({"name": "drop", "input": [1, 28, 28], "classes": 10, "layers": [
  {"type": "conv2d", "name": "conv1", "out_channels": 4, "kernel": 3, "stride": 2, "padding": 1},
  {"type": "norm", "name": "norm1"}, {"type": "relu", "name": "relu1"},
  {"type": "max_pool", "name": "pool1", "kernel": 2}, {"type": "flatten", "name": "flatten"},
  {"type": "dense", "name": "fc1", "out_features": 16}, {"type": "norm", "name": "norm2"}, {"type": "relu", "name": "relu2"},
  {"type": "dropout", "name": "drop", "p": 0.5}, {"type": "dense", "name": "fc2", "out_features": 10}]})";

std::string config(const std::string& arms, const std::string& extra = "", int steps = 40) {
  return R"({"name": "t", "dataset": {"name": "synthetic", "train": 400, "test": 100}, "model": )" + std::string(kModel) +
         R"(, "train": {"lr": 0.05, "momentum": 0.9, "batch_size": 8, "steps": )" + std::to_string(steps) +
         R"(, "eval_every": 10}, "arms": )" + arms + R"(, "probe_every": 5)" + extra + "}";
}

std::string configError(const std::string& text) {
  return test::errorOf([&] { parseExperimentConfig(text); });
}

}  // namespace

class TestBranches : public QObject {
  Q_OBJECT
 private slots:
  // Two seeds, another batch size and a norm of its own: the added arm's runs equal those of an
  // experiment that had the arm from the start, and the arms already there are not disturbed.
  void anArmAddedMidRunEqualsTheArmFromTheStart() {
    const std::string seeds = R"(, "seeds": [3, 4])";
    const std::string added = R"({"label": "GN16", "norm": "group", "groups": 2, "batch_size": 16})";
    Experiment whole(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}, )" + added + "]", seeds)), 2);
    whole.prepare();
    runToEnd(whole);
    Experiment live(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}])", seeds)), 2);
    live.prepare();
    advanceUntil(live, "BN", 23);
    QCOMPARE(live.addArm(nlohmann::json::parse(added)), 1);
    QVERIFY(live.catchingUp());
    QVERIFY(live.record(1).catchingUp);
    QCOMPARE(live.runCount(), 4);
    // Seed-major order, as a config with both arms builds it.
    QCOMPARE(live.record(1).label, std::string("GN16"));
    QCOMPARE(live.record(2).label, std::string("BN"));
    QCOMPARE(live.record(2).seedIndex, 1);
    runToEnd(live);
    QVERIFY(!live.catchingUp());
    QVERIFY(sameConfig(live.config(), whole.config()));
    for (const char* label : {"BN", "GN16"})
      for (int s = 0; s < 2; ++s) {
        const RunRecord a = runOf(whole, label, s, true), b = runOf(live, label, s, true);
        QVERIFY(a.metrics.size() > 4);
        QVERIFY2(sameBits(rows(a), rows(b)), label);
        QVERIFY2(sameTensors(a.state->params, b.state->params), label);
        QVERIFY2(sameTensors(a.state->buffers, b.state->buffers), label);
      }
  }

  // While paused the others stay where they are; the new arm alone reaches them.
  void catchingUpStepsOnlyTheNewArm() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}])")), 2);
    e.prepare();
    for (int i = 0; i < 12; ++i) e.stepAll();
    e.addArm(nlohmann::json::parse(R"({"label": "LN", "norm": "layer"})"));
    int steps = 0;
    while (e.advanceCatchUp()) ++steps;
    QCOMPARE(steps, 12);
    QCOMPARE(e.record(0).step, std::int64_t(12));
    QCOMPARE(e.record(1).step, std::int64_t(12));
    QVERIFY(!e.record(1).catchingUp);
  }

  void aBranchThatChangesNothingContinuesAsItsParent() {
    Experiment e(parseExperimentConfig(config(
                     R"([{"label": "BN", "norm": "batch"}, {"label": "copy", "branch_from": "BN", "at_step": 12}])",
                     R"(, "seeds": [1, 2])")),
                 2);
    e.prepare();
    runToEnd(e);
    for (int s = 0; s < 2; ++s) {
      const RunRecord parent = runOf(e, "BN", s, true), branch = runOf(e, "copy", s, true);
      QVERIFY(!branch.metrics.empty());
      QVERIFY2(branch.metrics.front().step > 12, "the branch's rows start after at_step");
      QCOMPARE(branch.metrics.front().step, std::int64_t(15));
      QVERIFY(sameBits(rows(parent, 12), rows(branch)));
      QVERIFY(sameTensors(parent.state->params, branch.state->params));
      QVERIFY(sameTensors(parent.state->buffers, branch.state->buffers));
      QCOMPARE(branch.finalTestAccuracy, parent.finalTestAccuracy);
    }
  }

  // The branch copies its parent at step 12 exactly, then trains without dropout: it parts.
  void aBranchWithoutDropoutStartsEqualAndParts() {
    Experiment e(parseExperimentConfig(config(
                     R"([{"label": "BN", "norm": "batch"}, {"label": "no dropout", "branch_from": "BN", "at_step": 12, "dropout": 0.0}])")),
                 2);
    e.prepare();
    advanceUntil(e, "no dropout", 12);
    const RunRecord parentAt = runOf(e, "BN", 0, true), branchAt = runOf(e, "no dropout", 0, true);
    QCOMPARE(parentAt.step, std::int64_t(12));
    QCOMPARE(branchAt.step, std::int64_t(12));
    QCOMPARE(branchAt.samplesSeen, parentAt.samplesSeen);
    QVERIFY(branchAt.metrics.empty());
    QVERIFY(sameTensors(parentAt.state->params, branchAt.state->params));
    QVERIFY(sameTensors(parentAt.state->buffers, branchAt.state->buffers));
    QVERIFY(sameBits(std::vector<double>(parentAt.state->optimizer.first[0].begin(), parentAt.state->optimizer.first[0].end()),
                     std::vector<double>(branchAt.state->optimizer.first[0].begin(), branchAt.state->optimizer.first[0].end())));
    QCOMPARE(branchAt.dropout, 0.0);
    runToEnd(e);
    const RunRecord parent = runOf(e, "BN"), branch = runOf(e, "no dropout");
    QCOMPARE(branch.metrics.front().step, std::int64_t(15));
    QVERIFY(!sameBits(rows(parent, 12), rows(branch)));
    QVERIFY(parent.metrics.front().step < 12);
  }

  // Batch 8 to 16 at step 12: the branch reads on where its parent stood, in the same order.
  void aBranchWithAnotherBatchSizeReadsTheSameSampleOrder() {
    Experiment e(parseExperimentConfig(config(
                     R"([{"label": "BN", "norm": "batch"}, {"label": "b16", "branch_from": "BN", "at_step": 12, "batch_size": 16}])")),
                 2);
    e.prepare();
    std::vector<int> parent, branch;
    std::int64_t seenParent = 0, seenBranch = 0;
    while (e.advance()) {
      const RunRecord p = e.record(0), b = e.record(1);
      auto take = [&](const RunRecord& r, std::int64_t& seen, std::vector<int>& into, int run) {
        if (r.samplesSeen == seen) return;
        if (r.step > 12) {
          const std::vector<int> batch = e.lastBatchIndices(run);
          into.insert(into.end(), batch.begin(), batch.end());
        }
        seen = r.samplesSeen;
      };
      take(p, seenParent, parent, 0);
      if (b.step > 0) take(b, seenBranch, branch, 1);
    }
    QCOMPARE(runOf(e, "b16").batchSize, 16);
    QVERIFY(branch.size() >= 16 * 20);  // 28 steps of 8 for the parent, 14 of 16 for the branch
    const std::size_t n = std::min(parent.size(), branch.size());
    QVERIFY(n >= 200);
    QVERIFY(std::equal(parent.begin(), parent.begin() + std::ptrdiff_t(n), branch.begin()));
  }

  // A norm of the same parameter shapes: group norm takes over batch norm's gamma and beta.
  void aBranchMaySwitchBetweenNormsOfOneShape() {
    Experiment e(parseExperimentConfig(config(
                     R"([{"label": "BN", "norm": "batch"}, {"label": "GN", "branch_from": "BN", "at_step": 10, "norm": "group", "groups": 2}])")),
                 2);
    e.prepare();
    advanceUntil(e, "GN", 10);
    QVERIFY(sameTensors(runOf(e, "BN", 0, true).state->params, runOf(e, "GN", 0, true).state->params));
    QVERIFY(runOf(e, "GN", 0, true).state->buffers.empty());
    runToEnd(e);
    QVERIFY(std::isfinite(runOf(e, "GN").finalTestLoss));
  }

  // The configured events and a change made while training are both in config(): running it
  // again gives the same rows and the same recorded changes.
  void learningRateChangesReplayFromTheConfig() {
    Experiment e(parseExperimentConfig(config(
                     R"([{"label": "BN", "norm": "batch"}, {"label": "own", "norm": "batch", "lr": 0.025, "batch_size": 16}])",
                     R"(, "events": [{"at_step": 6, "lr": 0.1}, {"at_step": 8, "lr": 0.04, "arm": "own"}])")),
                 2);
    e.prepare();
    advanceUntil(e, "BN", 21);
    e.setLearningRate(0.02);  // BN at step 21, own at about 10: one change, two events
    runToEnd(e);
    const ExperimentConfig& c = e.config();
    QCOMPARE(c.events.size(), std::size_t(4));
    QCOMPARE(c.events[2].change, 3);
    QCOMPARE(c.events[3].change, 3);
    QCOMPARE(c.events[2].arm, std::string("BN"));
    QCOMPARE(c.events[2].atStep, std::int64_t(21));
    const RunRecord bn = runOf(e, "BN"), own = runOf(e, "own");
    QCOMPARE(bn.learningRateChanges.size(), std::size_t(2));
    QCOMPARE(bn.learningRateChanges[0].step, std::int64_t(6));
    QVERIFY(bn.learningRateChanges[0].lr == 0.1);
    QCOMPARE(own.learningRateChanges.size(), std::size_t(3));
    QVERIFY(own.learningRateChanges[0].lr == 0.025 * (0.1 / 0.05));  // keeps its ratio to the base
    QVERIFY(own.learningRateChanges[1].lr == 0.04);                   // its own event: exactly
    QCOMPARE(own.learningRateChanges[2].event, 3);
    // Through the file and back, then trained again.
    const std::string path = (std::filesystem::temp_directory_path() / "normlab_test_branches_events.normlab").string();
    saveExperiment(path, snapshotResults(e));
    const ExperimentResults back = loadExperiment(path);
    std::filesystem::remove(path);
    QVERIFY(sameConfig(back.config, c));
    Experiment again(back.config, 1);
    again.prepare();
    runToEnd(again);
    for (int i = 0; i < e.runCount(); ++i) {
      const RunRecord a = e.record(i), b = again.record(i);
      QVERIFY(sameBits(rows(a), rows(b)));
      QCOMPARE(b.learningRateChanges.size(), a.learningRateChanges.size());
      for (std::size_t k = 0; k < a.learningRateChanges.size(); ++k) {
        QCOMPARE(b.learningRateChanges[k].event, a.learningRateChanges[k].event);
        QCOMPARE(b.learningRateChanges[k].step, a.learningRateChanges[k].step);
        QVERIFY(b.learningRateChanges[k].lr == a.learningRateChanges[k].lr);
      }
    }
  }

  // A change made while a configured event still waits applies first under a later number; the
  // session saves, opens and replays all the same.
  void aChangeBeforeAConfiguredEventReplays() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}])", R"(, "events": [{"at_step": 30, "lr": 0.01}])")), 1);
    e.prepare();
    advanceUntil(e, "BN", 10);
    e.setLearningRate(0.1);
    runToEnd(e);
    const RunRecord r = e.record(0);
    QCOMPARE(r.learningRateChanges.size(), std::size_t(2));
    QCOMPARE(r.learningRateChanges[0].event, 2);
    QCOMPARE(r.learningRateChanges[1].event, 1);
    const std::string path = (std::filesystem::temp_directory_path() / "normlab_test_branches_order.normlab").string();
    saveExperiment(path, snapshotResults(e));
    const ExperimentResults back = loadExperiment(path);
    std::filesystem::remove(path);
    Experiment again(back.config, 1);
    again.prepare();
    runToEnd(again);
    QVERIFY(sameBits(rows(r), rows(again.record(0))));
  }

  // A rate changed while every arm trains at one step is one event for all: an arm added later
  // takes it at that step as it catches up, like the arm present from the start (rows, weights
  // and config equal), and catching up through an earlier configured event leaves the rate
  // typed last as the base, so a later change scales the arm with a rate of its own right.
  void anArmAddedAfterARateChangeTakesItToo() {
    const std::string two = R"([{"label": "BN", "norm": "batch"}, {"label": "own", "norm": "batch", "lr": 0.025})";
    const std::string ln = R"({"label": "LN", "norm": "layer"})";
    const std::string events = R"(, "seeds": [1, 2], "events": [{"at_step": 4, "lr": 0.1}])";
    auto session = [&](Experiment& e, bool addLN) {
      e.prepare();
      advanceUntil(e, "BN", 10);
      e.setLearningRate(0.02);
      advanceUntil(e, "BN", 14);
      if (addLN) {
        e.addArm(nlohmann::json::parse(ln));
        while (e.advanceCatchUp()) {}
        QCOMPARE(e.learningRate(), 0.02);
      }
      advanceUntil(e, "BN", 20);
      e.setLearningRate(0.01);
      runToEnd(e);
    };
    Experiment whole(parseExperimentConfig(config(two + ", " + ln + "]", events)), 2);
    session(whole, false);
    Experiment live(parseExperimentConfig(config(two + "]", events)), 2);
    session(live, true);
    QVERIFY(sameConfig(live.config(), whole.config()));
    QCOMPARE(live.config().events.size(), std::size_t(3));
    QCOMPARE(live.config().events[1].arm, std::string());
    for (int i = 0; i < whole.runCount(); ++i) {
      const RunRecord a = whole.record(i, true), b = live.record(i, true);
      QVERIFY2(sameBits(rows(a), rows(b)), a.label.c_str());
      QVERIFY2(sameTensors(a.state->params, b.state->params), a.label.c_str());
    }
    const RunRecord added = runOf(live, "LN");
    QCOMPARE(added.learningRateChanges.size(), std::size_t(3));
    QCOMPARE(added.learningRateChanges[1].step, std::int64_t(10));
    QVERIFY(added.learningRateChanges[1].lr == 0.02);
    QVERIFY(runOf(live, "own").learningRateChanges.back().lr == 0.025 * (0.1 / 0.05) * (0.02 / 0.1) * (0.01 / 0.02));
  }

  // Arms at different steps take a change one event each; an arm added afterwards catches up
  // through an earlier configured event without making its rate the base again.
  void catchingUpLeavesTheRateTypedLast() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}, {"label": "b16", "norm": "batch", "batch_size": 16}])",
                                              R"(, "events": [{"at_step": 4, "lr": 0.1}])")),
                 1);
    e.prepare();
    advanceUntil(e, "BN", 12);
    e.setLearningRate(0.02);
    QCOMPARE(e.config().events.size(), std::size_t(3));  // one per arm
    e.addArm(nlohmann::json::parse(R"({"label": "LN", "norm": "layer"})"));
    while (e.advanceCatchUp()) {}
    QCOMPARE(e.learningRate(), 0.02);
  }

  // A session with an added arm, a branch made "here" and a learning-rate change: its config,
  // saved as .normlab and loaded, trains to the same rows.
  void aLiveSessionReplaysFromItsFile() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}])", R"(, "seeds": [1, 2])")), 2);
    e.prepare();
    advanceUntil(e, "BN", 9);
    e.addArm(nlohmann::json::parse(R"({"label": "GN", "norm": "group", "groups": 2})"));
    advanceUntil(e, "GN", 14);
    e.setLearningRate(0.03);
    advanceUntil(e, "BN", 17);
    const int branch = e.addArm(nlohmann::json::parse(R"({"label": "BN no drop", "branch_from": "BN", "dropout": 0.0})"));
    QCOMPARE(e.config().arms[std::size_t(branch)].atStep, std::int64_t(17));
    runToEnd(e);
    const std::string path = (std::filesystem::temp_directory_path() / "normlab_test_branches_live.normlab").string();
    saveExperiment(path, snapshotResults(e));
    const ExperimentResults back = loadExperiment(path);
    std::filesystem::remove(path);
    QCOMPARE(back.runs.size(), std::size_t(6));
    Experiment again(back.config, 1);
    again.prepare();
    runToEnd(again);
    QCOMPARE(again.runCount(), e.runCount());
    for (int i = 0; i < e.runCount(); ++i) {
      const RunRecord a = e.record(i), b = again.record(i);
      QCOMPARE(b.label, a.label);
      QVERIFY2(sameBits(rows(a), rows(b)), a.label.c_str());
    }
    QVERIFY(runOf(again, "BN no drop").metrics.front().step > 17);
  }

  void aBranchAddedBehindItsParentIsRefused() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}])")), 1);
    e.prepare();
    advanceUntil(e, "BN", 5);
    const std::string error = test::errorOf([&] { e.addArm(nlohmann::json::parse(R"({"branch_from": "BN", "at_step": 3})")); });
    QVERIFY2(error.find("\"arms[1].at_step\"") != std::string::npos && error.find("at step 5") != std::string::npos, error.c_str());
    QCOMPARE(e.config().arms.size(), std::size_t(1));
    QCOMPARE(e.runCount(), 1);
    const std::string taken = test::errorOf([&] { e.addArm(nlohmann::json::parse(R"({"label": "BN", "norm": "group"})")); });
    QVERIFY2(taken.find("\"arms[1].label\"") != std::string::npos, taken.c_str());
  }

  void stopAndRemoveAnArm() {
    Experiment e(parseExperimentConfig(config(R"([{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 2},
                                                 {"label": "b", "branch_from": "GN", "at_step": 30}])")),
                 1);
    e.prepare();
    advanceUntil(e, "BN", 10);
    QVERIFY(test::errorOf([&] { e.removeArm(1); }).find("branches from it") != std::string::npos);
    e.stopArm(1);
    QVERIFY(e.record(1).finished);
    QVERIFY2(e.record(2).failed, "a branch whose parent stopped before its step cannot start");
    e.removeArm(2);
    e.removeArm(0);
    QCOMPARE(e.runCount(), 1);
    QCOMPARE(e.record(0).arm, 0);
    QCOMPARE(e.config().arms.front().label, std::string("GN"));
  }

  void grammarErrorsNameTheKey_data() {
    QTest::addColumn<QString>("arms");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("problem");
    const QString bn = R"({"label": "BN", "norm": "batch"})";
    QTest::newRow("names no arm") << "[" + bn + R"(, {"branch_from": "XX", "at_step": 5}])" << "" << "arms[1].branch_from" << "no arm";
    QTest::newRow("names a later arm") << R"([{"label": "b", "branch_from": "BN", "at_step": 5}, )" + bn + "]" << ""
                                       << "arms[0].branch_from" << "later arm (arms[1])";
    QTest::newRow("beyond the parent") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 40}])" << "" << "arms[1].at_step"
                                       << "beyond the 40 steps";
    QTest::newRow("beyond the branch") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 20, "steps": 20}])" << ""
                                       << "arms[1].at_step" << "trains only 20 steps";
    QTest::newRow("at_step missing") << "[" + bn + R"(, {"branch_from": "BN"}])" << "" << "arms[1].at_step" << "missing";
    QTest::newRow("at_step alone") << "[" + bn + R"(, {"label": "x", "at_step": 5}])" << "" << "arms[1].at_step" << "branch_from";
    QTest::newRow("at_step zero") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 0}])" << "" << "arms[1].at_step" << "between 1";
    QTest::newRow("lrn shapes") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 5, "norm": "lrn"}])" << "" << "arms[1].norm"
                                << "change shape";
    QTest::newRow("per-element affine") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 5, "norm": "layer", "layer_norm_affine": "element"}])"
                                        << "" << "arms[1].norm" << "change shape";
    QTest::newRow("instance after dense") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 5, "norm": "instance"}])" << ""
                                          << "arms[1].norm" << "norm2 after fc1 would lose its norm";
    QTest::newRow("affine off") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 5, "norm": "group", "groups": 2, "affine": false}])"
                                << "" << "arms[1].norm" << "affine";
    QTest::newRow("seed in a branch") << "[" + bn + R"(, {"branch_from": "BN", "at_step": 5, "seed": 3}])" << "" << "arms[1].seed"
                                      << "cannot be set on a branch";
    QTest::newRow("branch of a branch too early") << "[" + bn + R"(, {"label": "b", "branch_from": "BN", "at_step": 5}, {"branch_from": "b", "at_step": 5}])"
                                                  << "" << "arms[2].at_step" << "itself a branch";
    QTest::newRow("event arm") << "[" + bn + "]" << R"(, "events": [{"at_step": 5, "lr": 0.1, "arm": "GN"}])" << "events[0].arm"
                               << "no arm";
    QTest::newRow("event lr") << "[" + bn + "]" << R"(, "events": [{"at_step": 5}])" << "events[0].lr" << "missing";
    QTest::newRow("event lr zero") << "[" + bn + "]" << R"(, "events": [{"at_step": 5, "lr": 0}])" << "events[0].lr" << "greater than 0";
    QTest::newRow("event key") << "[" + bn + "]" << R"(, "events": [{"at_step": 5, "lr": 0.1, "when": 3}])" << "events[0].when" << "";
    QTest::newRow("event change") << "[" + bn + "]" << R"(, "events": [{"at_step": 5, "lr": 0.1, "change": 3}, {"at_step": 6, "lr": 0.2, "change": 2}])"
                                  << "events[1].change" << "before";
    QTest::newRow("one change twice for an arm") << "[" + bn + "]" << R"(, "events": [{"at_step": 8, "lr": 0.1}, {"at_step": 9, "lr": 0.2, "arm": "BN", "change": 1}])"
                                                 << "events[1].change" << "once";
    QTest::newRow("events not a list") << "[" + bn + "]" << R"(, "events": {"at_step": 5})" << "events" << "list";
  }
  void grammarErrorsNameTheKey() {
    QFETCH(QString, arms);
    QFETCH(QString, extra);
    QFETCH(QString, key);
    QFETCH(QString, problem);
    const QString error = QString::fromStdString(configError(config(arms.toStdString(), extra.toStdString())));
    QVERIFY2(error.contains("\"" + key + "\""), qPrintable(error));
    QVERIFY2(error.contains(problem), qPrintable(error));
  }

  // From a file, the message names the file too.
  void fileErrorsNameTheFile() {
    const std::string path = (std::filesystem::temp_directory_path() / "normlab_test_branch_error.json").string();
    std::ofstream(path) << config(R"([{"label": "BN", "norm": "batch"}, {"branch_from": "BN", "at_step": 400}])");
    const std::string error = test::errorOf([&] { loadExperimentConfig(path); });
    std::filesystem::remove(path);
    QVERIFY2(error.find(path) != std::string::npos && error.find("\"arms[1].at_step\"") != std::string::npos, error.c_str());
  }

  // Written back, a branch holds only its own keys and reads back equal; events too.
  void branchesAndEventsRoundTrip() {
    const ExperimentConfig c = parseExperimentConfig(config(
        R"([{"label": "BN", "norm": "batch", "lr": 0.02}, {"label": "b", "branch_from": "BN", "at_step": 5, "dropout": 0.0, "norm": "group", "groups": 2}])",
        R"(, "events": [{"at_step": 5, "lr": 0.1}, {"at_step": 7, "lr": 0.2, "arm": "b"}, {"at_step": 9, "lr": 0.3, "arm": "BN", "change": 2}])"));
    const ArmConfig& b = c.arms[1];
    QVERIFY(b.isBranch());
    QCOMPARE(b.parent, 0);
    QVERIFY(b.isOverridden("lr"));  // inherited from its parent
    QVERIFY(b.train.optimizer.lr == 0.02);
    const nlohmann::json j = toJson(c);
    QVERIFY(!j["arms"][1].contains("lr"));
    QCOMPARE(j["arms"][1]["branch_from"].get<std::string>(), std::string("BN"));
    QCOMPARE(j["events"][2]["change"].get<int>(), 2);
    QVERIFY(!j["events"][0].contains("change") && !j["events"][1].contains("change"));
    QVERIFY(sameConfig(parseExperimentConfig(j), c));
  }
};

QTEST_APPLESS_MAIN(TestBranches)
#include "test_branches.moc"
