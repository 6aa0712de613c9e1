#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "bus/fanout.hpp"
#include "service/stream_frames.hpp"
#include "store/event_repository.hpp"
#include "util/stream_queue.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::service {

// The open notification streams of this instance. A stream sends the user's notifications from
// the store in id order, after the last id it sent: a hint from the fan-out, a reconnect with
// Last-Event-ID and a missed hint all end the same way, with no gap and no duplicate.
class NotificationStreams {
  public:
    struct Options {
        std::size_t max_queued_bytes = std::size_t{64} * 1024;  // per stream
        std::size_t page = 100;                 // notifications read per store round trip
        std::chrono::milliseconds retry{3000};  // the client's reconnect delay
    };

    // Subscribes to the fan-out.
    NotificationStreams(store::EventRepository& events, util::WorkerPool& workers,
                        bus::Fanout& fanout, const StreamFrames& frames, Options options);
    ~NotificationStreams();

    // Opens a stream for the user: it first says how many are unread (up to which id), then
    // replays the notifications after `last_event_id`, when given, then sends new ones as they
    // come. Blocks on the store.
    std::shared_ptr<util::StreamQueue> open(domain::UserId user,
                                            std::optional<std::int64_t> last_event_id);
    // The user (or, with nullopt, everyone) may have new notifications.
    void notify(std::optional<domain::UserId> user);
    // Ends every stream of the user here (their tokens were revoked); a client that reconnects
    // with a revoked token is refused.
    void end_streams_of(domain::UserId user);
    // Forgets closed streams and resumes replays that waited for a slow client; run it
    // periodically.
    void tick();

  private:
    struct Stream;
    void schedule(const std::shared_ptr<Stream>& s);  // under mutex_
    void pump(const std::shared_ptr<Stream>& s);

    store::EventRepository& events_;
    util::WorkerPool& workers_;
    const StreamFrames& frames_;
    Options options_;
    std::mutex mutex_;
    std::unordered_multimap<domain::UserId, std::shared_ptr<Stream>> streams_;
};

}  // namespace formlympics::service
