#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"

namespace formlympics::test {

// The formlympics binary serving in a process of its own on a free loopback port, configured
// only by FORMLYMPICS_* environment variables, as an operator runs it. Stopped with SIGTERM (then
// SIGKILL, if it lingers) on destruction; the test fails if it did not exit cleanly or, in a
// sanitizer build, reported anything.
class ServerProcess {
  public:
    using Environment = std::vector<std::pair<std::string, std::string>>;

    // Starts it and waits until it prints the port it listens on; throws with the tail of its
    // output when it exits or stays silent for 30 s.
    explicit ServerProcess(const Environment& environment);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    // What it printed so far (its log).
    std::string output() const;

  private:
    void stop();
    void check_sanitizer_reports() const;

    TempDir dir_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

// How a run of the formlympics binary that was expected to end, ended.
struct Ended {
    int exit_status = -1;  // -1 when it did not exit on its own within the timeout
    std::string output;    // stdout and stderr
};

// Runs the formlympics binary with these arguments (and the environment, less FORMLYMPICS_*
// variables) until it exits, or kills it after `timeout`.
Ended run_formlympics(const std::vector<std::string>& args, std::chrono::seconds timeout);

}  // namespace formlympics::test
