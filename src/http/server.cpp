#include "http/server_impl.hpp"
#include "util/logging.hpp"

namespace formlympics::http {
namespace {

// How often shutdown looks whether the last connections have closed.
constexpr auto kDrainPoll = std::chrono::milliseconds(20);

}  // namespace

asio::awaitable<void> Server::Impl::accept_loop() {
    while (!stopping) {
        auto& home = *contexts[next_context++ % contexts.size()];
        auto [ec, socket] = co_await acceptor.async_accept(home, kTuple);
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted) co_return;
            logging::warn("accept failed: {}", ec.message());
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto conn = std::make_shared<Connection>(std::move(socket), in_flight);
        {
            std::lock_guard lock(connections_mutex);
            if (connections.size() >= options.max_connections) {
                logging::warn("connection limit {} reached; refusing a client",
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

void Server::Impl::begin_stop() {
    if (stopping.exchange(true)) return;
    logging::info("stopping: no new connections; finishing requests in flight");
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
                logging::warn("stopping: {} connections still open after the grace period",
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
                logging::info("received signal {}", signo);
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
