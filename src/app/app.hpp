#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/config.hpp"
#include "util/clock.hpp"

namespace formlympics::app {

// The composition root: builds the store, caches, services, routes and server from the
// configuration. The only place that names concrete backends.
class App {
  public:
    // Opens the store and applies pending migrations. Throws std::runtime_error (with a message
    // fit for the operator) when a backend cannot be opened.
    explicit App(const Config& config);
    // The same, on another clock (tests move time with it).
    App(const Config& config, const util::Clock& clock);
    ~App();

    // Binds the listening socket; the bound port. With handle_signals, SIGINT and SIGTERM stop
    // the server gracefully.
    std::uint16_t listen(bool handle_signals);
    // Serves until stop() or a signal, then drains in-flight requests.
    void run();
    // Begins a graceful stop. Thread-safe.
    void stop();
    // Requests being read, handled or answered now (0 before listen). Thread-safe.
    std::size_t requests_in_flight() const;
    // Requests answered on a network thread, without a worker.
    std::uint64_t handled_without_blocking() const;
    // The method and pattern of every route served, e.g. {"GET", "/api/v1/forms/{id}"}.
    std::vector<std::pair<std::string, std::string>> routes() const;

  private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

// Opens the configured store and applies pending migrations; the names applied.
std::vector<std::string> migrate_only(const Config& config);

}  // namespace formlympics::app
