#pragma once

#include <functional>
#include <vector>

#include "domain/notification.hpp"

namespace formlympics::bus {

// Carries outbox events to their consumers.
class EventBus {
  public:
    // Takes events in the order they were published, several at a time when several wait, so a
    // consumer can store a burst's events in one transaction.
    using Handler = std::function<void(const std::vector<domain::OutboxEvent>& events)>;

    virtual ~EventBus() = default;
    // Delivers the events; true once the bus acknowledged all of them (only then may the
    // outbox mark them published). Consumers must tolerate redelivery.
    virtual bool publish(const std::vector<domain::OutboxEvent>& events) = 0;
    // Adds a consumer of every event.
    virtual void subscribe(Handler handler) = 0;
    // Stops handing events to the consumers and joins any thread that did; idempotent. Called
    // before what the consumers use goes.
    virtual void stop() {}
};

}  // namespace formlympics::bus
