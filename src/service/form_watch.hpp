#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "domain/form.hpp"
#include "domain/result.hpp"
#include "service/stream_frames.hpp"
#include "store/form_repository.hpp"
#include "util/clock.hpp"
#include "util/stream_queue.hpp"

namespace formlympics::service {

// Public live streams of forms: `stock` (product id and remaining), `opened`, `sold_out` and
// `closed`. Each watched form is read from the store on every `read()`, so changes made by any
// instance show, coalesced to one per read. Sending is paced: each `send()` tells at most
// `streams_per_send` streams, the newest state each (only what that stream was not yet told), so
// a form watched by every buyer at the opening does not take the network threads from the
// orders; a form with fewer watchers tells them all at once.
class FormWatch {
  public:
    struct Options {
        // Per stream; past it the client is cut off.
        std::size_t max_queued_bytes = std::size_t{16} * 1024;
        std::chrono::milliseconds retry{3000};
        // The most streams one send() writes to, across all forms.
        std::size_t streams_per_send = 250;
    };

    FormWatch(store::FormRepository& forms, const util::Clock& clock, const StreamFrames& frames,
              Options options);
    ~FormWatch();

    // Opens a stream of the form: its stock and status now, then what changes. not_found.
    // Blocks on the store unless the form is watched already.
    domain::Result<std::shared_ptr<util::StreamQueue>> open(domain::FormId id);
    // Sends the form's stock and status now, then what changes, into a stream opened for
    // something else (the user's notifications), so one connection carries both. not_found.
    // Blocks on the store unless the form is watched already.
    std::optional<domain::Error> join(domain::FormId id,
                                      const std::shared_ptr<util::StreamQueue>& queue);
    // Reads every watched form once, then sends as send() does; run it a few times a second.
    void read();
    // Tells up to `streams_per_send` streams what changed since they were last told, going round
    // each form's streams in turn; run it often (tens of times a second).
    void send();

  private:
    // A form as its watchers are told it: read once, shared by every stream told it.
    struct State {
        domain::Form form;
        domain::FormStatus status = domain::FormStatus::upcoming;
    };
    struct Watcher {
        std::shared_ptr<util::StreamQueue> queue;
        std::shared_ptr<const State> told;
    };
    struct Watched {
        std::shared_ptr<const State> now;
        std::vector<Watcher> streams;
        std::size_t next = 0;   // where the next send() goes on round this form's streams
        std::size_t stale = 0;  // streams not told `now` yet (at most)
    };

    // Under mutex_: writes to up to `budget` stale streams of `w`.
    void send_some(Watched& w, std::size_t budget);

    store::FormRepository& forms_;
    const util::Clock& clock_;
    const StreamFrames& frames_;
    Options options_;
    std::mutex mutex_;
    std::unordered_map<domain::FormId, Watched> watched_;
};

}  // namespace formlympics::service
