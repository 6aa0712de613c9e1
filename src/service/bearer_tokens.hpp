#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/user.hpp"
#include "service/account_service.hpp"
#include "service/token_revocations.hpp"
#include "store/token_repository.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"

namespace formlympics::service {

// How long the bearer credentials of API clients live.
struct TokenLifetimes {
    // An access token: checked without the store, so kept short.
    std::chrono::seconds access{15 * 60};
    // A refresh token, from when it was issued; each use issues a successor.
    std::chrono::seconds refresh{30 * 24 * 3600};
};

// What a sign-in or a refresh answers: an access token and the refresh token that renews it.
struct TokenPair {
    std::string access_token;
    std::int64_t expires_in = 0;  // seconds
    std::string refresh_token;
    std::int64_t refresh_expires_in = 0;  // seconds
};

// Bearer tokens for API clients: short-lived access tokens (each with an id, `jti`, so it can be
// revoked alone) and refresh tokens rotated on every use. A refresh token is random and stored
// hashed; each sign-in starts a family, and presenting a token of the family that was already
// spent (stolen, or replayed) ends the family: its refresh tokens and its access tokens.
class BearerTokens {
  public:
    BearerTokens(AccountService& accounts, store::TokenRepository& tokens,
                 TokenRevocations& revocations, const util::JwtCodec& jwt, const util::Clock& clock,
                 TokenLifetimes lifetimes = {});

    // A new pair for the right email and password; the refusals of
    // AccountService::check_password.
    domain::Result<TokenPair> sign_in(std::string_view email, std::string_view password,
                                      std::string_view address = {});
    // A new pair, beginning a new family, for a caller already vouched for.
    TokenPair issue(const domain::Caller& caller);
    // Spends the refresh token and answers its successor with a new access token:
    // refresh_token_reused when it was spent before (its family has now ended), unauthorized
    // when it is unknown, expired or revoked. Of two uses of one token at once, one wins and
    // the other is reuse.
    domain::Result<TokenPair> refresh(std::string_view refresh_token);
    // Signs the caller's bearer token out alone, with its refresh family; a token without an
    // id (signed before tokens had one) can only go with all the user's tokens.
    void sign_out(const domain::Caller& caller);

    const TokenLifetimes& lifetimes() const { return lifetimes_; }

  private:
    std::string sign_access(domain::UserId user, std::int64_t generation, const std::string& jti,
                            const std::string& name, std::int64_t now) const;
    // The row of a fresh refresh token (no family yet) issued with the access token `jti`.
    store::RefreshToken refresh_row(const std::string& token, const std::string& jti,
                                    std::int64_t now) const;

    AccountService& accounts_;
    store::TokenRepository& tokens_;
    TokenRevocations& revocations_;
    const util::JwtCodec& jwt_;
    const util::Clock& clock_;
    TokenLifetimes lifetimes_;
};

}  // namespace formlympics::service
