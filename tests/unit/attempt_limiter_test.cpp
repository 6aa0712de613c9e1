// The rule both attempt limiters follow, and the in-process limiter's bookkeeping.
#include <gtest/gtest.h>

#include "service/local_attempt_limiter.hpp"

namespace formlympics::service {
namespace {

using namespace std::chrono_literals;

const AttemptRule kRule{3, 60s, 1s, 8s};

TEST(AttemptRuleTest, FreeAttemptsThenWaitsThatDoubleUpToTheMost) {
    AttemptState s;
    std::vector<std::int64_t> waits;
    for (int i = 0; i < 8; ++i) {
        s = count_attempt(s, kRule, 1000);
        waits.push_back(s.wait_until - 1000);
    }
    EXPECT_EQ(waits, (std::vector<std::int64_t>{-1000, -1000, 1000, 2000, 4000, 8000, 8000, 8000}));
}

TEST(AttemptRuleTest, EachWindowThatPassesForgivesTheFreeAttempts) {
    AttemptState s;
    for (int i = 0; i < 5; ++i) s = count_attempt(s, kRule, 0);
    EXPECT_EQ(s.count, 5);
    s = count_attempt(s, kRule, 60'000);  // one window later: 5 - 3 + 1
    EXPECT_EQ(s.count, 3);
    s = count_attempt(s, kRule, 600'000);  // long quiet: back to the first
    EXPECT_EQ(s.count, 1);
}

TEST(AttemptRuleTest, AClockThatWentBackStartsAfresh) {
    AttemptState s;
    for (int i = 0; i < 5; ++i) s = count_attempt(s, kRule, 100'000);
    s = count_attempt(s, kRule, 50'000);
    EXPECT_EQ(s.count, 1);
}

TEST(LocalAttemptLimiterTest, WaitIsTheLongestOfTheKeys) {
    LocalAttemptLimiter limiter;
    for (int i = 0; i < 3; ++i) limiter.count({{"a", kRule}}, 0);
    for (int i = 0; i < 4; ++i) limiter.count({{"b", kRule}}, 0);
    EXPECT_EQ(limiter.wait({"a"}, 0), 1s);
    EXPECT_EQ(limiter.wait({"a", "b", "c"}, 0), 2s);
    EXPECT_EQ(limiter.wait({"c"}, 0), 0s);
    limiter.forget("b");
    EXPECT_EQ(limiter.wait({"a", "b"}, 500), 500ms);
}

TEST(LocalAttemptLimiterTest, MarksRunOut) {
    LocalAttemptLimiter limiter;
    limiter.mark("known", 10s, 0);
    EXPECT_TRUE(limiter.marked("known", 9'999));
    EXPECT_FALSE(limiter.marked("known", 10'000));
    EXPECT_FALSE(limiter.marked("other", 0));
}

TEST(LocalAttemptLimiterTest, AFloodOfKeysIsBoundedAndExpiredOnesMakeRoom) {
    LocalAttemptLimiter limiter(100);
    for (int i = 0; i < 100; ++i) limiter.count({{"k" + std::to_string(i), kRule}}, 0);
    // Full: a new key is not counted until old ones expire...
    for (int i = 0; i < 5; ++i) limiter.count({{"late", kRule}}, 0);
    EXPECT_EQ(limiter.wait({"late"}, 0), 0s);
    // ...which they do once their window passed.
    for (int i = 0; i < 4; ++i) limiter.count({{"late", kRule}}, 120'000);
    EXPECT_EQ(limiter.wait({"late"}, 120'000), 2s);
}

}  // namespace
}  // namespace formlympics::service
