#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bus/event_bus.hpp"
#include "bus/fanout.hpp"
#include "domain/result.hpp"
#include "store/event_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Turns bus events into notifications (once per event, whatever is redelivered) and lets users
// read them.
class NotificationService {
  public:
    struct Ticket {
        std::string ticket;
        domain::Millis expires_at = 0;
    };

    // Subscribes to the bus; tells the fan-out whose notifications were stored.
    NotificationService(store::EventRepository& events, bus::EventBus& bus, bus::Fanout& fanout,
                        const util::Clock& clock);

    // The caller's notifications, newest first, with the unread count; `limit` 1 to 100.
    store::NotificationPage list(domain::UserId caller, std::size_t limit,
                                 std::optional<std::int64_t> cursor);
    // Marks the caller's notifications up to `up_to_id` read; the unread count left.
    std::int64_t mark_read(domain::UserId caller, std::int64_t up_to_id);
    // A single-use ticket that opens the caller's stream within 60 s.
    Ticket issue_stream_ticket(const domain::Caller& caller);
    // The caller a ticket was issued to, using it up; unauthorized when it is unknown, used or
    // expired.
    domain::Result<domain::Caller> redeem_stream_ticket(std::string_view ticket);

  private:
    store::EventRepository& events_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
