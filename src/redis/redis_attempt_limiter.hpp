#pragma once

#include <string>

#include "redis/redis_client.hpp"
#include "service/attempt_limiter.hpp"

namespace formlympics::redis {

// The attempt limiter shared by every instance, in Redis: each key a hash counted by a script
// (the rule of service::count_attempt), expiring once it can no longer make anyone wait. While
// Redis cannot be reached the instance counts in its own `fallback`, so a Redis outage does not
// lift the limits.
class RedisAttemptLimiter final : public service::AttemptLimiter {
  public:
    RedisAttemptLimiter(RedisClient& client, std::string prefix, service::AttemptLimiter& fallback)
        : client_(client), prefix_(std::move(prefix)), fallback_(fallback) {}

    std::chrono::milliseconds wait(const std::vector<std::string>& keys, std::int64_t now) override;
    void count(const std::vector<std::pair<std::string, service::AttemptRule>>& keys,
               std::int64_t now) override;
    void forget(const std::string& key) override;
    void mark(const std::string& key, std::chrono::milliseconds ttl, std::int64_t now) override;
    bool marked(const std::string& key, std::int64_t now) override;

    // The Redis key of a limiter key, for tests that look.
    std::string redis_key(const std::string& key) const { return prefix_ + ":attempts:" + key; }

  private:
    RedisClient& client_;
    std::string prefix_;
    service::AttemptLimiter& fallback_;
};

}  // namespace formlympics::redis
