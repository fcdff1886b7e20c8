// Model specs: the JSON description of a network with `norm` and `activation` placeholders that
// each comparison arm fills in; parsing with validation (every error names the layer, the key and
// the value), and building a planned, initialised Network<T> for one arm. Layer names key the
// weight-init and dropout streams, so arms share weights layer by layer. Must not depend on Qt.
//
// Spec format:
//   { "name": "bench-net", "description": "...", "input": [C, H, W] (or [features]),
//     "classes": 10, "activation": "relu" (default for placeholders),
//     "layers": [ {"type": "conv2d", "name": "conv1", "out_channels": 16, "kernel": 3,
//                  "stride": 1, "padding": 1, "bias": true},
//                 {"type": "norm", "name": "norm1"},  {"type": "activation"},
//                 {"type": "relu" | "sigmoid" | "tanh"}, {"type": "leaky_relu", "negative_slope": 0.01},
//                 {"type": "max_pool" | "avg_pool", "kernel": 2, "stride": 2, "padding": 0},
//                 {"type": "flatten"}, {"type": "dense", "out_features": 128, "bias": true},
//                 {"type": "dropout", "p": 0.25} ] }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/layers/init.h"
#include "core/layers/layer_configs.h"
#include "core/model/network.h"

namespace normlab {

enum class LayerType {
  Conv2d, Dense, MaxPool, AvgPool, Flatten,
  Activation,  // placeholder: the spec's (or the arm's) default activation
  ReLU, LeakyReLU, Sigmoid, Tanh, Dropout,
  Norm         // placeholder: the arm's normalization, or nothing
};

// "conv2d", "dense", "max_pool", "avg_pool", "flatten", "activation", "relu", "leaky_relu",
// "sigmoid", "tanh", "dropout", "norm".
const char* layerTypeName(LayerType type);
// "relu", "leaky_relu", "sigmoid", "tanh".
const char* activationKindName(ActivationKind kind);
ActivationKind parseActivationKind(const std::string& name);  // throws NormLabError listing valid names

// One entry of "layers". Only the fields of its type are meaningful.
struct LayerSpec {
  LayerType type = LayerType::ReLU;
  std::string name;            // unique; parsing gives unnamed layers kind + running index
  int outChannels = 1;         // conv2d
  int outFeatures = 1;         // dense
  int kernel = 3, stride = 1, padding = 0;  // conv2d (stride 1, padding 0) / pools (kernel 2, stride = kernel)
  bool bias = true;            // conv2d, dense
  double negativeSlope = 0.01; // leaky_relu
  double p = 0.5;              // dropout: probability of zeroing a unit
  bool operator==(const LayerSpec&) const = default;
};

struct ModelSpec {
  std::string name;
  std::string description;
  Shape input;                 // C x H x W per sample
  int classes = 10;
  ActivationKind activation = ActivationKind::ReLU;  // what "activation" placeholders become
  std::vector<LayerSpec> layers;
  bool operator==(const ModelSpec&) const = default;
};

// Parses and validates (validateModelSpec); throws NormLabError naming the layer, key and value.
ModelSpec parseModelSpec(const nlohmann::json& json);
ModelSpec parseModelSpec(std::string_view text);  // JSON text; invalid JSON is a NormLabError
// Exact overloads so that text is never mistaken for a JSON string value.
inline ModelSpec parseModelSpec(const std::string& text) { return parseModelSpec(std::string_view(text)); }
inline ModelSpec parseModelSpec(const char* text) { return parseModelSpec(std::string_view(text)); }
nlohmann::json toJson(const ModelSpec& spec);

// Checks a spec however it was made: value ranges, unique non-empty names, every shape fits, the
// last layer outputs `classes` values, the model is not absurdly large. Throws NormLabError.
void validateModelSpec(const ModelSpec& spec);

// Per-sample output shape of every layer (placeholders keep the shape). Validates first.
std::vector<Shape> specOutputShapes(const ModelSpec& spec);

// Where an arm puts each norm placeholder relative to the activation that follows it. Before is
// the spec's own order (the batch-norm paper's); after moves each norm behind that activation
// (as many Keras examples do).
enum class NormPosition { BeforeActivation, AfterActivation };
// "before_activation", "after_activation".
const char* normPositionName(NormPosition position);
NormPosition parseNormPosition(const std::string& name);  // throws NormLabError listing valid names

// The spec with its layers in the order `position` asks for; the spec itself for
// BeforeActivation. Throws NormLabError naming the norm layer when AfterActivation is asked of a
// norm placeholder that is not immediately followed by an activation layer.
ModelSpec arrangeNorms(const ModelSpec& spec, NormPosition position);

// What one comparison arm puts into the spec's placeholders.
struct ArmSettings {
  NormConfig norm;                             // kind None leaves every norm placeholder empty
  NormPosition normPosition = NormPosition::BeforeActivation;
  std::optional<ActivationKind> activation;    // overrides the spec's default activation
  std::optional<double> dropout;               // overrides every dropout layer's p
  InitScheme init = InitScheme::PyTorchDefault;
  std::uint64_t seed = 0;
};

// What sits at one norm placeholder for one arm.
struct NormPlacement {
  std::string name;     // the placeholder's name ("norm1")
  std::string follows;  // name of the layer before it ("conv1"), or "input"
  Shape shape;          // per-sample shape it normalizes
  NormKind kind = NormKind::None;  // the norm placed; None when absent
  std::string absentReason;        // empty when a norm is placed
  bool present() const { return kind != NormKind::None; }
};

// Norm placements for an arm, in the arm's layer order (arrangeNorms). Throws NormLabError when the arm does not fit the spec (group norm
// groups that do not divide the channel count, a statistics set of one value (normShapeProblem:
// group norm with C/G*H*W == 1, layer norm with C*H*W == 1), a per-element affine on another norm
// than layer norm, bad norm/dropout settings), naming the norm layer.
std::vector<NormPlacement> planNorms(const ModelSpec& spec, const ArmSettings& arm);

// Batch norm trained with one value per channel is undefined (zero variance): throws NormLabError
// naming the first batch-norm layer where batchSize * H * W == 1.
void validateTrainingBatch(const ModelSpec& spec, const ArmSettings& arm, int batchSize);

template <typename T>
struct BuiltModel {
  Network<T> network;
  std::vector<NormPlacement> norms;
};

// Builds the arm's network (layers in the arm's order, arrangeNorms) from factory layers, names the layers, plans it for spec.input and
// batches up to maxBatch, and initialises every parameter from the stream
// (arm.seed, Init, hashName(layer name), parameter index).
template <typename T>
BuiltModel<T> buildModel(const ModelSpec& spec, const ArmSettings& arm, int maxBatch);

}  // namespace normlab
