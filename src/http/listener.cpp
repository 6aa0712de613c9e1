#include "http/listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace formlympics::http {

ListeningSocket::ListeningSocket(const std::string& host, std::uint16_t port) {
    sockaddr_storage addr{};
    socklen_t length = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof *v4;
    } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof *v6;
        ipv6_ = true;
    } else {
        throw std::runtime_error("cannot listen on " + host + ": not an IP address");
    }
    const auto fail = [&] {
        const std::string reason = std::strerror(errno);
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 reason);
    };
    fd_ = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) fail();
    const int on = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), length) != 0) fail();
    if (::listen(fd_, SOMAXCONN) != 0) fail();
    sockaddr_storage bound{};
    socklen_t bound_length = sizeof bound;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &bound_length);
    port_ = ntohs(ipv6_ ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                        : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

ListeningSocket::~ListeningSocket() {
    if (fd_ >= 0) ::close(fd_);
}

int ListeningSocket::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

}  // namespace formlympics::http
