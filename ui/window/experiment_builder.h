// Pure logic behind the side panel: the settings a user picks (ControlSettings) become an
// ExperimentConfig. No widgets here, so every rule is unit-testable; the config is assembled as
// JSON and parsed, so the GUI gets exactly the validation (and messages) the command line gets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/experiment/experiment_config.h"

namespace normlab {

// What the comparison's arms differ in.
enum class VarySetting { Norm, BatchSize, Dropout };
const char* varySettingName(VarySetting v);  // "norm", "batch_size", "dropout"

struct ControlSettings {
  // Data
  std::string dataset = "fashion-mnist";  // fashion-mnist | synthetic | idx | cifar10 | images
  std::string dataPath;                   // idx / cifar10 / images folder
  // A folder of images: the size and channels they are read at, the share of each class held out
  // for testing when the folder has no train/ and test/ (0: it has them), skip unreadable files.
  int imageSize = 28, imageChannels = 1;
  double imageTestFraction = 0;
  bool skipBadImages = false;
  int trainSubset = 10000;                // 0 = all
  int testSubset = 2000;
  // Model
  std::string preset = "small-cnn";
  // Arms when varying the norm: the checked norm types, in this order.
  std::vector<NormKind> norms = {NormKind::None,     NormKind::Batch, NormKind::Layer,
                                 NormKind::Instance, NormKind::Group, NormKind::LocalResponse};
  // Norm parameters ("Advanced")
  int groups = 4;
  double normEps = 1e-5, normMomentum = 0.1;
  int lrnSize = 5;
  double lrnAlpha = 1e-4, lrnBeta = 0.75, lrnK = 1.0;
  // Training
  int batchSize = 32;
  double dropout = 0.25;                  // used only if the preset has dropout layers
  std::string optimizer = "sgd";          // sgd | adam
  double lr = 0.05;
  double momentum = 0.9;                  // SGD only
  std::string activation;                 // "" = the preset's own; else relu|leaky_relu|sigmoid|tanh
  std::uint64_t seed = 1;
  int epochs = 2;
  std::int64_t steps = 0;                 // > 0: train this many steps instead of epochs
  int evalEvery = 50;
  int probeEvery = 10;
  // Vary one setting instead of the norm
  VarySetting vary = VarySetting::Norm;
  NormKind varyNorm = NormKind::Batch;    // the one norm used when varying batch size / dropout
  std::vector<int> varyBatchSizes = {2, 8, 32};
  std::vector<double> varyDropouts = {0.0, 0.25, 0.5};
  // What is wrong with the Vary list as typed (parseVaryList's problem): while it is set the
  // experiment is not built, so a bad entry is never dropped in silence.
  std::string varyValuesProblem;
};

// A Vary list as typed ("2, 8, 32" or "0 0.25 0.5"): the values it names, in order, and one line
// naming every entry that cannot be used and why ("\"abc\" is not a number; 1.5 is not a dropout
// rate: give rates from 0 up to (not including) 1"), empty when all are good or the list is empty.
struct VaryList {
  std::vector<double> values;
  std::string problem;
};
VaryList parseVaryList(VarySetting vary, const std::string& text);

// Short arm label for a norm: "none", "BN", "LN", "IN", "GN", "LRN".
std::string normShortLabel(NormKind kind);

// Whether the preset has dropout layers / activation placeholders (else the control is disabled
// and the key is not written). Unknown presets: false.
bool presetHasDropout(const std::string& preset);
bool presetHasActivation(const std::string& preset);

// The config as JSON (what "Save experiment" would write). Throws NormLabError when no arm is
// selected.
nlohmann::json experimentJson(const ControlSettings& settings);
// Parsed and validated; throws NormLabError naming the problem.
ExperimentConfig buildExperiment(const ControlSettings& settings);

}  // namespace normlab
