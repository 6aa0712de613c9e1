#include "domain/order.hpp"

namespace formlympics::domain {

Result<OrderStatus> next_status(const Order& order, OrderAction action) {
    using S = OrderStatus;
    const auto from = order.status;
    switch (action) {
        case OrderAction::confirm_deposit:
            if (from == S::CREATED) return S::PAID;
            break;
        case OrderAction::ship:
            if (from == S::PAID) return S::SHIPPED;
            break;
        case OrderAction::deliver:
            if (from == S::SHIPPED || (from == S::PAID && !order.sent_by_post()))
                return S::DELIVERED;
            if (from == S::PAID) {
                return fail(Errc::invalid_transition,
                            "an order sent by post is delivered once shipped: ship it with its "
                            "tracking number first");
            }
            break;
        case OrderAction::cancel_by_buyer:
            if (from == S::CREATED) return S::CANCELLED;
            break;
        case OrderAction::cancel_by_seller:
            if (from == S::CREATED || from == S::PAID) return S::CANCELLED;
            break;
        case OrderAction::expire:
            if (from == S::CREATED) return S::EXPIRED;
            break;
    }
    return fail(Errc::invalid_transition,
                "an order in status " + std::string(status_name(from)) + " cannot do that");
}

}  // namespace formlympics::domain
