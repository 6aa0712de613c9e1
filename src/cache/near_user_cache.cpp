#include "cache/near_user_cache.hpp"

namespace formlympics::cache {

NearUserCache::NearUserCache(UserCache& shared, bus::Fanout& changes, std::size_t capacity,
                             std::chrono::seconds near_ttl, const util::Clock& clock)
    : shared_(shared), changes_(changes), near_(capacity, near_ttl, clock) {
    changes_.subscribe([this](std::optional<domain::UserId> user) {
        if (user) {
            near_.invalidate(*user);
        } else {
            near_.clear();  // changes may have been missed
        }
    });
}

std::optional<domain::User> NearUserCache::get(domain::UserId id) {
    if (auto user = near_.get(id)) return user;
    auto user = shared_.get(id);
    if (user) near_.put(*user);
    return user;
}

void NearUserCache::put(const domain::User& user) {
    shared_.put(user);
    near_.put(user);
}

void NearUserCache::invalidate(domain::UserId id) {
    near_.invalidate(id);
    shared_.invalidate(id);
    changes_.publish(id);
}

}  // namespace formlympics::cache
