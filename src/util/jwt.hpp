#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace formlympics::util {

// The claims Formlympics puts in an access token.
struct JwtClaims {
    std::string sub;
    std::string iss;
    std::int64_t iat = 0;
    std::int64_t exp = 0;
    std::optional<std::int64_t> nbf;
    // The user's session generation when the token was signed (a private claim); signing out
    // everywhere refuses every token of an earlier generation. 0 when absent.
    std::int64_t gen = 0;
    // The browser session a session cookie belongs to (a private claim); empty in a bearer token.
    std::string sid{};
    // The token's own id (RFC 7519 `jti`), so one bearer token can be revoked alone; empty when
    // absent.
    std::string jti{};
    // The user's display name (the registered `name` claim), so a request tells others who made
    // it without reading the profile; empty when absent.
    std::string name{};
};

// Why a token was refused.
enum class JwtError {
    oversize,
    malformed,
    bad_algorithm,
    bad_signature,
    missing_claim,
    expired,
    not_yet_valid,
    wrong_issuer,
};

// The outcome of verification: claims, or the reason the token was refused.
struct JwtCheck {
    std::optional<JwtClaims> claims;
    JwtError error = JwtError::malformed;
};

// The shortest signing secret accepted: 32 bytes, HMAC-SHA256's security.
inline constexpr std::size_t kMinSecretBytes = 32;

inline constexpr std::size_t kMaxTokenBytes = std::size_t{8} * 1024;

// Clock skew tolerated between instances for `exp` and `nbf`: a token is accepted until
// `exp + kJwtLeewaySeconds`.
inline constexpr std::int64_t kJwtLeewaySeconds = 5;

// Signs and verifies HS256 JSON Web Tokens (RFC 7519) with one shared secret and issuer.
class JwtCodec {
  public:
    // The secret must hold at least 32 bytes; throws std::invalid_argument otherwise.
    JwtCodec(std::string secret, std::string issuer);

    // A compact HS256 token carrying the claims.
    std::string sign(const JwtClaims& claims) const;

    // Accepts only HS256 tokens of at most 8 KiB with a valid signature (constant-time compare),
    // `exp` present and in the future, `nbf` (if any) reached and `iss` equal to ours.
    // `allow_expired` passes a token past its `exp` (a session cookie due for renewal, whose
    // session the store then judges); everything else is checked as always.
    JwtCheck verify(std::string_view token, std::int64_t now_seconds,
                    bool allow_expired = false) const;

  private:
    std::string mac(std::string_view signing_input) const;

    std::string secret_;
    std::string issuer_;
};

}  // namespace formlympics::util
