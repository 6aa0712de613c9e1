#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace formlympics::bench {

// One request of a burst and what came back.
struct Exchange {
    std::string request;  // the complete HTTP/1.1 request bytes
    int status = 0;
    std::string body;
    std::chrono::system_clock::time_point sent, answered;
};

// Drives the exchanges over `connections` keep-alive connections to 127.0.0.1:port, one request
// in flight per connection, from `threads` event loops (epoll, non-blocking sockets), so the
// load generator spends little CPU per request. Connections open first; the first requests go
// out at `fire_at`. Exchanges are taken in order as connections free up.
void drive(std::uint16_t port, std::size_t connections, std::size_t threads,
           std::vector<Exchange>& exchanges, std::chrono::system_clock::time_point fire_at);

}  // namespace formlympics::bench
