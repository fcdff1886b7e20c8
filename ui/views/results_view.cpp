#include "ui/views/results_view.h"

#include <cmath>
#include <limits>

#include <QCoreApplication>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "core/experiment/arm_results.h"
#include "ui/views/arm_palette.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ResultsView)
};
}  // namespace

namespace {

// Cells without a value sort below every value (ascending: first; the user flips to see them last).
constexpr double kNoValue = -std::numeric_limits<double>::max();
const QString kDash = QStringLiteral("\u2013");

QString significant(double v) { return QString::number(v, 'g', 3); }

// "82.3 %" for one seed, "82.3 ± 1.2 %" for several; "–" without a value.
QString accuracyText(const SeedSpread& s) {
  if (s.count == 0) return kDash;
  QString text = QString::number(100 * s.mean, 'f', 1);
  if (s.count > 1) text += QString(" \u00b1 %1").arg(100 * s.std, 0, 'f', 1);
  return text + " %";
}
QString lossText(const SeedSpread& s) {
  if (s.count == 0) return kDash;
  QString text = significant(s.mean);
  if (s.count > 1) text += " \u00b1 " + significant(s.std);
  return text;
}
// The lowest and highest seed, for the tooltip (the sweep's band spans the same).
QString rangeTip(const SeedSpread& s, bool percent) {
  if (s.count < 2) return {};
  auto value = [&](double v) { return percent ? QString::number(100 * v, 'f', 1) + " %" : significant(v); };
  return Tr::tr("mean over %1 seeds ± standard deviation; lowest %2, highest %3")
      .arg(s.count)
      .arg(value(s.min), value(s.max));
}
double sortKey(const SeedSpread& s) { return s.count > 0 ? s.mean : kNoValue; }

}  // namespace

