// Bearer tokens: arbitrary text as a token, and arbitrary payloads signed with the right key,
// which reach the claim checks behind the signature.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <string>

#include "util/encoding.hpp"
#include "util/jwt.hpp"

namespace {

const std::string kSecret = "fuzz-secret-fuzz-secret-fuzz-secret-0123";

std::string signed_token(std::string_view payload) {
    using formlympics::util::base64url_encode;
    auto input =
        base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url_encode(payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), kSecret.data(), static_cast<int>(kSecret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
    return input + "." +
           base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), len));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const formlympics::util::JwtCodec codec(kSecret, "formlympics");
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto token = data[0] % 2 == 0 ? std::string(rest) : signed_token(rest);
    for (std::int64_t now : {std::int64_t{0}, std::int64_t{1'800'000'000}, INT64_MAX / 2}) {
        auto check = codec.verify(token, now);
        if (check.claims) (void)check.claims->sub.size();
    }
    return 0;
}
