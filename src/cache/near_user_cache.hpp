#pragma once

#include <chrono>

#include "bus/fanout.hpp"
#include "cache/lru_user_cache.hpp"
#include "service/user_cache.hpp"

namespace formlympics::cache {

// The user cache of several instances: a short-lived in-process copy in front of the shared
// cache (Redis), so a signed-in request usually needs no network round trip and can be answered
// on the network thread. A profile change drops the copy on every instance through the
// `changes` channel; when that message is lost (Redis down or restarting), every copy is
// dropped once the channel is back, and no copy outlives `near_ttl` in any case.
class NearUserCache final : public service::UserCache {
  public:
    // Subscribes to `changes` (call at startup, before it publishes).
    NearUserCache(service::UserCache& shared, bus::Fanout& changes, std::size_t capacity,
                  std::chrono::seconds near_ttl, const util::Clock& clock);

    std::optional<domain::User> get(domain::UserId id) override;
    void put(const domain::User& user) override;
    // Drops the profile here, in the shared cache, then on every other instance.
    void invalidate(domain::UserId id) override;
    std::optional<domain::User> peek(domain::UserId id) override { return near_.peek(id); }

  private:
    service::UserCache& shared_;
    bus::Fanout& changes_;
    LruUserCache near_;
};

}  // namespace formlympics::cache
