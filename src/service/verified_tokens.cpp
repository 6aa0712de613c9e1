#include "service/verified_tokens.hpp"

#include "util/jwt.hpp"

namespace formlympics::service {
namespace {

// Per thread: room for every buyer of a large opening on each network thread. A kept token
// costs about 350 bytes (the token and the node), so about 11 MiB at most.
constexpr std::size_t kMaxKept = 32768;

bool expired(const VerifiedTokens::Entry& e, std::int64_t now) {
    return now - util::kJwtLeewaySeconds >= e.expires_at;
}

}  // namespace

VerifiedTokens& VerifiedTokens::of_this_thread(const void* owner) {
    thread_local VerifiedTokens tokens;
    if (tokens.owner_ != owner) {
        tokens.entries_.clear();
        tokens.owner_ = owner;
    }
    return tokens;
}

const domain::Caller* VerifiedTokens::find(std::string_view token, std::int64_t now) {
    auto it = entries_.find(token);
    if (it == entries_.end()) return nullptr;
    if (expired(it->second, now)) {
        entries_.erase(it);
        return nullptr;
    }
    return &it->second.caller;
}

void VerifiedTokens::keep(std::string_view token, const Entry& entry, std::int64_t now) {
    if (entries_.size() >= kMaxKept) {
        std::erase_if(entries_, [now](const auto& kept) { return expired(kept.second, now); });
        // Still full of live tokens (more buyers than room): start over rather than track age.
        if (entries_.size() >= kMaxKept * 3 / 4) entries_.clear();
    }
    entries_.insert_or_assign(std::string(token), entry);
}

}  // namespace formlympics::service
