#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/stream_queue.hpp"

namespace formlympics::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An HTTP request as handlers see it: no Beast types, header names lower-case.
struct Request {
    std::string method;
    std::string target;  // path and query as sent
    std::string path;
    std::string query;
    HeaderList headers;
    std::string body;
    std::string remote;  // peer address, for logs

    // The first value of the header, by lower-case name.
    std::optional<std::string_view> header(std::string_view lower_name) const {
        for (const auto& [k, v] : headers) {
            if (k == lower_name) return std::string_view(v);
        }
        return std::nullopt;
    }
};

// An HTTP response as handlers build it; the server adds framing headers.
struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
    HeaderList headers;
    bool close = false;  // close the connection after sending
    // Set for a stream (Server-Sent Events): the server sends the status and headers, then
    // whatever the queue gives until either side closes it. `body` is ignored.
    std::shared_ptr<util::StreamQueue> stream;
};

}  // namespace formlympics::http
