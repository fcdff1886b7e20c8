// Model specs: JSON parsing, validation, norm placement per arm, and building a Network<T>.
// Must not depend on Qt.
#include "core/model/model_spec.h"

#include "core/base/sliding_window.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/files/json_input.h"
#include "core/base/random.h"

namespace normlab {

namespace {

using json = nlohmann::json;

// Limits that keep a hand-written spec from exhausting memory (a clear error, not a crash).
constexpr std::int64_t kMaxDim = 1 << 20;             // any single integer setting
constexpr std::int64_t kMaxTensor = 1 << 24;          // elements of one per-sample tensor
constexpr std::int64_t kMaxParams = 50'000'000;       // trainable parameters of the model
constexpr std::int64_t kMaxConvScratch = 1ll << 26;   // per-sample im2col elements of one conv

constexpr LayerType kAllTypes[] = {
    LayerType::Conv2d,  LayerType::Dense,     LayerType::MaxPool, LayerType::AvgPool,
    LayerType::Flatten, LayerType::Activation, LayerType::ReLU,   LayerType::LeakyReLU,
    LayerType::Sigmoid, LayerType::Tanh,      LayerType::Dropout, LayerType::Norm};

// Prefix of automatic names: the k-th layer of a group is called prefix + k.
const char* autoPrefix(LayerType type) {
  switch (type) {
    case LayerType::Conv2d: return "conv";
    case LayerType::Dense: return "fc";
    case LayerType::MaxPool:
    case LayerType::AvgPool: return "pool";
    case LayerType::Activation: return "act";
    default: return layerTypeName(type);
  }
}

// Keys a layer of this type may have besides "type" and "name".
std::vector<std::string> allowedKeys(LayerType type) {
  switch (type) {
    case LayerType::Conv2d: return {"out_channels", "kernel", "stride", "padding", "bias"};
    case LayerType::Dense: return {"out_features", "bias"};
    case LayerType::MaxPool:
    case LayerType::AvgPool: return {"kernel", "stride", "padding"};
    case LayerType::LeakyReLU: return {"negative_slope"};
    case LayerType::Dropout: return {"p"};
    default: return {};
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

std::string typeNames() {
  std::vector<std::string> names;
  for (LayerType t : kAllTypes) names.push_back(layerTypeName(t));
  return joined(names);
}

std::string jsonTypeName(const json& v) { return v.type_name(); }

// "model spec 'bench-net': " (or "model spec: " while the name is unknown).
std::string specPrefix(const std::string& name) {
  return name.empty() ? "model spec: " : "model spec '" + name + "': ";
}

// "layers[3] 'conv2' (conv2d): "
std::string layerPrefix(const std::string& specName, std::size_t index, const std::string& name,
                        const std::string& type) {
  std::string s = specPrefix(specName) + "layers[" + std::to_string(index) + "]";
  if (!name.empty()) s += " '" + name + "'";
  if (!type.empty()) s += " (" + type + ")";
  return s + ": ";
}

std::int64_t readInt(const json& v, const std::string& where, const std::string& key) {
  if (!v.is_number_integer())
    throw NormLabError(where + "'" + key + "' must be an integer, got " + jsonTypeName(v) + " " + shortValue(v));
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(kMaxDim))
    throw NormLabError(where + "'" + key + "' = " + shortValue(v) + " is too large (at most " +
                       std::to_string(kMaxDim) + ")");
  const std::int64_t value = v.get<std::int64_t>();
  if (value > kMaxDim)
    throw NormLabError(where + "'" + key + "' = " + shortValue(v) + " is too large (at most " +
                       std::to_string(kMaxDim) + ")");
  if (value < -kMaxDim)
    throw NormLabError(where + "'" + key + "' = " + shortValue(v) + " is out of range");
  return value;
}

double readNumber(const json& v, const std::string& where, const std::string& key) {
  if (!v.is_number())
    throw NormLabError(where + "'" + key + "' must be a number, got " + jsonTypeName(v) + " " + shortValue(v));
  const double value = v.get<double>();
  if (!std::isfinite(value)) throw NormLabError(where + "'" + key + "' must be finite, got " + shortValue(v));
  return value;
}

std::string readString(const json& v, const std::string& where, const std::string& key,
                       std::size_t maxBytes = kMaxNameBytes) {
  if (!v.is_string())
    throw NormLabError(where + "'" + key + "' must be a string, got " + jsonTypeName(v) + " " + shortValue(v));
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > maxBytes)
    throw NormLabError(where + "'" + key + "' is " + std::to_string(s.size()) + " bytes long (at most " +
                       std::to_string(maxBytes) + "): " + shortText(s));
  return s;
}

bool readBool(const json& v, const std::string& where, const std::string& key) {
  if (!v.is_boolean())
    throw NormLabError(where + "'" + key + "' must be true or false, got " + jsonTypeName(v) + " " + shortValue(v));
  return v.get<bool>();
}

LayerType parseLayerType(const std::string& name, const std::string& where) {
  for (LayerType t : kAllTypes)
    if (name == layerTypeName(t)) return t;
  throw NormLabError(where + "unknown layer type " + shortText(name) + " (expected one of: " + typeNames() + ")");
}

void checkAtLeast(std::int64_t value, std::int64_t min, const std::string& where, const char* key) {
  if (value < min)
    throw NormLabError(where + "'" + key + "' must be at least " + std::to_string(min) + ", got " +
                       std::to_string(value));
}

// Range checks of one layer's settings (shared by parsing and validateModelSpec).
void checkLayerValues(const LayerSpec& l, const std::string& where) {
  switch (l.type) {
    case LayerType::Conv2d:
      checkAtLeast(l.outChannels, 1, where, "out_channels");
      [[fallthrough]];
    case LayerType::MaxPool:
    case LayerType::AvgPool:
      checkAtLeast(l.kernel, 1, where, "kernel");
      checkAtLeast(l.stride, 1, where, "stride");
      checkAtLeast(l.padding, 0, where, "padding");
      for (auto [v, key] : {std::pair{l.kernel, "kernel"}, {l.stride, "stride"}, {l.padding, "padding"},
                            {l.outChannels, "out_channels"}})
        if (v > kMaxDim) throw NormLabError(where + "'" + key + "' = " + std::to_string(v) + " is too large");
      if (l.type != LayerType::Conv2d && 2 * l.padding > l.kernel)
        throw NormLabError(where + "'padding' = " + std::to_string(l.padding) +
                           " must be at most half of 'kernel' = " + std::to_string(l.kernel));
      break;
    case LayerType::Dense:
      checkAtLeast(l.outFeatures, 1, where, "out_features");
      if (l.outFeatures > kMaxDim)
        throw NormLabError(where + "'out_features' = " + std::to_string(l.outFeatures) + " is too large");
      break;
    case LayerType::Dropout:
      if (!(l.p >= 0.0 && l.p < 1.0))
        throw NormLabError(where + "'p' = " + std::to_string(l.p) +
                           " must be in [0, 1) (the probability of zeroing a unit)");
      break;
    case LayerType::LeakyReLU:
      if (!std::isfinite(l.negativeSlope))
        throw NormLabError(where + "'negative_slope' must be finite");
      break;
    default: break;
  }
}

LayerSpec parseLayer(const json& j, std::size_t index, const std::string& specName) {
  std::string where = layerPrefix(specName, index, "", "");
  if (!j.is_object())
    throw NormLabError(where + "a layer must be a JSON object, got " + jsonTypeName(j) + " " + shortValue(j));
  LayerSpec l;
  if (j.contains("name")) {
    l.name = readString(j.at("name"), where, "name");
    if (l.name.empty()) throw NormLabError(where + "'name' must not be empty");
    where = layerPrefix(specName, index, l.name, "");
  }
  if (!j.contains("type")) throw NormLabError(where + "missing required key 'type'");
  const std::string typeName = readString(j.at("type"), where, "type");
  l.type = parseLayerType(typeName, where);
  where = layerPrefix(specName, index, l.name, typeName);

  const auto allowed = allowedKeys(l.type);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "type" || it.key() == "name") continue;
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      throw NormLabError(where + "unknown key " + shortText(it.key()) + " for a " + typeName + " layer (allowed: " +
                         joined([&] { auto k = allowed; k.insert(k.begin(), {"type", "name"}); return k; }()) + ")");
  }
  auto required = [&](const char* key) -> const json& {
    if (!j.contains(key)) throw NormLabError(where + "missing required key '" + key + "'");
    return j.at(key);
  };
  auto optionalInt = [&](const char* key, int fallback) {
    return j.contains(key) ? int(readInt(j.at(key), where, key)) : fallback;
  };

