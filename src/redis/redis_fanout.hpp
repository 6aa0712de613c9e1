#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bus/fanout.hpp"
#include "redis/redis_client.hpp"

struct redisContext;

namespace formlympics::redis {

// The fan-out across instances: a hint is published on a Redis channel that every instance
// subscribes to. After the subscription drops (Redis restarted, say) and comes back, subscribers
// hear "anyone may have news", so streams look in the store and caches drop what they hold.
class RedisFanout final : public bus::Fanout {
  public:
    // `channel` is the Redis channel's name, e.g. "formlympics:notify".
    RedisFanout(RedisClient& client, std::string channel);
    ~RedisFanout() override;
    void stop() override;

    void publish(domain::UserId user) override;
    // One PUBLISH naming every user, comma-separated.
    void publish_all(const std::vector<domain::UserId>& users) override;
    // Subscribe before the first publish (at startup).
    void subscribe(Handler handler) override;

  private:
    void listen();
    void deliver(std::optional<domain::UserId> user);

    RedisClient& client_;
    std::string channel_;
    std::vector<Handler> handlers_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;  // guards context_
    redisContext* context_ = nullptr;
    std::thread thread_;
};

}  // namespace formlympics::redis
