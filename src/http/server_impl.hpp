#pragma once

// The server's insides, shared by server.cpp (accepting, dispatching, stopping) and
// connection.cpp (one connection's requests and responses). Not for other code.
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "http/server.hpp"

namespace formlympics::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
inline constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// One client connection; busy while a request is being read, handled or answered. A connection
// lives on one network thread's io_context, so it needs no strand.
struct Connection {
    Connection(tcp::socket socket, std::atomic<std::size_t>& in_flight)
        : stream(std::move(socket)), in_flight(in_flight) {}
    ~Connection() { set_busy(false); }

    // Marks the connection busy or idle, keeping the server's count of busy ones.
    void set_busy(bool now) {
        if (now == busy) return;
        busy = now;
        if (now) {
            ++in_flight;
        } else {
            --in_flight;
        }
    }

    beast::tcp_stream stream;
    bool busy = false;  // touched only on the connection's thread
    std::atomic<std::size_t>& in_flight;
    // While the connection carries an event stream: its queue, which a stop closes so the
    // stream ends with its final chunk.
    std::shared_ptr<util::StreamQueue> events;
};

struct Server::Impl {
    Impl(ServerOptions o, const Pipeline& p, util::WorkerPool& w)
        : options(o),
          pipeline(p),
          workers(w),
          contexts(make_contexts(options.io_threads)),
          ioc(*contexts.front()),
          acceptor(ioc),
          signals(ioc) {}

    // One io_context per network thread, each run by that thread alone: a connection's
    // handlers never hop threads or wake another, which a shared io_context would do on every
    // completion. The first context also holds the acceptor, the signals and the drain.
    static std::vector<std::unique_ptr<asio::io_context>> make_contexts(std::size_t n) {
        std::vector<std::unique_ptr<asio::io_context>> out;
        for (std::size_t i = 0; i < std::max<std::size_t>(1, n); ++i) {
            out.push_back(std::make_unique<asio::io_context>(1));
        }
        return out;
    }

    ServerOptions options;
    const Pipeline& pipeline;
    util::WorkerPool& workers;
    // Busy connections; declared before the contexts, whose destruction ends connections.
    std::atomic<std::size_t> in_flight{0};
    std::atomic<std::size_t> uploads{0};  // requests holding an UploadSlot
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    asio::io_context& ioc;
    std::size_t next_context = 0;  // round robin over contexts, touched by the accept loop only
    tcp::acceptor acceptor;
    asio::signal_set signals;
    std::atomic<bool> stopping{false};
    std::mutex connections_mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(std::shared_ptr<Connection> conn);
    asio::awaitable<Response> dispatch(Request request);
    asio::awaitable<void> write(Connection& conn, Response response, unsigned version,
                                bool keep_alive, bool head_only = false);
    asio::awaitable<void> linger_close(Connection& conn);
    // Answers a request refused before it was read whole, then closes the connection.
    asio::awaitable<void> refuse(Connection& conn, const std::string& remote, std::string method,
                                 const domain::Error& error);
    // The largest body the request may send: the server's limit, or its route's when larger.
    std::size_t body_limit_of(const bhttp::request_parser<bhttp::string_body>& parser) const;
    asio::awaitable<void> stream_events(std::shared_ptr<Connection> conn, Response response,
                                        unsigned version);
    void begin_stop();
    asio::awaitable<void> drain();
};

}  // namespace formlympics::http
