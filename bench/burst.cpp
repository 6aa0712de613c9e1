#include "bench/burst.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

#include "bench/common.hpp"
#include "bench/ledger.hpp"
#include "bench/seed.hpp"
#include "support/http_client.hpp"
#include "support/sse_client.hpp"
#include "util/random.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::bench {
namespace json = boost::json;
using Clock = std::chrono::system_clock;

namespace {

constexpr std::size_t kStreamOpeners = 8;
// With the countdown, the buyers' connections open this long before the opening: well within
// the server's idle timeout, and long enough beside thousands of held streams.
constexpr auto kConnectAhead = std::chrono::seconds(5);

std::string form_json(std::int64_t stock, Clock::time_point opens, bool delivery) {
    json::object form{
        {"title", "Benchmark sale"},
        {"description", "One hot product"},
        {"opens_at", util::format_rfc3339(epoch_millis(opens))},
        {"closes_at", util::format_rfc3339(epoch_millis(opens) + std::int64_t{3600} * 1000)},
        {"deposit_deadline_hours", 24},
        {"bank_account",
         {{"bank", "SHINHAN"}, {"account_number", "110-123-456789"}, {"holder_name", "Bench"}}},
        {"products",
         json::array{json::object{{"name", "Hot item"}, {"price", 10000}, {"stock", stock}}}}};
    if (delivery) {
        form["delivery_options"] =
            json::array{{{"kind", "COURIER"}, {"label", "CJ대한통운"}, {"fee", 3000}},
                        {{"kind", "CONVENIENCE_STORE"}, {"label", "GS25 반값택배"}, {"fee", 1800}}};
        form["free_shipping_over"] = 50000;
    }
    return json::serialize(form);
}

// Publishes a form opening at `opens` as the seller; nullopt, said on stderr, when refused.
std::optional<json::value> publish_form(test::HttpClient& setup, const std::string& seller,
                                        std::int64_t stock, Clock::time_point opens,
                                        bool delivery) {
    auto created = setup.request("POST", "/api/v1/forms", form_json(stock, opens, delivery),
                                 {{"Authorization", "Bearer " + seller}});
    if (created.status != 201) {
        std::cerr << "cannot create a form: " << created.status << " " << created.body << "\n";
        return std::nullopt;
    }
    return created.json();
}

// Buyer i's order: one unit, and with `option` a delivery block of their own, as the web app
// sends it (every field given, so no profile is read).
std::string order_json(std::int64_t product, std::size_t i, std::optional<std::int64_t> option) {
    json::object order{
        {"items", json::array{json::object{{"product_id", product}, {"quantity", 1}}}},
        {"depositor_name", "구매자" + std::to_string(i)}};
    if (option) {
        const auto n = std::to_string(i);
        order["delivery"] = {
            {"option_id", *option},
            {"recipient_name", "구매자" + n},
            {"phone",
             "010-" + std::to_string(1000 + i % 9000) + "-" + std::to_string(1000 + i / 9000)},
            {"address1", "서울특별시 마포구 양화로 " + std::to_string(1 + i % 200) + "길 " +
                             std::to_string(1 + i % 50)},
            {"address2",
             std::to_string(101 + i % 20) + "동 " + std::to_string(1001 + i % 300) + "호"},
            {"zipcode", std::to_string(10000 + i % 89999)}};
    }
    return json::serialize(order);
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

// What one buyer's page load asks for: the form's page and its JSON, or with `whole` what the
// web app asks for when a signed-in buyer reloads the form's page at the opening (the page
// carries the form, a form without coupons, as this one is, needs none of the buyer's, the
// bell's count comes with the stream and the list waits until the bell opens, and the server's
// time was sampled when the page was first opened, before the opening, and is kept for five
// minutes).
std::vector<std::string> page_load_paths(std::int64_t form, bool whole) {
    const auto id = std::to_string(form);
    if (!whole) return {"/forms/" + id, "/api/v1/forms/" + id};
    // What the form page asks once it has loaded in the opening minute: who is signed in, the
    // coupons and the like. It asks for the buyer's earlier orders on the form only after that
    // minute, or where this browser sent an order on it (web/src/components/orders-here.jsx).
    return {"/forms/" + id, "/api/v1/me", "/api/v1/forms/" + id + "/coupons",
            "/api/v1/forms/" + id + "/like"};
}

// Every buyer's page load, buyer by buyer.
std::vector<Exchange> page_loads(std::size_t buyers, const std::vector<std::string>& paths,
                                 const std::vector<std::string>& tokens) {
    std::vector<Exchange> loads(paths.size() * buyers);
    for (std::size_t i = 0; i < buyers; ++i) {
        for (std::size_t k = 0; k < paths.size(); ++k) {
            loads[paths.size() * i + k].request = http_request("GET", paths[k], tokens[i], "");
        }
    }
    return loads;
}

std::size_t count_ok(const std::vector<Exchange>& exchanges) {
    return static_cast<std::size_t>(std::count_if(
        exchanges.begin(), exchanges.end(), [](const Exchange& e) { return e.status == 200; }));
}

}  // namespace

int run_burst(const BurstOptions& o) {
    std::cout << "seeding " << o.buyers << " buyers..." << std::endl;
    const auto accounts =
        seed_accounts(o.database_url, o.jwt_secret, o.buyers, util::random_hex(4));
    test::HttpClient setup(o.port);

    using Mix = BurstOptions::PageMix;
    const bool countdown = o.page_mix == Mix::countdown;
    std::size_t untold = 0;  // streams of the countdown never told the form sold out
    warm_sessions(o.port, o.connections, accounts.buyers);
    // With the countdown the buyers open the form's page before they wait, so the form is
    // published first and opens after the wait.
    if (!countdown) idle_until_opening(o.idle_before_opening);

    const auto opens = Clock::now() + std::chrono::milliseconds(o.lead_ms) +
                       (countdown ? o.idle_before_opening : std::chrono::seconds(0));
    const auto created = publish_form(setup, accounts.seller, o.stock, opens, o.delivery);
    if (!created) return 1;
    const auto& form_value = *created;
    const auto form = form_value.at("id").as_int64();
    const auto product = form_value.at("products").at(0).at("id").as_int64();
    const auto path = "/api/v1/forms/" + std::to_string(form) + "/orders";
    std::optional<std::int64_t> option;
    if (o.delivery) option = form_value.at("delivery_options").at(1).at("id").as_int64();
    const auto paths = page_load_paths(form, o.page_mix == Mix::whole_page || countdown);
    const auto per_buyer = paths.size();
    const auto loads = page_loads(o.buyers, paths, accounts.buyers);
    std::vector<Exchange> orders(o.buyers);
    for (std::size_t i = 0; i < o.buyers; ++i) {
        orders[i].request =
            http_request("POST", path, accounts.buyers[i], order_json(product, i, option));
    }
    std::vector<std::unique_ptr<test::SseClient>> watchers;
    if (o.page_mix != Mix::none) {
        const auto start = Clock::now();
        // Opened from a few threads at once, as buyers' browsers do: each waits for its head.
        watchers.resize(o.streams);
        auto watched = form;
        if (o.streams_on_quiet_form) {
            const auto quiet = publish_form(setup, accounts.seller, o.stock,
                                            Clock::now() + std::chrono::hours(24), o.delivery);
            if (!quiet) return 1;
            watched = quiet->at("id").as_int64();
        }
        const auto stream_path = "/api/v1/forms/" + std::to_string(watched) + "/stream";
        std::vector<std::thread> openers;
        std::vector<std::exception_ptr> failures(kStreamOpeners);
        for (std::size_t t = 0; t < kStreamOpeners; ++t) {
            openers.emplace_back([&, t] {
                try {
                    for (auto i = t; i < watchers.size(); i += kStreamOpeners) {
                        watchers[i] = std::make_unique<test::SseClient>(o.port, stream_path);
                    }
                } catch (...) {
                    failures[t] = std::current_exception();
                }
            });
        }
        for (auto& t : openers) t.join();
        for (auto& f : failures) {
            if (f) std::rethrow_exception(f);
        }
        std::cout << watchers.size() << " form streams open, in "
                  << std::chrono::duration<double>(Clock::now() - start).count() << " s"
                  << std::endl;
    }
    if (o.page_mix == Mix::alongside || countdown) {
        auto first = loads;
        const auto start = Clock::now();
        drive(o.port, o.connections, kDriverThreads, first, start);
        if (Clock::now() >= opens) {
            std::cerr << "the pages loaded before the opening took past it: raise --lead-ms\n";
            return 1;
        }
        std::cout << "every buyer loaded the page and the form before the opening: "
                  << count_ok(first) << " of " << first.size() << " answered 200, in "
                  << std::chrono::duration<double>(Clock::now() - start).count() << " s"
                  << std::endl;
    }
    if (countdown) {
        std::cout << "buyers wait on the page until the opening" << std::endl;
        std::this_thread::sleep_until(opens - kConnectAhead);
    }
    const auto fire_at = opens + std::chrono::milliseconds(20);
    // The buyers' connections are open before the opening, as their phones' are.
    const auto connecting = Clock::now();
    const Connections connections(o.port, o.connections);
    std::optional<Connections> reload_connections;
    if (o.page_mix == Mix::alongside) reload_connections.emplace(o.port, o.connections);
    if (Clock::now() >= fire_at) {
        std::cerr << "opening the connections took past the opening: raise --lead-ms\n";
        return 1;
    }
    std::cout << o.connections << " connections open (in "
              << std::chrono::duration<double>(Clock::now() - connecting).count()
              << " s), buyers signed in; firing at the opening instant" << std::endl;
    std::vector<Exchange> reloads;
    if (o.page_mix == Mix::before_order || o.page_mix == Mix::whole_page) {
        // Each buyer's loads, then their order, in one queue.
        std::vector<Exchange> queue;
        queue.reserve((per_buyer + 1) * o.buyers);
        for (std::size_t i = 0; i < o.buyers; ++i) {
            for (std::size_t k = 0; k < per_buyer; ++k) queue.push_back(loads[per_buyer * i + k]);
            queue.push_back(std::move(orders[i]));
        }
        drive(connections, kDriverThreads, queue, fire_at);
        for (std::size_t i = 0; i < o.buyers; ++i) {
            for (std::size_t k = 0; k < per_buyer; ++k) {
                reloads.push_back(std::move(queue[(per_buyer + 1) * i + k]));
            }
            orders[i] = std::move(queue[(per_buyer + 1) * i + per_buyer]);
        }
    } else if (o.page_mix == Mix::alongside) {
        reloads = loads;
        std::exception_ptr failed;
        std::thread reloading([&] {
            try {
                drive(*reload_connections, kDriverThreads, reloads, fire_at);
            } catch (...) {
                failed = std::current_exception();
            }
        });
        drive(connections, kDriverThreads, orders, fire_at);
        reloading.join();
        if (failed) std::rethrow_exception(failed);
    } else {
        drive(connections, kDriverThreads, orders, fire_at);
    }
    const auto stats = summarize(orders, fire_at);
    print(stats, o.buyers, "accepted");
    if (o.page_mix != Mix::none) {
        // Every request answered by the last acceptance, orders and loads alike: the rate the
        // server answered at while the stock lasted.
        const auto sold_out =
            fire_at +
            std::chrono::microseconds(static_cast<std::int64_t>(stats.last_success_ms * 1000));
        std::size_t answered = 0;
        for (const auto* list : {&orders, &reloads}) {
            answered += static_cast<std::size_t>(
                std::count_if(list->begin(), list->end(),
                              [&](const Exchange& e) { return e.answered <= sold_out; }));
        }
        std::cout << "requests answered until the last acceptance: " << answered << " ("
                  << 1000.0 * static_cast<double>(answered) / stats.last_success_ms << " req/s)"
                  << std::endl;
    }
    if (countdown && !o.streams_on_quiet_form) {
        // Every page still waiting on the form is told it sold out: the form watch tells 10,000
        // streams a second, so 20,000 within two seconds of the read that found it sold out.
        std::this_thread::sleep_for(std::chrono::seconds(4));
        std::size_t told = 0;
        for (auto& w : watchers) {
            w->pump();
            const auto events = w->take();
            told += std::any_of(events.begin(), events.end(),
                                [](const test::SseEvent& e) { return e.event == "sold_out"; })
                        ? 1
                        : 0;
        }
        std::cout << "form streams told the form sold out: " << told << " of " << watchers.size()
                  << std::endl;
        if (told != watchers.size()) untold = watchers.size() - told;
    }
    if (o.page_mix != Mix::none) {
        std::size_t streaming = 0;
        for (auto& w : watchers) streaming += w->pump() ? 1 : 0;
        if (!countdown) {
            std::cout << "page loads' requests at the opening answered 200: " << count_ok(reloads)
                      << " of " << reloads.size() << "; ";
        }
        std::cout << "form streams still open: " << streaming << std::endl;
    }

    std::vector<std::int64_t> acknowledged;
    for (const auto& e : orders) {
        if (e.status == 201) acknowledged.push_back(json::parse(e.body).at("id").as_int64());
    }
    const double accepted_per_s =
        acknowledged.empty()
            ? 0
            : 1000.0 * static_cast<double>(acknowledged.size()) / stats.last_success_ms;

    const auto check = check_ledger(setup, accounts.seller, form, acknowledged,
                                    static_cast<std::int64_t>(o.buyers) > o.stock);
    std::cout << "ledger: stock " << check.stock_total << ", remaining " << check.remaining
              << ", ordered units " << check.active_units << ", orders " << check.orders << "\n";
    json::object summary{{"buyers", o.buyers},
                         {"stock", o.stock},
                         {"connections", o.connections},
                         {"accepted", acknowledged.size()},
                         {"time_to_sell_out_ms", stats.last_success_ms},
                         {"accepted_orders_per_s", accepted_per_s},
                         {"p50_ms", stats.p50_ms},
                         {"p99_ms", stats.p99_ms},
                         {"max_ms", stats.max_ms},
                         {"invariants_hold", check.violations.empty()}};
    std::cout << "summary " << json::serialize(summary) << "\n";
    if (o.wrk_script) {
        write_wrk_script(*o.wrk_script, accounts.buyers.front(), form,
                         order_json(product, 0, option));
    }
    for (const auto& v : check.violations) std::cerr << "INVARIANT BROKEN: " << v << "\n";
    if (untold > 0) std::cerr << "PAGES NOT TOLD: " << untold << " streams never heard sold out\n";
    return check.violations.empty() && untold == 0 ? 0 : 1;
}

}  // namespace formlympics::bench
