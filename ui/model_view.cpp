#include "model_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "arm_palette.h"
#include "core/model_summary.h"

namespace normlab {

namespace {
QString normName(NormKind kind) {
  switch (kind) {
    case NormKind::None: return "none";
    case NormKind::Batch: return "batch norm";
    case NormKind::Layer: return "layer norm";
    case NormKind::Instance: return "instance norm";
    case NormKind::Group: return "group norm";
    case NormKind::LocalResponse: return "local response norm";
  }
  return QString::fromLatin1(normKindName(kind));
}
}  // namespace

ModelView::ModelView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  caption_ = new QLabel(
      "The layers as the network runs them. Highlighted rows are the norm positions: each arm's column says "
      "which norm sits there, or why there is none.",
      this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  table_ = new QTableWidget(0, 3, this);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setWordWrap(true);
  layout->addWidget(table_, 1);
}

void ModelView::presentationChanged() {
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
}

void ModelView::showSnapshot(const Snapshot& snapshot) {
  // One column per arm (seeds of an arm share the model).
  std::vector<const RunRecord*> arms;
  for (const RunRecord& run : snapshot.runs) {
    bool seen = false;
    for (const RunRecord* a : arms) seen = seen || a->arm == run.arm;
    if (!seen) arms.push_back(&run);
  }
  // The layer list of the run with the most layers at its latest probe.
  const ProbeRecord* base = nullptr;
  for (const RunRecord& run : snapshot.runs)
    if (!run.probes.empty() && (!base || run.probes.back()->layers.size() > base->layers.size()))
      base = run.probes.back().get();
  QString key = runSetKey(snapshot) + "|";
  if (base)
    for (const LayerStats& l : base->layers) key += QString::fromStdString(l.name) + ",";
  if (key == key_) return;  // the model does not change while it trains
  key_ = key;

  const std::vector<NormPlacement> empty;
  const std::vector<NormPlacement>& placements = arms.empty() ? empty : arms.front()->norms;
  auto isPlaceholder = [&](const std::string& name) {
    for (const NormPlacement& p : placements)
      if (p.name == name) return true;
    return false;
  };
  struct Row {
    const LayerStats* layer = nullptr;
    const NormPlacement* norm = nullptr;  // index into placements
    std::size_t normIndex = 0;
  };
  std::vector<Row> rows;
  auto addNormsAfter = [&](const std::string& follows) {
    for (std::size_t k = 0; k < placements.size(); ++k)
      if (placements[k].follows == follows) rows.push_back({nullptr, &placements[k], k});
  };
  addNormsAfter("input");
  if (base)
    for (const LayerStats& l : base->layers) {
      if (isPlaceholder(l.name)) continue;
      rows.push_back({&l, nullptr, 0});
      addNormsAfter(l.name);
    }
  // Placements whose predecessor is not in the list (no probe yet) go at the end.
  for (std::size_t k = 0; k < placements.size(); ++k) {
    bool placed = false;
    for (const Row& r : rows) placed = placed || r.norm == &placements[k];
    if (!placed) rows.push_back({nullptr, &placements[k], k});
  }

  QStringList headers{"Layer", "Type", "Output shape"};
  for (const RunRecord* a : arms) headers.append(runLabel(*a, false));
  table_->clear();
  table_->setColumnCount(int(headers.size()));
  table_->setHorizontalHeaderLabels(headers);
  for (int c = 0; c < int(arms.size()); ++c) {
    QTableWidgetItem* header = table_->horizontalHeaderItem(3 + c);
    header->setForeground(armColor(arms[std::size_t(c)]->arm));
    QFont bold = header->font();
    bold.setBold(true);
    header->setFont(bold);
  }
  table_->setRowCount(int(rows.size()));
  const QColor highlight(255, 246, 214);
  for (int r = 0; r < int(rows.size()); ++r) {
    const Row& row = rows[std::size_t(r)];
    auto put = [&](int c, const QString& text) {
      auto* item = new QTableWidgetItem(text);
      if (row.norm) item->setBackground(highlight);
      table_->setItem(r, c, item);
      return item;
    };
    if (row.layer) {
      put(0, QString::fromStdString(row.layer->name));
      put(1, QString::fromStdString(row.layer->kind));
      put(2, QString::fromStdString(formatOutputShape(row.layer->shape)));
      for (int c = 0; c < int(arms.size()); ++c) put(3 + c, QString());
      continue;
    }
    put(0, QString::fromStdString(row.norm->name));
    put(1, QString("norm position (after %1)").arg(QString::fromStdString(row.norm->follows)));
    put(2, QString::fromStdString(formatOutputShape(row.norm->shape)));
    for (int c = 0; c < int(arms.size()); ++c) {
      const RunRecord& arm = *arms[std::size_t(c)];
      const NormPlacement* p = nullptr;
      for (const NormPlacement& q : arm.norms)
        if (q.name == row.norm->name) p = &q;
      QString text;
      if (!p) text = "\u2013";
      else if (p->present()) text = normName(p->kind);
      else text = "none: " + QString::fromStdString(p->absentReason);
      QTableWidgetItem* item = put(3 + c, text);
      if (p && p->present()) {
        item->setForeground(armColor(arm.arm));
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
      }
      item->setToolTip(p ? QString::fromStdString(normPlacementLine(*p)) : QString());
    }
  }
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
}

}  // namespace normlab
