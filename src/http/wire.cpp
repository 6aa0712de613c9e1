#include "http/wire.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>

#include "domain/result.hpp"
#include "http/framing.hpp"

namespace formlympics::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

domain::Error parse_failure(const beast::error_code& ec) {
    if (ec == bhttp::error::body_limit) {
        return domain::fail(domain::Errc::payload_too_large, "the request body is over the limit");
    }
    if (ec == bhttp::error::header_limit) {
        return domain::fail(domain::Errc::headers_too_large,
                            "the request headers are over the limit");
    }
    return domain::fail(domain::Errc::bad_request, "malformed HTTP request: " + ec.message());
}

beast::error_code parse_buffered(bhttp::request_parser<bhttp::string_body>& parser,
                                 beast::flat_buffer& buffer) {
    beast::error_code ec;
    while (buffer.size() > 0 && !parser.is_done()) {
        // Past the head the parser takes all the body there is, not one piece per call.
        parser.eager(parser.is_header_done());
        const auto used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == bhttp::error::need_more) return {};
        if (ec || used == 0) break;
        // The head alone: the caller sets the body's limit before any of it is parsed.
        if (!parser.is_done() && parser.is_header_done() && !parser.eager()) break;
    }
    return ec;
}

bool ends_quietly(const beast::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
           ec == asio::error::operation_aborted || ec == asio::error::connection_reset;
}

asio::awaitable<Head> read_head(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                std::size_t limit) {
    for (;;) {
        // Empty lines before a request line are ignored (RFC 9112 section 2.2).
        while (buffer.size() >= 2 && static_cast<const char*>(buffer.data().data())[0] == '\r' &&
               static_cast<const char*>(buffer.data().data())[1] == '\n') {
            buffer.consume(2);
        }
        const std::string_view bytes(static_cast<const char*>(buffer.data().data()), buffer.size());
        if (const auto n = head_length(bytes)) {
            Head head{true, std::nullopt, false};
            if (n > limit) {
                head.refusal = parse_failure(bhttp::error::header_limit);
            } else if (auto defect = framing_defect(bytes.substr(0, n))) {
                head.refusal =
                    domain::fail(domain::Errc::bad_request, "malformed HTTP request: " + *defect);
            } else {
                head.expects_continue = expects_continue(bytes.substr(0, n));
            }
            co_return head;
        }
        if (buffer.size() > limit) co_return Head{true, parse_failure(bhttp::error::header_limit)};
        auto [ec, got] = co_await stream.async_read_some(buffer.prepare(kReadChunk),
                                                         asio::as_tuple(asio::use_awaitable));
        if (ec) co_return Head{};
        buffer.commit(got);
    }
}

Request to_request(bhttp::request<bhttp::string_body>&& req, std::string remote) {
    Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(origin_form(req.target()));
    const auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = r.target.substr(q + 1);
    for (const auto& field : req) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    r.body = std::move(req.body());
    r.remote = std::move(remote);
    return r;
}

namespace {

// A header line; a CR or LF in a value (never written by the handlers) could split the response,
// so each becomes a space.
void add_field(std::string& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    for (const char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
    out.append("\r\n");
}

}  // namespace

std::string response_head(const Response& res, unsigned version, bool keep_alive) {
    std::string out;
    out.reserve(160 + res.content_type.size() + res.headers.size() * 48);
    out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(std::to_string(res.status));
    out.push_back(' ');
    out.append(bhttp::obsolete_reason(static_cast<bhttp::status>(res.status)));
    out.append("\r\n");
    add_field(out, "Server", "Formlympics");
    if (!res.content_type.empty()) add_field(out, "Content-Type", res.content_type);
    for (const auto& [name, value] : res.headers) add_field(out, name, value);
    if (version == 10 && keep_alive) add_field(out, "Connection", "keep-alive");
    if (version != 10 && !keep_alive) add_field(out, "Connection", "close");
    if (status_has_body(res.status))
        add_field(out, "Content-Length", std::to_string(res.body.size()));
    out.append("\r\n");
    return out;
}

}  // namespace formlympics::http