ResultsView::ResultsView(QWidget* parent) : ChartViewBase(parent) {
  auto* layout = new QVBoxLayout(this);
  caption_ = new QLabel(
      Tr::tr("One row per arm: its final values (while training, the latest test evaluation), mean ± standard "
      "deviation over the seeds that did not diverge. Click a column title to sort; Ctrl+C copies the rows."),
      this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  model_ = new QStandardItemModel(0, kColumns, this);
  model_->setHorizontalHeaderLabels(
      {Tr::tr("Arm"), Tr::tr("Norm"), Tr::tr("Seeds"), Tr::tr("Test accuracy"), Tr::tr("Test loss"), Tr::tr("Train loss"), Tr::tr("Diverged"), Tr::tr("Images/s")});
  model_->setSortRole(kSortRole);
  table_ = new QTableView(this);
  table_->setModel(model_);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setSortingEnabled(true);
  table_->horizontalHeader()->setSortIndicatorShown(true);
  table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // arm order until a click
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setVisible(false);
  table_->setAlternatingRowColors(true);
  table_->setWordWrap(false);
  layout->addWidget(table_, 1);

  auto* copy = new QAction(Tr::tr("Copy"), table_);
  copy->setShortcut(QKeySequence::Copy);
  copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(copy, &QAction::triggered, this, [this] { copyToClipboard(); });
  table_->addAction(copy);
  table_->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(table_, &QWidget::customContextMenuRequested, this, [this, copy](const QPoint& pos) {
    auto* menu = new QMenu(table_);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(copy);
    menu->popup(table_->viewport()->mapToGlobal(pos));
  });
}

void ResultsView::presentationChanged() {
  applyWidgetFont(table_, presentation_);
  applyWidgetFont(table_->horizontalHeader(), presentation_);
  fitColumns();
}

void ResultsView::fitColumns() {
  table_->resizeColumnsToContents();
  table_->resizeRowsToContents();
}

void ResultsView::showSnapshot(const Snapshot& snapshot) {
  const std::vector<ArmResult> arms = armResults(snapshot.runs);
  QString key;
  for (const ArmResult& a : arms) key += QString("%1/%2/%3;").arg(a.arm).arg(a.runs).arg(QString::fromStdString(a.label));
  const bool rebuild = key != key_;
  if (rebuild) {
    key_ = key;
    const ArmPalette palette(snapshot.runs);
    model_->setRowCount(0);
    for (const ArmResult& a : arms) {
      QList<QStandardItem*> row;
      for (int c = 0; c < kColumns; ++c) {
        auto* item = new QStandardItem;
        item->setTextAlignment(c <= kNorm || c == kDiverged ? Qt::AlignLeft | Qt::AlignVCenter
                                                            : Qt::AlignRight | Qt::AlignVCenter);
        row.append(item);
      }
      row[kArm]->setData(a.arm, Qt::UserRole);                  // finds the row once sorted
      row[kArm]->setData(palette.color(a.arm), Qt::DecorationRole);  // the arm's colour in the charts
      QFont bold = row[kArm]->font();
      bold.setBold(true);
      row[kArm]->setFont(bold);
      model_->appendRow(row);
    }
  }
  // Rows may be sorted: find each arm's row by the arm index kept in its first cell.
  bool changed = rebuild;
  bool wider = false;  // a text grew: the columns are fitted again (never cut with "...")
  for (int r = 0; r < model_->rowCount(); ++r) {
    const int armIndex = model_->item(r, kArm)->data(Qt::UserRole).toInt();
    const ArmResult* arm = nullptr;
    for (const ArmResult& a : arms)
      if (a.arm == armIndex) arm = &a;
    if (!arm) continue;
    auto set = [&](int c, const QString& text, double sort, const QString& tip = QString()) {
      QStandardItem* item = model_->item(r, c);
      if (item->text() == text && item->data(kSortRole).toDouble() == sort) return;
      wider = wider || text.size() > item->text().size();
      item->setText(text);
      item->setData(sort, kSortRole);
      item->setToolTip(tip);
      changed = true;
    };
    const QString label = QString::fromStdString(arm->label);
    set(kArm, label, double(arm->arm));
    set(kNorm, QString::fromStdString(arm->norm), double(arm->arm));
    set(kSeeds, QString::number(arm->runs), arm->runs);
    set(kTestAccuracy, accuracyText(arm->testAccuracy), sortKey(arm->testAccuracy), rangeTip(arm->testAccuracy, true));
    set(kTestLoss, lossText(arm->testLoss), sortKey(arm->testLoss), rangeTip(arm->testLoss, false));
    set(kTrainLoss, lossText(arm->trainLoss), sortKey(arm->trainLoss), rangeTip(arm->trainLoss, false));
    const QString problem = QString::fromStdString(armProblemText(*arm));
    // Sorting by this column puts the earliest divergence first, arms that trained last.
    set(kDiverged, problem.isEmpty() ? Tr::tr("no") : problem,
        arm->diverged > 0 ? double(arm->firstDivergedStep) : (arm->failed > 0 ? 1e300 : std::numeric_limits<double>::max()));
    set(kSpeed, arm->imagesPerSecond.count ? QString::number(std::lround(arm->imagesPerSecond.mean)) : kDash,
        sortKey(arm->imagesPerSecond));
    const QColor problemColour = problem.isEmpty() ? QColor() : QColor(0xb0, 0x00, 0x20);
    if (problemColour.isValid()) model_->item(r, kDiverged)->setForeground(problemColour);
    else model_->item(r, kDiverged)->setData(QVariant(), Qt::ForegroundRole);
  }
  if (!changed) return;
  // New values keep the order the user chose.
  const QHeaderView* header = table_->horizontalHeader();
  if (header->sortIndicatorSection() >= 0) model_->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
  if (rebuild || wider) fitColumns();
}

QString ResultsView::tableText() const {
  QList<int> rows;  // view order
  const QModelIndexList selected = table_->selectionModel()->selectedRows();
  for (int visual = 0; visual < model_->rowCount(); ++visual) {
    const int r = table_->verticalHeader()->logicalIndex(visual);
    bool take = selected.isEmpty();
    for (const QModelIndex& index : selected) take = take || index.row() == r;
    if (take) rows.append(r);
  }
  QStringList lines;
  QStringList header;
  for (int c = 0; c < kColumns; ++c) header.append(model_->headerData(c, Qt::Horizontal).toString());
  lines.append(header.join('\t'));
  for (int r : rows) {
    QStringList cells;
    for (int c = 0; c < kColumns; ++c) cells.append(model_->item(r, c)->text());
    lines.append(cells.join('\t'));
  }
  return lines.join('\n') + '\n';
}

void ResultsView::copyToClipboard() const {
  if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setText(tableText());
}

}  // namespace normlab
