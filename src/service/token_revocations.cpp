#include "service/token_revocations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>

namespace formlympics::service {

TokenRevocations::TokenRevocations(store::UserRepository& users, bus::Fanout& hints,
                                   const util::Clock& clock, std::chrono::seconds token_ttl)
    : users_(users), hints_(hints), clock_(clock), token_ttl_(token_ttl) {
    reload_all();
    hints_.subscribe([this](std::optional<domain::UserId> user) { heard(user); });
}

bool TokenRevocations::revoked(domain::UserId user, std::int64_t issued_at) const {
    std::shared_lock lock(mutex_);
    auto it = cutoffs_.find(user);
    return it != cutoffs_.end() && issued_at <= it->second;
}

std::int64_t TokenRevocations::first_valid_issue_time(domain::UserId user) const {
    const auto now = clock_.now_seconds();
    std::shared_lock lock(mutex_);
    auto it = cutoffs_.find(user);
    return it == cutoffs_.end() ? now : std::max(now, it->second + 1);
}

std::int64_t TokenRevocations::revoke_all(domain::UserId user) {
    // A token issued in this same second may be older than the revocation: it goes too, and the
    // next sign-in's token is dated after the cutoff (first_valid_issue_time). Such a token may
    // be dated past now; a second revocation within the same second must reach it as well.
    auto cutoff = clock_.now_seconds();
    {
        std::shared_lock lock(mutex_);
        if (auto it = cutoffs_.find(user); it != cutoffs_.end()) {
            cutoff = std::max(cutoff, it->second + 1);
        }
    }
    users_.revoke_tokens(user, cutoff);
    remember(user, cutoff);
    hints_.publish(user);
    tell(user);
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

void TokenRevocations::remember(domain::UserId user, std::int64_t cutoff) {
    const auto expired_before = clock_.now_seconds() - token_ttl_.count();
    std::unique_lock lock(mutex_);
    auto& known = cutoffs_[user];
    known = std::max(known, cutoff);
    // Drop what can no longer refuse a live token; cheap, since the set is small.
    std::erase_if(cutoffs_, [&](const auto& entry) { return entry.second < expired_before; });
}

void TokenRevocations::heard(std::optional<domain::UserId> user) {
    try {
        if (!user) return reload_all();
        if (auto cutoff = users_.token_revocation(*user)) {
            remember(*user, *cutoff);
            tell(*user);
        }
    } catch (const std::exception& e) {
        // Missing one would let a revoked token through: read everything again next time.
        spdlog::error("token revocations: reading the store failed: {}; reloading", e.what());
        try {
            reload_all();
        } catch (const std::exception& again) {
            spdlog::error("token revocations: reloading failed: {}", again.what());
        }
    }
}

void TokenRevocations::reload_all() {
    const auto expired_before = clock_.now_seconds() - token_ttl_.count();
    std::unordered_map<domain::UserId, std::int64_t> fresh;
    for (const auto& [user, cutoff] : users_.token_revocations(expired_before)) {
        fresh[user] = cutoff;
    }
    std::unique_lock lock(mutex_);
    // Keep what this instance learnt meanwhile (a revocation is never undone).
    for (const auto& [user, cutoff] : cutoffs_) {
        if (cutoff < expired_before) continue;
        auto& f = fresh[user];
        f = std::max(f, cutoff);
    }
    cutoffs_ = std::move(fresh);
}

}  // namespace formlympics::service
