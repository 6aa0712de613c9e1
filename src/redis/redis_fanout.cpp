#include "redis/redis_fanout.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <charconv>

#include "util/logging.hpp"

namespace formlympics::redis {
namespace {

constexpr std::chrono::milliseconds kRetry{200};

}  // namespace

RedisFanout::RedisFanout(RedisClient& client, std::string channel)
    : client_(client), channel_(std::move(channel)) {}

RedisFanout::~RedisFanout() { stop(); }

void RedisFanout::stop() {
    stopping_ = true;
    {
        std::lock_guard lock(mutex_);
        // Unblocks the subscriber's read.
        if (context_ != nullptr) ::shutdown(context_->fd, SHUT_RDWR);
    }
    if (thread_.joinable()) thread_.join();
}

void RedisFanout::subscribe(Handler handler) {
    {
        std::lock_guard lock(handlers_mutex_);
        auto more = std::make_shared<std::vector<Handler>>(*handlers_);
        more->push_back(std::move(handler));
        handlers_ = std::move(more);
    }
    if (!thread_.joinable()) thread_ = std::thread([this] { listen(); });
}

void RedisFanout::publish(domain::UserId user) { publish_all({user}); }

void RedisFanout::publish_all(const std::vector<domain::UserId>& users) {
    if (users.empty()) return;
    std::string message;
    for (auto user : users) message += (message.empty() ? "" : ",") + std::to_string(user);
    // Tried even while the client pauses after a failure: a hint skipped once Redis is back
    // would leave another instance's stream waiting for the next one.
    if (!client_.command({"PUBLISH", channel_, message}, true)) {
        // Redis is down: this instance's streams still hear it; the others look everywhere once
        // their subscription is back.
        for (auto user : users) deliver(user);
    }
}

void RedisFanout::deliver(std::optional<domain::UserId> user) {
    std::shared_ptr<const std::vector<Handler>> handlers;
    {
        std::lock_guard lock(handlers_mutex_);
        handlers = handlers_;
    }
    for (const auto& h : *handlers) h(user);
}

void RedisFanout::listen() {
    while (!stopping_) {
        redisContext* c = client_.connect();
        if (c == nullptr) {
            // The client's pause after a failure grows while Redis stays down; keep to it.
            do {
                std::this_thread::sleep_for(kRetry);
            } while (!stopping_ && !client_.probably_up());
            continue;
        }
        redisSetTimeout(c, timeval{0, 0});  // block until a message comes
        auto* r = static_cast<redisReply*>(redisCommand(c, "SUBSCRIBE %s", channel_.c_str()));
        const bool subscribed = r != nullptr && r->type == REDIS_REPLY_ARRAY;
        if (r != nullptr) freeReplyObject(r);
        {
            std::lock_guard lock(mutex_);
            context_ = subscribed ? c : nullptr;
        }
        if (subscribed && !stopping_) {
            // Hints published while we were not subscribed are lost: everyone looks.
            deliver(std::nullopt);
            void* reply = nullptr;
            while (!stopping_ && redisGetReply(c, &reply) == REDIS_OK) {
                auto* m = static_cast<redisReply*>(reply);
                if (m->type == REDIS_REPLY_ARRAY && m->elements == 3 &&
                    m->element[2]->type == REDIS_REPLY_STRING) {
                    // "12" or "12,15,17": each user named.
                    const char* s = m->element[2]->str;
                    const char* end = s + m->element[2]->len;
                    while (s < end) {
                        domain::UserId user = 0;
                        s = std::from_chars(s, end, user).ptr;
                        if (user > 0) deliver(user);
                        while (s < end && *s != ',') ++s;  // anything else up to the next comma
                        if (s < end) ++s;
                    }
                }
                freeReplyObject(m);
            }
            if (!stopping_)
                logging::warn("redis: subscription to {} lost; resubscribing", channel_);
        }
        {
            std::lock_guard lock(mutex_);
            context_ = nullptr;
        }
        redisFree(c);
        if (!stopping_) std::this_thread::sleep_for(kRetry);
    }
}

}  // namespace formlympics::redis
