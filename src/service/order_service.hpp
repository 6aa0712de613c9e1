#pragma once

#include <optional>
#include <string>

#include "domain/courier.hpp"
#include "domain/order.hpp"
#include "domain/result.hpp"
#include "service/sale_engine.hpp"
#include "store/form_repository.hpp"
#include "store/order_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Orders after they are placed: reading, listing, the lifecycle and unpaid-order expiry.
class OrderService {
  public:
    OrderService(store::OrderRepository& orders, store::FormRepository& forms, SaleEngine& engine,
                 const util::Clock& clock);

    // The order, for its buyer or the form's seller; not_found for anyone else.
    domain::Result<domain::Order> get(domain::UserId caller, domain::OrderId id);
    // The caller's orders, newest first, on one form if given; `limit` 1 to 100.
    domain::Page<domain::Order> mine(domain::UserId caller, std::optional<domain::FormId> form,
                                     std::size_t limit, std::optional<domain::OrderId> cursor);
    // A form's orders for its seller (forbidden for others, not_found), with the recipients.
    domain::Result<domain::Page<domain::Order>> for_form(domain::UserId caller, domain::FormId form,
                                                         const store::OrderFilter& filter,
                                                         std::size_t limit,
                                                         std::optional<domain::OrderId> cursor);
    // Applies a lifecycle step. Deposit confirmation, shipment and delivery are the seller's;
    // cancellation is the buyer's while CREATED or the seller's while CREATED or PAID.
    // `shipment` goes with `ship`. invalid_transition when the status does not allow it;
    // not_found for strangers.
    domain::Result<domain::Order> transition(domain::UserId caller, domain::OrderId id,
                                             domain::OrderAction action,
                                             const std::optional<domain::Shipment>& shipment);
    // The seller marks the refund of a paid order they cancelled as sent; the buyer is told.
    // forbidden for the buyer, not_found for strangers, invalid_transition when none is owed.
    domain::Result<domain::Order> mark_refunded(domain::UserId caller, domain::OrderId id);
    // Expires CREATED orders past their deposit deadline, returning their stock exactly once
    // even when several instances sweep at the same time. The number this call expired.
    std::size_t expire_unpaid(std::size_t limit);

  private:
    void returned_stock(const domain::Order& order);

    store::OrderRepository& orders_;
    store::FormRepository& forms_;
    SaleEngine& engine_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
