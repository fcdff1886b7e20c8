// Counts heap allocations in a test executable by interposing glibc's malloc family, so that
// allocations from operator new, Eigen's aligned_malloc and the C library are all seen.
// Include it from exactly one source file per test executable. Sanitizers interpose malloc
// themselves: there kCountsAllocations is false and tests of "no allocation" should skip.
#pragma once

#include <atomic>
#include <cstddef>

namespace normlab::test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kCountsAllocations = false;
inline long heapAllocations() { return 0; }
#else
inline constexpr bool kCountsAllocations = true;
inline std::atomic<long> allocationCount{0};
inline long heapAllocations() { return allocationCount.load(); }
#endif

}  // namespace normlab::test

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* p, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);

void* malloc(std::size_t size) {
  normlab::test::allocationCount.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  normlab::test::allocationCount.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) {
  normlab::test::allocationCount.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  normlab::test::allocationCount.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(alignment, size);
}
}
#endif
