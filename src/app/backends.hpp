#pragma once

#include <memory>

#include "app/config.hpp"
#include "bus/event_bus.hpp"
#include "bus/fanout.hpp"
#include "redis/redis_client.hpp"
#include "service/attempt_limiter.hpp"
#include "service/coupon_gate.hpp"
#include "service/local_attempt_limiter.hpp"
#include "service/user_cache.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"

namespace formlympics::app {

// What the services run on, chosen per mode: the embedded default (SQLite, in-process caches,
// bus and fan-out) or scaled out (PostgreSQL, Redis, Kafka), as the configuration says. Opening
// the store applies its pending migrations. Members are built in the constructor's body and
// destroyed in reverse declaration order: whatever runs a thread goes before what it calls.
struct Backends {
    Backends(const Config& config, const util::Clock& clock);

    // The attempt limiter the sign-in limits count in: Redis's when configured.
    service::AttemptLimiter& attempts() {
        return shared_attempts ? *shared_attempts : local_attempts;
    }

    std::unique_ptr<store::Store> store;
    std::unique_ptr<redis::RedisClient> redis;         // with --redis-url
    std::unique_ptr<service::UserCache> shared_users;  // with Redis: behind user_cache
    std::unique_ptr<service::UserCache> user_cache;
    // With Redis: drops near copies on every instance. Declared after the cache it calls into,
    // so its thread stops first.
    std::unique_ptr<bus::Fanout> user_changes;
    service::LocalAttemptLimiter local_attempts;  // with Redis, its fallback
    std::unique_ptr<service::AttemptLimiter> shared_attempts;
    std::unique_ptr<service::CouponGate> coupon_gate;  // with Redis
    std::unique_ptr<bus::EventBus> bus;
    std::unique_ptr<bus::Fanout> fanout;       // notification hints
    std::unique_ptr<bus::Fanout> revocations;  // hints of revoked tokens
};

// The configured store, opened but not migrated.
std::unique_ptr<store::Store> open_store(const Config& config);

}  // namespace formlympics::app
