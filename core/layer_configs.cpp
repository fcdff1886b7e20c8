#include "layer_configs.h"

namespace normlab {

const char* normKindName(NormKind kind) {
  switch (kind) {
    case NormKind::None: return "none";
    case NormKind::Batch: return "batch";
    case NormKind::Layer: return "layer";
    case NormKind::Instance: return "instance";
    case NormKind::Group: return "group";
    case NormKind::LocalResponse: return "lrn";
  }
  return "none";
}

NormKind parseNormKind(const std::string& name) {
  for (NormKind k : {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance,
                     NormKind::Group, NormKind::LocalResponse})
    if (name == normKindName(k)) return k;
  throw NormLabError("unknown norm '" + name + "' (expected none, batch, layer, instance, group or lrn)");
}

}  // namespace normlab
