#include "ui/views/layer_table_view.h"

#include <array>
#include <cmath>
#include <vector>

#include <QCoreApplication>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QAbstractTableModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(LayerTableView)
};
}  // namespace

namespace {
enum Column { kLayer, kRun, kMean, kStd, kZeros, kSaturated, kGradNorm, kUpdateRatio, kColumns };
static_assert(kColumns == 8, "LayerTableView::longestText_ holds one entry per column");

QString number(double v) {
  if (!std::isfinite(v)) return v != v ? "NaN" : (v > 0 ? "+Inf" : "-Inf");
  return QString::number(v, 'g', 3);
}
QString percent(double v) {
  if (!std::isfinite(v)) return number(v);
  return QString::number(100 * v, 'f', 1) + " %";
}

// The layer's main weight: "weight" (conv, dense) or "gamma" (norms).
const ParamStats* mainWeight(const LayerStats& l) {
  for (const ParamStats& p : l.params)
    if (p.name == "weight") return &p;
  for (const ParamStats& p : l.params)
    if (p.name == "gamma") return &p;
  return nullptr;
}
}  // namespace

// The table's cells as texts, kept by the view: a model answers for the rows on screen only, so
// lesson 2's 24 runs x 15 layers (2,880 cells) cost no item objects and one change signal per
// snapshot (the QTableWidget it replaces took 12-18 ms to build them after Start).
class LayerTableModel : public QAbstractTableModel {
 public:
  struct Row {
    std::array<QString, kColumns> text;
    QColor runColor;
  };
  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(rows_.size()); }
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : kColumns; }
  QVariant data(const QModelIndex& index, int role) const override {
    if (!index.isValid() || index.row() >= int(rows_.size())) return {};
    const Row& row = rows_[std::size_t(index.row())];
    switch (role) {
      case Qt::DisplayRole:
        return row.text[std::size_t(index.column())];
      case Qt::TextAlignmentRole:
        return int((index.column() <= kRun ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
      case Qt::ForegroundRole:
        return index.column() == kRun ? QVariant(QBrush(row.runColor)) : QVariant();
      case Qt::FontRole:
        return index.column() == kRun ? QVariant(boldFont_) : QVariant();
      default:
        return {};
    }
  }
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= kColumns) return {};
    return headers_[std::size_t(section)];
  }

  void setHeaders(const std::array<QString, kColumns>& headers) { headers_ = headers; }
  void setBoldFont(const QFont& font) { boldFont_ = font; }
  const std::vector<Row>& rows() const { return rows_; }
  // New rows: a reset when the rows stand for other layers or runs, else one change signal.
  void setRows(std::vector<Row> rows, bool sameShape) {
    if (!sameShape) beginResetModel();
    rows_ = std::move(rows);
    if (!sameShape)
      endResetModel();
    else if (!rows_.empty())
      emit dataChanged(index(0, 0), index(int(rows_.size()) - 1, kColumns - 1));
  }

 private:
  std::vector<Row> rows_;
  std::array<QString, kColumns> headers_;
  QFont boldFont_;
};

LayerTableView::LayerTableView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* caption = new QLabel(
      Tr::tr("Latest probe of every run. Gradient norm and update ratio (||update|| / ||weight||) are for the "
      "layer's weight (gamma for norm layers)."),
      this);
  caption->setWordWrap(true);
  layout->addWidget(caption);
  model_ = new LayerTableModel(this);
  model_->setHeaders({Tr::tr("Layer"), Tr::tr("Run"), Tr::tr("Output mean"), Tr::tr("Output std"), Tr::tr("% zeros"),
                      Tr::tr("% saturated"), Tr::tr("Weight grad norm"), Tr::tr("Update ratio")});
  table_ = new QTableView(this);
  table_->setModel(model_);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setAlternatingRowColors(true);
  layout->addWidget(table_, 1);
  presentationChanged();
}

void LayerTableView::presentationChanged() {
  QFont bold = table_->font();
  bold.setBold(true);
  model_->setBoldFont(bold);
  // Every row holds one line of the same font: one height for all, without measuring each row.
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
  fitColumns(true);
}

