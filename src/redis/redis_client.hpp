#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/pool.hpp"

struct redisContext;

namespace formlympics::redis {

// Where a Redis server is: redis://[:password@]host[:port][/db].
struct RedisUrl {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string password;
    int db = 0;
};

// The parsed URL, or nullopt when it is not of the form above.
std::optional<RedisUrl> parse_redis_url(std::string_view url);

// One reply; `nil` for a missing key, `elements` for arrays.
struct RedisReply {
    enum class Kind { string, integer, nil, array, status } kind = Kind::nil;
    std::string str;
    std::int64_t integer = 0;
    std::vector<RedisReply> elements;
};

// A small synchronous Redis client over hiredis with a pool of connections and short timeouts.
// After a failure it stops trying for a moment (doubling up to 2 s while Redis stays down), so a
// dead Redis costs callers nothing; it logs when Redis goes and comes back, not every try.
class RedisClient {
  public:
    RedisClient(RedisUrl url, std::chrono::milliseconds timeout, std::size_t pool_size);
    ~RedisClient();

    // The reply, or nullopt when Redis is unreachable, timed out or answered an error. During
    // the pause after a failure it does not try, unless `even_if_paused` (for what must not be
    // skipped just because Redis was down a moment ago, like a hint to other instances).
    std::optional<RedisReply> command(const std::vector<std::string>& args,
                                      bool even_if_paused = false);
    std::optional<RedisReply> command(std::initializer_list<std::string_view> args);

    // True unless the last attempt failed and the back-off has not yet passed.
    bool probably_up() const;

    // A new connection (AUTH and SELECT done) for the caller to own and redisFree, say for a
    // subscription; nullptr when Redis is unreachable.
    redisContext* connect();

  private:
    // Redis failed: pause before trying again (longer each time in a row), and say so once.
    void mark_down(std::string_view why);
    // Redis answered: say so if it had been unreachable.
    void mark_up();

    RedisUrl url_;
    std::chrono::milliseconds timeout_;
    struct Free {
        void operator()(redisContext* c) const;
    };
    util::Pool<redisContext, Free> pool_;
    std::atomic<std::int64_t> down_until_ms_{0};
    std::atomic<int> failures_{0};  // in a row
    std::atomic<bool> reachable_{true};
};

}  // namespace formlympics::redis
