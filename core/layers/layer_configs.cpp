// Names of configuration values and the shape checks that norms share. Must not depend on Qt.
#include "core/layers/layer_configs.h"

#include <cstdint>

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

const char* layerNormAffineName(const NormConfig& config) {
  if (!config.affine) return "none";
  return config.affineShape == AffineShape::Element ? "element" : "channel";
}

void setLayerNormAffine(NormConfig& config, const std::string& name) {
  if (name != "channel" && name != "element" && name != "none")
    throw NormLabError("unknown layer norm affine '" + name + "' (expected channel, element or none)");
  config.affine = name != "none";
  config.affineShape = name == "element" ? AffineShape::Element : AffineShape::Channel;
}

std::string normShapeProblem(const NormConfig& config, const Shape& in) {
  const std::string positions = std::to_string(in.h) + "x" + std::to_string(in.w) + " positions";
  switch (config.kind) {
    case NormKind::Group:
      if (config.groups < 1 || in.c % config.groups != 0)
        return "group norm needs the group count G to divide the channel count C; got G = " +
               std::to_string(config.groups) + ", C = " + std::to_string(in.c);
      if (std::int64_t(in.c / config.groups) * in.spatial() < 2)
        return "group norm needs more than one value per group; got C = " + std::to_string(in.c) +
               " channels in G = " + std::to_string(config.groups) + " groups over " + positions +
               " (C/G*H*W = 1)";
      return "";
    case NormKind::Layer:
      if (std::int64_t(in.c) * in.spatial() < 2)
        return "layer norm needs more than one value per sample; got C = " + std::to_string(in.c) +
               " channel over " + positions + " (C*H*W = 1)";
      return "";
    case NormKind::Instance:
      if (in.spatial() < 2)
        return "instance norm needs more than one value per channel of a sample; got " + positions +
               " (H*W = 1)";
      return "";
    default: return "";
  }
}

}  // namespace normlab
