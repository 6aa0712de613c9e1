#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <thread>

#include "app/routes.hpp"
#include "app/secret.hpp"
#include "bus/fanout.hpp"
#include "bus/in_process_bus.hpp"
#include "cache/lru_user_cache.hpp"
#include "cache/near_user_cache.hpp"
#include "redis/redis_user_cache.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/sse_frames.hpp"
#include "kafka/kafka_bus.hpp"
#include "redis/redis_attempt_limiter.hpp"
#include "redis/redis_client.hpp"
#include "redis/redis_coupon_gate.hpp"
#include "redis/redis_fanout.hpp"
#include "service/account_service.hpp"
#include "service/coupon_service.hpp"
#include "service/form_service.hpp"
#include "service/form_watch.hpp"
#include "service/like_service.hpp"
#include "service/local_attempt_limiter.hpp"
#include "service/notification_service.hpp"
#include "service/notification_streams.hpp"
#include "service/order_failure_log.hpp"
#include "service/order_service.hpp"
#include "service/outbox_relay.hpp"
#include "service/sale_engine.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"
#include "util/password_hasher.hpp"
#include "util/periodic.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::app {
namespace {

constexpr std::chrono::seconds kTokenTtl{3600};
constexpr std::chrono::seconds kUserCacheTtl{60};
constexpr std::size_t kUserCacheCapacity = 100000;
// How long an instance may keep a profile that another instance changed, should the change's
// message be lost.
constexpr std::chrono::seconds kNearUserCacheTtl{5};
constexpr std::size_t kMaxQueuedRequests = 100000;
constexpr std::chrono::milliseconds kFailureFlush{1000};
constexpr std::size_t kExpiryBatch = 500;
constexpr std::size_t kRelayBatch = 500;
constexpr int kRelayBusyTries = 20;
constexpr std::chrono::milliseconds kRelayBusyPause{5};
constexpr std::chrono::milliseconds kAnnounceInterval{1000};
constexpr std::size_t kAnnounceBatch = 100;
// How often streams are tidied and watched forms read: form stock reaches watchers at most this
// often.
constexpr std::chrono::milliseconds kStreamTick{250};

std::unique_ptr<store::Store> open_store(const Config& c) {
    if (c.uses_sqlite()) {
        const auto path = std::filesystem::path(c.sqlite_path());
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
        return std::make_unique<store::SqliteStore>(path.string(), c.workers);
    }
    return std::make_unique<store::PgStore>(c.database_url, c.workers);
}

std::unique_ptr<bus::EventBus> open_bus(const Config& c) {
    if (!c.kafka_brokers) return std::make_unique<bus::InProcessBus>();
    kafka::KafkaBus::Options o;
    o.brokers = *c.kafka_brokers;
    o.prefix = c.kafka_prefix;
    return std::make_unique<kafka::KafkaBus>(o);
}

std::size_t io_threads(const Config& c) {
    if (c.io_threads > 0) return c.io_threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

struct App::Parts {
    Parts(const Config& c, const util::Clock& clk)
        : config(c),
          clock(clk),
          store(open_store(c)),
          jwt(resolve_jwt_secret(c), "formlympics"),
          workers(c.workers, kMaxQueuedRequests) {
        for (const auto& name : store->migrate()) spdlog::info("applied migration {}", name);
        if (c.redis_url) {
            redis = std::make_unique<redis::RedisClient>(*redis::parse_redis_url(*c.redis_url),
                                                         std::chrono::milliseconds(250), c.workers);
            shared_users =
                std::make_unique<redis::RedisUserCache>(*redis, c.redis_prefix, kUserCacheTtl);
            user_changes = std::make_unique<redis::RedisFanout>(*redis, c.redis_prefix + ":users");
            user_cache = std::make_unique<cache::NearUserCache>(
                *shared_users, *user_changes, kUserCacheCapacity, kNearUserCacheTtl, clock);
        } else {
            user_cache =
                std::make_unique<cache::LruUserCache>(kUserCacheCapacity, kUserCacheTtl, clock);
        }
        if (redis) {
            shared_attempts = std::make_unique<redis::RedisAttemptLimiter>(*redis, c.redis_prefix,
                                                                           local_attempts);
        }
        sign_in_limits.emplace(shared_attempts ? *shared_attempts : local_attempts, clock,
                               c.sign_in_rules);
        accounts = std::make_unique<service::AccountService>(
            store->users(), *user_cache, hasher, jwt, clock, kTokenTtl, &*sign_in_limits);
        failure_log = std::make_unique<service::OrderFailureLog>(store->orders(), kFailureFlush);
        engine = std::make_unique<service::SaleEngine>(
            store->orders(), workers, clock, *failure_log, service::SaleEngine::Options{});
        forms = std::make_unique<service::FormService>(store->forms(), *engine, clock);
        orders = std::make_unique<service::OrderService>(store->orders(), store->forms(),
                                                         store->users(), *engine, clock);
        if (redis) coupon_gate = std::make_unique<redis::RedisCouponGate>(*redis, c.redis_prefix);
        coupons = std::make_unique<service::CouponService>(store->coupons(), store->forms(), clock,
                                                           workers, coupon_gate.get());
        coupons->rebuild_gate();
        likes = std::make_unique<service::LikeService>(store->likes(), store->forms(), clock);
        bus = open_bus(c);
        if (redis) {
            fanout = std::make_unique<redis::RedisFanout>(*redis, c.redis_prefix + ":notify");
        } else {
            fanout = std::make_unique<bus::InProcessFanout>();
        }
        notifications =
            std::make_unique<service::NotificationService>(store->events(), *bus, *fanout, clock);
        streams = std::make_unique<service::NotificationStreams>(
            store->events(), workers, *fanout, frames, service::NotificationStreams::Options{});
        form_watch = std::make_unique<service::FormWatch>(store->forms(), clock, frames,
                                                          service::FormWatch::Options{});
        relay = std::make_unique<service::OutboxRelay>(store->events(), *bus, clock);
        add_routes(router, Services{*accounts, *forms, *orders, *engine, *coupons, *likes,
                                    *notifications, *streams, *form_watch, clock});
        pipeline = std::make_unique<http::Pipeline>(
            router, [this](std::string_view token) { return accounts->authenticate(token); },
            [this](std::string_view token) { return accounts->authenticate_without_io(token); },
            *http::TrustedProxies::parse(c.trusted_proxies));
        start_background_tasks();
    }

    // The periodic tasks start once everything they use exists, the relay first: every other
    // task may write outbox events, and each such write nudges it.
    void start_background_tasks() {
        relaying.emplace("outbox relay", config.relay_interval, [this] {
            // While another instance has the turn, it may have looked before this one's events
            // committed: look again shortly rather than at the next poll.
            for (int busy = 0; busy < kRelayBusyTries;) {
                const auto moved = relay->relay_once(kRelayBatch);
                if (!moved) {
                    ++busy;
                    std::this_thread::sleep_for(kRelayBusyPause);
                } else if (*moved < kRelayBatch) {
                    return;
                }
            }
        });
        store->on_events_written([this] { relaying->nudge(); });
        expiry.emplace("unpaid order expiry", config.expiry_interval,
                       [this] { orders->expire_unpaid(kExpiryBatch); });
        announcing.emplace("opening soon", kAnnounceInterval, [this] {
            while (forms->announce_opening_soon(config.opening_soon_lead, kAnnounceBatch) ==
                   kAnnounceBatch) {
            }
        });
        stream_ticks.emplace("streams", kStreamTick, [this] {
            streams->tick();
            form_watch->tick();
        });
    }

    Config config;
    const util::Clock& clock;
    util::PasswordHasher hasher;
    std::unique_ptr<store::Store> store;
    util::JwtCodec jwt;
    std::unique_ptr<redis::RedisClient> redis;
    std::unique_ptr<service::UserCache> shared_users;  // with Redis: behind user_cache
    std::unique_ptr<service::UserCache> user_cache;
    std::unique_ptr<bus::Fanout> user_changes;  // with Redis; stops before user_cache goes
    util::WorkerPool workers;
    // Redis's when configured, with this instance's as its fallback.
    service::LocalAttemptLimiter local_attempts;
    std::unique_ptr<service::AttemptLimiter> shared_attempts;
    std::optional<service::SignInLimits> sign_in_limits;
    std::unique_ptr<service::AccountService> accounts;
    std::unique_ptr<service::OrderFailureLog> failure_log;
    std::unique_ptr<service::SaleEngine> engine;
    std::unique_ptr<service::FormService> forms;
    std::unique_ptr<service::OrderService> orders;
    std::unique_ptr<service::CouponGate> coupon_gate;
    std::unique_ptr<service::CouponService> coupons;
    std::unique_ptr<service::LikeService> likes;
    std::unique_ptr<bus::EventBus> bus;
    std::unique_ptr<bus::Fanout> fanout;
    std::unique_ptr<service::NotificationService> notifications;
    http::SseFrames frames;
    std::unique_ptr<service::NotificationStreams> streams;
    std::unique_ptr<service::FormWatch> form_watch;
    std::optional<util::Periodic> stream_ticks;
    std::unique_ptr<service::OutboxRelay> relay;
    std::optional<util::Periodic> relaying;
    std::optional<util::Periodic> expiry;
    std::optional<util::Periodic> announcing;
    http::Router router;
    std::unique_ptr<http::Pipeline> pipeline;
    std::unique_ptr<http::Server> server;
};

const util::Clock& system_clock() {
    static const util::SystemClock clock;
    return clock;
}

App::App(const Config& config) : App(config, system_clock()) {}

App::App(const Config& config, const util::Clock& clock)
    : parts_(std::make_unique<Parts>(config, clock)) {}

App::~App() {
    if (!parts_) return;
    parts_->expiry.reset();
    parts_->announcing.reset();
    parts_->workers.stop();  // writes in flight finish, and may still nudge the relay
    parts_->stream_ticks.reset();
    parts_->relaying.reset();
    parts_->bus.reset();     // its consumer thread stores notifications and tells the fan-out
    parts_->fanout.reset();  // its subscriber thread calls into the streams
}

std::uint16_t App::listen(bool handle_signals) {
    auto& p = *parts_;
    http::ServerOptions o;
    o.host = p.config.host;
    o.port = p.config.port;
    o.io_threads = io_threads(p.config);
    o.handle_signals = handle_signals;
    o.idle_timeout = p.config.idle_timeout;
    o.read_timeout = p.config.read_timeout;
    o.heartbeat_interval = p.config.heartbeat_interval;
    o.write_timeout = p.config.write_timeout;
    p.server = std::make_unique<http::Server>(o, *p.pipeline, p.workers);
    return p.server->listen();
}

void App::run() {
    auto& p = *parts_;
    if (!p.server) listen(false);
    p.server->run();
    p.workers.stop();
}

void App::stop() {
    if (parts_->server) parts_->server->stop();
}

std::size_t App::requests_in_flight() const {
    return parts_->server ? parts_->server->requests_in_flight() : 0;
}

std::vector<std::pair<std::string, std::string>> App::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : parts_->router.routes()) out.emplace_back(r.method, r.pattern);
    return out;
}

std::vector<std::string> migrate_only(const Config& config) {
    return open_store(config)->migrate();
}

}  // namespace formlympics::app
