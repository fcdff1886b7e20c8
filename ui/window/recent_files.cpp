// File > Open Recent, stored in QSettings (see recent_files.h).
#include "ui/window/recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace normlab {

namespace {

constexpr const char* kKey = "recentFiles";

QString normalized(const QString& path) { return QDir::cleanPath(QFileInfo(path).absoluteFilePath()); }

void store(const QStringList& files) { QSettings().setValue(kKey, files); }

}  // namespace

QStringList RecentFiles::list() { return QSettings().value(kKey).toStringList(); }

void RecentFiles::add(const QString& path) {
  const QString file = normalized(path);
  QStringList files = list();
  files.removeAll(file);
  files.prepend(file);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  store(files);
}

void RecentFiles::remove(const QString& path) {
  QStringList files = list();
  files.removeAll(normalized(path));
  store(files);
}

QStringList RecentFiles::removeMissing() {
  QStringList kept, missing;
  for (const QString& f : list()) (QFileInfo::exists(f) ? kept : missing) << f;
  if (!missing.isEmpty()) store(kept);
  return missing;
}

}  // namespace normlab
