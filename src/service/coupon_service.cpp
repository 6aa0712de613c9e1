#include "service/coupon_service.hpp"

#include <algorithm>

#include "domain/account_rules.hpp"
#include "util/isolate_failures.hpp"
#include "util/logging.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

// A mirror found missing is rebuilt at most this often per coupon and instance.
constexpr std::chrono::seconds kRebuildInterval{1};
// How often a coupon remembered exhausted is asked of the database all the same.
constexpr domain::Millis kRecheckMillis = 1000;
// Claims one transaction takes at the most.
constexpr std::size_t kMaxClaimBatch = 1000;

}  // namespace

CouponService::CouponService(store::CouponRepository& coupons, store::FormRepository& forms,
                             const util::Clock& clock, util::WorkerPool& workers, CouponGate* gate)
    : coupons_(coupons),
      forms_(forms),
      clock_(clock),
      workers_(workers),
      gate_(gate),
      lanes_(workers, kMaxClaimBatch,
             [this](domain::CouponId c, std::vector<Pending>& batch) { claim_batch(c, batch); }) {}

CouponService::Remembered CouponService::remembered(domain::CouponId coupon, domain::UserId user) {
    std::lock_guard lock(exhausted_mutex_);
    auto it = exhausted_.find(coupon);
    if (it == exhausted_.end()) return Remembered::nothing;
    const auto now = clock_.now_millis();
    if (now >= it->second.recheck_at) {
        it->second.recheck_at = now + kRecheckMillis;
        return Remembered::recheck;
    }
    return it->second.holders.count(user) > 0 ? Remembered::holder : Remembered::exhausted;
}

void CouponService::remember_exhausted(domain::CouponId coupon) {
    {
        std::lock_guard lock(exhausted_mutex_);
        if (exhausted_.count(coupon) > 0) return;
    }
    std::vector<domain::UserId> holders;
    try {
        holders = coupons_.claimers(coupon);
    } catch (const std::exception& e) {
        // Not remembered: the next claim asks the database again.
        logging::warn("coupon claims: reading the holders of coupon {}: {}", coupon, e.what());
        return;
    }
    std::lock_guard lock(exhausted_mutex_);
    exhausted_.emplace(
        coupon, Exhausted{{holders.begin(), holders.end()}, clock_.now_millis() + kRecheckMillis});
}

void CouponService::forget(domain::CouponId coupon) {
    {
        std::lock_guard lock(exhausted_mutex_);
        if (exhausted_.erase(coupon) == 0) return;
    }
    // Once per coupon and instance: a claim on an id that never existed is not_found too, and
    // costs the gate nothing.
    if (gate_) gate_->forget(coupon);
}

void CouponService::claim(domain::UserId caller, domain::CouponId coupon, ClaimDone done) {
    switch (remembered(coupon, caller)) {
        case Remembered::holder:
            return done(domain::fail(Errc::already_claimed, "you already hold this coupon"));
        case Remembered::exhausted:
            return done(domain::fail(Errc::exhausted, "no coupons are left"));
        case Remembered::recheck:
            // The database answers this one, past the gate (which would say exhausted too).
            return lanes_.push(coupon, Pending{caller, std::move(done)});
        case Remembered::nothing:
            break;
    }
    if (!gate_) return lanes_.push(coupon, Pending{caller, std::move(done)});
    // The gate is a network call: ask it on a worker, which then frees itself by queueing.
    const bool queued = workers_.try_submit([this, caller, coupon, done] {
        switch (gate_->check(coupon, caller)) {
            case CouponGate::Verdict::already_claimed:
                return done(domain::fail(Errc::already_claimed, "you already hold this coupon"));
            case CouponGate::Verdict::exhausted:
                // As true as the database's answer (claims never return to the pool): later
                // claims here are refused from memory, without asking Redis again.
                remember_exhausted(coupon);
                return done(domain::fail(Errc::exhausted, "no coupons are left"));
            case CouponGate::Verdict::unknown:
                // Redis lost it, or never had it: refill it from the database. If that fails, the
                // database still decides in the lane (and if it is down, the lane says so).
                try {
                    rebuild_gate(coupon);
                } catch (const std::exception& e) {
                    logging::warn("coupon claims: rebuilding the mirror of coupon {}: {}", coupon,
                                  e.what());
                }
                break;
            case CouponGate::Verdict::maybe:
                break;
        }
        lanes_.push(coupon, Pending{caller, done});
    });
    if (!queued) done(domain::fail(Errc::overloaded, "the server is overloaded; retry"));
}

