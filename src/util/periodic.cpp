#include "util/periodic.hpp"

#include "util/logging.hpp"

namespace formlympics::util {
namespace {

constexpr std::chrono::milliseconds kMaxPause{5000};
constexpr std::chrono::minutes kLogEvery{1};

}  // namespace

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
        auto pause = interval_;
        for (int i = 0; i < failures_ && pause < kMaxPause; ++i) pause *= 2;
        if (failures_ > 0) pause = std::max(interval_, std::min(pause, kMaxPause));
        wake_.wait_for(lock, pause, [this] { return stopping_ || nudged_; });
        if (stopping_) return;
        nudged_ = false;
        lock.unlock();
        try {
            task_();
            if (failures_ > 0) {
                logging::info("{}: working again after {} failures", name_, failures_);
            }
            failures_ = 0;
        } catch (const std::exception& e) {
            const auto now = std::chrono::steady_clock::now();
            if (failures_ == 0 || now - logged_ >= kLogEvery) {
                logging::warn("{}: {}{}", name_, e.what(),
                              failures_ == 0 ? "" : " (failing for a while; retrying with pauses)");
                logged_ = now;
            }
            ++failures_;
        }
        lock.lock();
    }
}

}  // namespace formlympics::util
