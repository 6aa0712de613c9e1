#include "bench/burst.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include "bench/driver.hpp"
#include "bench/ledger.hpp"
#include "bench/seed.hpp"
#include "support/http_client.hpp"
#include "util/random.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::bench {
namespace json = boost::json;
using Clock = std::chrono::system_clock;

namespace {

struct Sample {
    int status = 0;
    std::string code;
    double latency_ms = 0;
    double done_ms = 0;  // since the opening instant
    std::int64_t order_id = 0;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

std::int64_t millis(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string form_json(std::int64_t stock, Clock::time_point opens) {
    return json::serialize(json::object{
        {"title", "Benchmark sale"},
        {"description", "One hot product"},
        {"opens_at", util::format_rfc3339(millis(opens))},
        {"closes_at", util::format_rfc3339(millis(opens) + 3600 * 1000)},
        {"deposit_deadline_hours", 24},
        {"bank_account",
         {{"bank", "SHINHAN"}, {"account_number", "110-123-456789"}, {"holder_name", "Bench"}}},
        {"products",
         json::array{json::object{{"name", "Hot item"}, {"price", 10000}, {"stock", stock}}}}});
}

void write_wrk_script(const std::string& path, const std::string& token, std::int64_t form,
                      const std::string& body) {
    std::ofstream out(path);
    out << "-- Sold-out orders for wrk: every request is refused from memory.\n"
        << "wrk.method = \"POST\"\n"
        << "wrk.path = \"/api/v1/forms/" << form << "/orders\"\n"
        << "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
        << "wrk.headers[\"Authorization\"] = \"Bearer " << token << "\"\n"
        << "wrk.body = '" << body << "'\n";
}

// Event loops of the load generator: few, so the server keeps the cores.
constexpr std::size_t kDriverThreads = 2;

}  // namespace

int run_burst(const BurstOptions& o) {
    std::cout << "seeding " << o.buyers << " buyers..." << std::endl;
    const auto accounts =
        seed_accounts(o.database_url, o.jwt_secret, o.buyers, util::random_hex(4));
    test::HttpClient setup(o.port);

    // Buyers look at their profile first, as buyers who signed in and wait on the page would.
    auto request = [](const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body) {
        std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        r += "Authorization: Bearer " + token + "\r\n";
        if (!body.empty()) r += "Content-Type: application/json\r\n";
        return r + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    };
    std::vector<Exchange> warm(o.buyers);
    for (std::size_t i = 0; i < o.buyers; ++i)
        warm[i].request = request("GET", "/api/v1/me", accounts.buyers[i], "");
    drive(o.port, o.connections, kDriverThreads, warm, Clock::now());

    const auto opens = Clock::now() + std::chrono::milliseconds(o.lead_ms);
    auto created = setup.request("POST", "/api/v1/forms", form_json(o.stock, opens),
                                 {{"Authorization", "Bearer " + accounts.seller}});
    if (created.status != 201) {
        std::cerr << "cannot create the form: " << created.status << " " << created.body << "\n";
        return 1;
    }
    const auto form_value = created.json();
    const auto form = form_value.at("id").as_int64();
    const auto product = form_value.at("products").at(0).at("id").as_int64();
    const auto path = "/api/v1/forms/" + std::to_string(form) + "/orders";
    const auto body = json::serialize(
        json::object{{"items", json::array{json::object{{"product_id", product}, {"quantity", 1}}}},
                     {"depositor_name", "Bench buyer"}});
    std::vector<Exchange> orders(o.buyers);
    for (std::size_t i = 0; i < o.buyers; ++i)
        orders[i].request = request("POST", path, accounts.buyers[i], body);
    const auto fire_at = opens + std::chrono::milliseconds(20);
    std::cout << o.connections
              << " connections open, buyers signed in; firing at the opening instant" << std::endl;
    drive(o.port, o.connections, kDriverThreads, orders, fire_at);

    std::vector<Sample> samples(o.buyers);
    for (std::size_t i = 0; i < o.buyers; ++i) {
        auto& s = samples[i];
        const auto& e = orders[i];
        s.status = e.status;
        s.latency_ms = std::chrono::duration<double, std::milli>(e.answered - e.sent).count();
        s.done_ms = std::chrono::duration<double, std::milli>(e.answered - fire_at).count();
        boost::system::error_code ec;
        const auto v = json::parse(e.body, ec);
        if (ec || !v.is_object()) continue;
        if (e.status == 201) {
            s.order_id = v.at("id").as_int64();
        } else if (v.as_object().contains("code")) {
            s.code = v.at("code").as_string();
        }
    }

    std::map<std::string, std::size_t> refused;
    std::vector<double> latencies, accepted_latencies;
    std::vector<std::int64_t> acknowledged;
    double sold_out_at = 0, last = 0;
    for (const auto& s : samples) {
        latencies.push_back(s.latency_ms);
        last = std::max(last, s.done_ms);
        if (s.status == 201) {
            acknowledged.push_back(s.order_id);
            accepted_latencies.push_back(s.latency_ms);
            sold_out_at = std::max(sold_out_at, s.done_ms);
        } else {
            ++refused[std::to_string(s.status) + " " + s.code];
        }
    }
    const double accepted_per_s =
        acknowledged.empty() ? 0 : 1000.0 * acknowledged.size() / sold_out_at;
    std::cout << "accepted " << acknowledged.size() << ", refused "
              << (o.buyers - acknowledged.size());
    for (const auto& [k, n] : refused) std::cout << " [" << k << ": " << n << "]";
    std::cout << "\ntime to sell-out " << sold_out_at << " ms; accepted orders/s " << accepted_per_s
              << "; all " << o.buyers << " answered in " << last << " ms ("
              << 1000.0 * static_cast<double>(o.buyers) / last << " req/s)\n"
              << "latency ms: p50 " << percentile(latencies, 0.5) << ", p99 "
              << percentile(latencies, 0.99) << ", max " << percentile(latencies, 1.0)
              << "; accepted only: p50 " << percentile(accepted_latencies, 0.5) << ", p99 "
              << percentile(accepted_latencies, 0.99) << "\n";

    const auto check = check_ledger(setup, accounts.seller, form, acknowledged,
                                    static_cast<std::int64_t>(o.buyers) > o.stock);
    std::cout << "ledger: stock " << check.stock_total << ", remaining " << check.remaining
              << ", ordered units " << check.active_units << ", orders " << check.orders << "\n";
    json::object summary{{"buyers", o.buyers},
                         {"stock", o.stock},
                         {"connections", o.connections},
                         {"accepted", acknowledged.size()},
                         {"time_to_sell_out_ms", sold_out_at},
                         {"accepted_orders_per_s", accepted_per_s},
                         {"p50_ms", percentile(latencies, 0.5)},
                         {"p99_ms", percentile(latencies, 0.99)},
                         {"max_ms", percentile(latencies, 1.0)},
                         {"invariants_hold", check.violations.empty()}};
    std::cout << "summary " << json::serialize(summary) << "\n";
    if (o.wrk_script) write_wrk_script(*o.wrk_script, accounts.buyers.front(), form, body);
    for (const auto& v : check.violations) std::cerr << "INVARIANT BROKEN: " << v << "\n";
    return check.violations.empty() ? 0 : 1;
}

}  // namespace formlympics::bench
