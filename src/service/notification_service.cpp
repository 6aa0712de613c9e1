#include "service/notification_service.hpp"

namespace formlympics::service {

NotificationService::NotificationService(store::EventRepository& events, bus::EventBus& bus)
    : events_(events) {
    bus.subscribe([this](const domain::OutboxEvent& e) { events_.store_notification(e); });
}

store::NotificationPage NotificationService::list(domain::UserId caller, std::size_t limit,
                                                  std::optional<std::int64_t> cursor) {
    return events_.notifications(caller, limit, cursor);
}

std::int64_t NotificationService::mark_read(domain::UserId caller, std::int64_t up_to_id) {
    return events_.mark_read(caller, up_to_id);
}

}  // namespace formlympics::service
