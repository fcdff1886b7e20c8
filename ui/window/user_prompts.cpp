// The real dialogs behind UserPrompts (see user_prompts.h).
#include "ui/window/user_prompts.h"

#include <QCoreApplication>
#include <QFileDialog>

namespace normlab {

UserPrompts UserPrompts::interactive() {
  UserPrompts p;
  p.openFile = [](QWidget* parent, const QString& caption, const QString& start, const QString& filter) {
    return QFileDialog::getOpenFileName(parent, caption, start, filter);
  };
  p.saveFile = [](QWidget* parent, const QString& caption, const QString& start, const QString& filter) {
    return QFileDialog::getSaveFileName(parent, caption, start, filter);
  };
  p.directory = [](QWidget* parent, const QString& caption, const QString& start) {
    return QFileDialog::getExistingDirectory(parent, caption, start);
  };
  p.askToSave = [](QWidget* parent, const QString& question) {
    return QMessageBox::question(parent, QCoreApplication::translate("UserPrompts", "Unsaved results"), question,
                                 QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  };
  p.exportOptions = &ExportDialog::ask;
  p.warn = [](QWidget* parent, const QString& title, const QString& text) {
    QMessageBox::warning(parent, title, text);
  };
  return p;
}

}  // namespace normlab