  switch (l.type) {
    case LayerType::Conv2d:
      l.outChannels = int(readInt(required("out_channels"), where, "out_channels"));
      l.kernel = int(readInt(required("kernel"), where, "kernel"));
      l.stride = optionalInt("stride", 1);
      l.padding = optionalInt("padding", 0);
      if (j.contains("bias")) l.bias = readBool(j.at("bias"), where, "bias");
      break;
    case LayerType::Dense:
      l.outFeatures = int(readInt(required("out_features"), where, "out_features"));
      if (j.contains("bias")) l.bias = readBool(j.at("bias"), where, "bias");
      break;
    case LayerType::MaxPool:
    case LayerType::AvgPool:
      l.kernel = optionalInt("kernel", 2);
      l.stride = optionalInt("stride", l.kernel);  // PyTorch: stride defaults to the kernel size
      l.padding = optionalInt("padding", 0);
      break;
    case LayerType::LeakyReLU:
      if (j.contains("negative_slope")) l.negativeSlope = readNumber(j.at("negative_slope"), where, "negative_slope");
      break;
    case LayerType::Dropout:
      if (j.contains("p")) l.p = readNumber(j.at("p"), where, "p");
      break;
    default: break;
  }
  checkLayerValues(l, where);
  return l;
}

// Gives every unnamed layer prefix + running index (the k-th layer of its group is prefix + k),
// skipping names already taken. Explicit names must be unique.
void assignNames(ModelSpec& spec, const std::vector<bool>& explicitName) {
  std::set<std::string> taken;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    if (!explicitName[i]) continue;
    const auto& l = spec.layers[i];
    if (!taken.insert(l.name).second)
      throw NormLabError(layerPrefix(spec.name, i, l.name, layerTypeName(l.type)) + "duplicate layer name '" +
                         l.name + "' (layer names must be unique)");
  }
  std::map<std::string, int> counters;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    auto& l = spec.layers[i];
    const std::string prefix = autoPrefix(l.type);
    int& k = counters[prefix];
    ++k;
    if (explicitName[i]) continue;
    int n = k;
    while (taken.count(prefix + std::to_string(n))) ++n;
    l.name = prefix + std::to_string(n);
    taken.insert(l.name);
  }
}

