#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/coupon.hpp"
#include "domain/result.hpp"
#include "service/coupon_gate.hpp"
#include "store/coupon_repository.hpp"
#include "store/form_repository.hpp"
#include "util/batch_lanes.hpp"
#include "util/clock.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::service {

// What a seller sends to create a coupon; the claim window defaults to now until the form closes.
struct CouponInput {
    std::string name;
    std::int64_t discount = 0;
    std::int64_t quantity = 0;
    std::optional<domain::Millis> claim_opens_at;
    std::optional<domain::Millis> claim_closes_at;
};

// First-come coupons: sellers create them, users claim them (exactly `quantity`, one each).
class CouponService {
  public:
    // With a gate, claims it can refuse from its mirror never reach the database. Claims that
    // need the gate or the database run on `workers`.
    CouponService(store::CouponRepository& coupons, store::FormRepository& forms,
                  const util::Clock& clock, util::WorkerPool& workers, CouponGate* gate = nullptr);

    // Rebuilds the gate's mirror of every claimable coupon from the database.
    void rebuild_gate();

    // Creates a coupon for the seller's form; forbidden for others, not_found, validation_failed.
    domain::Result<domain::Coupon> create(domain::UserId caller, domain::FormId form,
                                          const CouponInput& input);
    // The form's coupons with what remains, each claim window ending by the sale's end;
    // not_found.
    domain::Result<std::vector<domain::Coupon>> list(domain::FormId form);
    // The outcome of a claim, or nullopt when the store failed (logged; answer 500).
    using ClaimDone = std::function<void(std::optional<domain::Result<domain::UserCoupon>>)>;

    // Claims a coupon without blocking the caller: not_found, not_open, closed, already_claimed,
    // exhausted. An exhausted coupon is refused at once; other claims queue in the coupon's lane
    // in arrival order and a worker claims everything queued in one transaction. `done` runs
    // once, from any thread.
    void claim(domain::UserId caller, domain::CouponId coupon, ClaimDone done);
    // The caller's coupons, newest first.
    std::vector<domain::UserCoupon> mine(domain::UserId caller);

  private:
    // Claims waiting for one coupon, in arrival order; one worker drains the lane at a time.
    struct Pending {
        domain::UserId user = 0;
        ClaimDone done;
    };
    // Claims one batch of a coupon's lane in one transaction and answers its callers.
    void claim_batch(domain::CouponId coupon, std::vector<Pending>& batch);
    void learn(domain::CouponId coupon, domain::UserId user,
               const domain::Result<domain::UserCoupon>& result);
    void rebuild_gate(domain::CouponId coupon);

    // What this instance remembers of a coupon for a claim: nothing; exhausted (or, for one of
    // its holders, holder); or recheck: it is remembered exhausted but has not been asked of
    // the database for a second, and this claim goes there, past the gate.
    enum class Remembered { nothing, exhausted, holder, recheck };
    Remembered remembered(domain::CouponId coupon, domain::UserId user);
    // Remembers the coupon as exhausted, with its holders (read once: they never change again).
    void remember_exhausted(domain::CouponId coupon);
    // The coupon is gone (deleted with its form): forgets it here and in the gate.
    void forget(domain::CouponId coupon);

    store::CouponRepository& coupons_;
    store::FormRepository& forms_;
    const util::Clock& clock_;
    util::WorkerPool& workers_;
    CouponGate* gate_;
    // Coupons the database (or the gate, which mirrors it) found exhausted, with their holders.
    // Claims never return to the pool, so both stay true while the coupon exists: later claims
    // are refused here without touching the database or Redis, and a holder who asks again is
    // told so. One claim a second goes to the database all the same, so that a coupon deleted
    // with its form is answered not_found within a second on every instance.
    struct Exhausted {
        std::unordered_set<domain::UserId> holders;
        domain::Millis recheck_at = 0;
    };
    std::mutex exhausted_mutex_;
    std::unordered_map<domain::CouponId, Exhausted> exhausted_;
    util::BatchLanes<domain::CouponId, Pending> lanes_;
    std::mutex rebuilt_mutex_;
    std::unordered_map<domain::CouponId, std::chrono::steady_clock::time_point> rebuilt_;
};

}  // namespace formlympics::service
