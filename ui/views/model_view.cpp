#include "ui/views/model_view.h"

#include <algorithm>

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/views/arm_palette.h"
#include "core/model/model_summary.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ModelView)
};
}  // namespace

namespace {
QString normName(NormKind kind) {
  switch (kind) {
    case NormKind::None: return Tr::tr("none");
    case NormKind::Batch: return Tr::tr("BN", "batch norm, short");
    case NormKind::Layer: return Tr::tr("LN", "layer norm, short");
    case NormKind::Instance: return Tr::tr("IN", "instance norm, short");
    case NormKind::Group: return Tr::tr("GN", "group norm, short");
    case NormKind::LocalResponse: return Tr::tr("LRN", "local response norm, short");
  }
  return QString::fromLatin1(normKindName(kind));
}
}  // namespace

ModelView::ModelView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  caption_ = new QLabel(
      Tr::tr("The layers as the network runs them, with their parameter counts. Highlighted rows are the norm positions: a column per model (arms that "
             "build the same network share one) says which norm sits there with its parameters (+ running statistics); hover "
             "over a cell for why a norm is absent."),
      this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  table_ = new QTableWidget(0, 3, this);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->verticalHeader()->setVisible(false);
  // No stretched last column: a wide one put its centred header far from its cells.
  table_->horizontalHeader()->setStretchLastSection(false);
  table_->setWordWrap(true);
  layout->addWidget(table_, 1);
}

void ModelView::presentationChanged() { fitColumns(); }

namespace {
// One layer row of the table: from the run's recorded model summary, or (files without one) from
// its latest probe, which has no parameter counts.
struct LayerRow {
  QString name, kind, shape;
  std::int64_t params = -1;  // -1: unknown
};

std::vector<LayerRow> layerRows(const RunRecord& run) {
  std::vector<LayerRow> rows;
  for (const SummaryRow& l : run.modelLayers)
    rows.push_back({QString::fromStdString(l.name), QString::fromStdString(l.kind),
                    QString::fromStdString(l.outputShape), l.params()});
  if (rows.empty() && !run.probes.empty())
    for (const LayerStats& l : run.probes.back()->layers)
      rows.push_back({QString::fromStdString(l.name), QString::fromStdString(l.kind),
                      QString::fromStdString(formatOutputShape(l.shape)), -1});
  return rows;
}

QString count(std::int64_t n) { return QString::fromStdString(formatCount(n)); }

// What one arm has at a norm position, short enough for six arm columns side by side:
// "BN · 32 (+32)" (trainable, + running statistics), or "none"; the tooltip says it in full,
// with the reason for a missing norm.
QString normCell(const NormPlacement* p, const RunRecord& arm) {
  if (!p) return "\u2013";
  if (!p->present()) return Tr::tr("none");
  QString text = normName(p->kind);
  for (const SummaryRow& l : arm.modelLayers)
    if (l.name == p->name) {
      text += " \u00b7 " + count(l.trainable);
      if (l.nonTrainable > 0) text += " (+" + count(l.nonTrainable) + ")";
    }
  return text;
}
// The header of a column that several arms share: their common start said once ("BN 2, 4, 8,
// 32" for lesson 2's batch sizes), else one label a line.
QString sharedHeader(const QStringList& labels) {
  if (labels.size() == 1) return labels.front();
  QString prefix = labels.front();
  for (const QString& label : labels)
    while (!label.startsWith(prefix)) prefix.chop(1);
  prefix = prefix.left(prefix.lastIndexOf(' ') + 1);  // whole words only
  if (prefix.isEmpty()) return labels.join("\n");
  QStringList rest;
  for (const QString& label : labels) rest << label.mid(prefix.size());
  return prefix + rest.join(", ");
}
}  // namespace