// The arm-independent shape walk: output shape of every layer, with every check of validateModelSpec.
std::vector<Shape> walkShapes(const ModelSpec& spec) {
  const std::string sp = specPrefix(spec.name);
  if (spec.input.c < 1 || spec.input.h < 1 || spec.input.w < 1)
    throw NormLabError(sp + "'input' dimensions must be at least 1, got " + spec.input.str());
  if (std::int64_t(spec.input.c) * spec.input.h * spec.input.w > kMaxTensor)
    throw NormLabError(sp + "'input' " + spec.input.str() + " is too large");
  if (spec.classes < 1) throw NormLabError(sp + "'classes' must be at least 1, got " + std::to_string(spec.classes));
  if (spec.layers.empty()) throw NormLabError(sp + "'layers' must not be empty");

  std::set<std::string> names;
  std::vector<Shape> shapes;
  Shape in = spec.input;
  std::int64_t params = 0;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    const std::string where = layerPrefix(spec.name, i, l.name, layerTypeName(l.type));
    if (l.name.empty()) throw NormLabError(where + "the layer has no name");
    if (!names.insert(l.name).second)
      throw NormLabError(where + "duplicate layer name '" + l.name + "' (layer names must be unique)");
    checkLayerValues(l, where);
    std::int64_t c = in.c, h = in.h, w = in.w;
    switch (l.type) {
      case LayerType::Conv2d:
      case LayerType::MaxPool:
      case LayerType::AvgPool: {
        if (in.h + 2 * std::int64_t(l.padding) < l.kernel || in.w + 2 * std::int64_t(l.padding) < l.kernel)
          throw NormLabError(where + "kernel " + std::to_string(l.kernel) + " does not fit the input " +
                             in.str() + " with padding " + std::to_string(l.padding) +
                             (in.spatial() == 1 ? " (the input is flat: put this layer before the flatten)" : ""));
        h = slidingWindowOutput<std::int64_t>(in.h, l.kernel, l.stride, l.padding);
        w = slidingWindowOutput<std::int64_t>(in.w, l.kernel, l.stride, l.padding);
        if (l.type == LayerType::Conv2d) {
          c = l.outChannels;
          params += c * in.c * l.kernel * l.kernel + (l.bias ? c : 0);
          if (std::int64_t(in.c) * l.kernel * l.kernel * h * w > kMaxConvScratch)
            throw NormLabError(where + "the convolution is too large for this tool (" + std::to_string(in.c) +
                               " input channels, kernel " + std::to_string(l.kernel) + ", output " +
                               std::to_string(h) + "x" + std::to_string(w) + ")");
        }
        break;
      }
      case LayerType::Dense:
        if (in.spatial() != 1)
          throw NormLabError(where + "a dense layer needs flat input, got " + in.str() +
                             " (add a flatten layer before it)");
        c = l.outFeatures;
        params += c * in.c + (l.bias ? c : 0);
        break;
      case LayerType::Flatten:
        c = std::int64_t(in.c) * in.h * in.w;
        h = w = 1;
        break;
      default: break;  // placeholders, activations, dropout keep the shape
    }
    if (c * h * w > kMaxTensor)
      throw NormLabError(where + "output " + std::to_string(c) + "x" + std::to_string(h) + "x" +
                         std::to_string(w) + " is too large (at most " + std::to_string(kMaxTensor) +
                         " values per sample)");
    if (params > kMaxParams)
      throw NormLabError(where + "the model exceeds " + std::to_string(kMaxParams) + " parameters here");
    in = Shape{int(c), int(h), int(w)};
    shapes.push_back(in);
  }
  if (in.size() != spec.classes) {
    const auto& last = spec.layers.back();
    throw NormLabError(layerPrefix(spec.name, spec.layers.size() - 1, last.name, layerTypeName(last.type)) +
                       "the last layer outputs " +
                       (in.spatial() == 1 ? "" : in.str() + " = ") + std::to_string(in.size()) +
                       " values but 'classes' is " + std::to_string(spec.classes));
  }
  return shapes;
}

