#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "bus/fanout.hpp"
#include "domain/user.hpp"
#include "store/user_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Tokens revoked before they expire (signing out everywhere; a password change, a block or a
// deletion revoke the same way). The store holds the facts. Every instance keeps them in memory,
// so a request is checked in O(1) without I/O; it hears of a new one through the `hints` channel
// and reloads them all when hints may have been missed (a reconnect). A revocation older than the
// longest token lifetime refuses nothing and is dropped, so the set stays small.
class TokenRevocations {
  public:
    // Subscribes to `hints` and loads what the store holds (call at startup).
    TokenRevocations(store::UserRepository& users, bus::Fanout& hints, const util::Clock& clock,
                     std::chrono::seconds token_ttl);

    // Whether a token of `user` issued at `issued_at` (seconds since the epoch) was revoked.
    bool revoked(domain::UserId user, std::int64_t issued_at) const;
    // Revokes every token of `user` issued up to now: in the store, here, then on every
    // instance. Returns the cutoff: a token issued at or before it is refused.
    std::int64_t revoke_all(domain::UserId user);
    // The earliest issue time a new token of `user` may carry and still be accepted.
    std::int64_t first_valid_issue_time(domain::UserId user) const;
    // Called with the user whenever a revocation is made here or heard of from another instance,
    // to end what the revoked tokens opened (say, notification streams). Set at startup.
    void on_revoked(std::function<void(domain::UserId)> listener);

  private:
    void heard(std::optional<domain::UserId> user);
    void reload_all();
    void remember(domain::UserId user, std::int64_t cutoff);
    void tell(domain::UserId user) const;

    store::UserRepository& users_;
    bus::Fanout& hints_;
    const util::Clock& clock_;
    std::chrono::seconds token_ttl_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<domain::UserId, std::int64_t> cutoffs_;
    std::function<void(domain::UserId)> listener_;
};

}  // namespace formlympics::service
