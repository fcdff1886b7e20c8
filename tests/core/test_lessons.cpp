// The built-in lessons: every lesson parses, says what to watch in 3-5 sentences on a real chart
// tab, and runs headless; for lessons 1, 2, 5 and 6 the taught effect holds on small data with
// fixed seeds (smaller runs than the lessons themselves; the lesson-sized measurements are in
// docs/lessons.md). Also: lesson parsing errors, and per-arm input normalization.
#include <QtTest>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/classroom/lesson.h"
#include "support/lesson_runs.h"

using namespace normlab;
using json = nlohmann::json;
using test::lessonNumber;
using test::runAll;
using test::shrunk;

namespace {

// A diverged run counts as chance accuracy (it learned nothing usable).
double testAccuracy(const RunRecord& r) { return r.diverged ? 0.1 : r.finalTestAccuracy; }

// Mean over seeds of the final test accuracy of the runs labelled `label`.
double meanAccuracy(const std::vector<RunRecord>& runs, const std::string& label) {
  double sum = 0;
  int n = 0;
  for (const RunRecord& r : runs)
    if (r.label == label) {
      sum += testAccuracy(r);
      ++n;
    }
  if (n == 0) throw NormLabError("no run labelled " + label);
  return sum / n;
}

// Mean over a run's probes of one parameter's mean |gradient| at layer `layer`.
double meanWeightGrad(const RunRecord& r, const std::string& layer) {
  double sum = 0;
  int n = 0;
  for (const auto& probe : r.probes)
    for (const LayerStats& l : probe->layers)
      if (l.name == layer)
        for (const ParamStats& p : l.params)
          if (p.name == "weight") {
            sum += p.meanAbsGrad;
            ++n;
          }
  return n ? sum / n : 0.0;
}

// Training minus test accuracy, averaged over the test evaluations in the last third of the run
// (single evaluations of a small test set are noisy).
double lateGap(const RunRecord& r) {
  double sum = 0;
  int n = 0;
  for (const MetricPoint& p : r.metrics)
    if (3 * p.step >= 2 * r.totalSteps && !std::isnan(p.testAccuracy) && !std::isnan(p.trainAccuracy)) {
      sum += p.trainAccuracy - p.testAccuracy;
      ++n;
    }
  if (n == 0) throw NormLabError("no test evaluation late in run " + r.label);
  return sum / n;
}

std::string errorOf(const std::string& text) {
  try {
    parseLesson(text);
  } catch (const NormLabError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

class TestLessons : public QObject {
  Q_OBJECT
 private slots:
  void everyLessonIsComplete() {
    const std::vector<Lesson> all = lessons();
    QCOMPARE(all.size(), std::size_t(9));
    const auto& tabs = lessonChartTabs();
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Lesson& l = all[i];
      const QByteArray name = QByteArray::fromStdString(l.file);
      QCOMPARE(l.number, int(i) + 1);
      // Files are named NN-slug after their number, so a folder listing is in lesson order.
      char prefix[4];
      std::snprintf(prefix, sizeof prefix, "%02d-", l.number);
      QVERIFY2(l.file.rfind(prefix, 0) == 0, name);
      QVERIFY2(!l.title.empty(), name);
      const int sentences = sentenceCount(l.text);
      QVERIFY2(sentences >= 3 && sentences <= 5, qPrintable(name + ": " + QByteArray::number(sentences) + " sentences"));
      QVERIFY2(std::find(tabs.begin(), tabs.end(), l.watch) != tabs.end(), name);
      // The text names the chart it asks the student to watch.
      QVERIFY2(l.text.find(l.watch) != std::string::npos, name);
      QVERIFY(l.config.lesson.has_value());
      QCOMPARE(l.config.lesson->number, l.number);
    }
    QCOMPARE(lessonNumber(all, 2).sweepX, std::string("batch_size"));
    QCOMPARE(lessonNumber(all, 6).sweepX, std::string("dropout"));
    QCOMPARE(lessonNumber(all, 2).config.seeds, (std::vector<std::uint64_t>{1, 2, 3}));
  }

  // sentenceCount: ". ", "! ", "? " and a final mark end sentences; "0.25" and "e.g.x" do not.
  void sentenceCounting() {
    QCOMPARE(sentenceCount("One. Two! Three?"), 3);
    QCOMPARE(sentenceCount("Rates 0.25 and 0.5 differ."), 1);
    QCOMPARE(sentenceCount(""), 0);
    QCOMPARE(sentenceCount("No end mark"), 0);
  }

  void lessonErrors() {
    json j = toJson(lessons().front().config);
    j.erase("lesson");
    QVERIFY(errorOf(j.dump()).find("\"lesson\" is missing") != std::string::npos);
    // A sweep over batch size needs arms with different batch sizes.
    j["lesson"] = {{"number", 3}, {"title", "t"}, {"text", "x."}, {"watch", "Model"}, {"sweep", {{"x", "batch_size"}}}};
    const std::string sweep = errorOf(j.dump());
    QVERIFY2(sweep.find("\"lesson.sweep.x\"") != std::string::npos && sweep.find("two different values") != std::string::npos,
             sweep.c_str());
    j["arms"][1]["batch_size"] = 8;
    QCOMPARE(errorOf(j.dump()), std::string());
    QVERIFY(QString::fromStdString(
                [] {
                  try {
                    loadLesson("/nonexistent/lesson.json");
                  } catch (const NormLabError& e) {
                    return std::string(e.what());
                  }
                  return std::string();
                }())
                .contains("cannot read the lesson /nonexistent/lesson.json"));
  }

  void everyLessonRunsAFewSteps_data() {
    QTest::addColumn<int>("number");
    for (const Lesson& l : lessons()) QTest::newRow(l.file.c_str()) << l.number;
  }
  void everyLessonRunsAFewSteps() {
    QFETCH(int, number);
    const std::vector<Lesson> all = lessons();
    const ExperimentConfig config = shrunk(lessonNumber(all, number).config, 3, 0, 256, 64);
    const std::vector<RunRecord> runs = runAll(config);
    QCOMPARE(runs.size(), config.arms.size() * config.seeds.size());
    for (const RunRecord& r : runs) {
      QVERIFY2(r.finished, r.label.c_str());
      QCOMPARE(r.step, std::int64_t(3));
    }
  }

  // Per-arm input normalization: the same images reach the raw arm as 0..255 and the z-score arm
  // standardized, so their first losses differ; arms with the same setting agree bit for bit.
  void inputNormIsPerArm() {
    json j = toJson(lessonNumber(lessons(), 7).config);
    j["arms"].push_back({{"label", "z-score again"}, {"norm", "none"}, {"input_norm", "zscore"}});
    const std::vector<RunRecord> runs = runAll(shrunk(parseExperimentConfig(j), 1, 0, 64, 32));
    std::map<std::string, double> loss;
    for (const RunRecord& r : runs) loss[r.label] = r.metrics.front().trainLoss;
    QCOMPARE(runs.size(), std::size_t(4));
    QVERIFY(loss.at("raw 0-255") != loss.at("z-score"));
    QVERIFY(loss.at("min-max 0-1") != loss.at("z-score"));
    QCOMPARE(loss.at("z-score again"), loss.at("z-score"));
  }

  // --- the taught effects, on small data with fixed seeds ---

  // Lesson 1: at the lesson's learning rate the unnormalized net diverges or stalls; batch norm
  // learns (each seed: at least 30 points of test accuracy ahead).
  void lesson1BatchNormSurvivesAHighLearningRate() {
    const std::vector<Lesson> all = lessons();
    const Lesson& lesson = lessonNumber(all, 1);
    for (std::uint64_t seed : {1, 2, 3}) {
      json j = toJson(shrunk(lesson.config, 100, 0, 2000, 500));
      j["train"]["seed"] = seed;
      const std::vector<RunRecord> runs = runAll(parseExperimentConfig(j));
      const double none = meanAccuracy(runs, "no norm"), bn = meanAccuracy(runs, "batch norm");
      qInfo("lesson 1, seed %d: no norm %.3f, batch norm %.3f", int(seed), none, bn);
      QVERIFY2(bn > none + 0.3, qPrintable(QString("seed %1: no norm %2, batch norm %3").arg(seed).arg(none).arg(bn)));
    }
  }

  // Lesson 2: batch norm's test error at batch 2 is far above its error at 32, while group norm's
  // changes much less (means over two seeds, one epoch of 1000 images, the lesson's learning rates).
  void lesson2BatchNormNeedsBatches() {
    json j = toJson(shrunk(lessonNumber(lessons(), 2).config, 0, 1, 1000, 500));
    json kept = json::array();
    for (const json& arm : j["arms"])
      for (const char* label : {"BN 2", "BN 32", "GN 2", "GN 32"})
        if (arm["label"] == label) kept.push_back(arm);
    QCOMPARE(kept.size(), std::size_t(4));
    j["arms"] = kept;
    j["seeds"] = {1, 2};
    const std::vector<RunRecord> runs = runAll(parseExperimentConfig(j));
    auto error = [&](const char* label) { return 1.0 - meanAccuracy(runs, label); };
    const double bnChange = error("BN 2") - error("BN 32"), gnChange = error("GN 2") - error("GN 32");
    const QByteArray what = QString("BN error %1 -> %2, GN error %3 -> %4 (batch 32 -> 2)")
                                .arg(error("BN 32")).arg(error("BN 2")).arg(error("GN 32")).arg(error("GN 2")).toUtf8();
    qInfo("%s", what.constData());
    QVERIFY2(bnChange > 0.15, what);
    QVERIFY2(gnChange < bnChange - 0.1, what);
  }

  // Lesson 5: without a norm the first layer's weight gradient is orders of magnitude below batch
  // norm's (mean over the probes of 100 steps; test_lesson_figures.cpp pins the lesson's own figure).
  void lesson5VanishingGradients() {
    const std::vector<RunRecord> runs = runAll(shrunk(lessonNumber(lessons(), 5).config, 100, 0, 2000, 200));
    QCOMPARE(runs.size(), std::size_t(2));
    const RunRecord& none = runs[0].label == "no norm" ? runs[0] : runs[1];
    const RunRecord& bn = runs[0].label == "no norm" ? runs[1] : runs[0];
    const double gNone = meanWeightGrad(none, "fc1"), gBn = meanWeightGrad(bn, "fc1");
    const QByteArray what = QString("fc1 mean |grad|: no norm %1, batch norm %2").arg(gNone).arg(gBn).toUtf8();
    qInfo("%s", what.constData());
    QVERIFY2(gNone > 0 && gBn > 1e4 * gNone, what);
    // ...while at the last layer the two are within a factor of 100: the gradient vanishes on its way down.
    const double lastNone = meanWeightGrad(none, "fc9"), lastBn = meanWeightGrad(bn, "fc9");
    QVERIFY2(lastBn < 100 * lastNone, what);
  }

  // Lesson 6: on a small training set the train-test accuracy gap is smaller with dropout 0.5 than
  // without (mean over two seeds, late in training, on 300 images for 20 epochs).
  void lesson6DropoutNarrowsTheGap() {
    json j = toJson(shrunk(lessonNumber(lessons(), 6).config, 0, 20, 300, 500));
    j["train"]["eval_every"] = 10;
    j["train"].erase("seed");
    j["seeds"] = {1, 2};
    const std::vector<RunRecord> runs = runAll(parseExperimentConfig(j));
    std::map<std::string, double> gap;
    for (const RunRecord& r : runs) gap[r.label] += lateGap(r) / 2;
    const QByteArray what = QString("late train-test gap: dropout 0 %1, 0.25 %2, 0.5 %3")
                                .arg(gap.at("dropout 0")).arg(gap.at("dropout 0.25")).arg(gap.at("dropout 0.5")).toUtf8();
    qInfo("%s", what.constData());
    QVERIFY2(gap.at("dropout 0.5") < gap.at("dropout 0") - 0.02, what);
  }

  // Lesson 9 (shrunk: 300 images, 20 epochs, two seeds): the branch without dropout starts at
  // its parent's state halfway, its rows start after the branch step, and late in the run its
  // train-test gap is wider than its parent's with dropout.
  void lesson9DropoutOffWidensTheGap() {
    const ExperimentConfig lesson = lessonNumber(lessons(), 9).config;
    QVERIFY(lesson.arms.at(1).isBranch());
    json j = toJson(shrunk(lesson, 0, 20, 300, 500));
    j["train"]["eval_every"] = 10;
    j["train"].erase("seed");
    j["seeds"] = {1, 2};
    const ExperimentConfig config = parseExperimentConfig(j);
    const std::int64_t at = config.arms.at(1).atStep;
    const std::vector<RunRecord> runs = runAll(config);
    std::map<std::string, double> gap;
    for (const RunRecord& r : runs) {
      gap[r.label] += lateGap(r) / 2;
      if (r.arm == 1) QVERIFY(r.metrics.front().step > at);
    }
    const QByteArray what = QString("late train-test gap: dropout 0.5 %1, off from step %2: %3")
                                .arg(gap.at("dropout 0.5")).arg(at).arg(gap.at("dropout off from step 240")).toUtf8();
    qInfo("%s", what.constData());
    QVERIFY2(gap.at("dropout off from step 240") > gap.at("dropout 0.5") + 0.02, what);
  }
};

QTEST_APPLESS_MAIN(TestLessons)
#include "test_lessons.moc"
