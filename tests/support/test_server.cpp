#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

#include "support/test_env.hpp"
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
    spdlog::set_level(spdlog::level::warn);
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
    app_ = clock ? std::make_unique<app::App>(config, *clock) : std::make_unique<app::App>(config);
    port_ = app_->listen(false);
    thread_ = std::thread([this] { app_->run(); });
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
