#pragma once

#include <optional>
#include <vector>

#include "domain/coupon.hpp"
#include "domain/result.hpp"

namespace formlympics::store {

struct NewCoupon {
    domain::FormId form_id = 0;
    std::string name;
    std::int64_t discount = 0;
    std::int64_t quantity = 0;
    domain::Millis claim_opens_at = 0;
    domain::Millis claim_closes_at = 0;
    domain::Millis created_at = 0;
};

// Persistent coupons and claims. The database is the only granter of a claim.
class CouponRepository {
  public:
    virtual ~CouponRepository() = default;

    virtual domain::Coupon create(const NewCoupon& coupon) = 0;
    // The coupon; nullopt when there is none.
    virtual std::optional<domain::Coupon> find(domain::CouponId id) = 0;
    // The form's coupons, oldest first.
    virtual std::vector<domain::Coupon> list_for_form(domain::FormId form) = 0;
    // Claims for several users (in arrival order) in one transaction: each gets the coupon,
    // already_claimed or exhausted in order, and the conditional increment counts them all at
    // once; not_found, not_open or closed for all. One result per user.
    virtual std::vector<domain::Result<domain::UserCoupon>> claim_batch(
        domain::CouponId coupon, const std::vector<domain::UserId>& users, domain::Millis now) = 0;
    // The users the coupon was granted to.
    virtual std::vector<domain::UserId> claimers(domain::CouponId coupon) = 0;
    // Coupons whose claim window has not closed at `now`.
    virtual std::vector<domain::Coupon> claimable(domain::Millis now) = 0;
    // The user's claimed coupons, newest first; AVAILABLE ones whose form has closed at `now`
    // read as EXPIRED.
    virtual std::vector<domain::UserCoupon> list_for_user(domain::UserId user,
                                                          domain::Millis now) = 0;
};

}  // namespace formlympics::store
