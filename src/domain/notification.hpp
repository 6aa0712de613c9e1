#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/event_kind.hpp"
#include "domain/form.hpp"

namespace formlympics::domain {

// An event of the transactional outbox: what happened, for whom, as JSON.
struct OutboxEvent {
    std::int64_t id = 0;
    EventKind kind = EventKind::form_liked;
    UserId receiver_id = 0;
    std::string payload;  // a JSON object
    Millis created_at = 0;
};

// A notification as its receiver reads it; `id` orders a user's notifications.
struct Notification {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    UserId user_id = 0;
    EventKind kind = EventKind::form_liked;
    std::string data;  // a JSON object
    Millis created_at = 0;
    bool read = false;
};

// Where a user's notifications stand at one moment: the newest id (0 when there is none) and how
// many of those up to it are unread.
struct NotificationMark {
    std::int64_t newest = 0;
    std::int64_t unread = 0;
};

}  // namespace formlympics::domain
