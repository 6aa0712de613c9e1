#pragma once

#include "store/coupon_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// CouponRepository over either SQL database.
class CouponStore final : public CouponRepository {
  public:
    explicit CouponStore(SqlDatabase& db) : db_(db) {}

    domain::Coupon create(const NewCoupon& coupon) override;
    std::optional<domain::Coupon> find(domain::CouponId id) override;
    std::vector<domain::Coupon> list_for_form(domain::FormId form) override;
    std::vector<domain::Result<domain::UserCoupon>> claim_batch(
        domain::CouponId coupon, const std::vector<domain::UserId>& users,
        domain::Millis now) override;
    std::vector<domain::UserId> claimers(domain::CouponId coupon) override;
    std::vector<domain::Coupon> claimable(domain::Millis now) override;
    std::vector<domain::UserCoupon> list_for_user(domain::UserId user, domain::Millis now) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
