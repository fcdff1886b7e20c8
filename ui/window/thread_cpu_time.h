// CPU time the calling thread has used. Tells a thread's own work from time the OS or a virtual
// machine's host gave to something else (wall-clock gaps count both).
#pragma once

#include <QtGlobal>

#include <ctime>

namespace normlab {

inline qint64 threadCpuNs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

}  // namespace normlab
