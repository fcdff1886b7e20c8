// Stopping and removing an arm are undoable until the next Start (issue 15), at the Experiment
// level: an arm stopped at step k and resumed later, and an arm (a branch too) removed and brought
// back, end with the rows, weights and buffers of an experiment where that never happened, and
// the config they leave (arms, events and their order) is that experiment's, so a save replays.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment.h"
#include "core/experiment/memory_estimate.h"
#include "support/file_helpers.h"
#include "support/run_compare.h"

using namespace normlab;
using namespace test;

namespace {

// Two seeds; GN reads batches of 12, the others of 8 (lockstep by samples seen).
std::string configText(const std::string& arms, const std::string& events = "[]") {
  return R"({"name": "undo", "dataset": {"name": "synthetic", "train": 300, "test": 60}, "model": "tiny", "seeds": [1, 2],
    "train": {"lr": 0.05, "momentum": 0.9, "steps": 40, "batch_size": 8, "eval_every": 10}, "probe_every": 5,
    "arms": )" + arms + R"(, "events": )" + events + "}";
}
const std::string kBN = R"({"label": "BN", "norm": "batch"})";
const std::string kGN = R"({"label": "GN", "norm": "group", "groups": 2, "batch_size": 12})";
const std::string kSlow = R"({"label": "GN slow", "branch_from": "GN", "at_step": 6, "lr": 0.02})";
const std::string kLN = R"({"label": "LN", "norm": "layer"})";

std::unique_ptr<Experiment> prepared(const std::string& arms, const std::string& events = "[]") {
  auto e = std::make_unique<Experiment>(parseExperimentConfig(configText(arms, events)), 2);
  e->prepare();
  return e;
}

// Every run of `got` equals the run of `want` at the same place, bit for bit.
void compareAll(const Experiment& want, const Experiment& got) {
  QVERIFY(sameConfig(got.config(), want.config()));
  QCOMPARE(got.runCount(), want.runCount());
  for (int i = 0; i < want.runCount(); ++i) {
    const RunRecord a = want.record(i, true), b = got.record(i, true);
    const std::string what = a.label + " seed " + std::to_string(a.seedIndex);
    QCOMPARE(b.label, a.label);
    QVERIFY2(a.metrics.size() > 4, what.c_str());
    QVERIFY2(sameBits(rows(a), rows(b)), what.c_str());
    QVERIFY2(sameTensors(a.state->params, b.state->params), what.c_str());
    QVERIFY2(sameTensors(a.state->buffers, b.state->buffers), what.c_str());
    QCOMPARE(b.finished, a.finished);
    QCOMPARE(b.failed, a.failed);
  }
}

}  // namespace

class TestArmUndo : public QObject {
  Q_OBJECT
 private slots:
  // GN stopped at step 9 while BN trains on to step 25, then resumed: it catches up and ends as
  // if it had never stopped. While stopped it shows the end-of-run point; resumed, it does not.
  void aStoppedArmResumedEqualsOneNeverStopped() {
    auto whole = prepared("[" + kBN + ", " + kGN + "]");
    runToEnd(*whole);
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceUntil(*e, "GN", 9);
    const std::size_t points = runOf(*e, "GN").metrics.size();
    e->stopArm(1);
    QVERIFY(runOf(*e, "GN").finished);
    QCOMPARE(runOf(*e, "GN").metrics.size(), points + 1);  // the end point
    advanceUntil(*e, "BN", 25);
    QCOMPARE(runOf(*e, "GN", 1).step, std::int64_t(9));
    e->resumeArm(1);
    QVERIFY(!runOf(*e, "GN").finished);
    QCOMPARE(runOf(*e, "GN").metrics.size(), points);
    QVERIFY(e->catchingUp());
    QVERIFY(runOf(*e, "GN", 1).catchingUp);
    while (e->advanceCatchUp()) {}
    QCOMPARE(runOf(*e, "BN").step, std::int64_t(25));  // only GN moved
    QVERIFY(runOf(*e, "GN").samplesSeen >= runOf(*e, "BN").samplesSeen);
    runToEnd(*e);
    compareAll(*whole, *e);
  }

  // Stopping a parent before its branch's step fails the branch; resuming the parent revives it.
  void resumingAParentRevivesItsWaitingBranch() {
    const std::string arms = "[" + kBN + ", " + kGN + ", " + kSlow + "]";
    auto whole = prepared(arms);
    runToEnd(*whole);
    auto e = prepared(arms);
    advanceUntil(*e, "GN", 3);
    e->stopArm(1);
    QVERIFY(runOf(*e, "GN slow").failed);
    advanceUntil(*e, "BN", 12);
    e->resumeArm(1);
    QVERIFY(!runOf(*e, "GN slow").failed);
    runToEnd(*e);
    compareAll(*whole, *e);
  }

