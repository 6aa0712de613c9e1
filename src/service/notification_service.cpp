#include "service/notification_service.hpp"

#include <algorithm>

#include "util/random.hpp"
#include "util/sha256.hpp"

namespace formlympics::service {
namespace {

constexpr domain::Millis kTicketLifetime = 60'000;
constexpr std::size_t kTicketBytes = 24;

}  // namespace

NotificationService::NotificationService(store::EventRepository& events, bus::EventBus& bus,
                                         bus::Fanout& fanout, const util::Clock& clock)
    : events_(events), clock_(clock) {
    bus.subscribe([this, &fanout](const std::vector<domain::OutboxEvent>& events) {
        // Only a first delivery is news; a redelivered event stored nothing.
        std::vector<domain::UserId> told;
        for (const auto& n : events_.store_notifications(events)) {
            if (std::find(told.begin(), told.end(), n.user_id) == told.end()) {
                told.push_back(n.user_id);
            }
        }
        if (!told.empty()) fanout.publish_all(told);
    });
}

store::NotificationPage NotificationService::list(domain::UserId caller, std::size_t limit,
                                                  std::optional<std::int64_t> cursor) {
    return events_.notifications(caller, limit, cursor);
}

std::int64_t NotificationService::mark_read(domain::UserId caller, std::int64_t up_to_id) {
    return events_.mark_read(caller, up_to_id);
}

NotificationService::Ticket NotificationService::issue_stream_ticket(const domain::Caller& caller) {
    Ticket t{util::random_hex(kTicketBytes), clock_.now_millis() + kTicketLifetime};
    events_.add_stream_ticket(util::sha256_hex(t.ticket), caller, t.expires_at);
    return t;
}

domain::Result<domain::Caller> NotificationService::redeem_stream_ticket(std::string_view ticket) {
    std::optional<domain::Caller> user;
    if (ticket.size() == kTicketBytes * 2) {
        user = events_.take_stream_ticket(util::sha256_hex(ticket), clock_.now_millis());
    }
    if (!user) {
        return domain::fail(domain::Errc::unauthorized,
                            "the stream ticket is unknown, used or expired; get a new one");
    }
    return *user;
}

}  // namespace formlympics::service
