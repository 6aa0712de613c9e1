#pragma once

#include <chrono>
#include <mutex>

#include "util/clock.hpp"

namespace formlympics::test {

// A clock that moves only when the test says so.
class ManualClock final : public util::Clock {
  public:
    explicit ManualClock(
        std::chrono::system_clock::time_point start =
            std::chrono::system_clock::time_point(std::chrono::seconds(1800000000)))
        : now_(start) {}

    std::chrono::system_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    void advance(std::chrono::system_clock::duration d) {
        std::lock_guard lock(mutex_);
        now_ += d;
    }

  private:
    mutable std::mutex mutex_;
    std::chrono::system_clock::time_point now_;
};

}  // namespace formlympics::test
