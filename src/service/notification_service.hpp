#pragma once

#include <optional>

#include "bus/event_bus.hpp"
#include "store/event_repository.hpp"

namespace formlympics::service {

// Turns bus events into notifications (once per event, whatever is redelivered) and lets users
// read them.
class NotificationService {
  public:
    // Subscribes to the bus.
    NotificationService(store::EventRepository& events, bus::EventBus& bus);

    // The caller's notifications, newest first, with the unread count; `limit` 1 to 100.
    store::NotificationPage list(domain::UserId caller, std::size_t limit,
                                 std::optional<std::int64_t> cursor);
    // Marks the caller's notifications up to `up_to_id` read; the unread count left.
    std::int64_t mark_read(domain::UserId caller, std::int64_t up_to_id);

  private:
    store::EventRepository& events_;
};

}  // namespace formlympics::service