std::string normLabel(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return "batch norm";
    case NormKind::Layer: return "layer norm";
    case NormKind::Instance: return "instance norm";
    case NormKind::Group: return "group norm";
    case NormKind::LocalResponse: return "local response norm";
    case NormKind::None: break;
  }
  return "no norm";
}

void checkArm(const ModelSpec& spec, const ArmSettings& arm) {
  const std::string sp = specPrefix(spec.name);
  if (arm.dropout && !(*arm.dropout >= 0.0 && *arm.dropout < 1.0))
    throw NormLabError(sp + "dropout p = " + std::to_string(*arm.dropout) + " must be in [0, 1)");
  const NormConfig& n = arm.norm;
  if (n.kind == NormKind::None) return;
  if (!(n.eps > 0.0) || !std::isfinite(n.eps))
    throw NormLabError(sp + normLabel(n.kind) + " eps must be positive, got " + std::to_string(n.eps));
  if (n.kind == NormKind::Batch && !(n.momentum >= 0.0 && n.momentum <= 1.0))
    throw NormLabError(sp + "batch norm momentum must be in [0, 1], got " + std::to_string(n.momentum));
  if (n.kind == NormKind::Group && n.groups < 1)
    throw NormLabError(sp + "group norm groups must be at least 1, got " + std::to_string(n.groups));
  if (n.affine && n.affineShape == AffineShape::Element && n.kind != NormKind::Layer)
    throw NormLabError(sp + "a per-element affine (gamma/beta of C x H x W) is for layer norm only, not " +
                       normLabel(n.kind));
  if (n.kind == NormKind::LocalResponse && n.lrnSize < 1)
    throw NormLabError(sp + "local response norm size must be at least 1, got " + std::to_string(n.lrnSize));
}

ActivationConfig activationFor(const LayerSpec& l, const ModelSpec& spec, const ArmSettings& arm) {
  switch (l.type) {
    case LayerType::Activation: return {arm.activation.value_or(spec.activation), 0.01};
    case LayerType::ReLU: return {ActivationKind::ReLU, 0.01};
    case LayerType::LeakyReLU: return {ActivationKind::LeakyReLU, l.negativeSlope};
    case LayerType::Sigmoid: return {ActivationKind::Sigmoid, 0.01};
    case LayerType::Tanh: return {ActivationKind::Tanh, 0.01};
    default: break;
  }
  throw NormLabError("internal: not an activation layer");
}

}  // namespace

