// Keras-style model summary of one arm's network: one row per layer (name, kind, output shape,
// parameter count), totals (trainable, non-trainable = batch-norm running statistics), and one
// line per norm placeholder saying what sits there for this arm or why it is absent. Available as
// rows (for a UI table) and as text. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_spec.h"

namespace normlab {

struct SummaryRow {
  std::string name;         // "conv1"
  std::string kind;         // the layer's kind(): "conv2d", "batch_norm", ...
  Shape shape;              // per-sample output shape
  std::string outputShape;  // "(None, 16, 28, 28)" or "(None, 128)"
  std::int64_t trainable = 0;     // parameters
  std::int64_t nonTrainable = 0;  // buffers (running statistics)
  // The "Param #" column; saturates instead of overflowing on counts read from a crafted file.
  std::int64_t params() const {
    return nonTrainable > 0 && trainable > INT64_MAX - nonTrainable ? INT64_MAX : trainable + nonTrainable;
  }
};

struct ModelSummary {
  std::string model;  // spec name
  std::string arm;    // arm label
  std::vector<SummaryRow> rows;
  std::int64_t trainable = 0, nonTrainable = 0;
  std::vector<NormPlacement> norms;
  std::int64_t total() const { return trainable + nonTrainable; }
};

// "(None, 16, 28, 28)" for feature maps, "(None, 128)" for flat features (H = W = 1).
std::string formatOutputShape(const Shape& shape);
// 207018 -> "207,018".
std::string formatCount(std::int64_t count);
// "norm1 after conv1: batch norm over 16x28x28" or "norm3 after fc1: absent - instance norm has ...".
std::string normPlacementLine(const NormPlacement& placement);

// The network must be planned.
template <typename T>
ModelSummary summarizeModel(const Network<T>& network, const std::vector<NormPlacement>& norms,
                            const std::string& modelName, const std::string& armLabel);
template <typename T>
ModelSummary summarizeModel(const BuiltModel<T>& model, const std::string& modelName,
                            const std::string& armLabel) {
  return summarizeModel(model.network, model.norms, modelName, armLabel);
}

// The summary as Keras prints it, followed by the norm placeholder lines.
std::string formatSummary(const ModelSummary& summary);

template <typename T>
std::string modelSummary(const BuiltModel<T>& model, const std::string& modelName, const std::string& armLabel) {
  return formatSummary(summarizeModel(model, modelName, armLabel));
}

}  // namespace normlab