void LayerTableView::fitColumns(bool shrink) {
  QFont boldFont = table_->font();
  boldFont.setBold(true);
  const QFontMetrics plain(table_->font()), bold(boldFont);
  const QFontMetrics header(table_->horizontalHeader()->font());
  // Margins on both sides with a little room (Qt's own are 3 px a side in a cell, 4 in a header):
  // the whole table fits beside the side panel at 1280x720.
  constexpr int kCellPadding = 12, kHeaderPadding = 16;
  for (int c = 0; c < kColumns; ++c) {
    int width = header.horizontalAdvance(model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()) + kHeaderPadding;
    const QFontMetrics& metrics = c == kRun ? bold : plain;
    // While it trains (no shrink) only texts as long as the longest measured can widen a column:
    // the digits are as wide as each other, and 2,880 cells are not measured every frame.
    qsizetype& longest = longestText_[std::size_t(c)];
    if (shrink) longest = 0;
    const qsizetype atLeast = longest;
    for (const LayerTableModel::Row& row : model_->rows()) {
      const QString& text = row.text[std::size_t(c)];
      if (text.size() < atLeast) continue;
      longest = std::max(longest, text.size());
      width = std::max(width, metrics.horizontalAdvance(text) + kCellPadding);
    }
    if (shrink || width > table_->columnWidth(c)) table_->setColumnWidth(c, width);
  }
}

void LayerTableView::showSnapshot(const Snapshot& snapshot) {
  updateArms(snapshot);
  // Rows: layers in network order (union over runs), then each run that has the layer.
  struct Row {
    const LayerStats* layer;
    int run;
  };
  QStringList layers;
  for (const RunRecord& run : snapshot.runs) {
    if (run.probes.empty()) continue;
    int insertAt = 0;
    for (const LayerStats& l : run.probes.back()->layers) {
      const QString name = QString::fromStdString(l.name);
      const int at = int(layers.indexOf(name));
      if (at >= 0) insertAt = at + 1;
      else layers.insert(insertAt++, name);
    }
  }
  std::vector<Row> rows;
  QString key = runSetKey(snapshot) + "|";
  for (const QString& name : layers) {
    const std::string n = name.toStdString();
    for (std::size_t i = 0; i < snapshot.runs.size(); ++i) {
      const RunRecord& run = snapshot.runs[i];
      if (run.probes.empty()) continue;
      for (const LayerStats& l : run.probes.back()->layers)
        if (l.name == n) {
          rows.push_back({&l, int(i)});
          key += name + QString::number(i) + ",";
        }
    }
  }
  const bool rebuild = key != key_;
  key_ = key;
  const bool seeds = hasSeveralSeeds(snapshot);
  // A norm position holds a different layer in each arm: its kind is then each arm's norm, not
  // the first row's ("norm1 (batch_norm)" above a layer-norm row).
  QHash<QString, QString> kinds;
  for (const Row& row : rows) {
    const QString name = QString::fromStdString(row.layer->name), kind = QString::fromStdString(row.layer->kind);
    auto it = kinds.find(name);
    if (it == kinds.end()) kinds.insert(name, kind);
    else if (*it != kind) *it = Tr::tr("each arm's norm");
  }
  std::vector<LayerTableModel::Row> cells(rows.size());
  QString previousLayer;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const LayerStats& l = *rows[r].layer;
    const RunRecord& run = snapshot.runs[std::size_t(rows[r].run)];
    const QString layerName = QString::fromStdString(l.name);
    LayerTableModel::Row& row = cells[r];
    // The layer name once per group, with its kind.
    row.text[kLayer] = layerName == previousLayer ? QString() : layerName + "  (" + kinds.value(layerName) + ")";
    previousLayer = layerName;
    row.text[kRun] = runDisplayName(run, seeds);
    // The arm's colour; pale while other arms are highlighted.
    row.runColor = armDimmed(run.arm) ? paleColor(palette_.color(run.arm)) : palette_.color(run.arm);
    row.text[kMean] = number(l.activation.mean);
    row.text[kStd] = number(l.activation.std);
    row.text[kZeros] = percent(l.activation.zeroFraction);
    row.text[kSaturated] = percent(l.activation.saturatedFraction);
    const ParamStats* w = mainWeight(l);
    row.text[kGradNorm] = w ? number(w->gradNorm) : QString("\u2013");
    row.text[kUpdateRatio] = w ? number(w->updateRatio) : QString("\u2013");
  }
  model_->setRows(std::move(cells), !rebuild);
  // Only a rebuild measures every cell; while training, a wider number widens its column.
  if (rebuild || isVisible()) fitColumns(rebuild);
}

}  // namespace normlab
