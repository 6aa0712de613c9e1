#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/user.hpp"

namespace formlympics::store {

// An access token revoked alone, by its id, until it would have expired anyway.
struct RevokedToken {
    std::string jti;
    domain::UserId user_id = 0;
    std::int64_t expires_at = 0;  // seconds since the epoch
};

// A refresh token as stored: only its hash. One family per sign-in; each use adds a successor.
struct RefreshToken {
    std::string token_hash;  // SHA-256 of the token, hex
    std::string family_id;
    domain::UserId user_id = 0;
    std::int64_t generation = 0;  // the user's token generation at sign-in
    std::string access_jti;       // the access token issued with it
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
};

// What presenting a refresh token came to.
struct RefreshUse {
    enum class Outcome {
        rotated,  // it was live: it is spent now and its successor stored
        reused,   // it was spent before: its whole family has ended
        ended,    // unknown, expired, or its family or generation was revoked
    };
    Outcome outcome = Outcome::ended;
    domain::UserId user_id = 0;   // for rotated and reused
    std::int64_t generation = 0;  // for rotated: what the successor carries
    std::string user_name{};      // for rotated: the user's display name now
};

// Refresh tokens and access tokens revoked one by one. Infrastructure failures throw.
class TokenRepository {
  public:
    virtual ~TokenRepository() = default;

    // Stores the first refresh token of a new family.
    virtual void create_refresh(const RefreshToken& token) = 0;
    // Spends the live refresh token of hash `hash` and stores `next` (its family, user and
    // generation are taken from the spent one) in one transaction: exactly one of concurrent
    // uses of one token rotates it. A spent token ends its family, revoking the family's access
    // tokens issued since `access_since` (until `access_ttl` after each was issued). A token of
    // a generation below the user's current one is ended too.
    virtual RefreshUse use_refresh(std::string_view hash, RefreshToken next, std::int64_t now,
                                   std::int64_t access_since, std::int64_t access_ttl) = 0;
    // Revokes the access token `jti` of `user` until `expires_at`, and ends the refresh family it
    // was issued with (its other access tokens issued since `access_since` too).
    virtual void revoke_access(domain::UserId user, const std::string& jti, std::int64_t expires_at,
                               std::int64_t now, std::int64_t access_since,
                               std::int64_t access_ttl) = 0;
    // The access tokens revoked alone that expire after `live_after` (of `user` alone when given).
    virtual std::vector<RevokedToken> revoked_tokens(std::int64_t live_after,
                                                     std::optional<domain::UserId> user) = 0;
};

}  // namespace formlympics::store
