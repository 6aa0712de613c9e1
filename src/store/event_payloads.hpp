#pragma once

#include <optional>
#include <string>

#include "domain/courier.hpp"
#include "domain/event_kind.hpp"
#include "domain/form.hpp"
#include "domain/order.hpp"

namespace formlympics::store {

// The JSON payloads of outbox events (the notification's `data`), built in one place. Each
// carries what its receiver needs to read it as a sentence without another request: the form's
// title, the other party's name, the order's items and amount, and what the step adds. The
// README documents the fields per kind.

// form_liked, to the seller: {form_id, form_title, user_id, liker: {id, name}}.
std::string like_payload(domain::FormId form, const std::string& form_title, domain::UserId liker,
                         const std::string& liker_name);

// What a step adds to an order's notification beyond the order itself.
struct OrderNoticeExtras {
    std::optional<domain::Shipment> shipment;  // shipped
    // order_cancelled to the buyer: their refund account (theirs alone to see), if they set one.
    std::optional<domain::RefundAccount> refund_account;
};

// Every order kind: {order_id, form_id, form_title, buyer_id, status, items: [{product_id, name,
// quantity}], amount} with the other party as `buyer: {id, name}` (to the seller) or `seller:
// {id, name}` (to the buyer), and per kind: order_placed `deposit_deadline`, `depositor_name`;
// order_expired `deposit_deadline`; shipped `tracking_number`, `courier` ({code, name: {ko, en}}
// or null) and `tracking_url`; order_cancelled `cancelled_by` ("buyer" or "seller") and, to the
// buyer, `refund_account` (or null) and `refund_due` (whether they had paid).
std::string order_payload(domain::EventKind kind, const domain::Order& order,
                          domain::OrderStatus status, domain::UserId receiver,
                          const OrderNoticeExtras& extras = {});

// A form as the notifications to its likers name it.
struct FormNotice {
    domain::FormId id = 0;
    std::string title;
    domain::UserId seller_id = 0;
    std::string seller_name;
};

// opening_soon, to likers: {form_id, form_title, title (the same, as before), seller: {id,
// name}, opens_at (RFC 3339)}.
std::string opening_soon_payload(const FormNotice& form, domain::Millis opens_at);

// restocked, to likers: {form_id, form_title, seller: {id, name}, product_id, product_name,
// remaining}.
std::string restocked_payload(const FormNotice& form, domain::ProductId product,
                              const std::string& product_name, std::int64_t remaining);

}  // namespace formlympics::store
