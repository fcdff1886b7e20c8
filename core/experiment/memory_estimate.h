// How much memory an experiment will need before anything is allocated, and the budget it must
// fit: validate, run and the GUI's Start refuse a config whose estimate exceeds the budget, so a
// config that validates does not die in std::bad_alloc. The terms follow what is really held:
// the program itself, the dataset (uint8 pixels and int labels, once, shared by every run, plus
// the copy made while it is read or split) and, per (arm, seed) run, activations and gradients for the planned batch
// (network.cpp), layer scratch (each layer's plan()), parameters with their gradients, optimizer
// state, the input batch and the sample order, and the bounded histories of metrics and probes.
// Must not depend on Qt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/experiment/experiment_config.h"

namespace normlab {

struct MemoryTerm {
  std::string what;  // "dataset fashion-mnist (70000 images of 1x28x28)", "run 'BN' seed 1: ..."
  std::uint64_t bytes = 0;
};

struct MemoryEstimate {
  std::vector<MemoryTerm> terms;
  bool datasetKnown = true;  // false: an idx folder, counted once it is loaded
  std::uint64_t total() const;
  const MemoryTerm& largest() const;  // terms must not be empty
};

// Images of one split as held in memory, for the dataset term.
struct DatasetSize {
  std::int64_t images = 0;  // train + test (validation is carved out of train), as read
  Shape shape;              // per image
  std::int64_t trainImages = 0;  // each run keeps a sample order of this many indices
  std::int64_t copiedImages = 0;  // images held twice while loading (file bytes and parsed copy,
                                  // a subset or split); 0 once loaded
};

// The dataset as the config describes it, where known before loading (not for "idx").
std::optional<DatasetSize> expectedDatasetSize(const DataConfig& data);
// The dataset as loaded.
DatasetSize loadedDatasetSize(const LoadedData& data);

// Dataset term (if given) and one term per run (arm x seed) and kind of memory.
MemoryEstimate estimateMemory(const ExperimentConfig& config, const std::optional<DatasetSize>& data);

struct MemoryBudget {
  std::uint64_t bytes = 0;
  std::string origin;  // "75% of this machine's 15.5 GiB", "--memory-budget 8GiB"
};

// 75% of the physical memory (or of the cgroup's memory.max where that is lower).
MemoryBudget defaultMemoryBudget();
// "8GiB", "512MiB", "2.5GB", "1000000" (bytes): KiB/MiB/GiB/TiB are powers of 1024, kB/MB/GB/TB
// of 1000, K/M/G/T mean KiB/MiB/GiB/TiB. Throws NormLabError naming the text.
std::uint64_t parseByteSize(const std::string& text);
// "1.5 GiB", "320.0 MiB", "512 bytes".
std::string formatBytes(std::uint64_t bytes);

// One line: "about 1.2 GiB (budget 11.6 GiB, 75% of ...); largest: <term> (800.0 MiB)".
std::string describeEstimate(const MemoryEstimate& estimate, const MemoryBudget& budget);
// Throws NormLabError naming the total, the budget and the largest term when total > budget.
void checkMemoryBudget(const MemoryEstimate& estimate, const MemoryBudget& budget);

// Rethrown from std::bad_alloc: "out of memory while <what> (<bytes> requested)"; bytes 0: unknown.
[[noreturn]] void throwOutOfMemory(const std::string& what, std::uint64_t bytes);

}  // namespace normlab
