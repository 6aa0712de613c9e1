// First-come coupons: the gate and the memory of exhausted coupons refuse early, the store
// alone grants, and many claimers at once never get more coupons than there are.
#include "service/coupon_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <latch>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

#include "support/guard_time.hpp"
#include "support/manual_clock.hpp"
#include "unit/coupon_stand_ins.hpp"

namespace formlympics::service {
namespace {

using namespace std::chrono_literals;
using domain::CouponId;
using domain::Errc;
using domain::UserId;
using Outcome = std::optional<domain::Result<domain::UserCoupon>>;
using Verdict = CouponGate::Verdict;

using formlympics::test::kGuard;
using stand_in::kForm;
using stand_in::kSeller;
using stand_in::MemoryCoupons;
using stand_in::MemoryGate;
using stand_in::OneForm;

// The answers claims get, by user, in words: "granted", an error code, or "failed" (a 500);
// a second answer to one claim shows as "granted and exhausted", say.
class Answers {
  public:
    CouponService::ClaimDone to(UserId user) {
        return [state = state_, user](Outcome o) {
            std::string word = "failed";
            if (o && *o) word = (*o)->user_id == user ? "granted" : "granted to someone else";
            if (o && !*o) word = domain::code_name(o->error().code);
            {
                std::lock_guard lock(state->mutex);
                auto& words = state->words[user];
                words += words.empty() ? word : " and " + word;
                ++state->count;
            }
            state->changed.notify_all();
        };
    }
    // Waits for `n` answers in all.
    bool wait(std::size_t n) {
        std::unique_lock lock(state_->mutex);
        return state_->changed.wait_for(lock, kGuard, [&] { return state_->count >= n; });
    }
    std::string of(UserId user) {
        std::lock_guard lock(state_->mutex);
        return state_->words[user];
    }

  private:
    struct State {
        std::mutex mutex;
        std::condition_variable changed;
        std::map<UserId, std::string> words;
        std::size_t count = 0;
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

class CouponServiceTest : public ::testing::Test {
  protected:
    ~CouponServiceTest() override { workers.stop(); }

    domain::Millis now() const { return clock.now_millis(); }
    // A coupon claimable from an hour ago to an hour from now.
    CouponId coupon(std::int64_t quantity) {
        return coupons.add(quantity, now() - 3'600'000, now() + 3'600'000);
    }
    // Claims and waits for the answer.
    std::string claim(CouponService& s, UserId user, CouponId c) {
        Answers answers;
        s.claim(user, c, answers.to(user));
        return answers.wait(1) ? answers.of(user) : "no answer";
    }
    // Claims for user 1 and, while its transaction is held, for `queued` in that order, without
    // a gate; a transaction holding user `fails` throws. Waits for every answer.
    Answers claim_behind_first(CouponId c, const std::vector<UserId>& queued, UserId fails = 0) {
        auto entered = std::make_shared<std::promise<void>>();
        std::promise<void> release;
        coupons.before_claim = [entered, released = release.get_future().share(), fails,
                                first = true](const std::vector<UserId>& users) mutable {
            if (std::exchange(first, false)) {
                entered->set_value();
                released.wait();
            }
            if (std::find(users.begin(), users.end(), fails) != users.end())
                throw std::runtime_error("a bad row");
        };
        Answers answers;
        direct.claim(1, c, answers.to(1));
        const bool held = entered->get_future().wait_for(kGuard) == std::future_status::ready;
        for (auto u : queued) direct.claim(u, c, answers.to(u));
        release.set_value();
        EXPECT_TRUE(held && answers.wait(queued.size() + 1));
        return answers;
    }

