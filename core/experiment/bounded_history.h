// A history that keeps memory flat however long a run lasts: once `capacity` points are stored,
// every other stored point is dropped (the newest is always kept) and from then on only every
// second new point is kept, so the points stay evenly spread over the whole run at half density.
// Which points are stored depends only on how many were added: after `added` points at stride s,
// the stored ones are those added at multiples of s, then the newest as a "tail" when it is not
// one. A saved history is restored from its points, that count and the stride. Must not depend on Qt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace normlab {

template <typename P>
class BoundedHistory {
 public:
  explicit BoundedHistory(std::size_t capacity = 2048) : capacity_(capacity < 4 ? 4 : capacity) {
    points_.reserve(capacity_);
  }

  // The newest point is always present: it is either a kept point (every stride-th) or a "tail"
  // that the next point replaces.
  void add(const P& point) {
    const bool kept = count_++ % stride_ == 0;
    if (pendingTail_) points_.back() = point;
    else points_.push_back(point);
    pendingTail_ = !kept;
    compactIfFull();
  }

  const std::vector<P>& points() const { return points_; }
  std::size_t size() const { return points_.size(); }
  std::size_t capacity() const { return capacity_; }
  std::uint64_t stride() const { return stride_; }
  std::uint64_t added() const { return count_; }  // add() calls since construction or clear()

  // Restores a history saved as points(), added() and stride(). Returns false, changing nothing,
  // when they cannot come from one (stride not a power of two, a point count that does not follow
  // from the other two, or no room below the capacity).
  bool restore(std::vector<P> points, std::uint64_t added, std::uint64_t stride) {
    if (stride == 0 || (stride & (stride - 1)) != 0 || added < points.size() || points.size() >= capacity_) return false;
    const bool tail = added > 0 && (added - 1) % stride != 0;
    const std::uint64_t kept = added / stride + (added % stride != 0 ? 1 : 0);
    if (points.size() != kept + (tail ? 1 : 0)) return false;
    points_ = std::move(points);
    points_.reserve(capacity_);
    count_ = added;
    stride_ = stride;
    pendingTail_ = tail;
    return true;
  }
  void clear() {
    points_.clear();
    count_ = 0;
    stride_ = 1;
    pendingTail_ = false;
  }

 private:
  void compactIfFull() {
    if (points_.size() < capacity_) return;
    // Keep even positions (they lie on the doubled stride); the newest point stays as a tail
    // when it sits at an odd position.
    const std::size_t last = points_.size() - 1;
    std::size_t w = 0;
    for (std::size_t r = 0; r < points_.size(); r += 2) points_[w++] = points_[r];
    if (last % 2 == 1) {
      points_[w++] = points_[last];
      pendingTail_ = true;
    }
    points_.erase(points_.begin() + std::ptrdiff_t(w), points_.end());
    stride_ *= 2;
  }

  std::size_t capacity_;
  std::vector<P> points_;
  std::uint64_t count_ = 0;
  std::uint64_t stride_ = 1;
  bool pendingTail_ = false;
};

}  // namespace normlab
