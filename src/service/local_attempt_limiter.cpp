#include "service/local_attempt_limiter.hpp"

#include <algorithm>

namespace formlympics::service {
namespace {

constexpr std::size_t kSweepEvery = 4096;

}  // namespace

std::chrono::milliseconds LocalAttemptLimiter::wait(const std::vector<std::string>& keys,
                                                    std::int64_t now) {
    std::int64_t longest = 0;
    std::lock_guard lock(mutex_);
    for (const auto& k : keys) {
        auto it = entries_.find(k);
        if (it != entries_.end()) longest = std::max(longest, it->second.state.wait_until - now);
    }
    return std::chrono::milliseconds(longest);
}

void LocalAttemptLimiter::count(const std::vector<std::pair<std::string, AttemptRule>>& keys,
                                std::int64_t now) {
    std::lock_guard lock(mutex_);
    for (const auto& [key, rule] : keys) {
        auto it = entries_.find(key);
        if (it == entries_.end()) {
            if (entries_.size() >= capacity_) sweep(now);
            if (entries_.size() >= capacity_) continue;
            it = entries_.emplace(key, Entry{}).first;
        }
        auto& e = it->second;
        e.state = count_attempt(e.state, rule, now);
        // Counted attempts are forgiven within count / free windows.
        const auto windows = e.state.count / std::max<std::int64_t>(1, rule.free) + 1;
        e.expires =
            std::max(e.state.wait_until, e.state.window_start + windows * rule.window.count());
    }
    if (++since_sweep_ >= kSweepEvery) sweep(now);
}

void LocalAttemptLimiter::forget(const std::string& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
}

void LocalAttemptLimiter::mark(const std::string& key, std::chrono::milliseconds ttl,
                               std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) sweep(now);
    entries_[key] = Entry{{}, now + ttl.count()};
}

bool LocalAttemptLimiter::marked(const std::string& key, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    return it != entries_.end() && it->second.expires > now;
}

void LocalAttemptLimiter::sweep(std::int64_t now) {
    since_sweep_ = 0;
    std::erase_if(entries_, [now](const auto& kv) { return kv.second.expires <= now; });
}

}  // namespace formlympics::service
