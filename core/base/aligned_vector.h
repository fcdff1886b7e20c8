// std::vector with 64-byte aligned storage. Eigen's matrix-vector kernels peel unaligned
// leading elements, so the summation order (and the last bits of a result) depends on where a
// buffer starts; aligning every parameter and activation buffer the same way makes results
// independent of where malloc happened to put them. Must not depend on Qt.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace normlab {

template <typename T, std::size_t Align = 64>
struct AlignedAllocator {
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = AlignedAllocator<U, Align>;
  };
  AlignedAllocator() noexcept = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U, Align>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(Align))); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t(Align)); }
  template <typename U>
  bool operator==(const AlignedAllocator<U, Align>&) const noexcept { return true; }
};

template <typename T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

}  // namespace normlab