    test::ManualClock clock;
    MemoryCoupons coupons;
    OneForm forms;
    MemoryGate gate;
    util::WorkerPool workers{4, 1000};
    CouponService gated{coupons, forms, clock, workers, &gate};
    CouponService direct{coupons, forms, clock, workers};  // without a gate
};

// A claim the mirror lets through is granted by the store and recorded in the mirror.
TEST_F(CouponServiceTest, GrantedClaimIsRecordedInTheGate) {
    const auto c = coupon(5);
    gated.rebuild_gate();
    EXPECT_EQ(claim(gated, 1, c), "granted");
    EXPECT_EQ(coupons.issued(c), 1);
    EXPECT_EQ(gate.recorded, std::set<UserId>{1});
}

// The gate's refusals are answered without a claim in the store: a count that is gone, and
// a holder asking again.
TEST_F(CouponServiceTest, GateRefusalsNeverClaimInTheStore) {
    const auto c = coupon(5);
    gate.fixed = Verdict::already_claimed;
    EXPECT_EQ(claim(gated, 1, c), "already_claimed");
    gate.fixed = Verdict::exhausted;
    EXPECT_EQ(claim(gated, 2, c), "exhausted");
    EXPECT_TRUE(coupons.batches().empty());
    EXPECT_EQ(coupons.issued(c), 0);
}

// Without a gate the store decides: one coupon per user.
TEST_F(CouponServiceTest, HolderClaimingAgainGetsAlreadyClaimed) {
    const auto c = coupon(5);
    EXPECT_EQ(claim(direct, 1, c), "granted");
    EXPECT_EQ(claim(direct, 1, c), "already_claimed");
    EXPECT_EQ(coupons.issued(c), 1);
}

// Once the store said exhausted, later claims are answered from memory: no gate, no store;
// the holder still hears already_claimed.
TEST_F(CouponServiceTest, ExhaustedCouponIsRefusedFromMemory) {
    const auto c = coupon(1);
    gated.rebuild_gate();
    EXPECT_EQ(claim(gated, 1, c), "granted");
    gate.fixed = Verdict::maybe;  // a mirror that lags: only the store can say exhausted
    EXPECT_EQ(claim(gated, 2, c), "exhausted");
    const auto checks = gate.checks;
    const auto batches = coupons.batches().size();
    EXPECT_EQ(claim(gated, 3, c), "exhausted");
    EXPECT_EQ(claim(gated, 1, c), "already_claimed");
    EXPECT_EQ(gate.checks, checks);
    EXPECT_EQ(coupons.batches().size(), batches);
}

// One claim a second on a coupon remembered exhausted goes to the store, past the gate: while
// the coupon exists nothing changes; once it is deleted (with its form) it is not_found, the
// memory and the gate forget it, and every later claim is not_found too.
TEST_F(CouponServiceTest, AnExhaustedCouponDeletedIsNotFoundWithinASecond) {
    const auto c = coupon(1);
    gated.rebuild_gate();
    EXPECT_EQ(claim(gated, 1, c), "granted");
    EXPECT_EQ(claim(gated, 2, c), "exhausted");  // the gate's verdict, now remembered
    const auto batches = coupons.batches().size();
    EXPECT_EQ(claim(gated, 3, c), "exhausted");
    EXPECT_EQ(coupons.batches().size(), batches) << "within the second: from memory";
    clock.advance(1s);
    EXPECT_EQ(claim(gated, 3, c), "exhausted");
    EXPECT_EQ(coupons.batches().size(), batches + 1) << "a second on: the store is asked once";
    EXPECT_EQ(claim(gated, 4, c), "exhausted");
    EXPECT_EQ(coupons.batches().size(), batches + 1);

    coupons.remove(c);
    EXPECT_EQ(claim(gated, 1, c), "already_claimed") << "the holder, within the second";
    clock.advance(1s);
    EXPECT_EQ(claim(gated, 1, c), "not_found");
    EXPECT_EQ(gate.forgets, 1);
    EXPECT_EQ(claim(gated, 5, c), "not_found");
    EXPECT_EQ(claim(gated, 1, c), "not_found");
    EXPECT_EQ(gate.forgets, 1) << "forgotten once";
}

// If the holders cannot be read, exhaustion is not remembered: the next claim asks the store.
TEST_F(CouponServiceTest, ExhaustionIsNotRememberedWhenHoldersCannotBeRead) {
    const auto c = coupon(1);
    EXPECT_EQ(claim(direct, 1, c), "granted");
    coupons.reads_fail = true;
    EXPECT_EQ(claim(direct, 2, c), "exhausted");
    EXPECT_EQ(claim(direct, 1, c), "already_claimed");  // from the store, not a wrong memory
    EXPECT_EQ(coupons.batches().size(), 3u);
}

// Claims queued while a transaction runs go in the next one, in arrival order: the first
// comers get the last coupons.
TEST_F(CouponServiceTest, ClaimsAreGrantedInArrivalOrder) {
    const auto c = coupon(3);
    auto answers = claim_behind_first(c, {6, 5, 4, 3, 2});
    EXPECT_EQ(coupons.batches(), (std::vector<std::vector<UserId>>{{1}, {6, 5, 4, 3, 2}}));
    for (UserId u : {1, 6, 5}) EXPECT_EQ(answers.of(u), "granted") << u;
    for (UserId u : {4, 3, 2}) EXPECT_EQ(answers.of(u), "exhausted") << u;
}

// Many users claim at once from many threads: exactly the quantity is granted, each caller
// hears once, and the rest hear exhausted.
TEST_F(CouponServiceTest, ConcurrentClaimsNeverPassTheQuantity) {
    constexpr int kThreads = 8, kPerThread = 25, kQuantity = 10;
    for (auto* service : {&gated, &direct}) {
        const auto c = coupon(kQuantity);
        gated.rebuild_gate();
        Answers answers;
        std::latch start(kThreads);
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                for (UserId u = t * kPerThread + 1; u <= (t + 1) * kPerThread; ++u)
                    service->claim(u, c, answers.to(u));
            });
        }
        threads.clear();
        ASSERT_TRUE(answers.wait(kThreads * kPerThread));
        std::map<std::string, int> tally;
        for (UserId u = 1; u <= kThreads * kPerThread; ++u) ++tally[answers.of(u)];
        EXPECT_EQ(tally,
                  (std::map<std::string, int>{{"granted", kQuantity},
                                              {"exhausted", kThreads * kPerThread - kQuantity}}))
            << (service == &gated ? "through the gate" : "without a gate");
        EXPECT_EQ(coupons.issued(c), kQuantity);
    }
    EXPECT_EQ(gate.recorded.size(), std::size_t{kQuantity});
}

// A store that cannot be reached answers service_unavailable, with advice to retry.
TEST_F(CouponServiceTest, StoreUnavailableAnswersServiceUnavailable) {
    const auto c = coupon(5);
    gated.rebuild_gate();
    coupons.before_claim = [](const std::vector<UserId>&) {
        throw util::Unavailable("the database is down");
    };
    EXPECT_EQ(claim(gated, 1, c), "service_unavailable");
    EXPECT_EQ(claim(direct, 2, c), "service_unavailable");
    EXPECT_TRUE(gate.recorded.empty());
}

// Any other store failure fails the claim it belongs to (answered 500), not the claims that
// shared its transaction.
TEST_F(CouponServiceTest, StoreFailureFailsOnlyTheClaimItBelongsTo) {
    const auto c = coupon(5);
    auto answers = claim_behind_first(c, {6, 7, 8}, 7);
    for (UserId u : {1, 6, 8}) EXPECT_EQ(answers.of(u), "granted") << u;
    EXPECT_EQ(answers.of(7), "failed");
    EXPECT_EQ(coupons.issued(c), 3);
}

// With the gate's mirror missing and the database down, the claim is still answered (the
// refill's failed read once escaped the worker task and left the claim unanswered).
TEST_F(CouponServiceTest, StoreDownWhileTheMirrorIsMissingAnswersServiceUnavailable) {
    const auto c = coupon(5);
    coupons.reads_fail = true;
    coupons.before_claim = [](const std::vector<UserId>&) {
        throw util::Unavailable("the database is down");
    };
    EXPECT_EQ(claim(gated, 1, c), "service_unavailable");
}

// A gate that lost its mirror (or cannot be reached) says unknown: the mirror is refilled
// from the store and the store decides the claim.
TEST_F(CouponServiceTest, GateThatLostItsMirrorIsRebuiltAndTheStoreDecides) {
    const auto c = coupon(2);
    EXPECT_EQ(claim(direct, 1, c), "granted");  // granted before the mirror existed
    EXPECT_EQ(claim(gated, 2, c), "granted");
    EXPECT_EQ(gate.rebuilds, 1);
    EXPECT_EQ(claim(gated, 1, c), "already_claimed");  // the rebuilt mirror knows user 1
    EXPECT_EQ(claim(gated, 3, c), "exhausted");
    EXPECT_EQ(coupons.batches().size(), 2u);  // the last two never reached the store
}

// The gate is a network call made on a worker: with no room to queue it, the claim is
// refused as overloaded.
TEST_F(CouponServiceTest, FullWorkerQueueAnswersOverloaded) {
    util::WorkerPool none{0, 0};
    CouponService service{coupons, forms, clock, none, &gate};
    EXPECT_EQ(claim(service, 1, coupon(5)), "overloaded");
}

// An unknown coupon is not_found, with or without the gate (whose refill finds nothing).
TEST_F(CouponServiceTest, UnknownCouponIsNotFound) {
    EXPECT_EQ(claim(gated, 1, 999), "not_found");
    EXPECT_EQ(claim(direct, 1, 999), "not_found");
    EXPECT_EQ(gate.rebuilds, 0);
}

// Claims are judged at the service clock's time: before the window, in it, after it.
TEST_F(CouponServiceTest, ClaimWindowFollowsTheClock) {
    const auto c = coupons.add(5, now() + 60'000, now() + 120'000);
    EXPECT_EQ(claim(direct, 1, c), "not_open");
    clock.advance(60s);
    EXPECT_EQ(claim(direct, 1, c), "granted");
    clock.advance(60s);
    EXPECT_EQ(claim(direct, 2, c), "closed");
}

// Only the form's seller creates coupons; the window defaults to now until the form closes,
// and a window that is empty (the sale already ended, say) is refused.
TEST_F(CouponServiceTest, CreateChecksTheSellerAndTheWindow) {
    forms.form.closes_at = now() + 3'600'000;
    const CouponInput good{"early bird", 1000, 10, {}, {}};
    auto made = gated.create(kSeller, kForm, good);
    ASSERT_TRUE(made);
    EXPECT_EQ(made->claim_opens_at, now());
    EXPECT_EQ(made->claim_closes_at, now() + 3'600'000);
    EXPECT_EQ(gated.create(kSeller + 1, kForm, good).error().code, Errc::forbidden);
    EXPECT_EQ(gated.create(kSeller, kForm + 1, good).error().code, Errc::not_found);
    forms.form.closed_at = now();
    EXPECT_EQ(gated.create(kSeller, kForm, good).error().code, Errc::validation_failed);
}

}  // namespace
}  // namespace formlympics::service
