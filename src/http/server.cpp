#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "http/framing.hpp"
#include "http/upload_slot.hpp"
#include "http/wire.hpp"

namespace formlympics::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// Refusals and framing errors are answered in HTTP/1.1 whatever the client spoke.
constexpr unsigned kHttp11 = 11;
// Before closing after an error, at most this much of what the client still sends is read, for
// at most kLingerTime, so that the close does not reset the connection before the answer is read.
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);
// How often shutdown looks whether the last connections have closed.
constexpr auto kDrainPoll = std::chrono::milliseconds(20);

namespace {

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

}  // namespace

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

asio::awaitable<void> Server::Impl::accept_loop() {
    while (!stopping) {
        auto& home = *contexts[next_context++ % contexts.size()];
        auto [ec, socket] = co_await acceptor.async_accept(home, kTuple);
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) co_return;
            spdlog::warn("accept failed: {}", ec.message());
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto conn = std::make_shared<Connection>(std::move(socket), in_flight);
        {
            std::lock_guard lock(connections_mutex);
            if (connections.size() >= options.max_connections) {
                spdlog::warn("connection limit {} reached; refusing a client",
                             options.max_connections);
                continue;  // conn goes out of scope and closes
            }
            connections.emplace(conn.get(), conn);
        }
        auto executor = conn->stream.get_executor();
        asio::co_spawn(executor, serve(std::move(conn)), asio::detached);
    }
}

asio::awaitable<Response> Server::Impl::dispatch(Request request) {
    // Handle the request here when that cannot block, else hand it to a worker thread; resume on
    // this connection's network thread when it is done.
    return asio::async_initiate<decltype(use_awaitable), void(Response)>(
        [this](auto handler, Request req) {
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            auto complete = [shared](Response r) {
                auto ex = asio::get_associated_executor(*shared);
                asio::post(ex, [shared, r = std::move(r)]() mutable { (*shared)(std::move(r)); });
            };
            auto req_ptr = std::make_shared<Request>(std::move(req));
            Done here = [req_ptr, complete](Response r) { complete(std::move(r)); };
            if (pipeline.handle_without_blocking(*req_ptr, here)) return;
            const bool queued = workers.try_submit([this, req_ptr, complete] {
                pipeline.handle(*req_ptr,
                                [req_ptr, complete](Response r) { complete(std::move(r)); });
            });
            if (!queued) {
                complete(pipeline.refuse(
                    *req_ptr,
                    domain::fail(domain::Errc::overloaded, "the server is overloaded; retry")));
            }
        },
        use_awaitable, std::move(request));
}

asio::awaitable<void> Server::Impl::write(Connection& conn, Response response, unsigned version,
                                          bool keep_alive, bool head_only) {
    auto res = to_beast(std::move(response), version, keep_alive, head_only);
    conn.stream.expires_after(options.write_timeout);
    auto [ec, n] = co_await bhttp::async_write(conn.stream, res, kTuple);
    (void)n;
    conn.set_busy(false);
    if (ec || !res.keep_alive()) co_await linger_close(conn);
}

asio::awaitable<void> Server::Impl::stream_events(std::shared_ptr<Connection> conn,
                                                  Response response, unsigned version) {
    auto queue = std::move(response.stream);
    conn->events = queue;
    auto& stream = conn->stream;
    auto head = head_of<bhttp::empty_body>(response, version);
    head.keep_alive(false);
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    stream.expires_after(options.write_timeout);
    auto [hec, hn] = co_await bhttp::async_write_header(stream, serializer, kTuple);
    (void)hn;
    // The connection now idles between events: a stop closes it like an idle one.
    conn->set_busy(false);
    if (hec) {
        queue->close();
        co_return co_await linger_close(*conn);
    }
    // A stop that came while the head was written ends the stream like any other: what is
    // queued, then the final chunk (the loop below).
    if (stopping) queue->close();

    // Producers wake the writer through this timer, on the connection's network thread.
    auto wake = std::make_shared<asio::steady_timer>(stream.get_executor());
    queue->set_waker([weak = std::weak_ptr(wake)] {
        if (auto timer = weak.lock()) {
            asio::post(timer->get_executor(), [weak] {
                if (auto t = weak.lock()) t->cancel();
            });
        }
    });
    // A client that goes away is noticed by a read that ends.
    asio::co_spawn(
        stream.get_executor(),
        [conn, queue]() -> asio::awaitable<void> {
            std::array<char, 256> sink;
            for (;;) {
                auto [ec, n] =
                    co_await conn->stream.socket().async_read_some(asio::buffer(sink), kTuple);
                (void)n;
                if (ec) break;
            }
            queue->close();
        },
        asio::detached);

    auto next_heartbeat = std::chrono::steady_clock::now() + options.heartbeat_interval;
    for (;;) {
        std::string data = queue->take();
        const bool closing = queue->closed();
        if (data.empty() && !closing && std::chrono::steady_clock::now() >= next_heartbeat) {
            data = ": heartbeat\n\n";
        }
        if (!data.empty()) {
            stream.expires_after(options.write_timeout);
            auto [wec, wn] =
                co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(data)), kTuple);
            (void)wn;
            if (wec) break;
            next_heartbeat = std::chrono::steady_clock::now() + options.heartbeat_interval;
            continue;
        }
        if (closing) {
            stream.expires_after(options.write_timeout);
            co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
            break;
        }
        stream.expires_never();
        wake->expires_at(next_heartbeat);
        co_await wake->async_wait(kTuple);
    }
    queue->set_waker({});
    queue->close();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.close();
}

