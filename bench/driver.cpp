#include "bench/driver.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

namespace formlympics::bench {
namespace {

struct Conn {
    int fd = -1;
    Exchange* current = nullptr;
    std::size_t written = 0;
    std::string in;
};

int open_connection(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to the server");
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// True once `in` holds one whole response, which is then moved into the exchange.
bool take_response(Conn& c) {
    const auto end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::size_t length = 0;
    const auto cl = c.in.find("Content-Length: ");
    if (cl != std::string::npos && cl < end) length = std::stoul(c.in.substr(cl + 16));
    if (c.in.size() < end + 4 + length) return false;
    c.current->status = std::stoi(c.in.substr(9, 3));
    c.current->body = c.in.substr(end + 4, length);
    c.current->answered = std::chrono::system_clock::now();
    c.in.erase(0, end + 4 + length);
    return true;
}

void loop(std::vector<Conn>& conns, std::vector<Exchange>& exchanges,
          std::atomic<std::size_t>& next) {
    const int ep = ::epoll_create1(0);
    std::size_t busy = 0;
    auto start_next = [&](Conn& c) {
        const auto i = next++;
        if (i >= exchanges.size()) {
            c.current = nullptr;
            return;
        }
        c.current = &exchanges[i];
        c.written = 0;
        c.current->sent = std::chrono::system_clock::now();
        ++busy;
    };
    auto write_some = [&](Conn& c) {
        const auto& req = c.current->request;
        while (c.written < req.size()) {
            const auto n =
                ::send(c.fd, req.data() + c.written, req.size() - c.written, MSG_NOSIGNAL);
            if (n <= 0) return;
            c.written += static_cast<std::size_t>(n);
        }
    };
    for (auto& c : conns) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
        ev.data.ptr = &c;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
        start_next(c);
        if (c.current) write_some(c);
    }
    epoll_event events[256];
    char buf[16384];
    while (busy > 0) {
        const int n = ::epoll_wait(ep, events, 256, 10000);
        if (n <= 0) throw std::runtime_error("the server stopped answering");
        for (int e = 0; e < n; ++e) {
            auto& c = *static_cast<Conn*>(events[e].data.ptr);
            if (!c.current) continue;
            if (events[e].events & EPOLLOUT) write_some(c);
            if (!(events[e].events & EPOLLIN)) continue;
            for (;;) {
                const auto r = ::recv(c.fd, buf, sizeof buf, 0);
                if (r == 0) throw std::runtime_error("the server closed a connection");
                if (r < 0) break;
                c.in.append(buf, static_cast<std::size_t>(r));
            }
            while (c.current && take_response(c)) {
                --busy;
                start_next(c);
                if (c.current) write_some(c);
            }
        }
    }
    ::close(ep);
}

}  // namespace

Connections::Connections(std::uint16_t port, std::size_t count) {
    fds_.reserve(count);
    try {
        for (std::size_t i = 0; i < count; ++i) fds_.push_back(open_connection(port));
    } catch (...) {
        for (const int fd : fds_) ::close(fd);
        throw;
    }
}

Connections::~Connections() {
    for (const int fd : fds_) ::close(fd);
}

void drive(const Connections& connections, std::size_t threads, std::vector<Exchange>& exchanges,
           std::chrono::system_clock::time_point fire_at) {
    std::vector<std::vector<Conn>> groups(threads);
    for (std::size_t i = 0; i < connections.fds().size(); ++i) {
        Conn c;
        c.fd = connections.fds()[i];
        groups[i % threads].push_back(std::move(c));
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    std::vector<std::exception_ptr> failures(threads);
    for (std::size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            std::this_thread::sleep_until(fire_at);
            try {
                loop(groups[t], exchanges, next);
            } catch (...) {
                failures[t] = std::current_exception();
            }
        });
    }
    for (auto& w : workers) w.join();
    for (auto& f : failures) {
        if (f) std::rethrow_exception(f);
    }
}

void drive(std::uint16_t port, std::size_t connections, std::size_t threads,
           std::vector<Exchange>& exchanges, std::chrono::system_clock::time_point fire_at) {
    const Connections opened(port, connections);
    drive(opened, threads, exchanges, fire_at);
}

}  // namespace formlympics::bench
