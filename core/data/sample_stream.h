// The order in which an arm sees training samples. Each epoch is a permutation drawn from
// (seed, epoch) alone, so arms with different batch sizes see the same sample order, cut into
// different batch sizes (the twin-run contract). No allocation after construction. Its whole
// state is a position (the permutation follows from the seed and the epoch), which a saved
// experiment stores to continue exactly. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <vector>

namespace normlab {

class SampleStream {
 public:
  struct Position {
    int epoch = 0, offset = 0;  // the epoch being read, and the next sample's place in it
    std::int64_t samplesSeen = 0, lastBatchPosition = 0;
  };

  SampleStream(int datasetSize, std::uint64_t seed, bool shuffle = true);

  // Writes the next `batch` sample indices and returns how many were written: `batch`, or
  // fewer at the end of an epoch when dropLast is false. With dropLast, a partial batch at the
  // end of an epoch is skipped and the batch comes from the next epoch.
  int next(int batch, bool dropLast, int* indices);

  int epoch() const { return epoch_; }
  int offset() const { return offset_; }  // position within the current epoch
  std::int64_t samplesSeen() const { return samplesSeen_; }
  int datasetSize() const { return int(order_.size()); }
  // Stream position of the first sample of the last batch (keys augmentation draws).
  std::int64_t lastBatchPosition() const { return lastPosition_; }

  Position position() const { return {epoch_, offset_, samplesSeen_, lastPosition_}; }
  // Continues from a saved position (draws that epoch's permutation again). Throws NormLabError,
  // changing nothing, for a negative value or an offset beyond the training set.
  void seek(const Position& position);

 private:
  void startEpoch(int epoch);

  std::vector<int> order_;
  std::uint64_t seed_;
  bool shuffle_;
  int epoch_ = 0, offset_ = 0;
  std::int64_t samplesSeen_ = 0, lastPosition_ = 0;
};

}  // namespace normlab