asio::awaitable<void> Server::Impl::linger_close(Connection& conn) {
    // Send FIN, then read what the client still sends (say, the rest of an oversize body).
    beast::error_code ec;
    conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    conn.stream.expires_after(kLingerTime);
    std::array<char, kReadChunk> sink;
    for (std::size_t total = 0; !ec && total < kLingerBytes;) {
        auto [rec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kTuple);
        ec = rec;
        total += n;
    }
    conn.stream.close();
}

asio::awaitable<void> Server::Impl::refuse(Connection& conn, const std::string& remote,
                                           std::string method, const domain::Error& error) {
    Request partial;
    partial.method = std::move(method);
    partial.remote = remote;
    co_await write(conn, pipeline.refuse(partial, error), kHttp11, false);
}

std::size_t Server::Impl::body_limit_of(
    const bhttp::request_parser<bhttp::string_body>& parser) const {
    const auto length = parser.content_length();
    // Only a body over the server's limit needs its route looked up.
    if (length ? *length <= options.body_limit : !parser.chunked()) return options.body_limit;
    const auto& req = parser.get();
    const auto target = origin_form(req.target());
    const auto route_limit =
        pipeline.body_limit(req.method_string(), target.substr(0, target.find('?')));
    return std::max(options.body_limit, route_limit);
}

asio::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    const auto peer = conn->stream.socket().remote_endpoint(ec);
    const std::string remote = ec ? "" : peer.address().to_string();
    auto& stream = conn->stream;
    while (!stopping && stream.socket().is_open()) {
        if (buffer.size() == 0) {
            // Between requests: wait for the first byte no longer than the idle timeout.
            stream.expires_after(options.idle_timeout);
            auto [rec, n] = co_await stream.async_read_some(buffer.prepare(kReadChunk), kTuple);
            if (rec) break;
            buffer.commit(n);
        }
        conn->set_busy(true);
        // The whole request must arrive within the read timeout, so trickling clients are cut off.
        stream.expires_after(options.read_timeout);
        // The head is checked as received before the parser reads it: framing it would forgive
        // (an unknown Transfer-Encoding, obs-fold) could smuggle a second request.
        auto head = co_await read_head(stream, buffer, options.header_limit);
        if (!head.complete) break;
        if (head.refusal) {
            co_await refuse(*conn, remote, "-", *head.refusal);
            break;
        }
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
        // The limit is set once the route is known, before any of the body is read.
        parser.body_limit(boost::none);
        // read_head saw the whole head in the buffer: it is parsed here, with no I/O.
        if (auto hec = parse_buffered(parser, buffer); hec || !parser.is_header_done()) {
            co_await refuse(*conn, remote, "-",
                            parse_failure(hec ? hec : bhttp::error::partial_message));
            break;
        }
        const auto method = std::string(parser.get().method_string());
        const auto limit = body_limit_of(parser);
        if (parser.content_length() && *parser.content_length() > limit) {
            co_await refuse(*conn, remote, method, parse_failure(bhttp::error::body_limit));
            break;
        }
        parser.body_limit(limit);
        UploadSlot upload(uploads);
        if (limit > options.body_limit) {
            // Only a signed-in caller may hold an upload slot and its longer read.
            if (auto who = pipeline.caller_refusal(parser.get()[bhttp::field::authorization])) {
                co_await refuse(*conn, remote, method, *who);
                break;
            }
            if (!upload.take(options.max_uploads)) {
                auto busy = domain::fail(domain::Errc::overloaded,
                                         "too many uploads are in progress; retry shortly");
                busy.retry_after = 1;
                co_await refuse(*conn, remote, method, busy);
                break;
            }
            // A large body from a phone may take longer to arrive than a request.
            stream.expires_after(options.upload_timeout);
        }
        // What of the body came with the head is parsed here too; only the rest is read.
        const bool body_arrived = buffer.size() > 0;
        if (auto bec = parse_buffered(parser, buffer)) {
            co_await refuse(*conn, remote, method, parse_failure(bec));
            break;
        }
        if (head.expects_continue && !body_arrived && !parser.is_done()) {
            // The client waits for this before it sends the body.
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            auto [cec, cn] = co_await asio::async_write(stream, asio::buffer(kContinue), kTuple);
            (void)cn;
            if (cec) break;
        }
        if (!parser.is_done()) {
            auto [pec, n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
            (void)n;
            if (pec) {
                if (ends_quietly(pec)) break;
                co_await refuse(*conn, remote, method, parse_failure(pec));
                break;
            }
        }
        auto req = parser.release();
        const auto version = req.version();
        const bool keep_alive = req.keep_alive();
        const bool head_only = req.method() == bhttp::verb::head;
        auto response = co_await dispatch(to_request(std::move(req), remote));
        if (response.stream && head_only) {
            // HEAD of an event stream: its head, then nothing.
            response.stream->close();
            response.stream.reset();
            response.close = true;
        }
        if (response.stream) {
            co_await stream_events(conn, std::move(response), version);
            break;
        }
        co_await write(*conn, std::move(response), version, keep_alive && !stopping, head_only);
    }
    if (stream.socket().is_open()) {
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream.close();
    }
    std::lock_guard lock(connections_mutex);
    connections.erase(conn.get());
}

