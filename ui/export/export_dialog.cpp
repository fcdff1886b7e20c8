// The chart export dialog (see export_dialog.h).
#include "ui/export/export_dialog.h"

#include <QCoreApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

namespace normlab {

namespace {

struct FormatChoice {
  ChartFormat format;
  const char* extension;
  const char* label;
};
constexpr FormatChoice kFormats[] = {
    {ChartFormat::Png, "png", QT_TRANSLATE_NOOP("normlab::ExportDialog", "PNG image (for slides and documents)")},
    {ChartFormat::Svg, "svg", QT_TRANSLATE_NOOP("normlab::ExportDialog", "SVG vector drawing (scales without blur)")},
    {ChartFormat::Pdf, "pdf", QT_TRANSLATE_NOOP("normlab::ExportDialog", "PDF (for print and LaTeX)")},
};

QString lastFolder() {
  const QString fallback = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  return QSettings().value("export/folder", fallback.isEmpty() ? QDir::homePath() : fallback).toString();
}

}  // namespace

ExportDialog::ExportDialog(const QString& title, const QString& fileStem, QWidget* parent) : QDialog(parent) {
  setWindowTitle(title);
  QSettings store;
  format_ = new QComboBox;
  for (const FormatChoice& f : kFormats) format_->addItem(tr(f.label), f.extension);
  format_->setToolTip(tr("PNG for slides; SVG or PDF stay sharp at any size."));
  const int savedFormat = format_->findData(store.value("export/format", "png").toString());
  format_->setCurrentIndex(std::max(0, savedFormat));

  scale_ = new QComboBox;
  for (int s : {1, 2, 4}) scale_->addItem(tr("%1x").arg(s), s);
  scale_->setToolTip(tr("PNG pixels per on-screen pixel: 2x is sharp on a projector, 4x for print."));
  const int savedScale = scale_->findData(store.value("export/scale", 2).toInt());
  scale_->setCurrentIndex(savedScale >= 0 ? savedScale : 1);
  scaleLabel_ = new QLabel(tr("&Scale:"));
  scaleLabel_->setBuddy(scale_);

  path_ = new QLineEdit(QDir(lastFolder()).filePath(fileStem + "." + format_->currentData().toString()));
  path_->setMinimumWidth(380);
  path_->setToolTip(tr("The file to write; an existing file is replaced."));
  auto* browse = new QPushButton(tr("&Browse…"));
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(path_, 1);
  pathRow->addWidget(browse);

  auto* form = new QFormLayout;
  form->addRow(tr("&Format:"), format_);
  form->addRow(scaleLabel_, scale_);
  // A label with a buddy shows "File:" with its mnemonic underlined; a bare row text cannot take
  // a layout as buddy and would show the "&".
  auto* pathLabel = new QLabel(tr("F&ile:"));
  pathLabel->setBuddy(path_);
  form->addRow(pathLabel, pathRow);
  auto* note = new QLabel(tr("The legend, axis titles and a caption line (arms, settings, seed, step) are included."));
  note->setWordWrap(true);
  note->setStyleSheet("color: #555555;");
  form->addRow(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  setLayout(form);

  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
  formatChanged();
}

void ExportDialog::formatChanged() {
  const QString extension = format_->currentData().toString();
  const bool png = extension == "png";
  scale_->setEnabled(png);
  scaleLabel_->setEnabled(png);
  // Keep the file's extension in step with the format.
  const QFileInfo info(path_->text());
  if (!path_->text().isEmpty()) path_->setText(QDir(info.path()).filePath(info.completeBaseName() + "." + extension));
}

void ExportDialog::browse() {
  const int i = format_->currentIndex();
  QStringList filters;
  for (const FormatChoice& f : kFormats) filters << QString("%1 (*.%2)").arg(QString(f.extension).toUpper(), f.extension);
  QString selected = filters[i];
  const QString path = QFileDialog::getSaveFileName(this, windowTitle(), path_->text(), filters.join(";;"), &selected);
  if (path.isEmpty()) return;
  const int chosen = int(filters.indexOf(selected));
  if (chosen >= 0) format_->setCurrentIndex(chosen);
  path_->setText(path);
  formatChanged();
}

ExportRequest ExportDialog::request() const {
  ExportRequest r;
  r.format = kFormats[std::max(0, format_->currentIndex())].format;
  r.scale = scale_->currentData().toDouble();
  r.path = path_->text().trimmed();
  return r;
}

void ExportDialog::remember() const {
  QSettings store;
  store.setValue("export/format", format_->currentData());
  store.setValue("export/scale", scale_->currentData());
  const QString path = path_->text().trimmed();
  if (!path.isEmpty()) store.setValue("export/folder", QFileInfo(path).absolutePath());
}

bool ExportDialog::ask(QWidget* parent, const QString& title, const QString& fileStem, ExportRequest* request) {
  ExportDialog dialog(title, fileStem, parent);
  if (dialog.exec() != QDialog::Accepted) return false;
  *request = dialog.request();
  if (request->path.isEmpty()) return false;
  dialog.remember();
  return true;
}

}  // namespace normlab
