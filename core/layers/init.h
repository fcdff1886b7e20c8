// Weight initialisation. Every scheme draws from a counter-based stream keyed by
// (seed, Init, hash(layer name), param index), so arms share weights layer by layer.
// Norm layers always start at gamma = 1, beta = 0.
//   PyTorchDefault: weight and bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (nn.Conv2d / nn.Linear)
//   KaimingNormal:  weight ~ N(0, 2/fan_in); KaimingUniform: U(-sqrt(6/fan_in), +sqrt(6/fan_in))
//   Xavier:         weight ~ U(-sqrt(6/(fan_in+fan_out)), +...)   (Glorot uniform)
//   For the non-default schemes biases start at 0.
// Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>

#include "core/layers/layer.h"

namespace normlab {

enum class InitScheme { PyTorchDefault, KaimingNormal, KaimingUniform, Xavier };

const char* initSchemeName(InitScheme scheme);        // "pytorch", "kaiming_normal", "kaiming_uniform", "xavier"
InitScheme parseInitScheme(const std::string& name);  // throws NormLabError listing valid names

template <typename T>
void initParam(Param<T>& param, InitScheme scheme, std::uint64_t streamKey);

}  // namespace normlab
