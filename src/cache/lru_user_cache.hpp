#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <unordered_map>

#include "service/user_cache.hpp"
#include "util/clock.hpp"

namespace formlympics::cache {

// In-process least-recently-used cache with a time to live per entry.
class LruUserCache final : public service::UserCache {
  public:
    LruUserCache(std::size_t capacity, std::chrono::seconds ttl, const util::Clock& clock);

    std::optional<domain::User> get(domain::UserId id) override;
    void put(const domain::User& user) override;
    void invalidate(domain::UserId id) override;
    // Drops every entry.
    void clear();
    std::optional<domain::User> peek(domain::UserId id) override { return get(id); }

    std::size_t size() const;

  private:
    struct Entry {
        domain::User user;
        std::chrono::system_clock::time_point expires;
    };
    using List = std::list<Entry>;

    std::size_t capacity_;
    std::chrono::seconds ttl_;
    const util::Clock& clock_;
    mutable std::mutex mutex_;
    List order_;  // most recently used first
    std::unordered_map<domain::UserId, List::iterator> index_;
};

}  // namespace formlympics::cache
