// The Redis coupon gate against a real redis-server of the test's own.
#include "redis/redis_coupon_gate.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "integration/store_fixture.hpp"
#include "service/coupon_service.hpp"
#include "support/manual_clock.hpp"
#include "support/redis_process.hpp"
#include "util/worker_pool.hpp"

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

// A coupon deleted with its form: the mirror is dropped, so the database decides again (and
// answers not_found), and another coupon's mirror stays.
TEST_F(RedisCouponGateTest, AForgottenCouponIsUnknownAgain) {
    gate_.rebuild(1, 1, {10});
    gate_.rebuild(2, 1, {10});
    EXPECT_EQ(gate_.check(1, 11), Verdict::exhausted);
    gate_.forget(1);
    EXPECT_EQ(gate_.check(1, 11), Verdict::unknown);
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    EXPECT_EQ(gate_.check(2, 11), Verdict::exhausted);
}

TEST_F(RedisCouponGateTest, ALostOrDeadRedisIsUnknownNeverNo) {
    gate_.rebuild(1, 1, {10});
    redis_.kill();
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    redis_.start();  // back, empty
    for (int i = 0; i < 500 && !client_.probably_up(); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(gate_.check(1, 10), Verdict::unknown);
    EXPECT_EQ(gate_.check(1, 11), Verdict::unknown);
}

// A gate that says a coupon is exhausted, counting how often it was asked.
class ExhaustedGate final : public service::CouponGate {
  public:
    std::atomic<int> checks{0};
    Verdict check(domain::CouponId, domain::UserId) override {
        ++checks;
        return Verdict::exhausted;
    }
    void record(domain::CouponId, domain::UserId) override {}
    void rebuild(domain::CouponId, std::int64_t, const std::vector<domain::UserId>&) override {}
    void forget(domain::CouponId) override {}
};

TEST(CouponGateVerdictTest, AnExhaustedVerdictIsRememberedSoLaterClaimsAskNobody) {
    TempDir dir;
    store::SqliteStore store((dir.path() / "store.db").string(), 2);
    store.migrate();
    const auto seller = seed_user(store, "seller@example.com");
    const auto form = seed_form(store, seller);
    const auto coupon = store.coupons().create({form, "C", 100, 5, 0, 4'000'000'000'000, 0}).id;
    ManualClock clock;
    util::WorkerPool workers(2, 100);
    ExhaustedGate gate;
    service::CouponService coupons(store.coupons(), store.forms(), clock, workers, &gate);

    const auto claim = [&](domain::UserId user) {
        std::promise<std::optional<domain::Result<domain::UserCoupon>>> answer;
        coupons.claim(user, coupon, [&](auto r) { answer.set_value(std::move(r)); });
        return answer.get_future().get();
    };
    const auto first = claim(seed_user(store, "a@example.com"));
    ASSERT_TRUE(first && !*first);
    EXPECT_EQ(first->error().code, domain::Errc::exhausted);
    const auto second = claim(seed_user(store, "b@example.com"));
    ASSERT_TRUE(second && !*second);
    EXPECT_EQ(second->error().code, domain::Errc::exhausted);
    EXPECT_EQ(gate.checks, 1);  // the second was refused from memory
    EXPECT_EQ(store.coupons().claimers(coupon).size(), 0u);
    workers.stop();
}

}  // namespace
}  // namespace formlympics::test
