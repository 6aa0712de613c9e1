#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/listener.hpp"
#include "http/pipeline.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::http {

struct ServerOptions {
    std::size_t io_threads = 1;
    std::size_t body_limit = std::size_t{64} * 1024;
    std::size_t header_limit = std::size_t{16} * 1024;
    std::size_t max_connections = 20000;
    std::chrono::milliseconds idle_timeout{30000};  // waiting for the next request
    std::chrono::milliseconds read_timeout{10000};  // reading one request, once it started
    // Reading one request whose route takes a body over body_limit (an upload).
    std::chrono::milliseconds upload_timeout{120000};
    // Such requests at once; more are refused (503) before their body is read.
    std::size_t max_uploads = 8;
    std::chrono::milliseconds write_timeout{10000};  // writing one response
    std::chrono::milliseconds shutdown_grace{10000};
    // A comment line on an event stream that sent nothing for this long keeps proxies open.
    std::chrono::milliseconds heartbeat_interval{15000};
    bool handle_signals = false;  // SIGINT/SIGTERM trigger a graceful stop
};

// The HTTP/1.1 server (Boost.Beast on Asio, C++20 coroutines, one I/O thread per core). Requests
// run through the pipeline on the worker pool, never on the I/O threads.
class Server {
  public:
    Server(ServerOptions options, const Pipeline& pipeline, util::WorkerPool& workers);
    ~Server();

    // Takes over the listening socket; its port.
    std::uint16_t listen(ListeningSocket& socket);
    // Serves until stop() or a signal, then returns once connections drained or the grace ran out.
    void run();
    // Stops accepting, closes idle connections and lets in-flight requests finish. Thread-safe.
    void stop();
    // Requests being read, handled or answered now. Thread-safe.
    std::size_t requests_in_flight() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace formlympics::http
