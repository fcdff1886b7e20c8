#include "core/data/sample_stream.h"

#include <utility>

#include "core/base/error.h"
#include "core/base/random.h"

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

void SampleStream::seek(const Position& p) {
  const int size = int(order_.size());
  if (p.epoch < 0 || p.offset < 0 || p.offset > size || p.samplesSeen < 0 || p.lastBatchPosition < 0)
    throw NormLabError("sample stream position out of range: epoch " + std::to_string(p.epoch) + ", offset " +
                       std::to_string(p.offset) + " of " + std::to_string(size) + " samples, " +
                       std::to_string(p.samplesSeen) + " seen, last batch at " + std::to_string(p.lastBatchPosition));
  startEpoch(p.epoch);
  offset_ = p.offset;
  samplesSeen_ = p.samplesSeen;
  lastPosition_ = p.lastBatchPosition;
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
