#include "util/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "util/encoding.hpp"

namespace formlympics::util {
namespace json = boost::json;
namespace {

std::optional<json::object> decode_object(std::string_view part) {
    auto bytes = base64url_decode(part);
    if (!bytes) return std::nullopt;
    boost::system::error_code ec;
    auto value = json::parse(*bytes, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

std::optional<std::int64_t> int_claim(const json::object& o, std::string_view name) {
    auto* v = o.if_contains(name);
    if (v == nullptr) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
        return static_cast<std::int64_t>(v->as_uint64());
    return std::nullopt;
}

JwtCheck refuse(JwtError e) { return JwtCheck{std::nullopt, e}; }

}  // namespace

JwtCodec::JwtCodec(std::string secret, std::string issuer)
    : secret_(std::move(secret)), issuer_(std::move(issuer)) {
    if (secret_.size() < 32) throw std::invalid_argument("JWT secret must be at least 32 bytes");
}

std::string JwtCodec::mac(std::string_view signing_input) const {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
             reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
             out, &len) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return std::string(reinterpret_cast<const char*>(out), len);
}

std::string JwtCodec::sign(const JwtClaims& claims) const {
    json::object payload{
        {"sub", claims.sub}, {"iss", claims.iss}, {"iat", claims.iat}, {"exp", claims.exp}};
    if (claims.nbf) payload["nbf"] = *claims.nbf;
    if (claims.gen != 0) payload["gen"] = claims.gen;
    if (!claims.sid.empty()) payload["sid"] = claims.sid;
    if (!claims.jti.empty()) payload["jti"] = claims.jti;
    if (!claims.name.empty()) payload["name"] = claims.name;
    std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
    input += '.';
    input += base64url_encode(json::serialize(payload));
    const auto sig = base64url_encode(mac(input));
    return input + '.' + sig;
}

JwtCheck JwtCodec::verify(std::string_view token, std::int64_t now, bool allow_expired) const {
    if (token.size() > kMaxTokenBytes) return refuse(JwtError::oversize);
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == token.npos ? token.npos : token.find('.', dot1 + 1);
    if (dot2 == token.npos || token.find('.', dot2 + 1) != token.npos) {
        return refuse(JwtError::malformed);
    }
    auto header = decode_object(token.substr(0, dot1));
    if (!header) return refuse(JwtError::malformed);
    // Only HS256: this refuses "none", other HMACs and any asymmetric algorithm.
    auto* alg = header->if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->as_string() != "HS256") {
        return refuse(JwtError::bad_algorithm);
    }
    auto signature = base64url_decode(token.substr(dot2 + 1));
    const auto expected = mac(token.substr(0, dot2));
    if (!signature || signature->size() != expected.size() ||
        CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0) {
        return refuse(JwtError::bad_signature);
    }
    auto payload = decode_object(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payload) return refuse(JwtError::malformed);

    JwtClaims c;
    auto* sub = payload->if_contains("sub");
    auto* iss = payload->if_contains("iss");
    auto exp = int_claim(*payload, "exp");
    if (sub == nullptr || !sub->is_string() || !exp) return refuse(JwtError::missing_claim);
    if (iss == nullptr || !iss->is_string() || iss->as_string() != issuer_) {
        return refuse(JwtError::wrong_issuer);
    }
    c.sub = sub->as_string();
    c.iss = iss->as_string();
    c.exp = *exp;
    c.iat = int_claim(*payload, "iat").value_or(0);
    if (payload->contains("gen")) {
        const auto gen = int_claim(*payload, "gen");
        if (!gen || *gen < 0) return refuse(JwtError::malformed);
        c.gen = *gen;
    }
    if (auto* sid = payload->if_contains("sid")) {
        if (!sid->is_string() || sid->as_string().empty()) return refuse(JwtError::malformed);
        c.sid = sid->as_string();
    }
    if (auto* jti = payload->if_contains("jti")) {
        if (!jti->is_string() || jti->as_string().empty()) return refuse(JwtError::malformed);
        c.jti = jti->as_string();
    }
    if (auto* name = payload->if_contains("name")) {
        if (!name->is_string()) return refuse(JwtError::malformed);
        c.name = name->as_string();
    }
    if (payload->contains("nbf")) {
        c.nbf = int_claim(*payload, "nbf");
        if (!c.nbf) return refuse(JwtError::malformed);
        if (now + kJwtLeewaySeconds < *c.nbf) return refuse(JwtError::not_yet_valid);
    }
    // Arranged so no claim value can overflow: `now` is the clock's, the claims are anyone's.
    if (!allow_expired && now - kJwtLeewaySeconds >= c.exp) return refuse(JwtError::expired);
    return JwtCheck{std::move(c), JwtError::malformed};
}

}  // namespace formlympics::util
