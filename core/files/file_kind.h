// What a path names (missing, a folder, a regular file, a FIFO, a device, ...), so that data
// loaders read only regular files (a FIFO would block a read for ever) and say what they found
// where a folder or a file was expected. Must not depend on Qt.
#pragma once

#include <string>

namespace normlab {

// "missing", "a folder", "a regular file", "a FIFO (named pipe)", "a device", "a socket",
// "a symbolic link to nothing", or "unreadable (<reason>)". Follows symbolic links.
std::string describePath(const std::string& path);

// Throws NormLabError "<what> 'path' is <describePath>, not a folder" unless path is a folder.
void requireFolder(const std::string& path, const std::string& what);

}  // namespace normlab
