#include "support/redis_process.hpp"

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace formlympics::test {
namespace {

// Whether a Redis on the port answers PING, asked on a connection of its own (the product's
// client would log, and pause after a failure).
bool answers_ping(std::uint16_t port) {
    redisContext* c = redisConnectWithTimeout("127.0.0.1", port, timeval{0, 200'000});
    if (c == nullptr) return false;
    bool pong = false;
    if (c->err == 0) {
        auto* r = static_cast<redisReply*>(redisCommand(c, "PING"));
        pong = r != nullptr && r->type == REDIS_REPLY_STATUS && std::string(r->str) == "PONG";
        if (r != nullptr) freeReplyObject(r);
    }
    redisFree(c);
    return pong;
}

}  // namespace

std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

RedisProcess::RedisProcess() : port_(free_port()) { start(); }

RedisProcess::~RedisProcess() { kill(); }

void RedisProcess::start() {
    const auto port = std::to_string(port_);
    const auto dir = dir_.path().string();
    pid_ = ::fork();
    if (pid_ == 0) {
        ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--dir", dir.c_str(), "--loglevel", "warning",
                 static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("redis-server exited at start (is it installed?)");
        }
        if (answers_ping(port_)) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
    throw std::runtime_error("redis-server did not answer PING within 10 s");
}

void RedisProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

}  // namespace formlympics::test
