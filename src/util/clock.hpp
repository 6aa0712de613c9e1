#pragma once

#include <chrono>
#include <cstdint>

namespace formlympics::util {

// Wall-clock time, injectable so tests can move time.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;

    // Milliseconds since the Unix epoch.
    std::int64_t now_millis() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch())
            .count();
    }

    // Seconds since the Unix epoch.
    std::int64_t now_seconds() const {
        return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
    }
};

// The real system clock.
class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

}  // namespace formlympics::util
