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

bool TokenRevocations::revoked(domain::UserId user, std::int64_t issued_at) const {
    std::shared_lock lock(mutex_);
    auto it = cutoffs_.find(user);
    return it != cutoffs_.end() && issued_at <= it->second;
}

std::int64_t TokenRevocations::first_valid_issue_time(domain::UserId user) const {
    const auto now = clock_.now_seconds();
    const auto stored = users_.token_revocation(user);
    return stored ? std::max(now, *stored + 1) : now;
}

std::int64_t TokenRevocations::revoke_all(domain::UserId user) {
    // A token issued in this same second may be older than the revocation: it goes too, and the
    // next sign-in's token is dated after the cutoff (first_valid_issue_time).
    const auto cutoff = users_.revoke_tokens(user, clock_.now_seconds());
    // Here first, so this instance holds it even if the hint is lost; hearing our own hint back
    // then finds nothing new.
    if (remember(user, cutoff)) tell(user);
    hints_.publish(user);
    return cutoff;
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
    // A token issued at or before the cutoff expires by cutoff + ttl and is refused from
    // cutoff + ttl + leeway on (util::JwtCodec::verify).
    return clock_.now_seconds() - token_ttl_.count() - util::kJwtLeewaySeconds;
}

bool TokenRevocations::remember(domain::UserId user, std::int64_t cutoff) {
    if (cutoff <= expired_before()) return false;
    std::unique_lock lock(mutex_);
    auto [it, added] = cutoffs_.try_emplace(user, cutoff);
    if (added) return true;
    if (cutoff <= it->second) return false;  // a revocation is never undone
    it->second = cutoff;
    return true;
}

void TokenRevocations::heard(std::optional<domain::UserId> user) {
    try {
        if (!user) return refresh();
        if (auto cutoff = users_.token_revocation(*user); cutoff && remember(*user, *cutoff)) {
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
        std::erase_if(cutoffs_, [&](const auto& entry) { return entry.second <= gone; });
    }
    std::vector<domain::UserId> learnt;
    for (const auto& [user, cutoff] : live) {
        if (remember(user, cutoff)) learnt.push_back(user);
    }
    for (auto user : learnt) tell(user);
}

}  // namespace formlympics::service
