#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>
#include <string>

#include "domain/error.hpp"
#include "http/message.hpp"

namespace formlympics::http {

// HTTP/1.1 on the wire, for the server: reading a request's head, and Beast's messages to and
// from the handlers' own.

// How much one socket read asks for.
inline constexpr std::size_t kReadChunk = 4096;

// A request head read into the buffer: complete unless the client went away or timed out;
// with a refusal when it is over the limit or its framing is unsound.
struct Head {
    bool complete = false;
    std::optional<domain::Error> refusal;
    bool expects_continue = false;
};

// Reads until the buffer holds a whole request head (at most `limit` bytes) and checks its
// framing as received, before a parser that would forgive it (an unknown Transfer-Encoding,
// obs-fold) could let a second request be smuggled in.
boost::asio::awaitable<Head> read_head(boost::beast::tcp_stream& stream,
                                       boost::beast::flat_buffer& buffer, std::size_t limit);

// Feeds the parser what the buffer holds, consuming what it took: the rest of a head, or as much
// of the body as has arrived. An error only for what cannot be a request (too little is fine).
boost::beast::error_code parse_buffered(
    boost::beast::http::request_parser<boost::beast::http::string_body>& parser,
    boost::beast::flat_buffer& buffer);

// The refusal for a request Beast could not parse (413, 431 or 400).
domain::Error parse_failure(const boost::beast::error_code& ec);

// Read errors that end a connection without an answer: the client left, went quiet or the
// server is stopping.
bool ends_quietly(const boost::beast::error_code& ec);

// The request as handlers see it: lower-case header names, the path split from the query.
Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& req,
                   std::string remote);

// The status line and headers of a response, on a Beast message with the given body type.
template <class Body>
boost::beast::http::response<Body> head_of(const Response& res, unsigned version) {
    boost::beast::http::response<Body> out{static_cast<boost::beast::http::status>(res.status),
                                           version};
    out.set(boost::beast::http::field::server, "Formlympics");
    if (!res.content_type.empty()) {
        out.set(boost::beast::http::field::content_type, res.content_type);
    }
    for (const auto& [k, v] : res.headers) out.insert(k, v);
    return out;
}

// The status line and headers of a whole response, as sent before its body: what Beast's
// serializer would write for it, built in one string (the hot path answers refusals and cached
// reads with it and one write). Content-Length is the body's (GET's, for HEAD), except where a
// status forbids a body (1xx, 204, 304); Connection follows `keep_alive` and the version.
std::string response_head(const Response& res, unsigned version, bool keep_alive);

// Whether a response of this status carries a body (RFC 9110: none for 1xx, 204 and 304).
inline bool status_has_body(int status) {
    return status / 100 != 1 && status != 204 && status != 304;
}

}  // namespace formlympics::http
