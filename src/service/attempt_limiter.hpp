#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace formlympics::service {

// How many attempts a key may make before it must wait, and how the wait grows.
struct AttemptRule {
    std::int64_t free = 5;                       // attempts a window allows before a wait
    std::chrono::milliseconds window{60000};     // each window that passes forgives `free` attempts
    std::chrono::milliseconds first_wait{1000};  // the wait after the first attempt over
    std::chrono::milliseconds max_wait{900000};  // waits double up to this
};

// What a limiter remembers of one key: attempts counted in the current window, when the window
// started and until when the key must wait (milliseconds since the epoch).
struct AttemptState {
    std::int64_t count = 0;
    std::int64_t window_start = 0;
    std::int64_t wait_until = 0;
};

// The state after one more attempt at `now`: windows that passed forgive `free` attempts each;
// once `free` are used, the key waits first_wait before the next, then twice that after each
// further attempt, up to max_wait. The in-process and the Redis limiters both follow this rule.
AttemptState count_attempt(AttemptState state, const AttemptRule& rule, std::int64_t now);

// Counts attempts (failed sign-ins, sign-ups) per key and says how long a key must wait before
// its next one. Keys are opaque; callers build them so as not to reveal what they count.
class AttemptLimiter {
  public:
    virtual ~AttemptLimiter() = default;
    // How long until every one of these keys may try again; zero when all may now.
    virtual std::chrono::milliseconds wait(const std::vector<std::string>& keys,
                                           std::int64_t now) = 0;
    // Counts one attempt on each key under its rule.
    virtual void count(const std::vector<std::pair<std::string, AttemptRule>>& keys,
                       std::int64_t now) = 0;
    // Forgets what was counted on the key.
    virtual void forget(const std::string& key) = 0;
    // Remembers that the key happened (say, a successful sign-in from an address) for `ttl`.
    virtual void mark(const std::string& key, std::chrono::milliseconds ttl, std::int64_t now) = 0;
    // Whether the key was marked and its mark has not run out.
    virtual bool marked(const std::string& key, std::int64_t now) = 0;
};

}  // namespace formlympics::service
