// Weight initialisation schemes (see init.h). Values are drawn in double from Random(streamKey)
// and rounded to T. Must not depend on Qt.
#include "core/layers/init.h"

#include <algorithm>
#include <cmath>

#include "core/base/random.h"

namespace normlab {

const char* initSchemeName(InitScheme scheme) {
  switch (scheme) {
    case InitScheme::PyTorchDefault: return "pytorch";
    case InitScheme::KaimingNormal: return "kaiming_normal";
    case InitScheme::KaimingUniform: return "kaiming_uniform";
    case InitScheme::Xavier: return "xavier";
  }
  return "pytorch";
}

InitScheme parseInitScheme(const std::string& name) {
  for (InitScheme s : {InitScheme::PyTorchDefault, InitScheme::KaimingNormal,
                       InitScheme::KaimingUniform, InitScheme::Xavier})
    if (name == initSchemeName(s)) return s;
  throw NormLabError("unknown init scheme '" + name +
                     "' (expected pytorch, kaiming_normal, kaiming_uniform or xavier)");
}

// param.value: any dims; filled according to param.role and scheme.
template <typename T>
void initParam(Param<T>& param, InitScheme scheme, std::uint64_t streamKey) {
  auto fill = [&](T v) { std::fill(param.value.begin(), param.value.end(), v); };
  auto uniform = [&](double bound) {
    Random rng(streamKey);
    for (auto& v : param.value) v = T(rng.uniform(-bound, bound));
  };
  if (param.role == ParamRole::NormScale) return fill(T(1));
  if (param.role == ParamRole::NormShift) return fill(T(0));
  if (param.fanIn < 1)
    throw NormLabError("init: parameter '" + param.name + "' has fan_in " +
                       std::to_string(param.fanIn) + " (must be >= 1)");
  const double fanIn = double(param.fanIn);
  if (param.role == ParamRole::Bias) {
    if (scheme == InitScheme::PyTorchDefault) return uniform(1.0 / std::sqrt(fanIn));
    return fill(T(0));
  }
  switch (scheme) {
    case InitScheme::PyTorchDefault:
      // kaiming_uniform_(a = sqrt(5)): gain sqrt(2 / (1 + 5)), bound gain * sqrt(3 / fan_in) = 1/sqrt(fan_in).
      return uniform(1.0 / std::sqrt(fanIn));
    case InitScheme::KaimingNormal: {
      const double std = std::sqrt(2.0 / fanIn);
      Random rng(streamKey);
      for (auto& v : param.value) v = T(std * rng.normal());
      return;
    }
    case InitScheme::KaimingUniform:
      return uniform(std::sqrt(6.0 / fanIn));
    case InitScheme::Xavier: {
      if (param.fanOut < 1)
        throw NormLabError("init: parameter '" + param.name + "' has fan_out " +
                           std::to_string(param.fanOut) + " (must be >= 1)");
      return uniform(std::sqrt(6.0 / (fanIn + double(param.fanOut))));
    }
  }
}

template void initParam<float>(Param<float>&, InitScheme, std::uint64_t);
template void initParam<double>(Param<double>&, InitScheme, std::uint64_t);

}  // namespace normlab
