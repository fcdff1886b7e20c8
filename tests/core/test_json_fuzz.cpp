// Fuzzing the readers of untrusted JSON: experiment configs (with an inline model spec, or a folder
// of images as the dataset) and .normlab files, mutated by truncation, byte flips, type changes,
// deep nesting, huge numbers, repeated keys and inconsistent counts. Every input must either parse or throw NormLabError with
// a short message: never another exception, never a crash (run it under ASan/UBSan too).
// Seeded and bounded by iteration count, never by the clock.
#include <QtTest>

#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/experiment/job_plan.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"

using namespace normlab;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxMessageBytes = 1000;  // "a bounded-length message"

// The config fuzzed: every section present, including an inline model spec, a branch, events and a
// lesson.
const char* const kConfig = R"({"name": "fuzz", "dataset": {"name": "synthetic", "train": 64, "test": 16, "size": 8,
  "train_subset": 32, "stratified": true},
  "model": {"name": "m", "input": [1, 8, 8], "classes": 10, "layers": [
    {"type": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1}, {"type": "norm"}, {"type": "activation"},
    {"type": "max_pool"}, {"type": "flatten"}, {"type": "dense", "out_features": 12}, {"type": "norm"},
    {"type": "relu"}, {"type": "dense", "out_features": 10}]},
  "train": {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "batch_size": 8, "steps": 6, "eval_every": 3,
            "activation": "tanh"},
  "arms": [{"label": "bn", "norm": "batch"}, {"norm": "group", "groups": 2, "lr": 0.1},
           {"norm": "instance", "optimizer": "adam", "beta1": 0.8},
           {"label": "br", "branch_from": "bn", "at_step": 3, "norm": "group", "groups": 2, "lr": 0.2, "momentum": 0.5}],
  "events": [{"at_step": 2, "lr": 0.1}, {"at_step": 4, "lr": 0.02, "arm": "br"}, {"at_step": 4, "lr": 0.03, "arm": "bn", "change": 2}],
  "seeds": [1, 2], "probe_every": 3, "histogram_bins": 8,
  "lesson": {"number": 1, "title": "t", "text": "A text.", "watch": "Layers"}})";

// A sweep written as a grid crossed with listed arms, and one job file of a plan of it: what
// `normlab-cli plan` writes and `run` reads (core/experiment/grid.h, job_info.h).
const char* const kGridConfig = R"({"name": "fuzz grid", "dataset": {"name": "synthetic", "train": 64, "test": 16, "size": 8},
  "model": {"name": "m", "input": [1, 8, 8], "classes": 10, "layers": [
    {"type": "conv2d", "out_channels": 4, "kernel": 3, "padding": 1}, {"type": "norm"}, {"type": "relu"},
    {"type": "flatten"}, {"type": "dropout", "p": 0.1}, {"type": "dense", "out_features": 10}]},
  "train": {"optimizer": "sgd", "lr": 0.05, "batch_size": 8, "steps": 6},
  "arms": [{"label": "GN2", "norm": "group", "groups": 2}, {"norm": "batch"}],
  "grid": {"batch_size": [2, 4, 8], "lr": [0.01, 0.1], "dropout": [0, 0.5], "momentum": [0.9],
           "init": ["xavier", "pytorch"], "input_norm": ["raw"], "steps": [3]},
  "seeds": [1, 2]})";

// A folder of the class's own images: every key of that dataset (the folder is not read when a
// config is parsed).
const char* const kImagesConfig = R"({"name": "fuzz images", "dataset": {"name": "images", "path": "no-such-folder",
  "size": 8, "channels": 1, "test_fraction": 0.25, "skip_bad_images": true, "train_subset": 30, "test_subset": 9},
  "model": {"name": "m", "input": [1, 8, 8], "classes": 3, "layers": [
    {"type": "conv2d", "out_channels": 2, "kernel": 3, "padding": 1}, {"type": "norm"}, {"type": "relu"},
    {"type": "flatten"}, {"type": "dense", "out_features": 3}]},
  "train": {"lr": 0.05, "batch_size": 4, "steps": 4}, "arms": [{"norm": "batch"}, {"norm": "layer"}]})";

std::string jobConfigText() {
  const ExperimentConfig whole = parseExperimentConfig(kGridConfig);
  return toJson(jobConfig(whole, planJobs(whole, 3), 5)).dump();
}

