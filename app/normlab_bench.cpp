// normlab-bench: trains bench-net (../shared/bench/BENCHNET.md) on in-memory data and prints
// training images/second, to compare side by side with ../shared/bench/torch_one.py.
//
//   normlab-bench [--norm none|batch|layer|instance|group|lrn|all] [--batch N]... [--threads N]
//                 [--seconds S] [--inference] [--probe-every N] [--json]
//
// Like torch_one.py: the first 8,192 Fashion-MNIST training images (z-scored; random data if the
// dataset is not installed), cycled in order; 1 s of warm-up, then S seconds of timed steps.
// --probe-every N also records every layer's probes every N steps (as experiments do), so that
// the cost of probing shows as the images/s ratio of two runs.
//
//   normlab-bench --catch-up CONFIG.json --at N [--arm LABEL] [--threads N]
//
// times an arm added mid-run: the config's arm LABEL (default: the second) trains alone for N
// steps; then every arm trains in lockstep to step N, a copy of LABEL is added
// (Experiment::addArm) and caught up (advanceCatchUp); prints the three wall times.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/error.h"
#include "core/base/gemm_kernels.h"
#include "core/model/model_spec.h"
#include "core/model/presets.h"
#include "core/experiment/probes.h"
#include "core/base/random.h"
#include "core/experiment/experiment.h"

#include <nlohmann/json.hpp>

using namespace normlab;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::vector<std::string> norms;
  std::vector<int> batches;
  int threads = 0;
  double seconds = 3.0;
  bool inference = false;
  bool json = false;
  int probeEvery = 0;  // 0: no probes
  std::string catchUpConfig;  // --catch-up: time an added arm's catch-up instead
  long catchUpAt = 600;
  std::string arm;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "normlab-bench: %s\n"
               "usage: normlab-bench [--norm none|batch|layer|instance|group|lrn|all] [--batch N]...\n"
               "                     [--threads N] [--seconds S] [--inference] [--probe-every N] [--json]\n"
               "       normlab-bench --catch-up CONFIG.json --at N [--arm LABEL] [--threads N]\n",
               problem.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) usage(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  auto number = [&](const std::string& flag, const std::string& text, double lo) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end || !(v >= lo)) usage(flag + " needs a number >= " + std::to_string(lo) + ", got '" + text + "'");
    return v;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--norm") {
      const std::string v = value(i);
      if (v == "all") {
        for (const char* n : {"none", "batch", "layer", "instance", "group", "lrn"}) o.norms.push_back(n);
      } else {
        try { parseNormKind(v); } catch (const NormLabError& e) { usage(e.what()); }
        o.norms.push_back(v);
      }
    } else if (a == "--batch") {
      o.batches.push_back(int(number(a, value(i), 1)));
    } else if (a == "--threads") {
      o.threads = int(number(a, value(i), 1));
    } else if (a == "--seconds") {
      o.seconds = number(a, value(i), 0.01);
    } else if (a == "--probe-every") {
      o.probeEvery = int(number(a, value(i), 1));
    } else if (a == "--inference") {
      o.inference = true;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--catch-up") {
      o.catchUpConfig = value(i);
    } else if (a == "--at") {
      o.catchUpAt = long(number(a, value(i), 1));
    } else if (a == "--arm") {
      o.arm = value(i);
    } else if (a == "--help" || a == "-h") {
      usage("help");
    } else {
      usage("unknown argument '" + a + "'");
    }
  }
  if (o.norms.empty()) o.norms = {"batch"};
  if (o.batches.empty()) o.batches = {32};
  return o;
}

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Trains until every run of `e` has taken `steps` steps (or all ended).
void trainTo(Experiment& e, long steps) {
  for (;;) {
    bool there = true;
    for (int i = 0; i < e.runCount() && there; ++i) there = e.record(i).step >= steps;
    if (there || !e.advance()) return;
  }
}

int catchUp(const Options& o) {
  const ExperimentConfig config = loadExperimentConfig(o.catchUpConfig);
  nlohmann::json arm;
  const nlohmann::json whole = toJson(config);
  if (o.arm.empty()) arm = whole["arms"][std::min<std::size_t>(1, whole["arms"].size() - 1)];
  for (const auto& a : whole["arms"])
    if (!o.arm.empty() && a["label"] == o.arm) arm = a;
  if (arm.is_null()) usage("the config has no arm '" + o.arm + "'");
  nlohmann::json one = whole;
  one["arms"] = nlohmann::json::array({arm});
  Experiment alone(parseExperimentConfig(one), o.threads);
  alone.prepare();
  auto t0 = Clock::now();
  trainTo(alone, o.catchUpAt);
  const double aloneSeconds = secondsSince(t0);
  Experiment e(config, o.threads);
  e.prepare();
  t0 = Clock::now();
  trainTo(e, o.catchUpAt);
  const double lockstepSeconds = secondsSince(t0);
  arm["label"] = arm["label"].get<std::string>() + " (added)";
  e.addArm(arm);
  t0 = Clock::now();
  long steps = 0;
  while (e.advanceCatchUp()) ++steps;
  const double catchUpSeconds = secondsSince(t0);
  const std::string label = arm["label"].get<std::string>();
  std::printf("threads %d\n", e.threads());
  std::printf("arm alone, %ld steps: %.2f s\n", o.catchUpAt, aloneSeconds);
  std::printf("%zu arms in lockstep to step %ld: %.2f s (%.2f s per arm)\n", config.arms.size(), o.catchUpAt,
              lockstepSeconds, lockstepSeconds / double(config.arms.size()));
  std::printf("%s caught up in %ld steps: %.2f s (%.2f x the arm alone)\n", label.c_str(), steps, catchUpSeconds,
              catchUpSeconds / aloneSeconds);
  return 0;
}