void ModelView::showSnapshot(const Snapshot& snapshot) {
  updateArms(snapshot);
  // One column per arm (seeds of an arm share the model).
  std::vector<const RunRecord*> arms;
  for (const RunRecord& run : snapshot.runs) {
    bool seen = false;
    for (const RunRecord* a : arms) seen = seen || a->arm == run.arm;
    if (!seen) arms.push_back(&run);
  }
  // The layer list of the arm with the most layers (arms without a norm somewhere have fewer).
  std::vector<LayerRow> base;
  for (const RunRecord* arm : arms) {
    std::vector<LayerRow> rows = layerRows(*arm);
    if (rows.size() > base.size()) base = std::move(rows);
  }
  QString key = runSetKey(snapshot) + "|";
  for (const LayerRow& l : base) key += l.name + ",";
  if (key == key_) return;  // the model does not change while it trains
  key_ = key;

  const std::vector<NormPlacement> empty;
  const std::vector<NormPlacement>& placements = arms.empty() ? empty : arms.front()->norms;
  auto isPlaceholder = [&](const QString& name) {
    for (const NormPlacement& p : placements)
      if (QString::fromStdString(p.name) == name) return true;
    return false;
  };
  struct Row {
    const LayerRow* layer = nullptr;
    const NormPlacement* norm = nullptr;
    bool total = false;
  };
  std::vector<Row> rows;
  auto addNormsAfter = [&](const QString& follows) {
    for (const NormPlacement& p : placements)
      if (QString::fromStdString(p.follows) == follows) rows.push_back({nullptr, &p});
  };
  addNormsAfter("input");
  for (const LayerRow& l : base) {
    if (isPlaceholder(l.name)) continue;
    rows.push_back({&l, nullptr});
    addNormsAfter(l.name);
  }
  // Placements whose predecessor is not in the list (nothing recorded yet) go at the end.
  for (const NormPlacement& p : placements) {
    bool placed = false;
    for (const Row& r : rows) placed = placed || r.norm == &p;
    if (!placed) rows.push_back({nullptr, &p});
  }
  const bool counted = !base.empty() && base.front().params >= 0;
  if (counted) rows.push_back({nullptr, nullptr, true});

  // Arms with the same model share a column (lesson 2's eight arms are two models: batch norm and
  // group norm at four batch sizes each); eight columns did not fit in presentation mode.
  auto column = [&](const RunRecord& arm) {
    QString cells;
    for (const NormPlacement& p : arm.norms) cells += normCell(&p, arm) + QString::fromStdString(normPlacementLine(p)) + "|";
    for (const SummaryRow& l : arm.modelLayers) cells += QString::number(l.trainable) + "+" + QString::number(l.nonTrainable) + ",";
    return cells;
  };
  std::vector<QString> columnKeys;
  std::vector<QStringList> columnLabels;
  {
    std::vector<const RunRecord*> firsts;
    for (const RunRecord* a : arms) {
      const QString k = column(*a);
      const auto at = std::find(columnKeys.begin(), columnKeys.end(), k);
      if (at == columnKeys.end()) {
        columnKeys.push_back(k);
        columnLabels.push_back({runLabel(*a, false)});
        firsts.push_back(a);
      } else {
        columnLabels[std::size_t(at - columnKeys.begin())] << runLabel(*a, false);
      }
    }
    arms = std::move(firsts);  // one arm stands for each column
  }
  constexpr int kArmColumn = 4;
  QStringList headers{Tr::tr("Layer"), Tr::tr("Type"), Tr::tr("Output shape"), Tr::tr("Param #")};
  for (const QStringList& labels : columnLabels) headers.append(sharedHeader(labels));
  table_->clear();
  table_->clearSpans();
  table_->setColumnCount(int(headers.size()));
  table_->setHorizontalHeaderLabels(headers);
  for (int c = 0; c < int(arms.size()); ++c) {
    QTableWidgetItem* header = table_->horizontalHeaderItem(kArmColumn + c);
    header->setForeground(palette_.color(arms[std::size_t(c)]->arm));
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
      if (c == 3) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      table_->setItem(r, c, item);
      return item;
    };
    if (row.total) {
      QFont bold = table_->font();
      bold.setBold(true);
      put(0, Tr::tr("Total"))->setFont(bold);
      put(1, Tr::tr("trainable (+ running statistics)"));
      table_->setSpan(r, 1, 1, 3);  // across the empty cells, so it does not widen the Type column
      for (int c = 0; c < int(arms.size()); ++c) {
        std::int64_t trainable = 0, running = 0;
        for (const SummaryRow& l : arms[std::size_t(c)]->modelLayers) {
          trainable += l.trainable;
          running += l.nonTrainable;
        }
        QString text = count(trainable);
        if (running > 0) text += " (+" + count(running) + ")";
        put(kArmColumn + c, text)->setFont(bold);
      }
      continue;
    }
    if (row.layer) {
      put(0, row.layer->name);
      put(1, row.layer->kind);
      put(2, row.layer->shape);
      put(3, row.layer->params >= 0 ? count(row.layer->params) : QString());
      for (int c = 0; c < int(arms.size()); ++c) put(kArmColumn + c, QString());
      continue;
    }
    put(0, QString::fromStdString(row.norm->name));
    // The row sits right after the layer it follows: "norm position" says the rest, and leaves the
    // width to the arm columns.
    put(1, Tr::tr("norm position"))->setToolTip(Tr::tr("after %1").arg(QString::fromStdString(row.norm->follows)));
    put(2, QString::fromStdString(formatOutputShape(row.norm->shape)));
    put(3, Tr::tr("per arm →"));
    for (int c = 0; c < int(arms.size()); ++c) {
      const RunRecord& arm = *arms[std::size_t(c)];
      const NormPlacement* p = nullptr;
      for (const NormPlacement& q : arm.norms)
        if (q.name == row.norm->name) p = &q;
      QTableWidgetItem* item = put(kArmColumn + c, normCell(p, arm));
      if (p && p->present()) {
        item->setForeground(palette_.color(arm.arm));
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
      }
      item->setToolTip(p ? QString::fromStdString(normPlacementLine(*p)) : QString());
    }
  }
  fitColumns();
}

