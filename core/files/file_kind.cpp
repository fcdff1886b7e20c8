#include "core/files/file_kind.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/base/error.h"

namespace normlab {

std::string describePath(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      struct stat link {};
      return ::lstat(path.c_str(), &link) == 0 ? "a symbolic link to nothing" : "missing";
    }
    return std::string("unreadable (") + std::strerror(errno) + ")";
  }
  if (S_ISDIR(st.st_mode)) return "a folder";
  if (S_ISREG(st.st_mode)) return "a regular file";
  if (S_ISFIFO(st.st_mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device";
  if (S_ISSOCK(st.st_mode)) return "a socket";
  return "not a regular file";
}

void requireFolder(const std::string& path, const std::string& what) {
  const std::string kind = describePath(path);
  if (kind == "a folder") return;
  if (kind == "missing") throw NormLabError(what + " '" + path + "' does not exist");
  throw NormLabError(what + " '" + path + "' is " + kind + ", not a folder");
}

}  // namespace normlab
