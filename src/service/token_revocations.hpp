#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bus/fanout.hpp"
#include "domain/user.hpp"
#include "store/token_repository.hpp"
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
// A bearer token may also be revoked alone, by its id (`jti`); those ids travel the same way.
class TokenRevocations {
  public:
    // Subscribes to `hints` and loads what the store holds (call at startup). `token_ttl` is the
    // longest an access token (or a session cookie) lives.
    TokenRevocations(store::UserRepository& users, store::TokenRepository& tokens,
                     bus::Fanout& hints, const util::Clock& clock, std::chrono::seconds token_ttl);

    // Whether a token of `user` of `generation` was revoked.
    bool revoked(domain::UserId user, std::int64_t generation) const;
    // Whether the caller's credential was revoked: its generation, or its bearer token alone.
    bool revoked(const domain::Caller& caller) const;
    // Revokes the caller's bearer token alone, and the refresh family it was issued with (that
    // family's other access tokens too): in the store, here, then on every instance.
    void revoke_token(const domain::Caller& caller);
    // Learns the tokens of `user` the store revokes one by one now (a refresh family ended
    // there), here and on every instance.
    void learn_revoked_tokens(domain::UserId user);
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
    struct RevokedId {
        domain::UserId user = 0;
        std::int64_t expires_at = 0;
    };

    void heard(std::optional<domain::UserId> user);
    // Remembers the revoked ids read from the store; the users with ids not known before.
    std::vector<domain::UserId> remember_ids(const std::vector<store::RevokedToken>& ids);
    // Revocations raised at or before this refuse only tokens that have expired.
    std::int64_t expired_before() const;
    // Whether the revocation refuses more than what was known.
    bool remember(domain::UserId user, const store::TokenRevocation& revocation);
    void tell(domain::UserId user) const;

    store::UserRepository& users_;
    store::TokenRepository& tokens_;
    bus::Fanout& hints_;
    const util::Clock& clock_;
    std::chrono::seconds token_ttl_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<domain::UserId, store::TokenRevocation> known_;
    std::unordered_map<std::uint64_t, RevokedId> ids_;  // by token id
    std::function<void(domain::UserId)> listener_;
};

// A fresh token id: 16 random hex digits, as a bearer token's `jti` carries it.
std::string new_token_id();
// The token id a `jti` of 16 hex digits stands for; nullopt for anything else.
std::optional<std::uint64_t> parse_token_id(std::string_view jti);
// The `jti` of a token id.
std::string token_id_text(std::uint64_t id);

}  // namespace formlympics::service
