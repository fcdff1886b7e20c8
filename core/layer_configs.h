// Configuration of every layer kind, and the factory functions that build them. The model
// builder (model_spec) only needs this header; each layer's .cpp defines its factory.
// Defaults are PyTorch's. Must not depend on Qt.
#pragma once

#include <string>

#include "layer.h"

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
struct NormConfig {
  NormKind kind = NormKind::None;
  double eps = 1e-5;
  double momentum = 0.1;  // batch norm running statistics: r = (1-m) r + m s
  bool affine = true;     // per-channel gamma/beta
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

template <typename T> LayerPtr<T> makeConv2d(const Conv2dConfig& config);
template <typename T> LayerPtr<T> makeDense(const DenseConfig& config);
template <typename T> LayerPtr<T> makePool(const PoolConfig& config);
template <typename T> LayerPtr<T> makeFlatten();
template <typename T> LayerPtr<T> makeActivation(const ActivationConfig& config);
template <typename T> LayerPtr<T> makeDropout(const DropoutConfig& config);
// Returns nullptr for NormKind::None.
template <typename T> LayerPtr<T> makeNorm(const NormConfig& config);

}  // namespace normlab
