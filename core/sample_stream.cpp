#include "sample_stream.h"

#include <utility>

#include "error.h"
#include "random.h"

namespace normlab {

SampleStream::SampleStream(int datasetSize, std::uint64_t seed, bool shuffle)
    : order_(std::size_t(std::max(datasetSize, 0))), seed_(seed), shuffle_(shuffle) {
  if (datasetSize < 1) throw NormLabError("the training set is empty");
  startEpoch(0);
}

void SampleStream::startEpoch(int epoch) {
  epoch_ = epoch;
  offset_ = 0;
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = int(i);
  if (!shuffle_) return;
  Random rng(streamKey(seed_, Purpose::Shuffle, std::uint64_t(epoch)));
  for (std::size_t i = order_.size() - 1; i > 0; --i) std::swap(order_[i], order_[rng.below(i + 1)]);
}

int SampleStream::next(int batch, bool dropLast, int* indices) {
  const int size = int(order_.size());
  if (batch < 1) throw NormLabError("batch size must be at least 1, got " + std::to_string(batch));
  if (dropLast && batch > size)
    throw NormLabError("batch size " + std::to_string(batch) + " is larger than the training set (" +
                       std::to_string(size) + " samples)");
  if (offset_ >= size || (dropLast && offset_ + batch > size)) startEpoch(epoch_ + 1);
  const int n = std::min(batch, size - offset_);
  for (int i = 0; i < n; ++i) indices[i] = order_[offset_ + i];
  lastPosition_ = std::int64_t(epoch_) * size + offset_;
  offset_ += n;
  samplesSeen_ += n;
  return n;
}

}  // namespace normlab
