#include "core/experiment/memory_estimate.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>

#include "core/base/error.h"
#include "core/experiment/experiment.h"
#include "core/base/partition.h"

namespace normlab {

namespace {

constexpr std::uint64_t kFloat = sizeof(float);
// Resident size of normlab-cli before any experiment (measured: about 20 MiB with Qt Core).
constexpr std::uint64_t kProgramBytes = std::uint64_t(24) << 20;

// The explainer's block kept with each probe: 4 samples x 4 channels x 6 x 6.
constexpr std::uint64_t kBlockValues = 4 * 4 * 6 * 6;

std::uint64_t groupsOf(const NormConfig& n, int channels) {
  switch (n.kind) {
    case NormKind::Batch: case NormKind::Instance: return std::uint64_t(channels);
    case NormKind::Group: return std::uint64_t(std::max(n.groups, 1));
    default: return 1;
  }
}

struct RunTerms {
  std::uint64_t activations = 0, scratch = 0, parameters = 0, optimizer = 0, input = 0, histories = 0;
};

// Mirrors the allocations of Network::plan and each layer's plan() for one arm's layers.
RunTerms runTerms(const ExperimentConfig& c, const ArmConfig& arm, std::uint64_t trainImages) {
  const ArmSettings settings = arm.armSettings(c.seeds.front());
  const ModelSpec spec = arrangeNorms(c.model, settings.normPosition);
  const std::vector<Shape> shapes = specOutputShapes(spec);
  std::map<std::string, NormPlacement> norms;
  for (const NormPlacement& p : planNorms(c.model, settings)) norms[p.name] = p;
  const std::uint64_t batch = std::uint64_t(std::max(arm.train.batchSize, kMinEvalBatch));
  const std::uint64_t parts = std::uint64_t(batchParts(int(batch)));
  RunTerms t;
  std::uint64_t params = 0, layers = 0;
  Shape in = spec.input;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const Shape out = shapes[i];
    const std::uint64_t inSize = std::uint64_t(in.size()), outSize = std::uint64_t(out.size());
    const auto placed = norms.find(l.name);
    if (l.type == LayerType::Norm && (placed == norms.end() || !placed->second.present())) continue;  // not built
    t.activations += 2 * batch * outSize * kFloat;  // output and its gradient
    ++layers;
    switch (l.type) {
      case LayerType::Conv2d: {
        const std::uint64_t rows = std::uint64_t(in.c) * l.kernel * l.kernel, cols = std::uint64_t(out.spatial());
        const bool direct = l.kernel == 1 && l.stride == 1 && l.padding == 0;
        t.scratch += parts * ((direct ? 0 : rows * cols) + std::uint64_t(l.outChannels) * rows + std::uint64_t(l.outChannels)) * kFloat;
        params += std::uint64_t(l.outChannels) * rows + (l.bias ? std::uint64_t(l.outChannels) : 0);
        break;
      }
      case LayerType::Dense:
        params += std::uint64_t(l.outFeatures) * inSize + (l.bias ? std::uint64_t(l.outFeatures) : 0);
        break;
      case LayerType::MaxPool: t.scratch += batch * outSize * sizeof(int); break;
      case LayerType::Dropout: t.scratch += batch * inSize * kFloat; break;
      case LayerType::Norm: {
        NormConfig n = arm.norm;
        n.kind = placed->second.kind;
        if (n.kind == NormKind::LocalResponse) {
          t.scratch += 2 * batch * inSize * kFloat + kMaxBatchParts * std::uint64_t(in.spatial()) * sizeof(double);
          break;
        }
        const std::uint64_t sets = n.kind == NormKind::Batch ? groupsOf(n, in.c) : batch * groupsOf(n, in.c);
        // gamma and beta: per channel, or per element (layer norm as nn.LayerNorm([C, H, W]))
        const bool perElement = n.affine && n.affineShape == AffineShape::Element;
        const std::uint64_t affineSize = perElement ? inSize : std::uint64_t(in.c);
        t.scratch += (3 * sets + 2 * kMaxBatchParts * affineSize) * sizeof(double);
        if (n.affine) params += 2 * affineSize;
        if (n.kind == NormKind::Batch) t.parameters += 2 * 2 * std::uint64_t(in.c) * kFloat;  // running stats
        break;
      }
      default: break;
    }
    in = out;
  }
  t.parameters += 2 * params * kFloat;  // values and gradients
  const OptimizerConfig& o = arm.train.optimizer;
  const int states = o.kind == OptimizerKind::Adam ? 2 : o.momentum != 0 ? 1 : 0;
  t.optimizer = std::uint64_t(states) * params * kFloat;
  t.input = batch * std::uint64_t(spec.input.size()) * kFloat + 3 * batch * sizeof(int) + trainImages * sizeof(int);
  // Probes: per layer its stats, histogram and a strided activation sample (ProbeScratch).
  const std::uint64_t perLayer = sizeof(LayerStats) + std::uint64_t(c.histogramBins) * kFloat + 2 * sizeof(ParamStats);
  t.histories = kMetricHistory * sizeof(MetricPoint) +
                kProbeHistory * (sizeof(ProbeRecord) + layers * perLayer + kBlockValues * kFloat) +
                layers * kProbeSampleLimit * kFloat;
  return t;
}

std::string runName(const ArmConfig& arm, std::uint64_t seed) {
  return "run '" + arm.label + "' seed " + std::to_string(seed);
}

}  // namespace

