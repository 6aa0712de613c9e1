#include "service/coupon_service.hpp"

#include <spdlog/spdlog.h>

#include "domain/account_rules.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

// A mirror found missing is rebuilt at most this often per coupon and instance.
constexpr std::chrono::seconds kRebuildInterval{1};

}  // namespace

CouponService::CouponService(store::CouponRepository& coupons, store::FormRepository& forms,
                             const util::Clock& clock, util::WorkerPool& workers, CouponGate* gate)
    : coupons_(coupons), forms_(forms), clock_(clock), workers_(workers), gate_(gate) {}

bool CouponService::known_exhausted(domain::CouponId coupon) {
    std::lock_guard lock(exhausted_mutex_);
    return exhausted_.count(coupon) > 0;
}

void CouponService::claim_async(
    domain::UserId caller, domain::CouponId coupon,
    std::function<void(std::optional<domain::Result<domain::UserCoupon>>)> done) {
    if (known_exhausted(coupon)) return done(domain::fail(Errc::exhausted, "no coupons are left"));
    const bool queued = workers_.try_submit([this, caller, coupon, done] {
        try {
            done(claim(caller, coupon));
        } catch (const std::exception& e) {
            spdlog::error("coupon claim on {} failed: {}", coupon, e.what());
            done(std::nullopt);
        }
    });
    if (!queued) done(domain::fail(Errc::overloaded, "the server is overloaded; retry"));
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
    if (form->seller_id != caller)
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    const auto now = clock_.now_millis();
    store::NewCoupon c{form_id,
                       in.name,
                       in.discount,
                       in.quantity,
                       in.claim_opens_at.value_or(now),
                       in.claim_closes_at.value_or(form->closed_at.value_or(form->closes_at)),
                       now};
    std::vector<domain::FieldError> errors;
    const auto n = domain::text_length(c.name);
    if (n < 1 || n > 100) errors.push_back({"name", "must be 1 to 100 characters"});
    if (c.discount <= 0 || c.discount > 100'000'000'000)
        errors.push_back({"discount", "must be above 0"});
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
    if (!forms_.find(form)) return domain::fail(Errc::not_found, "no such form");
    return coupons_.list_for_form(form);
}

domain::Result<domain::UserCoupon> CouponService::claim(domain::UserId caller,
                                                        domain::CouponId coupon) {
    if (known_exhausted(coupon)) return domain::fail(Errc::exhausted, "no coupons are left");
    if (gate_) {
        switch (gate_->check(coupon, caller)) {
            case CouponGate::Verdict::already_claimed:
                return domain::fail(Errc::already_claimed, "you already hold this coupon");
            case CouponGate::Verdict::exhausted:
                return domain::fail(Errc::exhausted, "no coupons are left");
            case CouponGate::Verdict::unknown:
                rebuild_gate(coupon);  // Redis lost it, or never had it: refill from the database
                break;
            case CouponGate::Verdict::maybe:
                break;
        }
    }
    // The database alone grants.
    auto claimed = claim_in_batch(coupon, caller);
    if (!claimed && claimed.error().code == Errc::exhausted) {
        std::lock_guard lock(exhausted_mutex_);
        exhausted_.insert(coupon);
    }
    const bool granted_before = !claimed && claimed.error().code == Errc::already_claimed;
    if (gate_ && (claimed || granted_before)) gate_->record(coupon, caller);
    return claimed;
}

domain::Result<domain::UserCoupon> CouponService::claim_in_batch(domain::CouponId coupon,
                                                                 domain::UserId user) {
    std::shared_ptr<Lane> lane;
    {
        std::lock_guard lock(lanes_mutex_);
        auto& l = lanes_[coupon];
        if (!l) l = std::make_shared<Lane>();
        lane = l;
    }
    auto ticket = std::make_shared<Ticket>();
    ticket->user = user;
    std::unique_lock lock(lane->mutex);
    lane->queue.push_back(ticket);
    while (!ticket->result && !ticket->failure) {
        if (lane->leading) {
            lane->done.wait(lock);
            continue;
        }
        lane->leading = true;
        auto batch = std::move(lane->queue);
        lane->queue.clear();
        lock.unlock();
        std::vector<domain::UserId> users;
        for (const auto& t : batch) users.push_back(t->user);
        std::vector<domain::Result<domain::UserCoupon>> results;
        std::exception_ptr failure;
        try {
            results = coupons_.claim_batch(coupon, users, clock_.now_millis());
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (failure) {
                batch[i]->failure = failure;
            } else {
                batch[i]->result = std::move(results[i]);
            }
        }
        lane->leading = false;
        lane->done.notify_all();
    }
    if (ticket->failure) std::rethrow_exception(ticket->failure);
    return std::move(*ticket->result);
}

std::vector<domain::UserCoupon> CouponService::mine(domain::UserId caller) {
    return coupons_.list_for_user(caller, clock_.now_millis());
}

}  // namespace formlympics::service
