// The Redis coupon gate against a real redis-server of the test's own.
#include "redis/redis_coupon_gate.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "support/redis_process.hpp"

namespace formlympics::test {
namespace {

using Verdict = service::CouponGate::Verdict;
using namespace std::chrono_literals;

class RedisCouponGateTest : public ::testing::Test {
  protected:
    RedisProcess redis_;
    redis::RedisClient client_{*redis::parse_redis_url(redis_.url()), 250ms, 4};
    redis::RedisCouponGate gate_{client_, "formlympics"};
};

TEST_F(RedisCouponGateTest, KnowsNothingUntilRebuiltFromTheDatabase) {
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    gate_.rebuild(1, 2, {10});
    EXPECT_EQ(gate_.check(1, 10), Verdict::already_claimed);
    EXPECT_EQ(gate_.check(1, 11), Verdict::maybe);
}

TEST_F(RedisCouponGateTest, SaysExhaustedOnlyWhenTheDatabaseGrantedTheQuantity) {
    gate_.rebuild(1, 2, {});
    gate_.record(1, 10);
    gate_.record(1, 10);  // recorded twice, counted once
    EXPECT_EQ(gate_.check(1, 12), Verdict::maybe);
    gate_.record(1, 11);
    EXPECT_EQ(gate_.check(1, 12), Verdict::exhausted);
    EXPECT_EQ(gate_.check(1, 11), Verdict::already_claimed);
    gate_.rebuild(1, 2, {10, 11});  // a rebuild racing recorded grants adds nothing twice
    EXPECT_EQ(gate_.check(1, 12), Verdict::exhausted);
}

TEST_F(RedisCouponGateTest, ALostOrDeadRedisIsUnknownNeverNo) {
    gate_.rebuild(1, 1, {10});
    redis_.kill();
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    redis_.start();  // back, empty
    std::this_thread::sleep_for(600ms);
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    EXPECT_EQ(gate_.check(1, 11), Verdict::unknown);
}

}  // namespace
}  // namespace formlympics::test
