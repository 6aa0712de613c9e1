#pragma once

#include <cstdint>
#include <string>

namespace formlympics::http {

// A TCP socket bound and listening on an address, taken before anything else starts so that an
// address in use is the first thing an operator hears of, before any migration ran. The server
// adopts it; until then (or if it never does) it is closed on destruction.
class ListeningSocket {
  public:
    // Binds and listens on host (an IPv4 or IPv6 address) and port (0: a free one). Throws
    // std::runtime_error "cannot listen on HOST:PORT: reason".
    ListeningSocket(const std::string& host, std::uint16_t port);
    ~ListeningSocket();
    ListeningSocket(const ListeningSocket&) = delete;
    ListeningSocket& operator=(const ListeningSocket&) = delete;

    // The port it is bound to.
    std::uint16_t port() const { return port_; }
    bool ipv6() const { return ipv6_; }
    // Hands the descriptor over; the caller owns it from now on.
    int release();

  private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
    bool ipv6_ = false;
};

}  // namespace formlympics::http
