#include "service/bearer_tokens.hpp"

#include <algorithm>

#include "util/random.hpp"
#include "util/sha256.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;
using domain::fail;

constexpr std::size_t kRefreshBytes = 32;
constexpr std::size_t kFamilyBytes = 16;

bool well_formed(std::string_view token) {
    return token.size() == kRefreshBytes * 2 && std::all_of(token.begin(), token.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

domain::Error ended() {
    return fail(Errc::unauthorized,
                "the refresh token is invalid, expired or revoked; sign in again");
}

}  // namespace

BearerTokens::BearerTokens(AccountService& accounts, store::TokenRepository& tokens,
                           TokenRevocations& revocations, const util::JwtCodec& jwt,
                           const util::Clock& clock, TokenLifetimes lifetimes)
    : accounts_(accounts),
      tokens_(tokens),
      revocations_(revocations),
      jwt_(jwt),
      clock_(clock),
      lifetimes_(lifetimes) {}

std::string BearerTokens::sign_access(domain::UserId user, std::int64_t generation,
                                      const std::string& jti, const std::string& name,
                                      std::int64_t now) const {
    util::JwtClaims claims;
    claims.sub = std::to_string(user);
    claims.iss = kTokenIssuer;
    claims.iat = now;
    claims.exp = now + lifetimes_.access.count();
    claims.gen = generation;
    claims.jti = jti;
    claims.name = name;
    return jwt_.sign(claims);
}

store::RefreshToken BearerTokens::refresh_row(const std::string& token, const std::string& jti,
                                              std::int64_t now) const {
    return store::RefreshToken{util::sha256_hex(token),         {}, 0, 0, jti, now,
                               now + lifetimes_.refresh.count()};
}

domain::Result<TokenPair> BearerTokens::sign_in(std::string_view email, std::string_view password,
                                                std::string_view address) {
    auto caller = accounts_.check_password(email, password, address);
    if (!caller) return caller.error();
    return issue(caller.value());
}

TokenPair BearerTokens::issue(const domain::Caller& caller) {
    const auto now = clock_.now_seconds();
    const auto jti = new_token_id();
    auto refresh = util::random_hex(kRefreshBytes);
    auto row = refresh_row(refresh, jti, now);
    row.family_id = util::random_hex(kFamilyBytes);
    row.user_id = caller.id;
    row.generation = caller.generation;
    tokens_.create_refresh(row);
    return TokenPair{sign_access(caller.id, caller.generation, jti, caller.name, now),
                     lifetimes_.access.count(), std::move(refresh), lifetimes_.refresh.count()};
}

domain::Result<TokenPair> BearerTokens::refresh(std::string_view refresh_token) {
    if (!well_formed(refresh_token)) return ended();
    const auto now = clock_.now_seconds();
    const auto access = lifetimes_.access.count();
    const auto jti = new_token_id();
    auto successor = util::random_hex(kRefreshBytes);
    // The successor's family, user and generation are the spent token's.
    const auto use =
        tokens_.use_refresh(util::sha256_hex(refresh_token), refresh_row(successor, jti, now), now,
                            now - access - util::kJwtLeewaySeconds, access);
    switch (use.outcome) {
        case store::RefreshUse::Outcome::rotated:
            return TokenPair{sign_access(use.user_id, use.generation, jti, use.user_name, now),
                             access, std::move(successor), lifetimes_.refresh.count()};
        case store::RefreshUse::Outcome::reused:
            revocations_.learn_revoked_tokens(use.user_id);
            return fail(Errc::refresh_token_reused,
                        "the refresh token was already used, so it may have been stolen: every "
                        "token descended from its sign-in is revoked; sign in again");
        case store::RefreshUse::Outcome::ended:
            break;
    }
    return ended();
}

void BearerTokens::sign_out(const domain::Caller& caller) {
    if (caller.token_id == 0) {
        revocations_.revoke_all(caller);
    } else {
        revocations_.revoke_token(caller);
    }
}

}  // namespace formlympics::service
