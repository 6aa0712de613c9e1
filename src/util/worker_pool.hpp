#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace formlympics::util {

// A fixed set of threads for blocking work (database calls, password hashing) with a bounded
// queue, so the I/O threads never block and overload is refused instead of queued without end.
class WorkerPool {
  public:
    // `on_start` runs first on each thread (to lower its priority, say).
    WorkerPool(std::size_t threads, std::size_t max_queued,
               const std::function<void()>& on_start = {});
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues the task; false (and the task is dropped) when the queue is full or the pool stopped.
    bool try_submit(std::function<void()> task);
    // Queues the task whatever the queue holds: for the few internal jobs (one per busy sale
    // lane) that must never be dropped. False only once the pool stopped.
    bool submit(std::function<void()> task);
    // Runs every task already queued, then joins the threads. Idempotent.
    void stop();

    std::size_t size() const { return threads_.size(); }

  private:
    void run();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> tasks_;
    std::size_t max_queued_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace formlympics::util
