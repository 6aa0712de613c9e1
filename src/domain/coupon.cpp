#include "domain/coupon.hpp"

namespace formlympics::domain {

std::string_view status_name(UserCouponStatus status) {
    switch (status) {
        case UserCouponStatus::AVAILABLE:
            return "AVAILABLE";
        case UserCouponStatus::USED:
            return "USED";
        case UserCouponStatus::EXPIRED:
            return "EXPIRED";
    }
    return "AVAILABLE";
}

}  // namespace formlympics::domain
