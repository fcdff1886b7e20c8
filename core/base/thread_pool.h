// A small fork-join pool. run(parts, fn) calls fn(p) once for every p in [0, parts) and returns
// when all are done; the calling thread works too. Which thread runs which part is not fixed, so
// callers write each part's results to memory of its own and reduce in part order afterwards.
// Exceptions thrown by fn are rethrown on the calling thread (the first one wins).
// No heap allocation per run. One run at a time per pool. Every part runs with denormals flushed
// to zero (denormals.h). Must not depend on Qt.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/function_ref.h"

namespace normlab {

// Background threads run at a lower scheduling priority (nice 10 on Linux), so that a GUI thread
// sharing the cores with training is served first when it has something to draw.
enum class ThreadPriority { Normal, Background };

// Lowers the calling thread's priority (used by the pool's workers and by a training thread).
void lowerCurrentThreadPriority();

class ThreadPool {
 public:
  // threads: total workers including the caller; 0 means std::thread::hardware_concurrency().
  explicit ThreadPool(int threads = 0, ThreadPriority priority = ThreadPriority::Normal);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return int(workers_.size()) + 1; }
  void run(int parts, FunctionRef<void(int)> fn);

 private:
  void workerLoop();
  // Claims and runs parts until none is left; `lock` is held on entry and on return.
  void work(std::unique_lock<std::mutex>& lock);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  FunctionRef<void(int)>* job_ = nullptr;  // guarded by mutex_, as are the counters below
  int parts_ = 0, next_ = 0, finished_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
  // Mirrors of "a job has unclaimed parts" and of finished_, polled without the lock: a thread
  // that has just finished keeps looking for new work for 15 microseconds before it sleeps,
  // because waking a sleeping thread costs more than many parts of a training step take
  // (measured: +25% images/s at batch 32, +50% at batch 8 on 2 cores; a longer poll, or one that
  // yields, loses up to 20% when another process competes for the cores).
  std::atomic<bool> jobPosted_{false};
  std::atomic<int> finishedParts_{0};
};

}  // namespace normlab