void CouponService::claim_batch(domain::CouponId coupon, std::vector<Pending>& batch) {
    std::vector<domain::UserId> users;
    users.reserve(batch.size());
    for (const auto& p : batch) users.push_back(p.user);
    // nullopt: the claim failed on its own (answered 500).
    std::vector<std::optional<domain::Result<domain::UserCoupon>>> results(batch.size());
    util::isolate_failures<domain::Result<domain::UserCoupon>>(
        batch.size(),
        [&](std::size_t first, std::size_t last) {
            // The database alone grants.
            return coupons_.claim_batch(
                coupon, std::vector<domain::UserId>(users.begin() + first, users.begin() + last),
                clock_.now_millis());
        },
        [&](std::size_t first, std::vector<domain::Result<domain::UserCoupon>>& claimed) {
            for (std::size_t k = 0; k < claimed.size(); ++k) {
                learn(coupon, users[first + k], claimed[k]);
                results[first + k] = std::move(claimed[k]);
            }
        },
        [&](std::size_t i, util::ItemFailure why, const std::exception& e) {
            const bool down = why == util::ItemFailure::unavailable;
            logging::log(down ? logging::Level::warn : logging::Level::error,
                         "coupon claims: claim of user {} on coupon {} failed: {}", users[i],
                         coupon, e.what());
            if (down) results[i] = domain::Result<domain::UserCoupon>(domain::unavailable());
        });
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
}

void CouponService::learn(domain::CouponId coupon, domain::UserId user,
                          const domain::Result<domain::UserCoupon>& result) {
    if (!result && result.error().code == Errc::exhausted) remember_exhausted(coupon);
    if (!result && result.error().code == Errc::not_found) forget(coupon);
    const bool granted = result || result.error().code == Errc::already_claimed;
    if (gate_ && granted) gate_->record(coupon, user);
}

void CouponService::rebuild_gate() {
    if (!gate_) return;
    for (const auto& c : coupons_.claimable(clock_.now_millis())) {
        gate_->rebuild(c.id, c.quantity, coupons_.claimers(c.id));
    }
}

void CouponService::rebuild_gate(domain::CouponId coupon) {
    {
        std::lock_guard lock(rebuilt_mutex_);
        const auto now = std::chrono::steady_clock::now();
        auto& last = rebuilt_[coupon];
        if (now - last < kRebuildInterval) return;
        last = now;
    }
    if (auto c = coupons_.find(coupon))
        gate_->rebuild(c->id, c->quantity, coupons_.claimers(c->id));
}

domain::Result<domain::Coupon> CouponService::create(domain::UserId caller, domain::FormId form_id,
                                                     const CouponInput& in) {
    auto form = forms_.find(form_id);
    if (!form) return domain::fail(Errc::not_found, "no such form");
    if (form->seller_id != caller) {
        if (!domain::published(*form)) return domain::fail(Errc::not_found, "no such form");
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    }
    if (!domain::published(*form)) {
        return domain::fail(Errc::conflict, "publish the form before giving it coupons");
    }
    const auto now = clock_.now_millis();
    store::NewCoupon c{form_id,
                       in.name,
                       in.discount,
                       in.quantity,
                       in.claim_opens_at.value_or(now),
                       in.claim_closes_at.value_or(form->closed_at.value_or(form->closes_at)),
                       now};
    std::vector<domain::FieldError> errors;
    domain::check_text(errors, "name", c.name, 1, 100);
    if (c.discount <= 0 || c.discount > 100'000'000'000)
        errors.push_back({"discount", "must be 1 to 100,000,000,000 won"});
    if (c.quantity < 1 || c.quantity > 10'000'000)
        errors.push_back({"quantity", "must be 1 to 10,000,000"});
    if (c.claim_opens_at >= c.claim_closes_at) {
        errors.push_back({"claim_closes_at",
                          "must be after claim_opens_at (and the form must not have closed)"});
    }
    if (!errors.empty()) return domain::invalid_fields(std::move(errors));
    return coupons_.create(c);
}

domain::Result<std::vector<domain::Coupon>> CouponService::list(domain::FormId form) {
    auto f = forms_.find(form);
    if (!f || !domain::published(*f)) return domain::fail(Errc::not_found, "no such form");
    auto list = coupons_.list_for_form(form);
    // Claims end with the sale, however long a coupon's own window runs.
    const auto sale_ends = f->closed_at.value_or(f->closes_at);
    for (auto& c : list) c.claim_closes_at = std::min(c.claim_closes_at, sale_ends);
    return list;
}

std::vector<domain::UserCoupon> CouponService::mine(domain::UserId caller) {
    return coupons_.list_for_user(caller, clock_.now_millis());
}

}  // namespace formlympics::service
