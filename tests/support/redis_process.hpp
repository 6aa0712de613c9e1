#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "support/temp_dir.hpp"

namespace formlympics::test {

// A redis-server of the test's own, on a free loopback port, without persistence, so a test can
// kill it and start it again (empty) at will.
class RedisProcess {
  public:
    // Starts it and waits until it answers PING; throws when redis-server cannot run.
    RedisProcess();
    ~RedisProcess();

    // Kills the server (SIGKILL) and waits for it to exit.
    void kill();
    // Starts a fresh, empty server on the same port.
    void start();

    std::uint16_t port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

  private:
    TempDir dir_;
    std::uint16_t port_;
    pid_t pid_ = -1;
};

// A loopback TCP port nobody listens on right now.
std::uint16_t free_port();

}  // namespace formlympics::test
