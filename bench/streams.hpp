#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace formlympics::bench {

struct StreamOptions {
    std::uint16_t port = 8080;
    std::string database_url;
    std::string jwt_secret;
    int server_pid = 0;        // to read the server's memory from /proc
    std::size_t held = 10000;  // streams opened to count and weigh
    std::size_t live = 1000;   // streams kept while likes are timed
    std::size_t likes = 2000;  // likes timed, sent at `rate` per second
    std::size_t rate = 200;
    std::chrono::seconds idle_before_opening{60};  // between each user's page load and the streams
};

// The notification scenario: how many streams one instance holds and what each costs in memory,
// then like-to-stream latency with `live` streams connected. Prints the results; 0 on success.
int run_streams(const StreamOptions& o);

}  // namespace formlympics::bench
