#include "redis/redis_attempt_limiter.hpp"

namespace formlympics::redis {
namespace {

// KEYS: the counters; ARGV[1] now, then free, window, first_wait, max_wait for each key.
// service::count_attempt, in Lua.
constexpr const char* kCount = R"lua(
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local b = 1 + (i - 1) * 4
  local free = tonumber(ARGV[b + 1])
  local window = math.max(1, tonumber(ARGV[b + 2]))
  local first = tonumber(ARGV[b + 3])
  local max_wait = tonumber(ARGV[b + 4])
  local s = redis.call('HMGET', key, 'c', 's', 'u')
  local c = tonumber(s[1]) or 0
  local start = tonumber(s[2]) or 0
  local wait_until = tonumber(s[3]) or 0
  if c == 0 or now < start then
    c = 0
    start = now
  else
    local passed = math.floor((now - start) / window)
    if passed > 0 then
      c = math.max(0, c - passed * free)
      start = start + passed * window
    end
  end
  c = c + 1
  if c >= free then
    local wait = first
    local doublings = math.min(c - free, 40)
    local n = 0
    while n < doublings and wait < max_wait do
      wait = wait * 2
      n = n + 1
    end
    wait_until = math.max(wait_until, now + math.min(wait, max_wait))
  end
  redis.call('HSET', key, 'c', c, 's', start, 'u', wait_until)
  local expires = math.max(wait_until, start + (math.floor(c / math.max(1, free)) + 1) * window)
  redis.call('PEXPIRE', key, math.max(1, expires - now))
end
return 1
)lua";

// KEYS: the counters; ARGV[1] now. The longest wait, in milliseconds.
constexpr const char* kWait = R"lua(
local now = tonumber(ARGV[1])
local longest = 0
for _, key in ipairs(KEYS) do
  local u = tonumber(redis.call('HGET', key, 'u')) or 0
  if u - now > longest then longest = u - now end
end
return longest
)lua";

}  // namespace

std::chrono::milliseconds RedisAttemptLimiter::wait(const std::vector<std::string>& keys,
                                                    std::int64_t now) {
    std::vector<std::string> args = {"EVAL", kWait, std::to_string(keys.size())};
    for (const auto& k : keys) args.push_back(redis_key(k));
    args.push_back(std::to_string(now));
    auto r = client_.command(args);
    if (!r || r->kind != RedisReply::Kind::integer) return fallback_.wait(keys, now);
    return std::chrono::milliseconds(r->integer);
}

void RedisAttemptLimiter::count(
    const std::vector<std::pair<std::string, service::AttemptRule>>& keys, std::int64_t now) {
    std::vector<std::string> args = {"EVAL", kCount, std::to_string(keys.size())};
    for (const auto& [k, rule] : keys) args.push_back(redis_key(k));
    args.push_back(std::to_string(now));
    for (const auto& [k, rule] : keys) {
        args.push_back(std::to_string(rule.free));
        args.push_back(std::to_string(rule.window.count()));
        args.push_back(std::to_string(rule.first_wait.count()));
        args.push_back(std::to_string(rule.max_wait.count()));
    }
    if (!client_.command(args)) fallback_.count(keys, now);
}

void RedisAttemptLimiter::forget(const std::string& key) {
    fallback_.forget(key);
    client_.command({"DEL", redis_key(key)});
}

void RedisAttemptLimiter::mark(const std::string& key, std::chrono::milliseconds ttl,
                               std::int64_t now) {
    if (!client_.command({"SET", redis_key(key), "1", "PX", std::to_string(ttl.count())})) {
        fallback_.mark(key, ttl, now);
    }
}

bool RedisAttemptLimiter::marked(const std::string& key, std::int64_t now) {
    auto r = client_.command({"EXISTS", redis_key(key)});
    if (!r) return fallback_.marked(key, now);
    return r->integer == 1;
}

}  // namespace formlympics::redis