std::uint64_t MemoryEstimate::total() const {
  std::uint64_t sum = 0;
  for (const MemoryTerm& t : terms) sum += t.bytes;
  return sum;
}

const MemoryTerm& MemoryEstimate::largest() const {
  return *std::max_element(terms.begin(), terms.end(),
                           [](const MemoryTerm& a, const MemoryTerm& b) { return a.bytes < b.bytes; });
}

std::optional<DatasetSize> expectedDatasetSize(const DataConfig& d) {
  // Every image as read: subsets and the validation split are cut from the full splits. Files are
  // read whole and then parsed into a copy; a subset or split copies what it keeps.
  const bool cut = d.trainSubset > 0 || d.testSubset > 0 || d.validation > 0;
  if (d.name == "fashion-mnist") return DatasetSize{70000, Shape{1, 28, 28}, 60000, 60000};
  if (d.name == "cifar10") return DatasetSize{60000, Shape{3, 32, 32}, 50000, 50000};
  if (d.name == "synthetic")
    return DatasetSize{std::int64_t(d.synthetic.train) + d.synthetic.test, Shape{1, d.synthetic.size, d.synthetic.size},
                       d.synthetic.train, cut ? d.synthetic.train : 0};
  if (d.name == "images") {
    // The folder's files are counted (a quick listing); one decoded image at a time is read, and
    // a plain subset reads only the images it keeps (loadImageFolder's limits).
    ImageFolderConfig images = d.images;
    images.path = d.path;
    try {
      const ImageFolderListing files = listImageFolder(images, 0);
      auto kept = [&](std::size_t listed, int subset) {
        return subset > 0 && !d.stratified ? std::min(std::int64_t(listed), std::int64_t(subset)) : std::int64_t(listed);
      };
      const std::int64_t train = kept(files.train.size(), d.trainSubset), test = kept(files.test.size(), d.testSubset);
      return DatasetSize{train + test, Shape{images.channels, images.size, images.size}, train, cut ? train : 0};
    } catch (const NormLabError&) {
      return std::nullopt;  // loading says what is wrong, naming the file
    }
  }
  return std::nullopt;
}

DatasetSize loadedDatasetSize(const LoadedData& data) {
  const Dataset& d = data.dataset;
  return {std::int64_t(d.train.size()) + d.test.size() + data.validation.size(), d.train.shape, d.train.size(), 0};
}

