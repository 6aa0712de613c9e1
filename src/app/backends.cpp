#include "app/backends.hpp"

#include <filesystem>

#include "bus/in_process_bus.hpp"
#include "cache/lru_user_cache.hpp"
#include "cache/near_user_cache.hpp"
#include "kafka/kafka_bus.hpp"
#include "redis/redis_attempt_limiter.hpp"
#include "redis/redis_coupon_gate.hpp"
#include "redis/redis_fanout.hpp"
#include "redis/redis_user_cache.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "util/logging.hpp"

namespace formlympics::app {
namespace {

constexpr std::chrono::seconds kUserCacheTtl{60};
constexpr std::size_t kUserCacheCapacity = 100000;
// How long an instance may keep a profile that another instance changed, should the change's
// message be lost.
constexpr std::chrono::seconds kNearUserCacheTtl{5};
constexpr std::chrono::milliseconds kRedisTimeout{250};

}  // namespace

std::unique_ptr<store::Store> open_store(const Config& c) {
    if (c.uses_sqlite()) {
        const auto path = std::filesystem::path(c.sqlite_path());
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
        return std::make_unique<store::SqliteStore>(path.string(), c.workers);
    }
    return std::make_unique<store::PgStore>(c.database_url, c.workers);
}

namespace {

std::unique_ptr<bus::EventBus> open_bus(const Config& c) {
    if (!c.kafka_brokers) return std::make_unique<bus::InProcessBus>();
    kafka::KafkaBus::Options o;
    o.brokers = *c.kafka_brokers;
    o.prefix = c.kafka_prefix;
    return std::make_unique<kafka::KafkaBus>(o);
}

}  // namespace

Backends::Backends(const Config& c, const util::Clock& clock) : store(open_store(c)) {
    for (const auto& name : store->migrate()) logging::info("applied migration {}", name);
    if (c.redis_url) {
        redis = std::make_unique<redis::RedisClient>(*redis::parse_redis_url(*c.redis_url),
                                                     kRedisTimeout, c.workers);
        shared_users =
            std::make_unique<redis::RedisUserCache>(*redis, c.redis_prefix, kUserCacheTtl);
        user_changes = std::make_unique<redis::RedisFanout>(*redis, c.redis_prefix + ":users");
        user_cache = std::make_unique<cache::NearUserCache>(
            *shared_users, *user_changes, kUserCacheCapacity, kNearUserCacheTtl, clock);
        shared_attempts =
            std::make_unique<redis::RedisAttemptLimiter>(*redis, c.redis_prefix, local_attempts);
        coupon_gate = std::make_unique<redis::RedisCouponGate>(*redis, c.redis_prefix);
        fanout = std::make_unique<redis::RedisFanout>(*redis, c.redis_prefix + ":notify");
        revocations = std::make_unique<redis::RedisFanout>(*redis, c.redis_prefix + ":revocations");
    } else {
        user_cache =
            std::make_unique<cache::LruUserCache>(kUserCacheCapacity, kUserCacheTtl, clock);
        fanout = std::make_unique<bus::InProcessFanout>();
        revocations = std::make_unique<bus::InProcessFanout>();
    }
    bus = open_bus(c);
}

}  // namespace formlympics::app
