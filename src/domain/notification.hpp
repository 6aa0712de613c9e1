#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/form.hpp"

namespace formlympics::domain {

// An event of the transactional outbox: what happened, for whom, as JSON.
struct OutboxEvent {
    std::int64_t id = 0;
    std::string kind;  // e.g. "form_liked"
    UserId receiver_id = 0;
    std::string payload;  // a JSON object
    Millis created_at = 0;
};

// A notification as its receiver reads it; `id` orders a user's notifications.
struct Notification {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    UserId user_id = 0;
    std::string kind;
    std::string data;  // a JSON object
    Millis created_at = 0;
    bool read = false;
};

// The family an event kind belongs to, which names its bus topic: "likes" (form_liked), "forms"
// (opening_soon, restocked) or "orders" (every order step).
inline std::string_view event_family(std::string_view kind) {
    if (kind == "form_liked") return "likes";
    if (kind == "opening_soon" || kind == "restocked") return "forms";
    return "orders";
}

// The JSON payload of an order event: {order_id, form_id, buyer_id, status}.
inline std::string order_event_payload(std::int64_t order, FormId form, UserId buyer,
                                       std::string_view status) {
    return "{\"order_id\":" + std::to_string(order) + ",\"form_id\":" + std::to_string(form) +
           ",\"buyer_id\":" + std::to_string(buyer) + ",\"status\":\"" + std::string(status) +
           "\"}";
}

}  // namespace formlympics::domain
