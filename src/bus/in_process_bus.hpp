#pragma once

#include <mutex>
#include <vector>

#include "bus/event_bus.hpp"

namespace formlympics::bus {

// The embedded default: publishing hands each event to every consumer before acknowledging.
class InProcessBus final : public EventBus {
  public:
    bool publish(const std::vector<domain::OutboxEvent>& events) override;
    void subscribe(Handler handler) override;

  private:
    std::mutex mutex_;
    std::vector<Handler> handlers_;
};

}  // namespace formlympics::bus
