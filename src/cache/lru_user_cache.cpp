#include "cache/lru_user_cache.hpp"

namespace formlympics::cache {

LruUserCache::LruUserCache(std::size_t capacity, std::chrono::seconds ttl, const util::Clock& clock)
    : capacity_(capacity), ttl_(ttl), clock_(clock) {}

std::optional<domain::User> LruUserCache::get(domain::UserId id) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(id);
    if (it == index_.end()) return std::nullopt;
    if (it->second->expires <= clock_.now()) {
        order_.erase(it->second);
        index_.erase(it);
        return std::nullopt;
    }
    order_.splice(order_.begin(), order_, it->second);
    return it->second->user;
}

void LruUserCache::put(const domain::User& user) {
    std::lock_guard lock(mutex_);
    const auto expires = clock_.now() + ttl_;
    if (auto it = index_.find(user.id); it != index_.end()) {
        it->second->user = user;
        it->second->expires = expires;
        order_.splice(order_.begin(), order_, it->second);
        return;
    }
    order_.push_front(Entry{user, expires});
    index_[user.id] = order_.begin();
    if (order_.size() > capacity_) {
        index_.erase(order_.back().user.id);
        order_.pop_back();
    }
}

void LruUserCache::invalidate(domain::UserId id) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(id); it != index_.end()) {
        order_.erase(it->second);
        index_.erase(it);
    }
}

void LruUserCache::clear() {
    std::lock_guard lock(mutex_);
    index_.clear();
    order_.clear();
}

std::size_t LruUserCache::size() const {
    std::lock_guard lock(mutex_);
    return order_.size();
}

}  // namespace formlympics::cache
