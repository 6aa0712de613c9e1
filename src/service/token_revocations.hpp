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
// deletion revoke the same way). Every token carries its user's session generation at sign-in;
// revoking raises the generation, and a token of a lower one is refused. The store holds the
// facts. Every instance keeps them in memory, so a request is checked in O(1) without I/O; it
// hears of a new one through the `hints` channel, reloads them all when hints may have been
// missed (a reconnect), and reloads them every few seconds anyway (`refresh`), so a hint lost on
// its way (a failed publish, a failed read) delays a revocation by at most that long. A
// revocation that can no longer refuse a live token is dropped, so the set stays small.
class TokenRevocations {
  public:
    // Subscribes to `hints` and loads what the store holds (call at startup).
    TokenRevocations(store::UserRepository& users, bus::Fanout& hints, const util::Clock& clock,
                     std::chrono::seconds token_ttl);

    // Whether a token of `user` of `generation` was revoked.
    bool revoked(domain::UserId user, std::int64_t generation) const;
    // Revokes every token of the caller's generation and below: in the store, here, then on
    // every instance. Idempotent: the same caller signing out twice (a retry, a double tap)
    // leaves a token signed in between untouched. The generation refused from now on.
    std::int64_t revoke_all(const domain::Caller& caller);
    // The generation a token signed in now carries, read from the store (a revocation made
    // elsewhere may not have been heard of yet).
    std::int64_t current_generation(domain::UserId user) const;
    // Called with the user whenever this instance learns of a revocation, made here or
    // elsewhere, to end what the revoked tokens opened (say, notification streams). Set at
    // startup.
    void on_revoked(std::function<void(domain::UserId)> listener);
    // Reads every live revocation from the store again and tells the listener of those not
    // known before. Run periodically.
    void refresh();

  private:
    void heard(std::optional<domain::UserId> user);
    // Revocations raised at or before this refuse only tokens that have expired.
    std::int64_t expired_before() const;
    // Whether the revocation refuses more than what was known.
    bool remember(domain::UserId user, const store::TokenRevocation& revocation);
    void tell(domain::UserId user) const;

    store::UserRepository& users_;
    bus::Fanout& hints_;
    const util::Clock& clock_;
    std::chrono::seconds token_ttl_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<domain::UserId, store::TokenRevocation> known_;
    std::function<void(domain::UserId)> listener_;
};

}  // namespace formlympics::service
