// One connection's life: reading each request (the head checked as received, the body within its
// route's limit), handing it to the pipeline, writing the answer or an event stream, and
// closing politely after an error.
#include <array>
#include <boost/asio/write.hpp>

#include "http/framing.hpp"
#include "http/server_impl.hpp"
#include "http/upload_slot.hpp"
#include "http/wire.hpp"

namespace formlympics::http {
namespace {

// Refusals and framing errors are answered in HTTP/1.1 whatever the client spoke.
constexpr unsigned kHttp11 = 11;
// Before closing after an error, at most this much of what the client still sends is read, for
// at most kLingerTime, so that the close does not reset the connection before the answer is read.
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);

// What of a request's head names its caller: enough to judge an upload before its body.
template <class Head>
Request credentials_of(const Head& head, const std::string& remote) {
    Request r;
    r.method = std::string(head.method_string());
    r.remote = remote;
    for (const char* name : {"authorization", "cookie", "origin", "host", "x-forwarded-host",
                             "sec-fetch-site", "x-formlympics-web"}) {
        const auto [first, last] = head.equal_range(name);
        for (auto it = first; it != last; ++it)
            r.headers.emplace_back(name, std::string(it->value()));
    }
    return r;
}

}  // namespace

asio::awaitable<void> Server::Impl::write(Connection& conn, Response response, unsigned version,
                                          bool keep_alive, bool head_only) {
    const bool keep = keep_alive && !response.close;
    const auto head = response_head(response, version, keep);
    const bool with_body = !head_only && status_has_body(response.status);
    const std::array<asio::const_buffer, 2> bytes{
        asio::buffer(head), with_body ? asio::buffer(response.body) : asio::const_buffer()};
    conn.stream.expires_after(options.write_timeout);
    auto [ec, n] = co_await asio::async_write(conn.stream, bytes, kTuple);
    (void)n;
    conn.set_busy(false);
    if (ec || !keep) co_await linger_close(conn);
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
            if (auto who = pipeline.caller_refusal(credentials_of(parser.get(), remote))) {
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

}  // namespace formlympics::http
