#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/notification.hpp"

namespace formlympics::kafka {

// An outbox event as a Kafka message value: {id, kind, receiver_id, payload, created_at}.
std::string encode_event(const domain::OutboxEvent& e);
// The event a message value holds; nullopt when it is not one encode_event wrote.
std::optional<domain::OutboxEvent> decode_event(std::string_view value);

}  // namespace formlympics::kafka
