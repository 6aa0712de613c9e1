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

// Keep-alive connections to 127.0.0.1:port, opened ahead of the instant they are driven at, as
// buyers' phones are connected before the opening. Beside thousands of held streams a connect is
// slow (the kernel searches the ports in use to the same address), so connections opened at
// the instant would count the load generator's own wait in the burst.
class Connections {
  public:
    Connections(std::uint16_t port, std::size_t count);
    ~Connections();
    Connections(const Connections&) = delete;
    Connections& operator=(const Connections&) = delete;
    const std::vector<int>& fds() const { return fds_; }

  private:
    std::vector<int> fds_;
};

// Drives the exchanges over the connections, one request in flight per connection, from
// `threads` event loops (epoll, non-blocking sockets), so the load generator spends little CPU
// per request. The first requests go out at `fire_at`. Exchanges are taken in order as
// connections free up.
void drive(const Connections& connections, std::size_t threads, std::vector<Exchange>& exchanges,
           std::chrono::system_clock::time_point fire_at);

// The same over `connections` connections opened first.
void drive(std::uint16_t port, std::size_t connections, std::size_t threads,
           std::vector<Exchange>& exchanges, std::chrono::system_clock::time_point fire_at);

}  // namespace formlympics::bench
