#include "service/outbox_relay.hpp"

namespace formlympics::service {

OutboxRelay::OutboxRelay(store::EventRepository& events, bus::EventBus& bus,
                         const util::Clock& clock)
    : events_(events), bus_(bus), clock_(clock) {}

std::optional<std::size_t> OutboxRelay::relay_once(std::size_t limit) {
    return events_.relay(
        limit, clock_.now_millis(),
        [this](const std::vector<domain::OutboxEvent>& waiting) { return bus_.publish(waiting); });
}

}  // namespace formlympics::service
