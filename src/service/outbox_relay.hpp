#pragma once

#include "bus/event_bus.hpp"
#include "store/event_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Moves outbox events to the bus, oldest first, marking them published only after the bus
// acknowledged them: a bus outage delays events, never loses them.
class OutboxRelay {
  public:
    OutboxRelay(store::EventRepository& events, bus::EventBus& bus, const util::Clock& clock);

    // Relays up to `limit` waiting events; how many were acknowledged.
    std::size_t relay_once(std::size_t limit);

  private:
    store::EventRepository& events_;
    bus::EventBus& bus_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