const char* layerTypeName(LayerType type) {
  switch (type) {
    case LayerType::Conv2d: return "conv2d";
    case LayerType::Dense: return "dense";
    case LayerType::MaxPool: return "max_pool";
    case LayerType::AvgPool: return "avg_pool";
    case LayerType::Flatten: return "flatten";
    case LayerType::Activation: return "activation";
    case LayerType::ReLU: return "relu";
    case LayerType::LeakyReLU: return "leaky_relu";
    case LayerType::Sigmoid: return "sigmoid";
    case LayerType::Tanh: return "tanh";
    case LayerType::Dropout: return "dropout";
    case LayerType::Norm: return "norm";
  }
  return "unknown";
}

const char* activationKindName(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::ReLU: return "relu";
    case ActivationKind::LeakyReLU: return "leaky_relu";
    case ActivationKind::Sigmoid: return "sigmoid";
    case ActivationKind::Tanh: return "tanh";
  }
  return "relu";
}

ActivationKind parseActivationKind(const std::string& name) {
  for (ActivationKind k : {ActivationKind::ReLU, ActivationKind::LeakyReLU, ActivationKind::Sigmoid,
                           ActivationKind::Tanh})
    if (name == activationKindName(k)) return k;
  throw NormLabError("unknown activation '" + name + "' (expected relu, leaky_relu, sigmoid or tanh)");
}

ModelSpec parseModelSpec(const nlohmann::json& j) {
  if (!j.is_object()) throw NormLabError("model spec: must be a JSON object, got " + jsonTypeName(j));
  ModelSpec spec;
  if (j.contains("name")) spec.name = readString(j.at("name"), specPrefix(""), "name");
  const std::string sp = specPrefix(spec.name);
  static const std::vector<std::string> topKeys{"name", "description", "input", "classes", "activation", "layers"};
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::find(topKeys.begin(), topKeys.end(), it.key()) == topKeys.end())
      throw NormLabError(sp + "unknown key " + shortText(it.key()) + " (allowed: " + joined(topKeys) + ")");
  for (const char* key : {"input", "classes", "layers"})
    if (!j.contains(key)) throw NormLabError(sp + "missing required key '" + key + "'");

  if (j.contains("description")) spec.description = readString(j.at("description"), sp, "description", kMaxTextBytes);

  const json& input = j.at("input");
  if (!input.is_array() || (input.size() != 1 && input.size() != 3))
    throw NormLabError(sp + "'input' must be an array [C, H, W] or [features], got " + shortValue(input));
  std::vector<int> dims;
  for (std::size_t i = 0; i < input.size(); ++i) {
    const std::string key = "input[" + std::to_string(i) + "]";
    const auto v = readInt(input[i], sp, key);
    checkAtLeast(v, 1, sp, key.c_str());
    dims.push_back(int(v));
  }
  spec.input = dims.size() == 3 ? Shape{dims[0], dims[1], dims[2]} : Shape{dims[0], 1, 1};

  const auto classes = readInt(j.at("classes"), sp, "classes");
  checkAtLeast(classes, 1, sp, "classes");
  spec.classes = int(classes);

  if (j.contains("activation")) {
    const std::string a = readString(j.at("activation"), sp, "activation");
    try {
      spec.activation = parseActivationKind(a);
    } catch (const NormLabError& e) {
      throw NormLabError(sp + "'activation': " + e.what());
    }
  }

  const json& layers = j.at("layers");
  if (!layers.is_array()) throw NormLabError(sp + "'layers' must be an array, got " + jsonTypeName(layers));
  std::vector<bool> explicitName;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    spec.layers.push_back(parseLayer(layers[i], i, spec.name));
    explicitName.push_back(!spec.layers.back().name.empty());
  }
  assignNames(spec, explicitName);
  validateModelSpec(spec);
  return spec;
}

ModelSpec parseModelSpec(std::string_view text) {
  json j;
  try {
    j = strictJson(text, kMaxConfigBytes);
  } catch (const NormLabError& e) {
    throw NormLabError(std::string("model spec: ") + e.what());
  }
  return parseModelSpec(j);
}

