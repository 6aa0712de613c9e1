#pragma once

#include <atomic>
#include <memory>
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
    // Safe while hints arrive (another instance may publish while this one starts).
    void subscribe(Handler handler) override;

  private:
    void listen();
    void deliver(std::optional<domain::UserId> user);

    RedisClient& client_;
    std::string channel_;
    // Replaced whole on each subscription, never changed in place: a hint from another instance
    // can arrive while this one is still subscribing its services at startup, and the listener
    // then calls the handlers of the list it took.
    std::shared_ptr<const std::vector<Handler>> handlers_ =
        std::make_shared<const std::vector<Handler>>();
    std::mutex handlers_mutex_;  // guards handlers_ (the pointer)
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;  // guards context_
    redisContext* context_ = nullptr;
    std::thread thread_;
};

}  // namespace formlympics::redis
