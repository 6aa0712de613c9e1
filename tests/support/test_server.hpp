#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "app/app.hpp"
#include "app/config.hpp"
#include "support/pg_database.hpp"
#include "support/temp_dir.hpp"

namespace formlympics::test {

// Which store (and cache) a test server runs on: the embedded default, PostgreSQL with the
// in-process cache, or PostgreSQL with the Redis user cache as several instances would run.
enum class Backend { sqlite, postgres, postgres_redis, sqlite_redis };

// "sqlite", "postgres" or "postgres_redis", for parameterised test names.
std::string backend_name(Backend backend);

// The URL of the throwaway Redis scripts/test started (FORMLYMPICS_TEST_REDIS_URL); throws when
// it is unset, so a Redis test fails rather than silently skips.
std::string test_redis_url();

inline constexpr const char* kTestJwtSecret = "test-secret-test-secret-test-secret-0123";

// The real server, built by app::App exactly as main builds it, listening on 127.0.0.1 port 0
// in a thread of its own, on a fresh SQLite file or a fresh PostgreSQL database.
class TestServer {
  public:
    explicit TestServer(Backend backend, const std::function<void(app::Config&)>& adjust = {},
                        const util::Clock* clock = nullptr);
    ~TestServer();

    std::uint16_t port() const { return port_; }
    // The database the server runs on, for tests that inspect or seed it directly.
    const std::string& database_url() const { return database_url_; }
    // The namespace of its Redis keys and channels (with Redis).
    const std::string& redis_prefix() const { return redis_prefix_; }
    // Requests the server is reading, handling or answering now.
    std::size_t requests_in_flight() const { return app_->requests_in_flight(); }
    // Requests answered on a network thread, without a worker.
    std::uint64_t handled_without_blocking() const { return app_->handled_without_blocking(); }
    // The method and pattern of every route the server serves.
    std::vector<std::pair<std::string, std::string>> routes() const { return app_->routes(); }
    // Begins a graceful stop and waits until the server returned from run().
    void stop_and_wait();

  private:
    void wait_until_attached_to_redis(const std::string& url);

    TempDir dir_;
    std::unique_ptr<PgDatabase> pg_;
    std::unique_ptr<app::App> app_;
    std::uint16_t port_ = 0;
    std::string database_url_;
    std::string redis_prefix_;
    std::thread thread_;
};

}  // namespace formlympics::test
