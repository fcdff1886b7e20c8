// The "Export chart..." / "Export figure..." dialog: format (PNG, SVG, PDF), PNG scale (1x, 2x,
// 4x; default 2x) and the file (typed or picked with Browse). The format, scale and folder are
// remembered in QSettings ("export/..."), so the next export starts where the last one ended.
#pragma once

#include <QDialog>

#include "ui/export/chart_export.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace normlab {

struct ExportRequest {
  ChartFormat format = ChartFormat::Png;
  double scale = 2;
  QString path;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // `fileStem` names the suggested file ("loss" -> <last folder>/loss.png).
  ExportDialog(const QString& title, const QString& fileStem, QWidget* parent = nullptr);

  ExportRequest request() const;
  // Stores format, scale and folder for next time.
  void remember() const;

  QComboBox* formatBox() const { return format_; }
  QComboBox* scaleBox() const { return scale_; }
  QLineEdit* pathEdit() const { return path_; }

  // Shows the dialog; true (and the request) when the user pressed Export with a path.
  static bool ask(QWidget* parent, const QString& title, const QString& fileStem, ExportRequest* request);

 private:
  void formatChanged();
  void browse();

  QComboBox *format_, *scale_;
  QLabel* scaleLabel_;
  QLineEdit* path_;
};

}  // namespace normlab
