#include "util/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "util/encoding.hpp"

namespace formlympics::util {
namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t kNow = 1800000000;

JwtClaims claims() { return JwtClaims{"42", "formlympics", kNow, kNow + 3600, std::nullopt}; }

std::string hmac(const EVP_MD* md, const std::string& input) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(md, kSecret.data(), static_cast<int>(kSecret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), out, &len);
    return std::string(reinterpret_cast<char*>(out), len);
}

// A token with any header and payload, signed with the test secret by the given digest.
std::string forge(const std::string& header, const std::string& payload,
                  const EVP_MD* md = EVP_sha256()) {
    const auto input = base64url_encode(header) + "." + base64url_encode(payload);
    return input + "." + base64url_encode(hmac(md, input));
}

class JwtTest : public ::testing::Test {
  protected:
    JwtCodec codec_{kSecret, "formlympics"};
};

TEST_F(JwtTest, AcceptsATokenItSigned) {
    const auto check = codec_.verify(codec_.sign(claims()), kNow);
    ASSERT_TRUE(check.claims);
    EXPECT_EQ(check.claims->sub, "42");
    EXPECT_EQ(check.claims->exp, kNow + 3600);
}

TEST_F(JwtTest, CarriesTheDisplayNameInTheNameClaim) {
    auto c = claims();
    c.name = "김민지 \"Kim\"";
    const auto check = codec_.verify(codec_.sign(c), kNow);
    ASSERT_TRUE(check.claims);
    EXPECT_EQ(check.claims->name, "김민지 \"Kim\"");
    EXPECT_EQ(codec_.verify(codec_.sign(claims()), kNow).claims->name, "");
    const auto numeric = forge(R"({"alg":"HS256","typ":"JWT"})",
                               R"({"sub":"7","iss":"formlympics","exp":1800003600,"name":7})");
    EXPECT_EQ(codec_.verify(numeric, kNow).error, JwtError::malformed);
}

TEST_F(JwtTest, AcceptsAForgedButCorrectHs256Token) {
    // Proves forge() builds valid tokens, so the refusals below are for the defect under test.
    const auto t = forge(R"({"alg":"HS256","typ":"JWT"})",
                         R"({"sub":"7","iss":"formlympics","exp":1800003600})");
    EXPECT_TRUE(codec_.verify(t, kNow).claims);
}

TEST_F(JwtTest, RefusesAlgNone) {
    const auto input = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                       base64url_encode(R"({"sub":"7","iss":"formlympics","exp":1800003600})");
    EXPECT_EQ(codec_.verify(input + ".", kNow).error, JwtError::bad_algorithm);
}

TEST_F(JwtTest, RefusesHs512EvenWithAValidSignature) {
    const auto t = forge(R"({"alg":"HS512","typ":"JWT"})",
                         R"({"sub":"7","iss":"formlympics","exp":1800003600})", EVP_sha512());
    const auto check = codec_.verify(t, kNow);
    EXPECT_FALSE(check.claims);
    EXPECT_EQ(check.error, JwtError::bad_algorithm);
}

TEST_F(JwtTest, RefusesATamperedPayload) {
    auto t = codec_.sign(claims());
    const auto dot1 = t.find('.');
    const auto dot2 = t.find('.', dot1 + 1);
    const auto evil =
        base64url_encode(R"({"sub":"1","iss":"formlympics","iat":1,"exp":1800003600})");
    t = t.substr(0, dot1 + 1) + evil + t.substr(dot2);
    EXPECT_EQ(codec_.verify(t, kNow).error, JwtError::bad_signature);
}

TEST_F(JwtTest, RefusesATamperedSignature) {
    auto t = codec_.sign(claims());
    t.back() = t.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(codec_.verify(t, kNow).error, JwtError::bad_signature);
}

TEST_F(JwtTest, RefusesATokenSignedWithAnotherSecret) {
    JwtCodec other("another-secret-another-secret-000", "formlympics");
    EXPECT_EQ(codec_.verify(other.sign(claims()), kNow).error, JwtError::bad_signature);
}

TEST_F(JwtTest, RefusesAnExpiredToken) {
    const auto t = codec_.sign(claims());
    EXPECT_TRUE(codec_.verify(t, kNow + 3600 - 1).claims);
    EXPECT_EQ(codec_.verify(t, kNow + 3600 + 10).error, JwtError::expired);
}

TEST_F(JwtTest, RefusesATokenWithoutExp) {
    const auto t = forge(R"({"alg":"HS256"})", R"({"sub":"7","iss":"formlympics"})");
    EXPECT_EQ(codec_.verify(t, kNow).error, JwtError::missing_claim);
}

TEST_F(JwtTest, RefusesANonNumericExp) {
    const auto t = forge(R"({"alg":"HS256"})", R"({"sub":"7","iss":"formlympics","exp":"never"})");
    EXPECT_EQ(codec_.verify(t, kNow).error, JwtError::missing_claim);
}

TEST_F(JwtTest, RefusesATokenNotYetValid) {
    auto c = claims();
    c.nbf = kNow + 600;
    EXPECT_EQ(codec_.verify(codec_.sign(c), kNow).error, JwtError::not_yet_valid);
    EXPECT_TRUE(codec_.verify(codec_.sign(c), kNow + 600).claims);
}

TEST_F(JwtTest, RefusesAnotherIssuer) {
    auto c = claims();
    c.iss = "someone-else";
    EXPECT_EQ(codec_.verify(codec_.sign(c), kNow).error, JwtError::wrong_issuer);
}

TEST_F(JwtTest, RefusesAnOversizeTokenBeforeLookingAtIt) {
    auto c = claims();
    c.sub = std::string(9000, '1');
    const auto t = codec_.sign(c);
    ASSERT_GT(t.size(), kMaxTokenBytes);
    EXPECT_EQ(codec_.verify(t, kNow).error, JwtError::oversize);
}

TEST_F(JwtTest, RefusesMalformedTokens) {
    EXPECT_EQ(codec_.verify("", kNow).error, JwtError::malformed);
    EXPECT_EQ(codec_.verify("abc.def", kNow).error, JwtError::malformed);
    EXPECT_EQ(codec_.verify("a.b.c.d", kNow).error, JwtError::malformed);
    EXPECT_EQ(codec_.verify("!!!.e30.sig", kNow).error, JwtError::malformed);
}

TEST_F(JwtTest, ExtremeClaimsAreJudgedWithoutOverflow) {
    // Found by the fuzzer: exp + leeway overflowed (undefined behaviour) for exp near INT64_MAX.
    const auto far =
        forge(R"({"alg":"HS256"})", R"({"sub":"1","iss":"formlympics","exp":9223372036854775807})");
    EXPECT_TRUE(codec_.verify(far, kNow).claims);
    const auto past = forge(R"({"alg":"HS256"})",
                            R"({"sub":"1","iss":"formlympics","exp":-9223372036854775808})");
    EXPECT_EQ(codec_.verify(past, kNow).error, JwtError::expired);
}

TEST(JwtCodecTest, RefusesAShortSecret) {
    EXPECT_THROW(JwtCodec("short", "formlympics"), std::invalid_argument);
}

}  // namespace
}  // namespace formlympics::util
