#pragma once

#include "store/sql.hpp"
#include "store/token_repository.hpp"

namespace formlympics::store {

// TokenRepository over either SQL database.
class TokenStore final : public TokenRepository {
  public:
    explicit TokenStore(SqlDatabase& db) : db_(db) {}

    void create_refresh(const RefreshToken& token) override;
    RefreshUse use_refresh(std::string_view hash, RefreshToken next, std::int64_t now,
                           std::int64_t access_since, std::int64_t access_ttl) override;
    void revoke_access(domain::UserId user, const std::string& jti, std::int64_t expires_at,
                       std::int64_t now, std::int64_t access_since,
                       std::int64_t access_ttl) override;
    std::vector<RevokedToken> revoked_tokens(std::int64_t live_after,
                                             std::optional<domain::UserId> user) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
