#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "domain/user.hpp"

namespace formlympics::bus {

// Tells every instance a hint about a user: that they have new notifications (whichever instance
// holds their streams reads and sends them), or that their profile changed (every instance drops
// its cached copy). Only a hint: the store holds the facts.
class Fanout {
  public:
    // The user with news, or nullopt when hints may have been missed (say, after a reconnect):
    // every stream should look.
    using Handler = std::function<void(std::optional<domain::UserId> user)>;

    virtual ~Fanout() = default;
    virtual void publish(domain::UserId user) = 0;
    // Hints about several users at once (a batch of notifications): one message where the
    // transport allows.
    virtual void publish_all(const std::vector<domain::UserId>& users) {
        for (auto user : users) publish(user);
    }
    virtual void subscribe(Handler handler) = 0;
    // Stops calling the handlers and joins any thread that did; idempotent. Called before what
    // the handlers use goes.
    virtual void stop() {}
};

// The embedded default: one instance, so a hint goes straight to its subscribers.
class InProcessFanout final : public Fanout {
  public:
    void publish(domain::UserId user) override {
        for (const auto& h : handlers_) h(user);
    }
    // Subscribe before publishing starts (at startup); not thread-safe against publish.
    void subscribe(Handler handler) override { handlers_.push_back(std::move(handler)); }

  private:
    std::vector<Handler> handlers_;
};

}  // namespace formlympics::bus
