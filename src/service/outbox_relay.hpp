#pragma once

#include <optional>

#include "bus/event_bus.hpp"
#include "store/event_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Moves outbox events to the bus, oldest first, marking them published only after the bus
// acknowledged them: a bus outage delays events, never loses them. One relay at a time across
// the instances of a database moves them (see EventRepository::relay).
class OutboxRelay {
  public:
    OutboxRelay(store::EventRepository& events, bus::EventBus& bus, const util::Clock& clock);

    // Relays up to `limit` waiting events; how many were acknowledged, or nullopt when another
    // relay has the turn (try again shortly: it may have looked before this instance's events
    // committed).
    std::optional<std::size_t> relay_once(std::size_t limit);

  private:
    store::EventRepository& events_;
    bus::EventBus& bus_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
