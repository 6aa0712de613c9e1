#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.hpp"
#include "domain/form.hpp"

namespace formlympics::domain {

using CouponId = std::int64_t;
using UserCouponId = std::int64_t;

// A limited coupon of a form: exactly `quantity` are issued, first come, one per user.
struct Coupon {
    CouponId id = 0;
    FormId form_id = 0;
    std::string name;
    std::int64_t discount = 0;  // won off an order
    std::int64_t quantity = 0;
    std::int64_t issued = 0;
    Millis claim_opens_at = 0;
    Millis claim_closes_at = 0;
    Millis created_at = 0;

    std::int64_t remaining() const { return quantity - issued; }
};

enum class UserCouponStatus { AVAILABLE, USED, EXPIRED };

// The statuses by wire name, e.g. "AVAILABLE".
inline constexpr EnumNames kUserCouponStatuses{
    std::array<std::pair<UserCouponStatus, std::string_view>, 3>{{
        {UserCouponStatus::AVAILABLE, "AVAILABLE"},
        {UserCouponStatus::USED, "USED"},
        {UserCouponStatus::EXPIRED, "EXPIRED"},
    }}};
// The wire name of a status.
constexpr std::string_view status_name(UserCouponStatus status) {
    return kUserCouponStatuses.name(status);
}

// A coupon a user claimed.
struct UserCoupon {
    UserCouponId id = 0;
    CouponId coupon_id = 0;
    FormId form_id = 0;
    UserId user_id = 0;
    std::string name;
    std::int64_t discount = 0;
    UserCouponStatus status = UserCouponStatus::AVAILABLE;
    std::optional<std::int64_t> order_id;
    Millis claimed_at = 0;
};

// What a coupon takes off an order total: never more than the total.
inline std::int64_t discount_on(std::int64_t total, std::int64_t discount) {
    return discount < total ? discount : total;
}

}  // namespace formlympics::domain
