#include "support/test_server.hpp"

#include "redis/redis_client.hpp"
#include "support/test_env.hpp"
#include "util/logging.hpp"
#include "util/random.hpp"

namespace formlympics::test {

std::string backend_name(Backend backend) {
    switch (backend) {
        case Backend::sqlite:
            return "sqlite";
        case Backend::postgres:
            return "postgres";
        case Backend::postgres_redis:
            return "postgres_redis";
        case Backend::sqlite_redis:
            return "sqlite_redis";
    }
    return "unknown";
}

std::string test_redis_url() { return required_test_env("FORMLYMPICS_TEST_REDIS_URL", "Redis"); }

TestServer::TestServer(Backend backend, const std::function<void(app::Config&)>& adjust,
                       const util::Clock* clock) {
    logging::set_level(logging::Level::warn);
    app::Config config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.workers = 4;
    config.io_threads = 2;
    config.jwt_secret = kTestJwtSecret;
    if (backend == Backend::postgres || backend == Backend::postgres_redis) {
        pg_ = std::make_unique<PgDatabase>();
        config.database_url = pg_->url();
        if (backend == Backend::postgres_redis) config.redis_url = test_redis_url();
    } else {
        config.database_url = "sqlite:" + (dir_.path() / "test.db").string();
        if (backend == Backend::sqlite_redis) config.redis_url = test_redis_url();
    }
    // Test servers share one Redis and their databases reuse ids: keep their keys apart.
    config.redis_prefix = "test-" + util::random_hex(6);
    if (adjust) adjust(config);
    database_url_ = config.database_url;
    redis_prefix_ = config.redis_prefix;
    app_ = clock ? std::make_unique<app::App>(config, *clock) : std::make_unique<app::App>(config);
    port_ = app_->listen(false);
    thread_ = std::thread([this] { app_->run(); });
    if (config.redis_url) wait_until_attached_to_redis(*config.redis_url);
}

void TestServer::wait_until_attached_to_redis(const std::string& url) {
    // The server falls back to the database when Redis is unreachable; a Redis variant must
    // not pass that way. Attached means subscribed to its profile-change channel.
    redis::RedisClient redis(*redis::parse_redis_url(url), std::chrono::milliseconds(500), 1);
    for (int i = 0; i < 100; ++i) {
        auto n = redis.command({"PUBSUB", "NUMSUB", redis_prefix_ + ":users"});
        if (n && n->elements.size() == 2 && n->elements[1].integer >= 1) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop_and_wait();
    throw std::runtime_error("the test server did not attach to Redis at " + url);
}

void TestServer::stop_and_wait() {
    if (!thread_.joinable()) return;
    app_->stop();
    thread_.join();
}

TestServer::~TestServer() {
    stop_and_wait();
    app_.reset();
}

}  // namespace formlympics::test
