#include "service/token_revocations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include "util/jwt.hpp"

namespace formlympics::service {

TokenRevocations::TokenRevocations(store::UserRepository& users, bus::Fanout& hints,
                                   const util::Clock& clock, std::chrono::seconds token_ttl)
    : users_(users), hints_(hints), clock_(clock), token_ttl_(token_ttl) {
    refresh();
    hints_.subscribe([this](std::optional<domain::UserId> user) { heard(user); });
}

bool TokenRevocations::revoked(domain::UserId user, std::int64_t generation) const {
    std::shared_lock lock(mutex_);
    auto it = known_.find(user);
    return it != known_.end() && generation < it->second.generation;
}

std::int64_t TokenRevocations::current_generation(domain::UserId user) const {
    const auto stored = users_.token_revocation(user);
    return stored ? stored->generation : 0;
}

std::int64_t TokenRevocations::revoke_all(const domain::Caller& caller) {
    const auto stored =
        users_.revoke_tokens(caller.id, caller.generation + 1, clock_.now_seconds());
    // Here first, so this instance holds it even if the hint is lost; hearing our own hint back
    // then finds nothing new.
    if (remember(caller.id, stored)) tell(caller.id);
    hints_.publish(caller.id);
    return stored.generation;
}

void TokenRevocations::on_revoked(std::function<void(domain::UserId)> listener) {
    // Under the lock: the fan-out's thread may already be delivering hints.
    std::unique_lock lock(mutex_);
    listener_ = std::move(listener);
}

void TokenRevocations::tell(domain::UserId user) const {
    std::function<void(domain::UserId)> listener;
    {
        std::shared_lock lock(mutex_);
        listener = listener_;
    }
    if (listener) listener(user);
}

std::int64_t TokenRevocations::expired_before() const {
    // A token a revocation refuses was signed before it was raised, so it expires by
    // raised_at + ttl and is refused from raised_at + ttl + leeway on (util::JwtCodec::verify).
    return clock_.now_seconds() - token_ttl_.count() - util::kJwtLeewaySeconds;
}

bool TokenRevocations::remember(domain::UserId user, const store::TokenRevocation& revocation) {
    if (revocation.raised_at <= expired_before()) return false;
    std::unique_lock lock(mutex_);
    auto [it, added] = known_.try_emplace(user, revocation);
    if (added) return true;
    // A revocation is never undone, whatever order reads arrive in.
    if (revocation.generation <= it->second.generation) return false;
    it->second = revocation;
    return true;
}

void TokenRevocations::heard(std::optional<domain::UserId> user) {
    try {
        if (!user) return refresh();
        if (auto stored = users_.token_revocation(*user); stored && remember(*user, *stored)) {
            tell(*user);
        }
    } catch (const std::exception& e) {
        // The periodic refresh reads everything again within seconds.
        spdlog::error("token revocations: reading the store failed: {}", e.what());
    }
}

void TokenRevocations::refresh() {
    const auto gone = expired_before();
    const auto live = users_.token_revocations(gone);
    {
        // Drop what can no longer refuse a live token.
        std::unique_lock lock(mutex_);
        std::erase_if(known_, [&](const auto& entry) { return entry.second.raised_at <= gone; });
    }
    std::vector<domain::UserId> learnt;
    for (const auto& [user, revocation] : live) {
        if (remember(user, revocation)) learnt.push_back(user);
    }
    for (auto user : learnt) tell(user);
}

}  // namespace formlympics::service
