#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
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
    // The form's coupons with what remains; not_found.
    domain::Result<std::vector<domain::Coupon>> list(domain::FormId form);
    // Claims a coupon: not_found, not_open, closed, already_claimed, exhausted.
    domain::Result<domain::UserCoupon> claim(domain::UserId caller, domain::CouponId coupon);
    // The same without blocking the caller: an exhausted coupon is refused at once, anything
    // else is claimed on a worker; `done` runs once with the result (nullopt: the store failed,
    // logged), or with overloaded when no worker can take it.
    void claim_async(domain::UserId caller, domain::CouponId coupon,
                     std::function<void(std::optional<domain::Result<domain::UserCoupon>>)> done);
    // The caller's coupons, newest first.
    std::vector<domain::UserCoupon> mine(domain::UserId caller);

  private:
    // Claims waiting for one coupon. The first claimer of an idle lane leads: it claims for
    // everyone queued behind it in one transaction, in arrival order, while they wait.
    struct Ticket {
        domain::UserId user = 0;
        std::optional<domain::Result<domain::UserCoupon>> result;
        std::exception_ptr failure;
    };
    struct Lane {
        std::mutex mutex;
        std::condition_variable done;
        std::vector<std::shared_ptr<Ticket>> queue;
        bool leading = false;
    };

    domain::Result<domain::UserCoupon> claim_in_batch(domain::CouponId coupon, domain::UserId user);
    void rebuild_gate(domain::CouponId coupon);

    bool known_exhausted(domain::CouponId coupon);

    store::CouponRepository& coupons_;
    store::FormRepository& forms_;
    const util::Clock& clock_;
    util::WorkerPool& workers_;
    CouponGate* gate_;
    // Coupons the database found exhausted. Claims never return to the pool, so this stays
    // true: later claims are refused here without touching the database or Redis.
    std::mutex exhausted_mutex_;
    std::unordered_set<domain::CouponId> exhausted_;
    std::mutex lanes_mutex_;
    std::unordered_map<domain::CouponId, std::shared_ptr<Lane>> lanes_;
    std::mutex rebuilt_mutex_;
    std::unordered_map<domain::CouponId, std::chrono::steady_clock::time_point> rebuilt_;
};

}  // namespace formlympics::service
