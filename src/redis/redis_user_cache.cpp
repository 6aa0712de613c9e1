#include "redis/redis_user_cache.hpp"

#include <vector>

#include "redis/user_codec.hpp"

namespace formlympics::redis {
RedisUserCache::RedisUserCache(redis::RedisClient& client, std::string prefix,
                               std::chrono::seconds ttl)
    : client_(client), prefix_(std::move(prefix)), ttl_(ttl) {}

std::string RedisUserCache::key_for(domain::UserId id) const {
    return prefix_ + ":user:" + std::to_string(id);
}

bool RedisUserCache::flush_pending() {
    std::lock_guard lock(pending_mutex_);
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (!client_.command({"DEL", key_for(*it)})) return false;
        it = pending_.erase(it);
    }
    return true;
}

std::optional<domain::User> RedisUserCache::get(domain::UserId id) {
    if (!flush_pending()) return std::nullopt;
    auto reply = client_.command({"GET", key_for(id)});
    if (!reply || reply->kind != redis::RedisReply::Kind::string) return std::nullopt;
    return decode_user(reply->str);
}

void RedisUserCache::put(const domain::User& user) {
    if (!flush_pending()) return;
    client_.command(
        {"SET", key_for(user.id), encode_user(user), "EX", std::to_string(ttl_.count())});
}

void RedisUserCache::invalidate(domain::UserId id) {
    if (client_.command({"DEL", key_for(id)})) return;
    std::lock_guard lock(pending_mutex_);
    pending_.insert(id);
}

}  // namespace formlympics::redis
