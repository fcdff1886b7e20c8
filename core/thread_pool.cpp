#include "thread_pool.h"

#include <algorithm>

#include "denormals.h"

namespace normlab {

ThreadPool::ThreadPool(int threads) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
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
    if (++finished_ == parts_) done_.notify_all();
  }
}

void ThreadPool::workerLoop() {
  const FlushDenormals flush;  // as the calling thread does inside run()
  std::unique_lock lock(mutex_);
  for (;;) {
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
  error_ = nullptr;
  wake_.notify_all();
  work(lock);
  done_.wait(lock, [&] { return finished_ == parts_; });
  job_ = nullptr;
  if (auto e = std::exchange(error_, nullptr)) std::rethrow_exception(e);
}

}  // namespace normlab
