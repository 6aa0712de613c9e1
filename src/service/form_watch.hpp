#pragma once

#include <chrono>
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
// `closed`. Each watched form is read from the store on every tick and only changes are sent,
// so changes made by any instance show, coalesced to one per tick.
class FormWatch {
  public:
    struct Options {
        // Per stream; past it the client is cut off.
        std::size_t max_queued_bytes = std::size_t{16} * 1024;
        std::chrono::milliseconds retry{3000};
    };

    FormWatch(store::FormRepository& forms, const util::Clock& clock, const StreamFrames& frames,
              Options options);
    ~FormWatch();

    // Opens a stream of the form: its stock and status now, then what changes. not_found.
    // Blocks on the store.
    domain::Result<std::shared_ptr<util::StreamQueue>> open(domain::FormId id);
    // Sends the form's stock and status now, then what changes, into a stream opened for
    // something else (the user's notifications), so one connection carries both. not_found.
    // Blocks on the store.
    std::optional<domain::Error> join(domain::FormId id,
                                      const std::shared_ptr<util::StreamQueue>& queue);
    // Reads every watched form once and sends what changed; run it a few times a second.
    void tick();

  private:
    struct Watched {
        domain::Form last;
        domain::FormStatus status = domain::FormStatus::upcoming;
        std::vector<std::shared_ptr<util::StreamQueue>> streams;
    };

    store::FormRepository& forms_;
    const util::Clock& clock_;
    const StreamFrames& frames_;
    Options options_;
    std::mutex mutex_;
    std::unordered_map<domain::FormId, Watched> watched_;
};

}  // namespace formlympics::service
