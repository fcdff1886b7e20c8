// Keras-style model summary (rows and text). Must not depend on Qt.
#include "core/model/model_summary.h"

#include <algorithm>
#include <array>

namespace normlab {

namespace {

std::string normName(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return "batch norm";
    case NormKind::Layer: return "layer norm";
    case NormKind::Instance: return "instance norm";
    case NormKind::Group: return "group norm";
    case NormKind::LocalResponse: return "local response norm";
    case NormKind::None: break;
  }
  return "none";
}

std::string padRight(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

std::string formatOutputShape(const Shape& shape) {
  if (shape.spatial() == 1) return "(None, " + std::to_string(shape.c) + ")";
  return "(None, " + std::to_string(shape.c) + ", " + std::to_string(shape.h) + ", " + std::to_string(shape.w) + ")";
}

std::string formatCount(std::int64_t count) {
  const bool negative = count < 0;
  std::string digits = std::to_string(negative ? -count : count);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (negative) out.insert(out.begin(), '-');
  return out;
}

std::string normPlacementLine(const NormPlacement& p) {
  std::string line = p.name + " after " + p.follows + ": ";
  if (p.present()) return line + normName(p.kind) + " over " + p.shape.str();
  return line + "absent - " + p.absentReason;
}

template <typename T>
ModelSummary summarizeModel(const Network<T>& network, const std::vector<NormPlacement>& norms,
                            const std::string& modelName, const std::string& armLabel) {
  if (!network.planned()) throw NormLabError("model summary: the network '" + modelName + "' is not planned");
  ModelSummary s;
  s.model = modelName;
  s.arm = armLabel;
  s.norms = norms;
  for (std::size_t i = 0; i < network.size(); ++i) {
    // params()/buffers() are non-const accessors but only hand out pointers; nothing is modified.
    auto& layer = const_cast<Layer<T>&>(network.layer(i));
    SummaryRow row;
    row.name = layer.name();
    row.kind = layer.kind();
    row.shape = layer.outShape();
    row.outputShape = formatOutputShape(row.shape);
    for (const auto* p : layer.params()) row.trainable += std::int64_t(p->size());
    for (const auto* p : layer.buffers()) row.nonTrainable += std::int64_t(p->size());
    s.trainable += row.trainable;
    s.nonTrainable += row.nonTrainable;
    s.rows.push_back(std::move(row));
  }
  return s;
}

std::string formatSummary(const ModelSummary& s) {
  const std::string h1 = "Layer (type)", h2 = "Output Shape", h3 = "Param #";
  std::size_t w1 = h1.size(), w2 = h2.size(), w3 = h3.size();
  std::vector<std::array<std::string, 3>> cells;
  for (const SummaryRow& r : s.rows) {
    cells.push_back({r.name + " (" + r.kind + ")", r.outputShape, formatCount(r.params())});
    w1 = std::max(w1, cells.back()[0].size());
    w2 = std::max(w2, cells.back()[1].size());
    w3 = std::max(w3, cells.back()[2].size());
  }
  w1 += 4;
  w2 += 4;
  const std::size_t width = 1 + w1 + w2 + w3 + 1;
  const std::string thin(width, '_'), thick(width, '=');
  std::string out;
  // Appends one table line: " a  b  c" padded to the column widths.
  auto tableLine = [&](const std::string& a, const std::string& b, const std::string& c) {
    out += ' ';
    out += padRight(a, w1);
    out += padRight(b, w2);
    out += c;
    out += '\n';
  };
  out += "Model: \"" + s.model + "\"";
  if (!s.arm.empty()) out += ", arm: " + s.arm;
  out += '\n';
  out += thin;
  out += '\n';
  tableLine(h1, h2, h3);
  out += thick;
  out += '\n';
  for (const auto& c : cells) tableLine(c[0], c[1], c[2]);
  out += thick;
  out += '\n';
  out += "Total params: " + formatCount(s.total()) + "\n";
  out += "Trainable params: " + formatCount(s.trainable) + "\n";
  out += "Non-trainable params: " + formatCount(s.nonTrainable);
  if (s.nonTrainable > 0) out += " (batch-norm running statistics)";
  out += '\n';
  out += thin;
  out += '\n';
  if (!s.norms.empty()) {
    out += "Norm placeholders:\n";
    for (const NormPlacement& p : s.norms) {
      out += ' ';
      out += normPlacementLine(p);
      out += '\n';
    }
  }
  return out;
}

template ModelSummary summarizeModel<float>(const Network<float>&, const std::vector<NormPlacement>&,
                                            const std::string&, const std::string&);
template ModelSummary summarizeModel<double>(const Network<double>&, const std::vector<NormPlacement>&,
                                             const std::string&, const std::string&);

}  // namespace normlab