void Server::Impl::begin_stop() {
    if (stopping.exchange(true)) return;
    spdlog::info("stopping: no new connections; finishing requests in flight");
    asio::post(ioc, [this] {
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
    });
    {
        std::lock_guard lock(connections_mutex);
        for (auto& [raw, weak] : connections) {
            if (auto conn = weak.lock()) {
                // Idle connections are closed now; busy ones close after their response; event
                // streams end after what they queued, with the final chunk.
                asio::post(conn->stream.get_executor(), [conn] {
                    if (conn->events) {
                        conn->events->close();
                    } else if (!conn->busy) {
                        conn->stream.socket().close();
                    }
                });
            }
        }
    }
    // co_spawn may start drain() inline, so the lock above must be released first.
    asio::co_spawn(ioc, drain(), asio::detached);
}

asio::awaitable<void> Server::Impl::drain() {
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    asio::steady_timer timer(ioc);
    for (;;) {
        {
            std::lock_guard lock(connections_mutex);
            if (connections.empty()) break;
            if (std::chrono::steady_clock::now() >= deadline) {
                spdlog::warn("stopping: {} connections still open after the grace period",
                             connections.size());
                break;
            }
        }
        timer.expires_after(kDrainPoll);
        co_await timer.async_wait(use_awaitable);
    }
    for (auto& context : contexts) context->stop();
}

Server::Server(ServerOptions options, const Pipeline& pipeline, util::WorkerPool& workers)
    : impl_(std::make_unique<Impl>(options, pipeline, workers)) {}

Server::~Server() = default;

std::uint16_t Server::listen(ListeningSocket& socket) {
    const auto port = socket.port();
    impl_->acceptor.assign(socket.ipv6() ? tcp::v6() : tcp::v4(), socket.release());
    return port;
}

void Server::run() {
    auto& impl = *impl_;
    if (impl.options.handle_signals) {
        impl.signals.add(SIGINT);
        impl.signals.add(SIGTERM);
        impl.signals.async_wait([this](const beast::error_code& ec, int signo) {
            if (!ec) {
                spdlog::info("received signal {}", signo);
                stop();
            }
        });
    }
    asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
    // The other contexts have no work until a connection arrives: keep them running.
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl.contexts.size(); ++i) {
        keep.push_back(asio::make_work_guard(*impl.contexts[i]));
        threads.emplace_back([context = impl.contexts[i].get()] { context->run(); });
    }
    impl.ioc.run();
    keep.clear();
    for (auto& t : threads) t.join();
}

void Server::stop() { impl_->begin_stop(); }

std::size_t Server::requests_in_flight() const { return impl_->in_flight.load(); }

}  // namespace formlympics::http
