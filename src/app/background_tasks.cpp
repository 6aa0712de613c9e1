#include "app/background_tasks.hpp"

#include <thread>

namespace formlympics::app {
namespace {

constexpr std::size_t kExpiryBatch = 500;
constexpr std::size_t kRelayBatch = 500;
constexpr int kRelayBusyTries = 20;
constexpr std::chrono::milliseconds kRelayBusyPause{5};
constexpr std::chrono::milliseconds kAnnounceInterval{1000};
constexpr std::size_t kAnnounceBatch = 100;
// How often streams are tidied and watched forms read: form stock reaches watchers at most this
// often.
constexpr std::chrono::milliseconds kStreamTick{250};
// How often a form's watchers not yet told its newest state are sent it, a share at a time (the
// form watch's `streams_per_send`): 250 every 25 ms tells 10,000 streams a second.
constexpr std::chrono::milliseconds kFormSendTick{25};
// The longest a revocation whose hint was lost (a failed publish or read) waits to be learnt.
constexpr std::chrono::milliseconds kRevocationRefresh{5000};

}  // namespace

BackgroundTasks::BackgroundTasks(const Config& config, Backends& b, Services& s,
                                 util::WorkerPool& workers)
    : bus_stopped{[&b] { b.bus->stop(); }}, fanout_stopped{[&b] {
          b.fanout->stop();
          b.revocations->stop();
          if (b.user_changes) b.user_changes->stop();
      }} {
    relaying.emplace("outbox relay", config.relay_interval, [&s] {
        // While another instance has the turn, it may have looked before this one's events
        // committed: look again shortly rather than at the next poll.
        for (int busy = 0; busy < kRelayBusyTries;) {
            const auto moved = s.relay.relay_once(kRelayBatch);
            if (!moved) {
                ++busy;
                std::this_thread::sleep_for(kRelayBusyPause);
            } else if (*moved < kRelayBatch) {
                return;
            }
        }
    });
    b.store->on_events_written([this] { relaying->nudge(); });
    relay_unhooked.stop = [&b] { b.store->on_events_written({}); };
    stream_ticks.emplace("streams", kStreamTick, [&s] {
        s.streams.tick();
        s.form_watch.read();
    });
    form_sends.emplace("form streams", kFormSendTick, [&s] { s.form_watch.send(); });
    revocation_refresh.emplace("token revocations", kRevocationRefresh, [&s] {
        s.revocations.refresh();
        s.web_sessions.refresh();
    });
    workers_drained.stop = [&workers] { workers.stop(); };
    announcing.emplace("opening soon", kAnnounceInterval, [&s, lead = config.opening_soon_lead] {
        while (s.forms.announce_opening_soon(lead, kAnnounceBatch) == kAnnounceBatch) {
        }
    });
    expiry.emplace("unpaid order expiry", config.expiry_interval,
                   [&s] { s.orders.expire_unpaid(kExpiryBatch); });
}

}  // namespace formlympics::app
