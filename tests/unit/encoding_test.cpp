#include "util/encoding.hpp"

#include <gtest/gtest.h>

namespace formlympics::util {
namespace {

TEST(Base64UrlTest, EncodesWithoutPadding) {
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("fo"), "Zm8");
    EXPECT_EQ(base64url_encode("foo"), "Zm9v");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64UrlTest, RoundTripsEveryByte) {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    EXPECT_EQ(base64url_decode(base64url_encode(all)), all);
}

TEST(Base64UrlTest, RefusesPaddingForeignCharactersAndBadLengths) {
    EXPECT_FALSE(base64url_decode("Zg=="));
    EXPECT_FALSE(base64url_decode("Zm+v"));
    EXPECT_FALSE(base64url_decode("Z"));
    EXPECT_FALSE(base64url_decode("Zh"));  // non-zero leftover bits
}

TEST(HexTest, EncodesTwoLowerCaseDigitsPerByte) {
    EXPECT_EQ(hex_encode(""), "");
    EXPECT_EQ(hex_encode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
}

TEST(HexTest, DecodesWhatItEncodesAndRefusesTheRest) {
    const std::string bytes("\x00\x0f\xab\xff\x10", 5);
    EXPECT_EQ(hex_decode(hex_encode(bytes)), bytes);
    EXPECT_EQ(hex_decode("ABff"), std::string("\xab\xff", 2));
    EXPECT_EQ(hex_decode(""), std::string());
    EXPECT_FALSE(hex_decode("abc"));   // odd length
    EXPECT_FALSE(hex_decode("zz"));    // not a digit
    EXPECT_FALSE(hex_decode("ab 0"));  // a space inside
}

}  // namespace
}  // namespace formlympics::util