// A small .normlab file of a real (tiny) experiment, with a branch, an event and a learning-rate
// change mid-run.
std::string savedFileText() {
  ExperimentConfig config = parseExperimentConfig(R"({"name": "fuzz file", "dataset": {"name": "synthetic",
    "train": 48, "test": 16, "size": 8}, "model": {"name": "m", "input": [1, 8, 8], "classes": 10, "layers": [
    {"type": "conv2d", "out_channels": 2, "kernel": 3, "padding": 1}, {"type": "norm"}, {"type": "relu"},
    {"type": "flatten"}, {"type": "dense", "out_features": 10}]},
    "train": {"lr": 0.05, "batch_size": 8, "steps": 4, "eval_every": 2},
    "arms": [{"norm": "batch"}, {"norm": "none"}, {"label": "b", "branch_from": "batch", "at_step": 2, "lr": 0.2}],
    "events": [{"at_step": 1, "lr": 0.04}], "probe_every": 2, "histogram_bins": 8})");
  Experiment e(config);
  e.prepare();
  while (e.stepsDone() < 4 && e.advance()) {}
  e.setLearningRate(0.1);  // so the file has "learning_rate_changes" to mutate
  while (e.advance()) {}
  return toJson(snapshotResults(e)).dump();
}

class Fuzzer {
 public:
  explicit Fuzzer(std::uint64_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return n ? std::size_t(rng_() % n) : 0; }

  // One mutation of `text` (valid JSON), chosen at random.
  std::string mutate(const std::string& text) {
    switch (below(8)) {
      case 0: return text.substr(0, below(text.size()));  // truncation
      case 1: return flipBytes(text);
      case 2: return replaceValue(text, randomValue());   // a type change
      case 3: return replaceValue(text, deepValue());
      case 4: return replaceValue(text, hugeNumber());
      case 5: return repeatKey(text);
      case 6: return changeCount(text);
      default: return replaceValue(replaceValue(text, randomValue()), hugeNumber());
    }
  }

 private:
  std::string flipBytes(std::string text) {
    for (std::size_t k = 0, n = 1 + below(4); k < n && !text.empty(); ++k) text[below(text.size())] = char(rng_());
    return text;
  }
  std::string randomValue() {
    static const char* const values[] = {"\"x\"", "-1", "0", "1.5", "null", "true", "[]", "{}", "[1, 2]",
                                         "{\"a\": 1}", "9223372036854775807", "18446744073709551615",
                                         "-9223372036854775808", "2147483648", "1e300", "-0", "\"\""};
    if (below(10) == 0) {  // a long string
      std::string s = "\"";
      s.append(300 + below(3000), 'L');
      return s += '"';
    }
    return values[below(std::size(values))];
  }
  std::string deepValue() {
    const std::size_t depth = 60 + below(3000);
    if (below(2)) return std::string(depth, '[') + std::string(depth, ']');
    std::string s;
    for (std::size_t k = 0; k < depth; ++k) s += "{\"a\":";
    return s + "1" + std::string(depth, '}');
  }
  std::string hugeNumber() {
    static const char* const values[] = {"1e999", "-1e999", "1e-999", "123456789012345678901234567890",
                                         "-123456789012345678901234567890", "1.7976931348623157e308", "4e38"};
    return values[below(std::size(values))];
  }

  // A random value inside j (every node equally likely is not needed: a random walk from the root).
  json* randomNode(json& j) {
    json* node = &j;
    while ((node->is_object() || node->is_array()) && !node->empty() && below(5) != 0) {
      auto it = node->begin();
      std::advance(it, std::ptrdiff_t(below(node->size())));
      node = &*it;
    }
    return node;
  }
  // Replaces a random value by `replacement` (raw JSON text, maybe invalid or deep).
  std::string replaceValue(const std::string& text, const std::string& replacement) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return text + replacement;
    *randomNode(j) = "@@FUZZ@@";
    std::string out = j.dump();
    out.replace(out.find("\"@@FUZZ@@\""), 10, replacement);
    return out;
  }
  // Repeats one key of a random object with another value.
  std::string repeatKey(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return text;
    json* node = randomNode(j);
    for (int tries = 0; tries < 20 && !(node->is_object() && !node->empty()); ++tries) node = randomNode(j);
    if (!node->is_object() || node->empty()) return j.dump();
    auto it = node->begin();
    std::advance(it, std::ptrdiff_t(below(node->size())));
    const std::string key = it.key();
    (*node)["@@DUP@@"] = json::parse(randomValue());
    std::string out = j.dump();
    out.replace(out.find("\"@@DUP@@\""), 9, json(key).dump());
    return out;
  }
  // Counts that disagree: runs, arms, seeds, histogram bins, list lengths.
  std::string changeCount(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return text;
    json* node = randomNode(j);
    for (int tries = 0; tries < 20 && !(node->is_array() && !node->empty()); ++tries) node = randomNode(j);
    if (!node->is_array() || node->empty()) return j.dump();
    if (below(2)) node->erase(below(node->size()));
    else node->push_back((*node)[below(node->size())]);
    return j.dump();
  }

  std::mt19937_64 rng_;
};

