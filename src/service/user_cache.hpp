#pragma once

#include <optional>

#include "domain/user.hpp"

namespace formlympics::service {

// Profiles of signed-in callers, kept to spare the database one read per request.
// Never holds password hashes (User has none). A cache failure is a miss, never an error.
class UserCache {
  public:
    virtual ~UserCache() = default;

    // The cached profile, or nullopt on a miss (absent, expired or cache unavailable).
    virtual std::optional<domain::User> get(domain::UserId id) = 0;
    // Caches the profile for the cache's time to live.
    virtual void put(const domain::User& user) = 0;
    // Drops the entry, so the next get reads the database.
    virtual void invalidate(domain::UserId id) = 0;
    // The cached profile if it can be had without I/O (an in-process cache); nullopt otherwise.
    virtual std::optional<domain::User> peek(domain::UserId) { return std::nullopt; }
};

}  // namespace formlympics::service
