// makeNorm: builds the normalization layer a NormConfig asks for (nullptr for none).
// Must not depend on Qt.
#include "core/layers/layer_configs.h"
#include "core/layers/local_response_norm.h"
#include "core/layers/normalization.h"

namespace normlab {

template <typename T>
LayerPtr<T> makeNorm(const NormConfig& config) {
  switch (config.kind) {
    case NormKind::None: return nullptr;
    case NormKind::Batch:
    case NormKind::Layer:
    case NormKind::Instance:
    case NormKind::Group: return std::make_unique<Normalization<T>>(config);
    case NormKind::LocalResponse: return std::make_unique<LocalResponseNorm<T>>(config);
  }
  return nullptr;
}

template LayerPtr<float> makeNorm<float>(const NormConfig&);
template LayerPtr<double> makeNorm<double>(const NormConfig&);

}  // namespace normlab
