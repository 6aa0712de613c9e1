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
// so a request is checked in O(1) without I/O; it hears of a new one through the `hints` channel,
// reloads them all when hints may have been missed (a reconnect), and reloads them every few
// seconds anyway (`refresh`), so a hint lost on its way (a failed publish, a failed read) delays a
// revocation by at most that long. A revocation that can no longer refuse a live token is dropped,
// so the set stays small.
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
    // The earliest issue time a new token of `user` may carry and still be accepted, read from
    // the store (a revocation made elsewhere this second may not have been heard of yet).
    std::int64_t first_valid_issue_time(domain::UserId user) const;
    // Called with the user whenever this instance learns of a revocation, made here or
    // elsewhere, to end what the revoked tokens opened (say, notification streams). Set at
    // startup.
    void on_revoked(std::function<void(domain::UserId)> listener);
    // Reads every live revocation from the store again and tells the listener of those not
    // known before. Run periodically.
    void refresh();

  private:
    void heard(std::optional<domain::UserId> user);
    // Cutoffs at or below this refuse only tokens that have expired.
    std::int64_t expired_before() const;
    // Whether the cutoff refuses more than what was known.
    bool remember(domain::UserId user, std::int64_t cutoff);
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
