#pragma once

#include <string>

#include "domain/form.hpp"
#include "domain/order.hpp"

namespace formlympics::store {

// The JSON payloads of outbox events (the notification's `data`), built in one place.

// form_liked: {form_id, user_id}.
std::string like_payload(domain::FormId form, domain::UserId liker);
// Every order step: {order_id, form_id, buyer_id, status}.
std::string order_payload(domain::OrderId order, domain::FormId form, domain::UserId buyer,
                          domain::OrderStatus status);
// opening_soon: {form_id, title, opens_at (RFC 3339)}.
std::string opening_soon_payload(domain::FormId form, const std::string& title,
                                 domain::Millis opens_at);
// restocked: {form_id, product_id, remaining}.
std::string restocked_payload(domain::FormId form, domain::ProductId product,
                              std::int64_t remaining);

}  // namespace formlympics::store
