#include "core/data/cifar10.h"

#include "core/base/error.h"
#include "core/files/file_kind.h"
#include "core/data/idx_file.h"

namespace normlab {

namespace {

constexpr int kRecordPixels = 3 * 32 * 32;
constexpr int kRecordBytes = 1 + kRecordPixels;

void appendBatch(const std::string& path, ImageSet& set) {
  if (describePath(path) == "missing") throw NormLabError("CIFAR-10 file '" + path + "' is missing");
  const std::vector<std::uint8_t> bytes = readMaybeGzip(path);
  if (bytes.empty() || bytes.size() % kRecordBytes != 0)
    throw NormLabError("'" + path + "' is not a CIFAR-10 binary batch: its size (" + std::to_string(bytes.size()) +
                       " bytes) is not a whole number of 3,073-byte records");
  const std::size_t records = bytes.size() / kRecordBytes;
  for (std::size_t r = 0; r < records; ++r) {
    const std::uint8_t* rec = bytes.data() + r * kRecordBytes;
    if (rec[0] > 9)
      throw NormLabError("'" + path + "': record " + std::to_string(r) + " has label " + std::to_string(rec[0]) +
                         " (CIFAR-10 labels are 0..9)");
    set.labels.push_back(rec[0]);
    set.pixels.insert(set.pixels.end(), rec + 1, rec + kRecordBytes);
  }
}

}  // namespace

Dataset loadCifar10(const std::string& dir) {
  requireFolder(dir, "dataset folder");
  Dataset d;
  d.name = "cifar10";
  d.classes = 10;
  d.classNames = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
  d.train.shape = d.test.shape = {3, 32, 32};
  for (int i = 1; i <= 5; ++i) appendBatch(dir + "/data_batch_" + std::to_string(i) + ".bin", d.train);
  appendBatch(dir + "/test_batch.bin", d.test);
  return d;
}

}  // namespace normlab
