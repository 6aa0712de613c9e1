#pragma once

#include "http/router.hpp"
#include "service/checkout.hpp"
#include "service/order_service.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/forms/{id}/orders: places an order through the sale engine (its delivery completed
// from the profile where left out); answers after the group commit that holds it. Honours
// Idempotency-Key.
void place_order(service::Checkout& checkout, const RequestContext& ctx,
                 const domain::Caller& caller, Done done);
// GET /api/v1/orders/{id}: the order, for its buyer or the form's seller.
Response get_order(service::OrderService& orders, const RequestContext& ctx,
                   const domain::Caller& caller);
// GET /api/v1/me/orders?limit=&cursor=: the caller's orders.
Response my_orders(service::OrderService& orders, const RequestContext& ctx,
                   const domain::Caller& caller);
// GET /api/v1/forms/{id}/orders?status=&limit=&cursor=: a form's orders, for its seller.
Response form_orders(service::OrderService& orders, const RequestContext& ctx,
                     const domain::Caller& caller);
// POST /api/v1/orders/{id}/{deposit-confirmation,shipment,delivery,cancellation}.
Response order_transition(service::OrderService& orders, domain::OrderAction action,
                          const RequestContext& ctx, const domain::Caller& caller);
// POST /api/v1/orders/{id}/refund: the seller marks a cancelled order's refund sent.
Response order_refunded(service::OrderService& orders, const RequestContext& ctx,
                        const domain::Caller& caller);

}  // namespace formlympics::http::handlers
