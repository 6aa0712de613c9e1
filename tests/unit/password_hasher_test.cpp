#include "util/password_hasher.hpp"

#include <gtest/gtest.h>

namespace formlympics::util {
namespace {

TEST(PasswordHasherTest, HashesWithArgon2idAtTheRequiredCost) {
    PasswordHasher hasher;
    const auto h = hasher.hash("correct horse");
    EXPECT_EQ(h.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << h;
}

TEST(PasswordHasherTest, VerifiesTheRightPasswordOnly) {
    PasswordHasher hasher;
    const auto h = hasher.hash("correct horse");
    EXPECT_TRUE(hasher.verify(h, "correct horse"));
    EXPECT_FALSE(hasher.verify(h, "correct horsE"));
    EXPECT_FALSE(hasher.verify(h, ""));
}

TEST(PasswordHasherTest, SaltsEachHash) {
    PasswordHasher hasher;
    EXPECT_NE(hasher.hash("same password"), hasher.hash("same password"));
}

TEST(PasswordHasherTest, RefusesAMalformedHash) {
    PasswordHasher hasher;
    EXPECT_FALSE(hasher.verify("not a hash", "password"));
    EXPECT_FALSE(hasher.verify("", "password"));
}

}  // namespace
}  // namespace formlympics::util
