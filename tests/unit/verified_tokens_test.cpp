// The tokens a thread verified lately: found only by their exact bytes, only until they expire
// (as the codec would refuse them), only by the service and the thread that verified them.
#include "service/verified_tokens.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "util/jwt.hpp"

namespace formlympics::service {
namespace {

constexpr std::string_view kToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJl";
const int kOwner = 0, kOtherOwner = 0;

TEST(VerifiedTokensTest, AKeptTokenIsFoundUntilTheCodecWouldRefuseIt) {
    const util::JwtCodec codec(std::string(32, 's'), "formlympics");
    const auto token = codec.sign({"7", "formlympics", 1000, 1900, {}});
    auto& kept = VerifiedTokens::of_this_thread(&kOwner);
    kept.keep(token, {{7, 1000}, 1900}, 1000);
    for (const std::int64_t now : {std::int64_t{1000}, std::int64_t{1899}, std::int64_t{1900},
                                   1900 + util::kJwtLeewaySeconds - 1}) {
        ASSERT_TRUE(codec.verify(token, now).claims) << now;
        const auto* caller = kept.find(token, now);
        ASSERT_NE(caller, nullptr) << now;
        EXPECT_EQ(caller->id, 7);
        EXPECT_EQ(caller->generation, 1000);
    }
    const auto refused = 1900 + util::kJwtLeewaySeconds;
    EXPECT_FALSE(codec.verify(token, refused).claims);
    EXPECT_EQ(kept.find(token, refused), nullptr);
    EXPECT_EQ(kept.size(), 0U);  // dropped once expired
}

TEST(VerifiedTokensTest, OnlyTheExactBytesOfAKeptTokenMatch) {
    auto& kept = VerifiedTokens::of_this_thread(&kOwner);
    kept.keep(kToken, {{7, 1000}, 5000}, 1000);
    std::string forged(kToken);
    forged.back() = 'X';
    EXPECT_EQ(kept.find(forged, 1000), nullptr);
    EXPECT_EQ(kept.find(kToken.substr(0, kToken.size() - 1), 1000), nullptr);
    EXPECT_EQ(kept.find(std::string(kToken) + "=", 1000), nullptr);
    EXPECT_NE(kept.find(kToken, 1000), nullptr);
}

TEST(VerifiedTokensTest, AnotherServiceOrAnotherThreadFindsNothing) {
    VerifiedTokens::of_this_thread(&kOwner).keep(kToken, {{7, 1000}, 5000}, 1000);
    bool seen_elsewhere = true;
    std::thread([&] {
        seen_elsewhere = VerifiedTokens::of_this_thread(&kOwner).find(kToken, 1000) != nullptr;
    }).join();
    EXPECT_FALSE(seen_elsewhere);
    EXPECT_EQ(VerifiedTokens::of_this_thread(&kOtherOwner).find(kToken, 1000), nullptr);
}

TEST(VerifiedTokensTest, StaysBoundedWithMoreBuyersThanRoom) {
    auto& kept = VerifiedTokens::of_this_thread(&kOwner);
    for (int i = 0; i < 100000; ++i) {
        kept.keep("token-" + std::to_string(i), {{i + 1, 1000}, 5000}, 1000);
        ASSERT_LE(kept.size(), 32768U);
    }
    EXPECT_NE(kept.find("token-99999", 1000), nullptr);
}

}  // namespace
}  // namespace formlympics::service
