// The shared frame of the explainer panels (see explainer_panel.h).
#include "ui/classroom/explainer_panel.h"

#include <cmath>

#include <QCoreApplication>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/views/chart_style.h"

namespace normlab {

QStringList numberedLabels(const QString& pattern, int count) {
  QStringList labels;
  for (int i = 1; i <= count; ++i) labels << pattern.arg(i);
  return labels;
}

QColor badCellColor() { return QColor(0xF6, 0xC4, 0xA3); }  // light vermillion (Okabe-Ito D55E00)
QColor mutedTextColor() { return QColor(0x99, 0x99, 0x99); }

namespace {
const QColor kReadOnlyBackground(0xF2, 0xF2, 0xF2);
const QColor kEditableBackground(Qt::white);
const char* kEditableProperty = "normlabEditable";
}  // namespace

ExplainerPanel::ExplainerPanel(QWidget* parent) : QWidget(parent) {
  outer_ = new QVBoxLayout(this);
  title_ = new QLabel(this);
  title_->setObjectName("explainer-title");
  title_->setWordWrap(true);
  outer_->addWidget(title_);
  problem_ = new QLabel(this);
  problem_->setObjectName("explainer-problem");
  problem_->setWordWrap(true);
  problem_->setStyleSheet("QLabel { color: #A03A00; font-weight: bold; }");
  problem_->hide();
  outer_->addWidget(problem_);
  applyWidgetFont(this, false);
  styleTitle();
}

void ExplainerPanel::styleTitle() {
  QFont f = font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.3);
  title_->setFont(f);
}

void ExplainerPanel::setPresentationMode(bool on) {
  presentation_ = on;
  applyWidgetFont(this, on);
  // Child widgets with their own font (headings) follow the new base size.
  for (QLabel* label : findChildren<QLabel*>()) {
    QFont f = font();
    f.setBold(label->property("normlabHeading").toBool());
    label->setFont(f);
  }
  styleTitle();
  for (QTableWidget* table : findChildren<QTableWidget*>()) table->setFont(font());
  fitTables();
}

QWidget* ExplainerPanel::makeStep(const QString& number, const QString& title, const QString& sentence,
                                  QWidget* content) {
  auto* box = new QFrame(this);
  box->setFrameShape(QFrame::StyledPanel);
  auto* layout = new QVBoxLayout(box);
  auto* heading = new QLabel(number.isEmpty() ? title : number + "  " + title, box);
  heading->setProperty("normlabHeading", true);
  heading->setWordWrap(true);
  QFont f = heading->font();
  f.setBold(true);
  heading->setFont(f);
  layout->addWidget(heading);
  if (!sentence.isEmpty()) {
    auto* text = new QLabel(sentence, box);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    layout->addWidget(text);
  }
  if (content) {
    content->setParent(box);
    layout->addWidget(content);
  }
  layout->addStretch(1);
  return box;
}

QTableWidget* ExplainerPanel::makeTable(const QString& objectName, const QStringList& rowLabels,
                                        const QStringList& colLabels, bool editable) {
  auto* table = new QTableWidget(int(rowLabels.size()), int(colLabels.size()), this);
  table->setObjectName(objectName);
  table->setVerticalHeaderLabels(rowLabels);
  table->setHorizontalHeaderLabels(colLabels);
  table->setProperty(kEditableProperty, editable);
  table->setEditTriggers(editable ? QAbstractItemView::AllEditTriggers : QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(editable ? QAbstractItemView::SingleSelection : QAbstractItemView::NoSelection);
  table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  table->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
  const QSignalBlocker block(table);
  for (int r = 0; r < table->rowCount(); ++r)
    for (int c = 0; c < table->columnCount(); ++c) {
      auto* item = new QTableWidgetItem("");
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      item->setBackground(editable ? kEditableBackground : kReadOnlyBackground);
      if (!editable) item->setFlags(Qt::ItemIsEnabled);
      table->setItem(r, c, item);
    }
  return table;
}

void ExplainerPanel::fillTable(QTableWidget* table, const std::vector<double>& values, int decimals,
                               const std::vector<bool>& muted) {
  const QSignalBlocker block(table);
  const int cols = table->columnCount();
  for (int i = 0; i < int(values.size()) && i < table->rowCount() * cols; ++i) {
    QTableWidgetItem* item = table->item(i / cols, i % cols);
    // -0.000 reads as a mistake to a student; show it as 0.000.
    const double v = std::abs(values[i]) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : values[i];
    item->setText(QString::number(v, 'f', decimals));
    const bool grey = i < int(muted.size()) && muted[i];
    item->setForeground(grey ? mutedTextColor() : palette().color(QPalette::Text));
  }
  table->setCurrentItem(nullptr);  // no highlighted cell until the user picks one
}

bool ExplainerPanel::readTable(QTableWidget* table, std::vector<double>* values) {
  const QSignalBlocker block(table);
  const int rows = table->rowCount(), cols = table->columnCount();
  values->assign(std::size_t(rows) * cols, 0.0);
  bool allGood = true;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      QTableWidgetItem* item = table->item(r, c);
      bool ok = false;
      const QString text = item->text().trimmed();
      const double v = QLocale::c().toDouble(text, &ok);
      if (ok && std::isfinite(v)) {
        (*values)[std::size_t(r) * cols + c] = v;
        item->setBackground(kEditableBackground);
        item->setToolTip("");
      } else {
        allGood = false;
        item->setBackground(badCellColor());
        item->setToolTip(QCoreApplication::translate("ExplainerPanel", "\"%1\" is not a number; type a number such as 1.5 or -2").arg(text));
      }
    }
  return allGood;
}

void ExplainerPanel::showProblem(const QString& message) {
  problem_->setText(message);
  problem_->setVisible(!message.isEmpty());
}

void ExplainerPanel::fitTables() {
  for (QTableWidget* table : findChildren<QTableWidget*>()) {
    table->resizeColumnsToContents();
    table->resizeRowsToContents();
    const int minWidth = QFontMetrics(table->font()).horizontalAdvance("-00.000") + 12;
    for (int c = 0; c < table->columnCount(); ++c)
      table->setColumnWidth(c, std::max(table->columnWidth(c), minWidth));
    int w = table->verticalHeader()->sizeHint().width() + 2 * table->frameWidth();
    for (int c = 0; c < table->columnCount(); ++c) w += table->columnWidth(c);
    int h = table->horizontalHeader()->sizeHint().height() + 2 * table->frameWidth();
    for (int r = 0; r < table->rowCount(); ++r) h += table->rowHeight(r);
    table->setFixedSize(w, h);
  }
}

}  // namespace normlab
