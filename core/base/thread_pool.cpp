#include "core/base/thread_pool.h"

#include <algorithm>
#include <chrono>

#ifdef __linux__
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "core/base/denormals.h"

namespace normlab {

namespace {

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}

// Polls `ready` for up to 15 microseconds, pausing between polls; returns whether it
// became true.
template <typename F>
bool pollBriefly(F ready) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(15);
  do {
    if (ready()) return true;
    for (int i = 0; i < 16; ++i) cpuRelax();
  } while (std::chrono::steady_clock::now() < until);
  return ready();
}

}  // namespace

void lowerCurrentThreadPriority() {
#ifdef __linux__
  // SCHED_IDLE: the thread runs only when no normal thread (the GUI, the X server) wants the core,
  // so drawing never waits for training. Per thread on Linux; failure is harmless, and nice 10 is
  // the fallback.
  sched_param param{};
  if (sched_setscheduler(0, SCHED_IDLE, &param) != 0) (void)setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
#endif
}

ThreadPool::ThreadPool(int threads, ThreadPriority priority) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i)
    workers_.emplace_back([this, priority] {
      if (priority == ThreadPriority::Background) lowerCurrentThreadPriority();
      workerLoop();
    });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::work(std::unique_lock<std::mutex>& lock) {
  while (job_ && next_ < parts_) {
    // Copy the job under the lock that claims the part: run() cannot return (and the callable
    // cannot die) before this part is counted as finished.
    FunctionRef<void(int)>* job = job_;
    const int p = next_++;
    lock.unlock();
    std::exception_ptr failure;
    try {
      (*job)(p);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    if (failure && !error_) error_ = failure;
    finishedParts_.store(++finished_, std::memory_order_release);
    if (next_ >= parts_) jobPosted_.store(false, std::memory_order_relaxed);
    if (finished_ == parts_) done_.notify_all();
  }
}

void ThreadPool::workerLoop() {
  const FlushDenormals flush;  // as the calling thread does inside run()
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!stop_ && !(job_ && next_ < parts_)) {
      lock.unlock();
      pollBriefly([&] { return jobPosted_.load(std::memory_order_acquire); });
      lock.lock();
    }
    wake_.wait(lock, [&] { return stop_ || (job_ && next_ < parts_); });
    if (stop_) return;
    work(lock);
  }
}

void ThreadPool::run(int parts, FunctionRef<void(int)> fn) {
  if (parts <= 0) return;
  const FlushDenormals flush;
  if (workers_.empty() || parts == 1) {
    for (int p = 0; p < parts; ++p) fn(p);
    return;
  }
  std::unique_lock lock(mutex_);
  job_ = &fn;
  parts_ = parts;
  next_ = finished_ = 0;
  finishedParts_.store(0, std::memory_order_relaxed);
  error_ = nullptr;
  jobPosted_.store(true, std::memory_order_release);
  wake_.notify_all();
  work(lock);
  if (finished_ != parts_) {
    lock.unlock();
    pollBriefly([&] { return finishedParts_.load(std::memory_order_acquire) == parts; });
    lock.lock();
  }
  done_.wait(lock, [&] { return finished_ == parts_; });
  jobPosted_.store(false, std::memory_order_relaxed);
  job_ = nullptr;
  if (auto e = std::exchange(error_, nullptr)) std::rethrow_exception(e);
}

}  // namespace normlab
