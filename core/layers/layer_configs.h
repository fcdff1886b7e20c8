// Configuration of every layer kind, and the factory functions that build them. The model
// builder (model_spec) only needs this header; each layer's .cpp defines its factory.
// Defaults are PyTorch's. Must not depend on Qt.
#pragma once

#include <string>

#include "core/layers/layer.h"

namespace normlab {

struct Conv2dConfig {
  int outChannels = 1;
  int kernel = 3;   // square K x K
  int stride = 1;
  int padding = 0;  // zero padding on every side
  bool bias = true;
};

struct DenseConfig {
  int outFeatures = 1;
  bool bias = true;
};

enum class PoolKind { Max, Average };
struct PoolConfig {
  PoolKind kind = PoolKind::Max;
  int kernel = 2;
  int stride = 2;   // PyTorch: defaults to the kernel size
  int padding = 0;  // max pool pads with -inf; average pool counts padding as zeros (count_include_pad)
};

enum class ActivationKind { ReLU, LeakyReLU, Sigmoid, Tanh };
struct ActivationConfig {
  ActivationKind kind = ActivationKind::ReLU;
  double negativeSlope = 0.01;  // leaky ReLU
};

struct DropoutConfig {
  double p = 0.5;  // probability of ZEROING a unit (PyTorch); kept units are scaled by 1/(1-p)
};

enum class NormKind { None, Batch, Layer, Instance, Group, LocalResponse };
// Shape of gamma and beta: one per channel (C; BatchNorm2d, GroupNorm, InstanceNorm2d(affine=True))
// or one per element of a sample (C x H x W; layer norm only, as nn.LayerNorm([C, H, W])).
enum class AffineShape { Channel, Element };
struct NormConfig {
  NormKind kind = NormKind::None;
  double eps = 1e-5;
  double momentum = 0.1;  // batch norm running statistics: r = (1-m) r + m s
  bool affine = true;     // learned gamma/beta (gamma = 1, beta = 0 at the start)
  AffineShape affineShape = AffineShape::Channel;  // Element: layer norm only
  int groups = 4;         // group norm; must divide C
  // Local response norm (PyTorch nn.LocalResponseNorm defaults)
  int lrnSize = 5;
  double lrnAlpha = 1e-4;
  double lrnBeta = 0.75;
  double lrnK = 1.0;
};

// Names as written in specs and configs: "none", "batch", "layer", "instance", "group", "lrn".
const char* normKindName(NormKind kind);
// Throws NormLabError listing the valid names.
NormKind parseNormKind(const std::string& name);

// Layer norm's affine as one value (the config key "layer_norm_affine"): "channel" (gamma/beta of
// C, GroupNorm(1, C): the default), "element" (C x H x W, nn.LayerNorm([C, H, W])) or "none"
// (affine false).
const char* layerNormAffineName(const NormConfig& config);
// Sets affine and affineShape from such a value; throws NormLabError listing the valid names.
void setLayerNormAffine(NormConfig& config, const std::string& name);

// Why `config` cannot normalize a per-sample input of shape `in`, or "" when it can: G must divide
// C, and every statistics set needs more than one value (PyTorch: "Expected more than 1 value per
// group"): group norm C/G*H*W > 1, layer norm C*H*W > 1, instance norm H*W > 1. Batch norm's sets
// span the batch, so it is checked per training batch instead. Shared by the layer (outputShape)
// and the model spec (planNorms), so both say the same.
std::string normShapeProblem(const NormConfig& config, const Shape& in);

template <typename T> LayerPtr<T> makeConv2d(const Conv2dConfig& config);
template <typename T> LayerPtr<T> makeDense(const DenseConfig& config);
template <typename T> LayerPtr<T> makePool(const PoolConfig& config);
template <typename T> LayerPtr<T> makeFlatten();
template <typename T> LayerPtr<T> makeActivation(const ActivationConfig& config);
template <typename T> LayerPtr<T> makeDropout(const DropoutConfig& config);
// Returns nullptr for NormKind::None.
template <typename T> LayerPtr<T> makeNorm(const NormConfig& config);

}  // namespace normlab