// Columns fit their contents, but the arm columns share the width that is left, wrapping long
// reasons (e.g. why instance norm is absent after a dense layer) instead of pushing the other
// arms off screen (six arms scrolled sideways at 1280x720); the tooltip has all.
void ModelView::fitColumns() {
  constexpr int kArmColumn = 4;
  table_->resizeColumnsToContents();
  const int arms = table_->columnCount() - kArmColumn;
  if (arms > 0) {
    int left = table_->viewport()->width();
    for (int c = 0; c < kArmColumn; ++c) left -= table_->columnWidth(c);
    const QFontMetrics metrics = table_->fontMetrics();
    const int least = metrics.horizontalAdvance(QString(16, QChar('n')));
    const int most = metrics.horizontalAdvance(QString(28, QChar('n')));
    const int share = std::clamp(left / arms, least, most);
    // An arm column's header shows whole, in the bold it is drawn in (Qt sizes it in the
    // header's plain font: "GN 2, 4, 8, 32" was cut in presentation mode).
    QFont bold = table_->horizontalHeader()->font();
    bold.setBold(true);
    const QFontMetrics headerMetrics(bold);
    for (int c = kArmColumn; c < table_->columnCount(); ++c) {
      const QTableWidgetItem* header = table_->horizontalHeaderItem(c);
      const int whole = header ? headerMetrics.size(0, header->text()).width() + 16 : 0;
      table_->setColumnWidth(c, std::max(std::min(table_->columnWidth(c), share), whole));
    }
  }
  table_->resizeRowsToContents();
}

void ModelView::resizeEvent(QResizeEvent* event) {
  ChartViewBase::resizeEvent(event);
  fitColumns();
}

}  // namespace normlab
