#pragma once

#include <cstdint>
#include <vector>

#include "domain/coupon.hpp"

namespace formlympics::service {

// A fast "no" in front of the database for coupon claims. It only ever mirrors claims the
// database granted, and claims never return to the pool, so its refusals are always true; its
// "maybe" and "unknown" send the claim to the database, which alone grants.
class CouponGate {
  public:
    enum class Verdict { maybe, already_claimed, exhausted, unknown };

    virtual ~CouponGate() = default;
    // What the mirror knows of this user and coupon; unknown when the mirror is missing or
    // unreachable.
    virtual Verdict check(domain::CouponId coupon, domain::UserId user) = 0;
    // The database granted (or had granted) this claim.
    virtual void record(domain::CouponId coupon, domain::UserId user) = 0;
    // Replaces the mirror of a coupon with the database's claimers and its quantity.
    virtual void rebuild(domain::CouponId coupon, std::int64_t quantity,
                         const std::vector<domain::UserId>& claimers) = 0;
    // Drops the mirror of a coupon that is gone (its form was deleted).
    virtual void forget(domain::CouponId coupon) = 0;
};

}  // namespace formlympics::service
