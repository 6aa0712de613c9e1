#include "service/token_revocations.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <mutex>
#include <vector>

#include "util/jwt.hpp"
#include "util/logging.hpp"
#include "util/random.hpp"

namespace formlympics::service {

constexpr std::size_t kTokenIdDigits = 16;

std::string new_token_id() { return util::random_hex(kTokenIdDigits / 2); }

std::optional<std::uint64_t> parse_token_id(std::string_view jti) {
    std::uint64_t id = 0;
    if (jti.size() != kTokenIdDigits || !std::all_of(jti.begin(), jti.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        })) {
        return std::nullopt;
    }
    std::from_chars(jti.data(), jti.data() + jti.size(), id, 16);
    return id;
}

std::string token_id_text(std::uint64_t id) {
    std::array<char, kTokenIdDigits + 1> out{};
    std::snprintf(out.data(), out.size(), "%016llx", static_cast<unsigned long long>(id));
    return std::string(out.data(), kTokenIdDigits);
}

TokenRevocations::TokenRevocations(store::UserRepository& users, store::TokenRepository& tokens,
                                   bus::Fanout& hints, const util::Clock& clock,
                                   std::chrono::seconds token_ttl)
    : users_(users), tokens_(tokens), hints_(hints), clock_(clock), token_ttl_(token_ttl) {
    refresh();
    hints_.subscribe([this](std::optional<domain::UserId> user) { heard(user); });
}

bool TokenRevocations::revoked(domain::UserId user, std::int64_t generation) const {
    std::shared_lock lock(mutex_);
    auto it = known_.find(user);
    return it != known_.end() && generation < it->second.generation;
}

bool TokenRevocations::revoked(const domain::Caller& caller) const {
    std::shared_lock lock(mutex_);
    if (auto it = known_.find(caller.id);
        it != known_.end() && caller.generation < it->second.generation) {
        return true;
    }
    if (caller.token_id == 0) return false;
    auto it = ids_.find(caller.token_id);
    return it != ids_.end() && it->second.user == caller.id;
}

void TokenRevocations::revoke_token(const domain::Caller& caller) {
    const auto now = clock_.now_seconds();
    const auto ttl = token_ttl_.count();
    // The token expires by now + ttl; every access token of its family issued since
    // now - ttl - leeway may still be accepted.
    tokens_.revoke_access(caller.id, token_id_text(caller.token_id), now + ttl, now,
                          now - ttl - util::kJwtLeewaySeconds, ttl);
    learn_revoked_tokens(caller.id);
}

void TokenRevocations::learn_revoked_tokens(domain::UserId user) {
    if (!remember_ids(tokens_.revoked_tokens(expired_before() + token_ttl_.count(), user))
             .empty()) {
        tell(user);
    }
    hints_.publish(user);
}

std::vector<domain::UserId> TokenRevocations::remember_ids(
    const std::vector<store::RevokedToken>& ids) {
    std::vector<domain::UserId> learnt;
    std::unique_lock lock(mutex_);
    for (const auto& r : ids) {
        const auto id = parse_token_id(r.jti);
        if (!id) continue;
        if (ids_.try_emplace(*id, RevokedId{r.user_id, r.expires_at}).second) {
            learnt.push_back(r.user_id);
        }
    }
    return learnt;
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
        const bool raised = [&] {
            auto stored = users_.token_revocation(*user);
            return stored && remember(*user, *stored);
        }();
        const auto ids =
            remember_ids(tokens_.revoked_tokens(expired_before() + token_ttl_.count(), *user));
        if (raised || !ids.empty()) tell(*user);
    } catch (const std::exception& e) {
        // The periodic refresh reads everything again within seconds.
        logging::error("token revocations: reading the store failed: {}", e.what());
    }
}

void TokenRevocations::refresh() {
    const auto gone = expired_before();
    const auto live = users_.token_revocations(gone);
    {
        // Drop what can no longer refuse a live token.
        std::unique_lock lock(mutex_);
        std::erase_if(known_, [&](const auto& entry) { return entry.second.raised_at <= gone; });
        // An id whose token has expired (past the leeway) can refuse nothing.
        const auto expired = gone + token_ttl_.count();
        std::erase_if(ids_, [&](const auto& entry) { return entry.second.expires_at <= expired; });
    }
    auto learnt = remember_ids(tokens_.revoked_tokens(gone + token_ttl_.count(), std::nullopt));
    for (const auto& [user, revocation] : live) {
        if (remember(user, revocation)) learnt.push_back(user);
    }
    std::sort(learnt.begin(), learnt.end());
    learnt.erase(std::unique(learnt.begin(), learnt.end()), learnt.end());
    for (auto user : learnt) tell(user);
}

}  // namespace formlympics::service
