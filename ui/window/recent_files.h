// The File > Open Recent list: the last experiment files saved or opened, newest first, at most
// kMaxRecentFiles, kept in QSettings ("recentFiles") so it survives a restart. Paths are stored
// absolute and cleaned, so one file is listed once however it was reached.
#pragma once

#include <QStringList>

namespace normlab {

inline constexpr int kMaxRecentFiles = 8;

class RecentFiles {
 public:
  static QStringList list();
  // Moves (or adds) `path` to the top; the oldest beyond kMaxRecentFiles is dropped.
  static void add(const QString& path);
  static void remove(const QString& path);
  // Drops the files that no longer exist; returns them (for a message).
  static QStringList removeMissing();
};

}  // namespace normlab
