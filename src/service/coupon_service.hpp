#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/coupon.hpp"
#include "domain/result.hpp"
#include "store/coupon_repository.hpp"
#include "store/form_repository.hpp"
#include "util/clock.hpp"

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
    CouponService(store::CouponRepository& coupons, store::FormRepository& forms,
                  const util::Clock& clock);

    // Creates a coupon for the seller's form; forbidden for others, not_found, validation_failed.
    domain::Result<domain::Coupon> create(domain::UserId caller, domain::FormId form,
                                          const CouponInput& input);
    // The form's coupons with what remains; not_found.
    domain::Result<std::vector<domain::Coupon>> list(domain::FormId form);
    // Claims a coupon: not_found, not_open, closed, already_claimed, exhausted.
    domain::Result<domain::UserCoupon> claim(domain::UserId caller, domain::CouponId coupon);
    // The caller's coupons, newest first.
    std::vector<domain::UserCoupon> mine(domain::UserId caller);

  private:
    store::CouponRepository& coupons_;
    store::FormRepository& forms_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