nlohmann::json toJson(const ModelSpec& spec) {
  json j = json::object();
  j["name"] = spec.name;
  if (!spec.description.empty()) j["description"] = spec.description;
  j["input"] = spec.input.spatial() == 1 ? json::array({spec.input.c})
                                                               : json::array({spec.input.c, spec.input.h, spec.input.w});
  j["classes"] = spec.classes;
  j["activation"] = activationKindName(spec.activation);
  json layers = json::array();
  for (const LayerSpec& l : spec.layers) {
    json o = json::object();
    o["type"] = layerTypeName(l.type);
    o["name"] = l.name;
    switch (l.type) {
      case LayerType::Conv2d:
        o["out_channels"] = l.outChannels;
        [[fallthrough]];
      case LayerType::MaxPool:
      case LayerType::AvgPool:
        o["kernel"] = l.kernel;
        o["stride"] = l.stride;
        o["padding"] = l.padding;
        if (l.type == LayerType::Conv2d) o["bias"] = l.bias;
        break;
      case LayerType::Dense:
        o["out_features"] = l.outFeatures;
        o["bias"] = l.bias;
        break;
      case LayerType::LeakyReLU: o["negative_slope"] = l.negativeSlope; break;
      case LayerType::Dropout: o["p"] = l.p; break;
      default: break;
    }
    layers.push_back(std::move(o));
  }
  j["layers"] = std::move(layers);
  return j;
}

void validateModelSpec(const ModelSpec& spec) { walkShapes(spec); }

std::vector<Shape> specOutputShapes(const ModelSpec& spec) { return walkShapes(spec); }

const char* normPositionName(NormPosition position) {
  return position == NormPosition::AfterActivation ? "after_activation" : "before_activation";
}

NormPosition parseNormPosition(const std::string& name) {
  if (name == "before_activation") return NormPosition::BeforeActivation;
  if (name == "after_activation") return NormPosition::AfterActivation;
  throw NormLabError("unknown norm position '" + name + "' (valid: before_activation, after_activation)");
}

ModelSpec arrangeNorms(const ModelSpec& spec, NormPosition position) {
  if (position == NormPosition::BeforeActivation) return spec;
  ModelSpec out = spec;
  auto isActivation = [](LayerType t) {
    return t == LayerType::Activation || t == LayerType::ReLU || t == LayerType::LeakyReLU ||
           t == LayerType::Sigmoid || t == LayerType::Tanh;
  };
  std::vector<LayerSpec>& layers = out.layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (layers[i].type != LayerType::Norm) continue;
    if (i + 1 >= layers.size() || !isActivation(layers[i + 1].type))
      throw NormLabError(layerPrefix(spec.name, i, layers[i].name, "norm") +
                         "\"norm_position\": \"after_activation\" needs an activation layer right after this norm, but " +
                         (i + 1 < layers.size() ? "it is followed by '" + layers[i + 1].name + "' (" +
                                                      layerTypeName(layers[i + 1].type) + ")"
                                                : std::string("it is the last layer")));
    std::swap(layers[i], layers[i + 1]);
    ++i;  // the norm now sits at i + 1; continue after it
  }
  return out;
}

std::vector<NormPlacement> planNorms(const ModelSpec& specInOrder, const ArmSettings& arm) {
  const ModelSpec spec = arrangeNorms(specInOrder, arm.normPosition);
  const std::vector<Shape> shapes = walkShapes(spec);
  checkArm(spec, arm);
  std::vector<NormPlacement> out;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    if (l.type != LayerType::Norm) continue;
    NormPlacement p;
    p.name = l.name;
    p.follows = i == 0 ? "input" : spec.layers[i - 1].name;
    p.shape = shapes[i];
    const NormKind kind = arm.norm.kind;
    const bool flat = p.shape.spatial() == 1;
    const std::string after = i == 0 ? "the input" : "'" + p.follows + "'";
    if (kind == NormKind::None) {
      p.absentReason = "no normalization in this arm";
    } else if (kind == NormKind::Instance && flat) {
      p.absentReason = "instance norm has no meaning on a dense layer's output: " + after + " outputs " +
                       p.shape.str() + " flat features, no spatial extent";
    } else if (kind == NormKind::LocalResponse && flat) {
      p.absentReason = "local response norm needs channels with spatial extent: " + after + " outputs " +
                       p.shape.str() + " flat features";
    } else {
      if (kind == NormKind::Group && p.shape.c % arm.norm.groups != 0)
        throw NormLabError(layerPrefix(spec.name, i, l.name, "norm") + "group norm with G = " +
                           std::to_string(arm.norm.groups) + " groups does not divide the C = " +
                           std::to_string(p.shape.c) + " channels after " + after +
                           " (G must divide C)");
      if (const std::string problem = normShapeProblem(arm.norm, p.shape); !problem.empty())
        throw NormLabError(layerPrefix(spec.name, i, l.name, "norm") + problem + ", after " + after);
      p.kind = kind;
    }
    out.push_back(std::move(p));
  }
  return out;
}

