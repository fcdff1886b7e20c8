// The questions the main window's file actions put to the user (which file to open or save, a
// folder, save unsaved results?, export options) and its warnings. They are function objects so
// that tests replace them with answers given in advance and never block on a modal dialog.
#pragma once

#include <QMessageBox>
#include <QString>

#include <functional>

#include "ui/export/export_dialog.h"

class QWidget;

namespace normlab {

struct UserPrompts {
  // A file to open or to save to; "" when cancelled.
  std::function<QString(QWidget* parent, const QString& caption, const QString& start, const QString& filter)> openFile;
  std::function<QString(QWidget* parent, const QString& caption, const QString& start, const QString& filter)> saveFile;
  // A folder to write into; "" when cancelled.
  std::function<QString(QWidget* parent, const QString& caption, const QString& start)> directory;
  // Unsaved results: QMessageBox::Save, Discard or Cancel.
  std::function<QMessageBox::StandardButton(QWidget* parent, const QString& question)> askToSave;
  // Export format, scale and path; false when cancelled.
  std::function<bool(QWidget* parent, const QString& caption, const QString& fileStem, ExportRequest* request)> exportOptions;
  // A problem the user must see (a file that cannot be read or written).
  std::function<void(QWidget* parent, const QString& title, const QString& text)> warn;

  // The real dialogs (QFileDialog, QMessageBox, ExportDialog).
  static UserPrompts interactive();
};

}  // namespace normlab
