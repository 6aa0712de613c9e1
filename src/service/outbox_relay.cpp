#include "service/outbox_relay.hpp"

namespace formlympics::service {

OutboxRelay::OutboxRelay(store::EventRepository& events, bus::EventBus& bus,
                         const util::Clock& clock)
    : events_(events), bus_(bus), clock_(clock) {}

std::size_t OutboxRelay::relay_once(std::size_t limit) {
    const auto waiting = events_.unpublished(limit);
    if (waiting.empty() || !bus_.publish(waiting)) return 0;
    std::vector<std::int64_t> ids;
    for (const auto& e : waiting) ids.push_back(e.id);
    events_.mark_published(ids, clock_.now_millis());
    return ids.size();
}

}  // namespace formlympics::service