void validateTrainingBatch(const ModelSpec& spec, const ArmSettings& arm, int batchSize) {
  if (batchSize < 1) throw NormLabError("batch size must be at least 1, got " + std::to_string(batchSize));
  const auto norms = planNorms(spec, arm);
  for (const NormPlacement& p : norms) {
    if (p.kind != NormKind::Batch) continue;
    if (std::int64_t(batchSize) * p.shape.spatial() <= 1)
      throw NormLabError(specPrefix(spec.name) + "batch norm '" + p.name + "' after '" + p.follows +
                         "' would be trained with one value per channel (batch size " +
                         std::to_string(batchSize) + " x " + std::to_string(p.shape.h) + "x" +
                         std::to_string(p.shape.w) +
                         " positions): its batch variance is undefined; use a batch of at least 2 "
                         "or another norm");
  }
}

template <typename T>
BuiltModel<T> buildModel(const ModelSpec& specInOrder, const ArmSettings& arm, int maxBatch) {
  if (maxBatch < 1) throw NormLabError("batch size must be at least 1, got " + std::to_string(maxBatch));
  BuiltModel<T> model;
  model.norms = planNorms(specInOrder, arm);  // validates the spec and the arm
  const ModelSpec spec = arrangeNorms(specInOrder, arm.normPosition);
  std::size_t normIndex = 0;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    LayerPtr<T> layer;
    switch (l.type) {
      case LayerType::Conv2d:
        layer = makeConv2d<T>(Conv2dConfig{l.outChannels, l.kernel, l.stride, l.padding, l.bias});
        break;
      case LayerType::Dense: layer = makeDense<T>(DenseConfig{l.outFeatures, l.bias}); break;
      case LayerType::MaxPool:
      case LayerType::AvgPool:
        layer = makePool<T>(PoolConfig{l.type == LayerType::MaxPool ? PoolKind::Max : PoolKind::Average,
                                       l.kernel, l.stride, l.padding});
        break;
      case LayerType::Flatten: layer = makeFlatten<T>(); break;
      case LayerType::Activation:
      case LayerType::ReLU:
      case LayerType::LeakyReLU:
      case LayerType::Sigmoid:
      case LayerType::Tanh: layer = makeActivation<T>(activationFor(l, spec, arm)); break;
      case LayerType::Dropout: layer = makeDropout<T>(DropoutConfig{arm.dropout.value_or(l.p)}); break;
      case LayerType::Norm: {
        const NormPlacement& p = model.norms[normIndex++];
        if (!p.present()) continue;
        NormConfig config = arm.norm;
        config.kind = p.kind;
        layer = makeNorm<T>(config);
        break;
      }
    }
    if (!layer) continue;
    layer->setName(l.name);
    model.network.add(std::move(layer));
  }
  try {
    model.network.plan(spec.input, maxBatch);
  } catch (const NormLabError& e) {
    throw NormLabError(specPrefix(spec.name) + e.what());
  }
  for (std::size_t i = 0; i < model.network.size(); ++i) {
    Layer<T>& layer = model.network.layer(i);
    const auto params = layer.params();
    for (std::size_t k = 0; k < params.size(); ++k)
      initParam(*params[k], arm.init, streamKey(arm.seed, Purpose::Init, hashName(layer.name()), k));
  }
  return model;
}

template BuiltModel<float> buildModel<float>(const ModelSpec&, const ArmSettings&, int);
template BuiltModel<double> buildModel<double>(const ModelSpec&, const ArmSettings&, int);

}  // namespace normlab