MemoryEstimate estimateMemory(const ExperimentConfig& c, const std::optional<DatasetSize>& data) {
  MemoryEstimate e;
  e.datasetKnown = data.has_value();
  e.terms.push_back({"the program (code, libraries, thread stacks)", kProgramBytes});
  std::uint64_t trainImages = 0;
  if (data) {
    const std::uint64_t perImage = std::uint64_t(data->shape.size());
    e.terms.push_back({"dataset " + c.data.name + " (" + std::to_string(data->images) + " images of " +
                           data->shape.str() + ")",
                       std::uint64_t(data->images) * (perImage + sizeof(int))});
    if (data->copiedImages > 0)
      e.terms.push_back({"dataset " + c.data.name + " copy while reading", std::uint64_t(data->copiedImages) * perImage});
    trainImages = std::uint64_t(data->trainImages);
  }
  for (std::uint64_t seed : c.seeds)
    for (const ArmConfig& arm : c.arms) {
      const RunTerms t = runTerms(c, arm, trainImages);
      const std::string run = runName(arm, seed);
      const std::string batch = std::to_string(std::max(arm.train.batchSize, kMinEvalBatch));
      e.terms.push_back({run + ": activations and gradients for batches of " + batch, t.activations});
      e.terms.push_back({run + ": layer scratch for batches of " + batch, t.scratch});
      e.terms.push_back({run + ": parameters and their gradients", t.parameters});
      e.terms.push_back({run + ": optimizer state", t.optimizer});
      e.terms.push_back({run + ": input batch and sample order", t.input});
      e.terms.push_back({run + ": metric and probe histories", t.histories});
    }
  return e;
}

MemoryBudget defaultMemoryBudget() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
  std::uint64_t physical = pages > 0 && pageSize > 0 ? std::uint64_t(pages) * std::uint64_t(pageSize) : 0;
  std::string what = "this machine's";
  // A container's limit (cgroup v2) is what the kernel enforces.
  std::ifstream cgroup("/sys/fs/cgroup/memory.max");
  std::string limit;
  if (cgroup >> limit && limit != "max") {
    const std::uint64_t bytes = std::strtoull(limit.c_str(), nullptr, 10);
    if (bytes > 0 && (physical == 0 || bytes < physical)) {
      physical = bytes;
      what = "the container's";
    }
  }
  if (physical == 0) return {std::uint64_t(1) << 32, "4 GiB (the physical memory is unknown)"};
  return {physical / 4 * 3, "75% of " + what + " " + formatBytes(physical)};
}

std::uint64_t parseByteSize(const std::string& text) {
  double value = 0;  // a dot for decimals whatever the locale
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(end, text.data() + text.size());
  static const std::map<std::string, double> kUnits{
      {"", 1},          {"B", 1},           {"K", 1024.0},     {"KiB", 1024.0},      {"kB", 1e3},  {"KB", 1e3},
      {"M", 1048576.0}, {"MiB", 1048576.0}, {"MB", 1e6},       {"G", 1073741824.0},  {"GiB", 1073741824.0},
      {"GB", 1e9},      {"T", 1099511627776.0}, {"TiB", 1099511627776.0}, {"TB", 1e12}};
  const auto u = kUnits.find(unit);
  const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
  if (text.empty() || error != std::errc() || u == kUnits.end() || !(value > 0) ||
      !(value * u->second < 1.8e19))
    throw NormLabError("a memory size is a positive number with an optional unit (e.g. 8GiB, 512MiB, 2GB), got '" +
                       shown + "'");
  return std::uint64_t(value * u->second);
}

std::string formatBytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  const char* units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double v = double(bytes) / 1024;
  int u = 0;
  while (v >= 1024 && u < 5) {
    v /= 1024;
    ++u;
  }
  char buf[32];  // "%.1f" in the C locale
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr) + " " + units[u];
}

std::string describeEstimate(const MemoryEstimate& e, const MemoryBudget& budget) {
  std::string s = "about " + formatBytes(e.total()) + " (budget " + formatBytes(budget.bytes) + ", " + budget.origin + ")";
  if (!e.terms.empty()) s += "; largest: " + e.largest().what + " (" + formatBytes(e.largest().bytes) + ")";
  if (!e.datasetKnown) s += "; the dataset is counted once it is loaded";
  return s;
}

void checkMemoryBudget(const MemoryEstimate& e, const MemoryBudget& budget) {
  if (e.total() <= budget.bytes) return;
  throw NormLabError("the experiment needs " + describeEstimate(e, budget) +
                     ": use smaller batches, images or models, or fewer arms or seeds, or raise the memory budget");
}

void throwOutOfMemory(const std::string& what, std::uint64_t bytes) {
  throw NormLabError("out of memory while " + what + (bytes ? " (" + formatBytes(bytes) + " requested)" : ""));
}

}  // namespace normlab
