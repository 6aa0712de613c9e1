#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/user.hpp"

namespace formlympics::store {

// A browser session as stored; times in seconds since the epoch.
struct WebSession {
    std::string id;
    domain::UserId user_id = 0;
    std::int64_t generation = 0;  // the user's token generation when it began
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
    std::optional<std::int64_t> revoked_at;
    std::string user_name{};  // as read with the session (find), for its renewed cookie
};

// The rows of browser sessions.
class SessionRepository {
  public:
    virtual ~SessionRepository() = default;

    // Records a new session.
    virtual void create(const WebSession& session) = 0;
    // The session of that id, or nullopt.
    virtual std::optional<WebSession> find(std::string_view id) = 0;
    // Moves the session's last_seen_at to `now` when it is still live: not revoked and seen
    // since `idle_after`. Whether it was.
    virtual bool touch(std::string_view id, std::int64_t now, std::int64_t idle_after) = 0;
    // Marks the session revoked at `now` (a second revocation keeps the first time); its user,
    // or nullopt when there is no such session.
    virtual std::optional<domain::UserId> revoke(std::string_view id, std::int64_t now) = 0;
    // The sessions revoked after `after` (of `user` alone when given), as (user, id).
    virtual std::vector<std::pair<domain::UserId, std::string>> revoked_since(
        std::int64_t after, std::optional<domain::UserId> user) = 0;
};

}  // namespace formlympics::store
