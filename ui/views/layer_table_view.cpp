#include "ui/views/layer_table_view.h"

#include <cmath>

#include <QCoreApplication>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
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

LayerTableView::LayerTableView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* caption = new QLabel(
      Tr::tr("Latest probe of every run. Gradient norm and update ratio (||update|| / ||weight||) are for the "
      "layer's weight (gamma for norm layers)."),
      this);
  caption->setWordWrap(true);
  layout->addWidget(caption);
  table_ = new QTableWidget(0, kColumns, this);
  table_->setHorizontalHeaderLabels({Tr::tr("Layer"), Tr::tr("Run"), Tr::tr("Output mean"), Tr::tr("Output std"), Tr::tr("% zeros"), Tr::tr("% saturated"),
                                     Tr::tr("Weight grad norm"), Tr::tr("Update ratio")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setAlternatingRowColors(true);
  layout->addWidget(table_, 1);
}

void LayerTableView::presentationChanged() {
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
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
  const bool seeds = hasSeveralSeeds(snapshot);
  if (rebuild) {
    key_ = key;
    table_->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r)
      for (int c = 0; c < kColumns; ++c) {
        auto* item = new QTableWidgetItem;
        item->setTextAlignment(c <= kRun ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(r, c, item);
      }
  }
  // A norm position holds a different layer in each arm: its kind is then each arm's norm, not
  // the first row's ("norm1 (batch_norm)" above a layer-norm row).
  QHash<QString, QString> kinds;
  for (const Row& row : rows) {
    const QString name = QString::fromStdString(row.layer->name), kind = QString::fromStdString(row.layer->kind);
    auto it = kinds.find(name);
    if (it == kinds.end()) kinds.insert(name, kind);
    else if (*it != kind) *it = Tr::tr("each arm's norm");
  }
  QString previousLayer;
  for (int r = 0; r < int(rows.size()); ++r) {
    const LayerStats& l = *rows[std::size_t(r)].layer;
    const RunRecord& run = snapshot.runs[std::size_t(rows[std::size_t(r)].run)];
    const QString layerName = QString::fromStdString(l.name);
    auto set = [&](int c, const QString& text) {
      QTableWidgetItem* item = table_->item(r, c);
      if (item->text() != text) item->setText(text);
    };
    // The layer name once per group, with its kind.
    set(kLayer, layerName == previousLayer ? QString() : layerName + "  (" + kinds.value(layerName) + ")");
    previousLayer = layerName;
    set(kRun, runDisplayName(run, seeds));
    QTableWidgetItem* runItem = table_->item(r, kRun);
    if (rebuild) {
      QFont bold = runItem->font();
      bold.setBold(true);
      runItem->setFont(bold);
    }
    // The arm's colour; pale while other arms are highlighted.
    const QColor color = armDimmed(run.arm) ? paleColor(palette_.color(run.arm)) : palette_.color(run.arm);
    if (runItem->foreground().color() != color) runItem->setForeground(color);
    set(kMean, number(l.activation.mean));
    set(kStd, number(l.activation.std));
    set(kZeros, percent(l.activation.zeroFraction));
    set(kSaturated, percent(l.activation.saturatedFraction));
    const ParamStats* w = mainWeight(l);
    set(kGradNorm, w ? number(w->gradNorm) : QString("\u2013"));
    set(kUpdateRatio, w ? number(w->updateRatio) : QString("\u2013"));
  }
  if (rebuild) {
    table_->resizeColumnsToContents();
    // Every row holds one line of the same font: one height for all, without measuring each
    // row (resizeRowsToContents took most of the 14 ms this view needed for lesson 2's 24 runs).
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
  }
}

}  // namespace normlab
