#pragma once

#include <chrono>

namespace formlympics::service {

// How long browser sessions live.
struct SessionPolicy {
    // One signed cookie vouches for its session this long without the store.
    std::chrono::seconds cookie_ttl{15 * 60};
    // A cookie older than this is renewed (reading the store) on the next request that may block.
    std::chrono::seconds renew_after{5 * 60};
    // A session unused this long ends.
    std::chrono::seconds idle{7 * 24 * 3600};
    // A session ends this long after sign-in, however busy.
    std::chrono::seconds absolute{30 * 24 * 3600};
};

}  // namespace formlympics::service
