#include "bench/common.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <iostream>
#include <thread>

#include "support/http_client.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::bench {
namespace json = boost::json;

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::string http_request(const std::string& method, const std::string& target,
                         const std::string& token, const std::string& body) {
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    r += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty()) r += "Content-Type: application/json\r\n";
    return r + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void warm_sessions(std::uint16_t port, std::size_t connections,
                   const std::vector<std::string>& tokens) {
    std::vector<Exchange> warm(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        warm[i].request = http_request("GET", "/api/v1/me", tokens[i], "");
    }
    drive(port, connections, kDriverThreads, warm, std::chrono::system_clock::now());
}

void idle_until_opening(std::chrono::seconds idle) {
    if (idle.count() <= 0) return;
    std::cout << "buyers wait on the page for " << idle.count() << " s before the opening"
              << std::endl;
    std::this_thread::sleep_for(idle);
}

BurstStats summarize(const std::vector<Exchange>& exchanges,
                     std::chrono::system_clock::time_point fire_at) {
    BurstStats s;
    std::vector<double> latencies;
    for (const auto& e : exchanges) {
        latencies.push_back(std::chrono::duration<double, std::milli>(e.answered - e.sent).count());
        const double done = std::chrono::duration<double, std::milli>(e.answered - fire_at).count();
        s.last_answer_ms = std::max(s.last_answer_ms, done);
        if (e.status == 201) {
            ++s.successes;
            s.last_success_ms = std::max(s.last_success_ms, done);
            continue;
        }
        std::string code;
        boost::system::error_code ec;
        const auto v = json::parse(e.body, ec);
        if (!ec && v.is_object() && v.as_object().contains("code")) code = v.at("code").as_string();
        ++s.refusals[std::to_string(e.status) + " " + code];
    }
    s.p50_ms = percentile(latencies, 0.5);
    s.p99_ms = percentile(latencies, 0.99);
    s.max_ms = percentile(latencies, 1.0);
    return s;
}

void print(const BurstStats& s, std::size_t requests, const char* success_name) {
    const double per_s = s.successes == 0 ? 0 : 1000.0 * s.successes / s.last_success_ms;
    std::cout << success_name << " " << s.successes << ", refused " << (requests - s.successes);
    for (const auto& [k, n] : s.refusals) std::cout << " [" << k << ": " << n << "]";
    std::cout << "\nlast " << success_name << " after " << s.last_success_ms << " ms; "
              << success_name << "/s " << per_s << "; all " << requests << " answered in "
              << s.last_answer_ms << " ms ("
              << 1000.0 * static_cast<double>(requests) / s.last_answer_ms
              << " req/s)\nlatency ms: p50 " << s.p50_ms << ", p99 " << s.p99_ms << ", max "
              << s.max_ms << std::endl;
}

std::int64_t publish_open_form(std::uint16_t port, const std::string& seller_token,
                               const std::string& title, std::int64_t stock) {
    namespace json = boost::json;
    test::HttpClient http(port);
    const auto now = epoch_millis(std::chrono::system_clock::now());
    auto form = http.request(
        "POST", "/api/v1/forms",
        json::serialize(json::object{
            {"title", title},
            {"opens_at", util::format_rfc3339(now)},
            {"closes_at", util::format_rfc3339(now + 3600 * 1000)},
            {"bank_account",
             {{"bank", "SHINHAN"}, {"account_number", "110-123-456789"}, {"holder_name", "Bench"}}},
            {"products",
             json::array{json::object{{"name", "Item"}, {"price", 10000}, {"stock", stock}}}}}),
        {{"Authorization", "Bearer " + seller_token}});
    return form.json().at("id").as_int64();
}

}  // namespace formlympics::bench
