#pragma once

#include "store/session_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// SessionRepository over either SQL database.
class SessionStore final : public SessionRepository {
  public:
    explicit SessionStore(SqlDatabase& db) : db_(db) {}

    void create(const WebSession& session) override;
    std::optional<WebSession> find(std::string_view id) override;
    bool touch(std::string_view id, std::int64_t now, std::int64_t idle_after) override;
    std::optional<domain::UserId> revoke(std::string_view id, std::int64_t now) override;
    std::vector<std::pair<domain::UserId, std::string>> revoked_since(
        std::int64_t after, std::optional<domain::UserId> user) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
