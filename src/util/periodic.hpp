#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace formlympics::util {

// Runs a task every interval on a thread of its own until destroyed. A task that throws is run
// again after a pause that doubles with each failure in a row, up to 5 s (or the interval, if
// longer), so a database outage costs neither a connection attempt nor a log line every
// interval: the first failure is logged, then one line a minute while it lasts, and the
// recovery.
class Periodic {
  public:
    Periodic(std::string name, std::chrono::milliseconds interval, std::function<void()> task);
    ~Periodic();
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;

    // Runs the task as soon as the thread is free, without waiting out the interval.
    void nudge();

  private:
    void run();

    std::string name_;
    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool nudged_ = false;
    int failures_ = 0;  // in a row; touched by the thread only
    std::chrono::steady_clock::time_point logged_;
    std::thread thread_;
};

}  // namespace formlympics::util