  // A branch removed after its start and its parent's sibling removed after it, an arm added
  // meanwhile, then both brought back (last removed first): arms, events (with their places)
  // and every run as in the experiment that had all four from the start.
  void removedArmsComeBackAsTheyWere() {
    const std::string arms = "[" + kBN + ", " + kGN + ", " + kSlow + ", " + kLN + "]";
    const std::string events = R"([{"at_step": 14, "lr": 0.03, "arm": "BN"}, {"at_step": 16, "lr": 0.04},
                                   {"at_step": 12, "lr": 0.01, "arm": "GN slow"}])";
    auto whole = prepared(arms, events);
    runToEnd(*whole);
    auto e = prepared("[" + kBN + ", " + kGN + ", " + kSlow + "]", events);
    advanceUntil(*e, "GN slow", 9);
    e->removeArm(2);
    QCOMPARE(e->config().events.size(), std::size_t(2));
    e->removeArm(0);
    QCOMPARE(e->config().events.size(), std::size_t(1));
    QCOMPARE(e->runCount(), 2);
    advanceUntil(*e, "GN", 20);
    e->addArm(nlohmann::json::parse(kLN));
    QVERIFY(errorOf([&] { e->restoreArm("GN slow"); }).find("not the arm removed last") != std::string::npos);
    QCOMPARE(e->restoreArm("BN"), 0);
    QCOMPARE(e->restoreArm("GN slow"), 2);
    QCOMPARE(e->runCount(), 8);
    QVERIFY(sameConfig(e->config(), whole->config()));
    QVERIFY(runOf(*e, "GN slow", 1).catchingUp);
    QCOMPARE(runOf(*e, "GN slow", 1).step, std::int64_t(9));  // where it was removed
    runToEnd(*e);
    compareAll(*whole, *e);
    QVERIFY(errorOf([&] { e->restoreArm("BN"); }).find("not the arm removed last") != std::string::npos);
  }

  // A label taken meanwhile: the removed arm cannot come back (and is let go).
  void aRemovedArmWhoseLabelWasTakenStaysRemoved() {
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceUntil(*e, "BN", 4);
    e->removeArm(1);
    e->addArm(nlohmann::json::parse(R"({"label": "GN", "norm": "layer"})"));
    QVERIFY(errorOf([&] { e->restoreArm("GN"); }).find("was added since") != std::string::npos);
    QCOMPARE(e->runCount(), 4);
    QVERIFY(errorOf([&] { e->restoreArm("GN"); }).find("not the arm removed last") != std::string::npos);
  }

  // An arm added after a removal may use up the memory budget: bringing the removed arm back is
  // then refused as adding it would be, and changes nothing; with room again it comes back as
  // it was.
  void aRemovedArmThatNoLongerFitsTheBudgetStaysRemoved() {
    auto whole = prepared("[" + kBN + ", " + kGN + ", " + kLN + "]");
    runToEnd(*whole);
    auto e = prepared("[" + kBN + ", " + kGN + "]");
    advanceUntil(*e, "GN", 5);
    e->removeArm(1);
    e->addArm(nlohmann::json::parse(kLN));
    // Exactly what BN and LN need: not a byte more.
    e->setMemoryBudget({estimateMemory(e->config(), loadedDatasetSize(e->data())).total(), "test"});
    const ExperimentConfig before = e->config();
    const std::string added = errorOf([&] { e->addArm(nlohmann::json::parse(R"({"label": "GN 2", "norm": "group", "groups": 2, "batch_size": 12})")); });
    QVERIFY2(added.find("arms[2] (GN 2): the experiment needs about") != std::string::npos, added.c_str());
    const std::string restored = errorOf([&] { e->restoreArm("GN"); });
    QVERIFY2(restored.find("arms[1] (GN): the experiment needs about") != std::string::npos &&
                 restored.find("(budget ") != std::string::npos && restored.find("raise the memory budget") != std::string::npos,
             restored.c_str());
    QVERIFY(sameConfig(e->config(), before));
    QCOMPARE(e->runCount(), 4);
    advanceUntil(*e, "BN", 12);
    e->setMemoryBudget(defaultMemoryBudget());
    QCOMPARE(e->restoreArm("GN"), 1);
    QCOMPARE(runOf(*e, "GN", 1).step, std::int64_t(5));  // where it was removed
    runToEnd(*e);
    compareAll(*whole, *e);
  }
};

QTEST_APPLESS_MAIN(TestArmUndo)
#include "test_arm_undo.moc"
