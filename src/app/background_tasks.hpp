#pragma once

#include <functional>
#include <optional>

#include "app/backends.hpp"
#include "app/config.hpp"
#include "app/services.hpp"
#include "util/periodic.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::app {

// Runs `stop` when destroyed: a step of the shutdown, placed among the members it orders.
struct OnExit {
    std::function<void()> stop;
    ~OnExit() {
        if (stop) stop();
    }
};

// Everything that runs on threads of its own and calls into the services: the periodic tasks,
// the bus's consumer and the fan-out's subscriber. Started once the services exist; stopped (in
// reverse declaration order) before any of them goes.
struct BackgroundTasks {
    BackgroundTasks(const Config& config, Backends& backends, Services& services,
                    util::WorkerPool& workers);

    OnExit bus_stopped;     // last: its consumer stores notifications and tells the fan-out
    OnExit fanout_stopped;  // its subscriber calls into the streams and caches
    // The relay starts first: every other task may write outbox events, and each write nudges it.
    std::optional<util::Periodic> relaying;
    OnExit relay_unhooked;  // writes no longer nudge it
    std::optional<util::Periodic> stream_ticks;
    std::optional<util::Periodic> form_sends;
    std::optional<util::Periodic> revocation_refresh;  // ends streams, like stream_ticks
    OnExit workers_drained;  // writes in flight finish, and may still nudge the relay
    std::optional<util::Periodic> announcing;
    std::optional<util::Periodic> expiry;
};

}  // namespace formlympics::app
