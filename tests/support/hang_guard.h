// The one time-out of the tests, and only a hang guard: a state that is never reached fails the
// test after this long. No test passes or fails by how much work fits into it, so it is generous
// enough that a slow, loaded or emulated machine is never taken for a hang; it stays below Qt
// Test's own per-function watchdog (QTEST_FUNCTION_TIMEOUT, raised in tests/CMakeLists.txt), so
// a hang is reported as the failed wait, not as an abort.
#pragma once

#include <chrono>

namespace normlab::test {

inline constexpr std::chrono::milliseconds kHangGuard{240'000};
inline constexpr int kHangGuardMs = int(kHangGuard.count());

}  // namespace normlab::test
