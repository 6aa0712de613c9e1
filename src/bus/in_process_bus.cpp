#include "bus/in_process_bus.hpp"

#include "util/logging.hpp"

namespace formlympics::bus {

bool InProcessBus::publish(const std::vector<domain::OutboxEvent>& events) {
    std::vector<Handler> handlers;
    {
        std::lock_guard lock(mutex_);
        handlers = handlers_;
    }
    try {
        for (const auto& h : handlers) h(events);
    } catch (const std::exception& ex) {
        // Not acknowledged: the outbox keeps the events and the relay tries again.
        logging::warn("in-process bus: a consumer failed: {}", ex.what());
        return false;
    }
    return true;
}

void InProcessBus::subscribe(Handler handler) {
    std::lock_guard lock(mutex_);
    handlers_.push_back(std::move(handler));
}

}  // namespace formlympics::bus
