#pragma once

#include <mutex>
#include <unordered_map>

#include "service/attempt_limiter.hpp"

namespace formlympics::service {

// The attempt limiter of one instance, in memory. Keys that can no longer make anyone wait are
// dropped as new ones arrive, so a flood of made-up keys does not grow it without end.
class LocalAttemptLimiter final : public AttemptLimiter {
  public:
    // At most `capacity` keys are kept; past it, new keys are counted only once old ones expire.
    explicit LocalAttemptLimiter(std::size_t capacity = 200000) : capacity_(capacity) {}

    std::chrono::milliseconds wait(const std::vector<std::string>& keys, std::int64_t now) override;
    void count(const std::vector<std::pair<std::string, AttemptRule>>& keys,
               std::int64_t now) override;
    void forget(const std::string& key) override;
    void mark(const std::string& key, std::chrono::milliseconds ttl, std::int64_t now) override;
    bool marked(const std::string& key, std::int64_t now) override;

  private:
    struct Entry {
        AttemptState state;
        std::int64_t expires = 0;  // when the entry can no longer matter
    };
    void sweep(std::int64_t now);

    std::size_t capacity_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::size_t since_sweep_ = 0;
};

}  // namespace formlympics::service
