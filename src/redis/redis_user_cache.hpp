#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_set>

#include "redis/redis_client.hpp"
#include "service/user_cache.hpp"

namespace formlympics::redis {

// Profiles in Redis, shared by every instance. While Redis is unreachable every get is a miss
// (callers read the database), and invalidations that could not be sent are retried before the
// next Redis read, so a stale profile never outlives an outage by more than its TTL.
class RedisUserCache final : public service::UserCache {
  public:
    // Keys are "<prefix>:user:<id>".
    RedisUserCache(RedisClient& client, std::string prefix, std::chrono::seconds ttl);

    std::optional<domain::User> get(domain::UserId id) override;
    void put(const domain::User& user) override;
    void invalidate(domain::UserId id) override;

  private:
    // Sends the invalidations that failed earlier; false while some are still unsent.
    bool flush_pending();
    std::string key_for(domain::UserId id) const;

    redis::RedisClient& client_;
    std::string prefix_;
    std::chrono::seconds ttl_;
    std::mutex pending_mutex_;
    std::unordered_set<domain::UserId> pending_;
};

}  // namespace formlympics::redis