// Parses `input` with `parse`: "" when it parsed or threw a short NormLabError (`parsed` says
// which), else what went wrong.
std::string problemParsing(const std::string& input, const std::function<void(std::string_view)>& parse, bool& parsed) {
  parsed = false;
  try {
    parse(input);
    parsed = true;
  } catch (const NormLabError& e) {
    const std::size_t size = std::strlen(e.what());
    if (size > kMaxMessageBytes) return "a " + std::to_string(size) + "-byte message: " + std::string(e.what(), 300);
  } catch (const std::exception& e) {
    return std::string("not a NormLabError: ") + e.what();
  } catch (...) {
    return "an unknown exception";
  }
  return {};
}

// Runs `iterations` mutations of `text`; returns how many parsed, or -1 after failing the test.
int fuzz(const std::string& text, int iterations, std::uint64_t seed,
         const std::function<void(std::string_view)>& parse) {
  Fuzzer fuzzer(seed);
  int parsed = 0;
  for (int i = 0; i < iterations; ++i) {
    std::string input = fuzzer.mutate(text);
    if (fuzzer.below(4) == 0) input = fuzzer.mutate(input);  // sometimes two mutations
    bool ok = false;
    const std::string problem = problemParsing(input, parse, ok);
    if (!problem.empty()) {
      const std::string where = "iteration " + std::to_string(i) + " (seed " + std::to_string(seed) + "): ";
      QTest::qFail((where + problem + "; input starts " + input.substr(0, 200)).c_str(), __FILE__, __LINE__);
      return -1;
    }
    parsed += ok;
  }
  return parsed;
}

}  // namespace

class TestJsonFuzz : public QObject {
  Q_OBJECT

 private slots:
  void configsParseOrFailCleanly() {
    parseExperimentConfig(kConfig);  // the seed input itself is valid
    const int parsed = fuzz(kConfig, 4000, 20261204, [](std::string_view text) {
      const ExperimentConfig c = parseExperimentConfig(text);
      normNotes(c);
      parseExperimentConfig(toJson(c));  // what parses also writes back and parses again
    });
    QVERIFY(parsed >= 0);
    qInfo("%d of 4000 mutated configs parsed", parsed);
  }

  void gridAndJobConfigsParseOrFailCleanly() {
    for (const std::string& text : {std::string(kGridConfig), jobConfigText()}) {
      parseExperimentConfig(text);
      const int parsed = fuzz(text, 2000, 20261207, [](std::string_view input) {
        const ExperimentConfig c = parseExperimentConfig(input);
        normNotes(c);
        parseExperimentConfig(toJson(c));
      });
      QVERIFY(parsed >= 0);
      qInfo("%d of 2000 mutated configs parsed", parsed);
    }
  }

  void imageFolderConfigsParseOrFailCleanly() {
    parseExperimentConfig(kImagesConfig);
    const int parsed = fuzz(kImagesConfig, 2000, 20261208, [](std::string_view text) {
      parseExperimentConfig(toJson(parseExperimentConfig(text)));
    });
    QVERIFY(parsed >= 0);
    qInfo("%d of 2000 mutated image-folder configs parsed", parsed);
  }

  void experimentFilesParseOrFailCleanly() {
    const std::string text = savedFileText();
    parseExperimentFile(text);
    const int parsed = fuzz(text, 1500, 42, [](std::string_view input) {
      const ExperimentResults r = parseExperimentFile(input);
      // What opens must also export: the CSV builders read every value.
      metricsCsv(r);
      layersCsv(r);
      histogramsCsv(r);
      runsCsv(r);
      for (const RunRecord& run : r.runs)
        for (const SummaryRow& row : run.modelLayers) (void)(row.params() + row.shape.size());
    });
    QVERIFY(parsed >= 0);
    qInfo("%d of 1500 mutated .normlab files parsed", parsed);
  }
};

QTEST_MAIN(TestJsonFuzz)
#include "test_json_fuzz.moc"
