#include "core/data/idx_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/base/error.h"
#include "core/files/file_kind.h"

namespace normlab {

namespace {

// Opens without blocking (a FIFO would wait for a writer for ever) and checks what was opened,
// not what the path named a moment before: only a regular file is read.
FILE* openRegularFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const std::string why = std::strerror(errno);
    const std::string kind = describePath(path);
    throw NormLabError("cannot open '" + path + "' (" + (kind == "missing" ? "it does not exist" : "it is " + kind) +
                       "): " + why);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw NormLabError("'" + path + "' is " + describePath(path) + ", not a regular file: only regular files are read as data");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FILE* f = ::fdopen(fd, "rb");
  if (!f) {
    ::close(fd);
    throw NormLabError("cannot open '" + path + "': " + std::strerror(errno));
  }
  return f;
}

std::vector<std::uint8_t> readRaw(const std::string& path, std::size_t maxBytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(openRegularFile(path), &std::fclose);
  std::vector<std::uint8_t> bytes;
  std::uint8_t buf[1 << 16];
  for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, f.get())) > 0;) {
    bytes.insert(bytes.end(), buf, buf + got);
    if (bytes.size() > maxBytes) throw NormLabError("'" + path + "' is too large to be a dataset file");
  }
  if (std::ferror(f.get())) throw NormLabError("cannot read '" + path + "': " + std::strerror(errno));
  return bytes;
}

std::vector<std::uint8_t> inflateGzip(const std::vector<std::uint8_t>& in, const std::string& path,
                                      std::size_t maxBytes) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) throw NormLabError("zlib failed to start for '" + path + "'");
  std::vector<std::uint8_t> out;
  std::uint8_t buf[1 << 16];
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = uInt(in.size());
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    zs.next_out = buf;
    zs.avail_out = sizeof buf;
    status = inflate(&zs, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      const std::string why = status == Z_BUF_ERROR ? "the compressed data ends early (truncated file)"
                                                    : (zs.msg ? zs.msg : "corrupt data");
      inflateEnd(&zs);
      throw NormLabError("'" + path + "' is not a valid gzip file: " + why);
    }
    out.insert(out.end(), buf, buf + (sizeof buf - zs.avail_out));
    if (out.size() > maxBytes) {
      inflateEnd(&zs);
      throw NormLabError("'" + path + "' inflates to more than " + std::to_string(maxBytes) + " bytes");
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace

std::vector<std::uint8_t> readMaybeGzip(const std::string& path, std::size_t maxBytes) {
  std::vector<std::uint8_t> bytes = readRaw(path, maxBytes);
  const bool gzip = bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
  return gzip ? inflateGzip(bytes, path, maxBytes) : bytes;
}

IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, int expectedDims, const std::string& path) {
  auto fail = [&](const std::string& why) { throw NormLabError("'" + path + "': " + why); };
  if (bytes.size() < 4) fail("file is too short to be an IDX file (" + std::to_string(bytes.size()) + " bytes)");
  if (bytes[0] != 0 || bytes[1] != 0)
    fail("wrong magic number (not an IDX file: it must start with two zero bytes)");
  if (bytes[2] != 0x08) fail("unsupported IDX element type 0x" + std::to_string(bytes[2]) + " (only unsigned bytes, 0x08)");
  const int ndims = bytes[3];
  if (ndims != expectedDims)
    fail("expected " + std::to_string(expectedDims) + " dimensions, the header says " + std::to_string(ndims));
  const std::size_t header = 4 + 4 * std::size_t(ndims);
  if (bytes.size() < header) fail("truncated header");
  IdxArray out;
  std::uint64_t count = 1;
  for (int d = 0; d < ndims; ++d) {
    const std::uint8_t* p = &bytes[4 + 4 * std::size_t(d)];
    const std::uint32_t v = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) |
                            (std::uint32_t(p[2]) << 8) | std::uint32_t(p[3]);
    if (v == 0 || v > (1u << 30)) fail("dimension " + std::to_string(d) + " has an invalid size " + std::to_string(v));
    count *= v;
    if (count > (std::uint64_t(1) << 32)) fail("the dimensions describe more data than any dataset file holds");
    out.dims.push_back(int(v));
  }
  const std::uint64_t have = bytes.size() - header;
  if (have < count)
    fail("truncated: the header promises " + std::to_string(count) + " bytes of data, the file holds " +
         std::to_string(have));
  if (have > count)
    fail("has " + std::to_string(have - count) + " unexpected bytes after the data the header describes");
  out.data.assign(bytes.begin() + std::ptrdiff_t(header), bytes.end());
  return out;
}

}  // namespace normlab
