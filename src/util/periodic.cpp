#include "util/periodic.hpp"

#include <spdlog/spdlog.h>

namespace formlympics::util {

Periodic::Periodic(std::string name, std::chrono::milliseconds interval, std::function<void()> task)
    : name_(std::move(name)),
      interval_(interval),
      task_(std::move(task)),
      thread_([this] { run(); }) {}

Periodic::~Periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Periodic::nudge() {
    {
        std::lock_guard lock(mutex_);
        nudged_ = true;
    }
    wake_.notify_all();
}

void Periodic::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait_for(lock, interval_, [this] { return stopping_ || nudged_; });
        if (stopping_) return;
        nudged_ = false;
        lock.unlock();
        try {
            task_();
        } catch (const std::exception& e) {
            spdlog::warn("{}: {}", name_, e.what());
        }
        lock.lock();
    }
}

}  // namespace formlympics::util
