// Data export (see data_export.h): a Qt-facing wrapper over the core result writers.
#include "ui/export/data_export.h"

#include <exception>

#include <QFile>

#include "core/files/results_writer.h"

namespace normlab {

QString exportData(const ExperimentResults& results, const QString& dir, QStringList* written) {
  try {
    const std::vector<std::string> files = writeResultSet(QFile::encodeName(dir).toStdString(), results);
    if (written) {
      written->clear();
      for (const std::string& f : files) written->append(QString::fromStdString(f));
    }
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace normlab
