#include "redis/user_codec.hpp"

#include <gtest/gtest.h>

namespace formlympics::redis {
namespace {

TEST(UserCodecTest, RoundTripsAFullProfile) {
    domain::User u{7,
                   "Kim",
                   "kim@example.com",
                   "010-1234-5678",
                   domain::Address{"Seoul", "101", "04524"},
                   domain::RefundAccount{domain::Bank::WOORI, "1002-123-456789", "Kim"}};
    auto back = decode_user(encode_user(u));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->id, 7);
    EXPECT_EQ(back->email, "kim@example.com");
    ASSERT_TRUE(back->address);
    EXPECT_EQ(back->address->zipcode, "04524");
    ASSERT_TRUE(back->refund_account);
    EXPECT_EQ(back->refund_account->bank, domain::Bank::WOORI);
}

TEST(UserCodecTest, ReadsAProfileCachedWithABanksOldName) {
    domain::User u{9,
                   "Park",
                   "park@example.com",
                   "01012345678",
                   std::nullopt,
                   domain::RefundAccount{domain::Bank::KAKAO, "3333-01-1234567", "Park"}};
    auto encoded = encode_user(u);
    const auto code = encoded.find("\"090\"");
    ASSERT_NE(code, std::string::npos) << encoded;
    encoded.replace(code, 5, "\"KAKAO\"");  // as an instance before bank codes cached it
    auto back = decode_user(encoded);
    ASSERT_TRUE(back);
    ASSERT_TRUE(back->refund_account);
    EXPECT_EQ(back->refund_account->bank, domain::Bank::KAKAO);
}

TEST(UserCodecTest, RoundTripsEmptyOptionals) {
    domain::User u{8, "Lee", "lee@example.com", "01012345678", std::nullopt, std::nullopt};
    auto back = decode_user(encode_user(u));
    ASSERT_TRUE(back);
    EXPECT_FALSE(back->address);
    EXPECT_FALSE(back->refund_account);
}

TEST(UserCodecTest, TreatsForeignOrDamagedEntriesAsMisses) {
    EXPECT_FALSE(decode_user("u0:[1]"));
    EXPECT_FALSE(decode_user("u1:[1,2"));
    EXPECT_FALSE(decode_user("u1:{}"));
    EXPECT_FALSE(decode_user(""));
}

}  // namespace
}  // namespace formlympics::redis
