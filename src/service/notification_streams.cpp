#include "service/notification_streams.hpp"

#include <algorithm>

namespace formlympics::service {

struct NotificationStreams::Stream {
    domain::UserId user = 0;
    std::shared_ptr<util::StreamQueue> queue;
    std::int64_t last_sent = 0;
    bool reading = false;  // a pump runs (or is queued) for this stream
    bool again = false;    // news came while it ran: read once more
    bool waiting = false;  // more to replay once the client has read what is queued
};

NotificationStreams::NotificationStreams(store::EventRepository& events, util::WorkerPool& workers,
                                         bus::Fanout& fanout, const StreamFrames& frames,
                                         Options options)
    : events_(events), workers_(workers), frames_(frames), options_(options) {
    fanout.subscribe([this](std::optional<domain::UserId> user) { notify(user); });
}

NotificationStreams::~NotificationStreams() {
    std::lock_guard lock(mutex_);
    for (auto& [user, s] : streams_) {
        s->queue->set_on_taken({});
        s->queue->close();
    }
}

std::shared_ptr<util::StreamQueue> NotificationStreams::open(
    domain::UserId user, std::optional<std::int64_t> last_event_id) {
    auto s = std::make_shared<Stream>();
    s->user = user;
    s->queue = std::make_shared<util::StreamQueue>(options_.max_queued_bytes);
    s->queue->send(frames_.retry(options_.retry));
    s->queue->set_on_taken([this, weak = std::weak_ptr<Stream>(s)] {
        if (auto stream = weak.lock()) {
            std::lock_guard lock(mutex_);
            if (stream->waiting) schedule(stream);
        }
    });
    s->reading = true;  // no pump until the starting point is known
    {
        std::lock_guard lock(mutex_);
        streams_.emplace(user, s);
    }
    // Read after registering: anything stored from now on is above this id or hinted after it.
    // A Last-Event-ID past the newest (a client that kept one from another server, say) counts
    // as up to date, so new notifications are still sent.
    const auto mark = events_.notification_mark(user);
    const auto newest = mark.newest;
    const auto start = last_event_id ? std::min(*last_event_id, newest) : newest;
    // First, before any replay: the count covers the notifications up to `newest`, so a client
    // counts only those above it as news.
    s->queue->send(frames_.unread(mark));
    {
        std::lock_guard lock(mutex_);
        s->last_sent = start;
        s->reading = false;
        // With a Last-Event-ID there is a replay to send; without one, only news that came
        // while the start was read.
        if (last_event_id || s->again) schedule(s);
    }
    return s->queue;
}

void NotificationStreams::schedule(const std::shared_ptr<Stream>& s) {
    if (s->reading) {
        s->again = true;
        return;
    }
    s->reading = true;
    s->again = false;
    s->waiting = false;
    workers_.submit([this, s] { pump(s); });
}

void NotificationStreams::pump(const std::shared_ptr<Stream>& s) {
    for (;;) {
        std::vector<domain::Notification> batch;
        try {
            batch = events_.notifications_after(s->user, s->last_sent, options_.page);
        } catch (const std::exception&) {
            s->queue->close();  // the store failed: the client reconnects and resumes
        }
        // Only what fits in the queue goes; the rest waits until the client has read, so a
        // long replay never overflows it. A client that stops reading is cut off by the
        // server's write timeout.
        std::string text;
        const auto room =
            s->queue->max_bytes() - std::min(s->queue->max_bytes(), s->queue->queued_bytes());
        std::size_t sent = 0;
        for (const auto& n : batch) {
            auto event = frames_.notification(n);
            if (text.size() + event.size() > room) break;
            text += event;
            ++sent;
        }
        if (!text.empty() && !s->queue->send(text)) sent = 0;
        std::lock_guard lock(mutex_);
        if (sent > 0) s->last_sent = batch[sent - 1].id;
        if (s->queue->closed()) {
            s->reading = false;
            return;
        }
        if (sent < batch.size() && !s->again) {
            // The connection may have taken the queue between the send and this lock, and
            // told no one (the stream was not waiting yet): then there is room now, go on.
            // Otherwise it will take it later and, seeing the stream waiting, resume it.
            const auto next = frames_.notification(batch[sent]).size();
            if (next > s->queue->max_bytes()) {
                // A notification larger than the whole queue could never be sent.
                s->queue->close();
                s->reading = false;
                return;
            }
            if (s->queue->queued_bytes() + next <= s->queue->max_bytes()) continue;
            s->waiting = true;
            s->reading = false;
            return;
        }
        if (batch.size() < options_.page && !s->again) {
            s->reading = false;
            return;
        }
        s->again = false;
    }
}

void NotificationStreams::end_streams_of(domain::UserId user) {
    std::lock_guard lock(mutex_);
    auto [first, last] = streams_.equal_range(user);
    for (auto it = first; it != last; ++it) it->second->queue->close();
}

void NotificationStreams::notify(std::optional<domain::UserId> user) {
    std::lock_guard lock(mutex_);
    if (user) {
        auto [first, last] = streams_.equal_range(*user);
        for (auto it = first; it != last; ++it) schedule(it->second);
    } else {
        for (auto& [u, s] : streams_) schedule(s);
    }
}

void NotificationStreams::tick() {
    std::lock_guard lock(mutex_);
    for (auto it = streams_.begin(); it != streams_.end();) {
        auto& s = it->second;
        if (s->queue->closed() && !s->reading) {
            it = streams_.erase(it);
            continue;
        }
        if (s->waiting && s->queue->queued_bytes() < s->queue->max_bytes() / 2) schedule(s);
        ++it;
    }
}

}  // namespace formlympics::service
