#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bench/driver.hpp"

namespace formlympics::bench {

// Milliseconds since the Unix epoch.
inline std::int64_t epoch_millis(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// The bytes of an HTTP/1.1 request with a bearer token and, if not empty, a JSON body.
std::string http_request(const std::string& method, const std::string& target,
                         const std::string& token, const std::string& body);

// Publishes a form open now for an hour, with one product of `stock` units, as the seller whose
// token is given; its id.
std::int64_t publish_open_form(std::uint16_t port, const std::string& seller_token,
                               const std::string& title, std::int64_t stock);

// Each buyer loads GET /api/v1/me once, as buyers who signed in and wait on the page would.
void warm_sessions(std::uint16_t port, std::size_t connections,
                   const std::vector<std::string>& tokens);
// Waits `idle` after the page loads, as buyers wait on an open page for the opening, saying so.
void idle_until_opening(std::chrono::seconds idle);

// The p-th quantile (0 to 1, nearest rank) of the values; 0 when there are none.
double percentile(std::vector<double> values, double p);

// Counts, throughput and latency of a finished burst, printed; `won` decides which answers
// count as successes (201). The time of the last success since `fire_at`, in ms.
struct BurstStats {
    std::size_t successes = 0;
    std::map<std::string, std::size_t> refusals;  // "409 sold_out" -> count
    double last_success_ms = 0;
    double last_answer_ms = 0;
    double p50_ms = 0, p99_ms = 0, max_ms = 0;
};
BurstStats summarize(const std::vector<Exchange>& exchanges,
                     std::chrono::system_clock::time_point fire_at);
void print(const BurstStats& stats, std::size_t requests, const char* success_name);

// Event loops of the load generator: few, so the server keeps the cores.
inline constexpr std::size_t kDriverThreads = 2;

}  // namespace formlympics::bench