// 8,192 images as float, z-scored like BENCHNET.md's input; random if Fashion-MNIST is missing.
struct BenchData {
  std::vector<float> x;
  std::vector<int> y;
  int count = 8192;
  Shape shape{1, 28, 28};
  std::string source;
};

BenchData loadData() {
  BenchData d;
  d.x.resize(std::size_t(d.count) * d.shape.size());
  d.y.resize(d.count);
  try {
    const Dataset fm = loadFashionMnist();
    const InputTransform t = fitInputTransform(fm.train, Preprocess::ZScore);
    std::vector<int> idx(d.count);
    for (int i = 0; i < d.count; ++i) idx[i] = i;
    Tensor<float> x{d.x.data(), d.count, d.shape};
    fillBatch(fm.train, idx.data(), d.count, t, x, d.y.data());
    d.source = "fashion-mnist";
  } catch (const NormLabError& e) {
    std::fprintf(stderr, "normlab-bench: %s; timing on random data instead\n", e.what());
    Random rng(streamKey(0, Purpose::Data));
    for (auto& v : d.x) v = float(rng.normal());
    for (auto& v : d.y) v = int(rng.below(10));
    d.source = "random";
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  if (!o.catchUpConfig.empty()) {
    try {
      return catchUp(o);
    } catch (const NormLabError& e) {
      std::fprintf(stderr, "normlab-bench: %s\n", e.what());
      return 1;
    }
  }
  const BenchData data = loadData();
  ThreadPool pool(o.threads);
  const ModelSpec spec = preset("bench-net");
  const double flopPerImage = o.inference ? 2.436096e6 : 7.082496e6;  // BENCHNET.md
  if (!o.json)
    std::printf("bench-net on %s, %d thread(s), %s, %.1f s per configuration, %s GEMM kernels\n",
                data.source.c_str(), pool.threads(), o.inference ? "inference" : "training", o.seconds,
                gemmKernels());
  for (const std::string& norm : o.norms) {
    for (int batch : o.batches) {
      ArmSettings arm;
      arm.norm.kind = parseNormKind(norm);
      arm.norm.lrnK = 2.0;  // BENCHNET.md's LRN uses k = 2
      arm.seed = 0;
      BuiltModel<float> model = buildModel<float>(spec, arm, batch);
      Network<float>& net = model.network;
      OptimizerConfig oc;
      oc.lr = 0.05;
      oc.momentum = 0.9;
      Optimizer<float> opt(oc, net.params());
      auto loss = makeLoss<float>(LossKind::CrossEntropy);
      ProbeScratch scratch;
      const int batches = data.count / batch;
      std::int64_t step = 0;
      auto runStep = [&] {
        const int b = int(step % batches);
        Tensor<float> x{const_cast<float*>(data.x.data()) + std::size_t(b) * batch * data.shape.size(), batch,
                        data.shape};
        const int* labels = data.y.data() + std::size_t(b) * batch;
        StepContext ctx{&pool, 0, step};
        if (o.inference)
          evaluateBatch(net, *loss, x, labels, Mode::Eval, ctx);
        else {
          const bool probe = o.probeEvery > 0 && step % o.probeEvery == 0;
          trainStep(net, *loss, opt, x, labels, ctx, probe);
          if (probe) probeNetwork(net, opt, 40, scratch, &pool);
        }
        ++step;
      };
      const auto warmEnd = Clock::now() + std::chrono::seconds(1);
      while (Clock::now() < warmEnd) runStep();
      std::vector<double> times;
      const auto t0 = Clock::now();
      const auto end = t0 + std::chrono::duration<double>(o.seconds);
      for (;;) {
        const auto a = Clock::now();
        runStep();
        const auto b = Clock::now();
        times.push_back(std::chrono::duration<double>(b - a).count());
        if (b >= end) break;
      }
      double total = 0;
      for (double t : times) total += t;
      std::sort(times.begin(), times.end());
      const double imagesPerS = double(times.size()) * batch / total;
      const double medianMs = 1000 * times[times.size() / 2];
      if (o.json)
        std::printf("{\"peer\": \"normlab\", \"norm\": \"%s\", \"batch\": %d, \"threads\": %d, \"inference\": %s, "
                    "\"probe_every\": %d, \"images_per_s\": %.1f, \"step_ms_median\": %.3f, \"gflop_per_s\": %.1f, "
                    "\"gemm_kernels\": \"%s\"}\n",
                    norm.c_str(), batch, pool.threads(), o.inference ? "true" : "false", o.probeEvery, imagesPerS,
                    medianMs, imagesPerS * flopPerImage / 1e9, gemmKernels());
      else
        std::printf("%-9s batch %4d: %9.1f images/s  median step %7.3f ms  %5.1f GFLOP/s\n", norm.c_str(), batch,
                    imagesPerS, medianMs, imagesPerS * flopPerImage / 1e9);
      std::fflush(stdout);
    }
  }
  return 0;
}
