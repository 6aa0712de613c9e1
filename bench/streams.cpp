#include "bench/streams.hpp"

#include <poll.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "bench/common.hpp"
#include "bench/seed.hpp"
#include "support/http_client.hpp"
#include "support/sse_client.hpp"
#include "util/random.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::bench {
namespace json = boost::json;
using Steady = std::chrono::steady_clock;

namespace {

// The server's resident memory in KiB.
long rss_kib(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

std::unique_ptr<test::SseClient> open_stream(std::uint16_t port, const std::string& token) {
    return std::make_unique<test::SseClient>(
        port, "/api/v1/me/notifications/stream",
        test::SseClient::Headers{{"Authorization", "Bearer " + token}});
}

// Likes a form of the first stream's user until one reaches that stream within a second and
// nothing else is on the way: a bus that is still settling (a Kafka consumer group joining
// takes seconds) is not timed. False when it never settles.
bool settle(std::uint16_t port, test::SseClient& stream, const std::vector<std::string>& tokens) {
    const auto form = publish_open_form(port, tokens[0], "Settling", 1);
    test::HttpClient c(port);
    for (std::size_t attempt = 1; attempt < 60 && attempt < tokens.size(); ++attempt) {
        const auto start = Steady::now();
        c.request("PUT", "/api/v1/forms/" + std::to_string(form) + "/like", "",
                  {{"Authorization", "Bearer " + tokens[attempt]}});
        if (!stream.next(std::chrono::seconds(5))) continue;
        const bool fast = Steady::now() - start < std::chrono::seconds(1);
        while (stream.next(std::chrono::milliseconds(300))) {  // late ones from before
        }
        if (fast) return true;
    }
    return false;
}

}  // namespace

int run_streams(const StreamOptions& o) {
    const auto users = std::max(o.held, o.live * 2);
    std::cout << "seeding " << users << " users..." << std::endl;
    const auto accounts = seed_accounts(o.database_url, o.jwt_secret, users, util::random_hex(4));
    const auto& tokens = accounts.buyers;

    // 1. Streams held, and memory per stream: each user loaded the page, waited, and opens a
    // stream at the opening.
    warm_sessions(o.port, 256, std::vector<std::string>(tokens.begin(), tokens.begin() + o.held));
    idle_until_opening(o.idle_before_opening);
    const auto before = rss_kib(o.server_pid);
    std::vector<std::unique_ptr<test::SseClient>> streams;
    const auto t0 = Steady::now();
    for (std::size_t i = 0; i < o.held; ++i) {
        streams.push_back(open_stream(o.port, tokens[i]));
        if (streams.back()->status() != 200) {
            std::cerr << "stream " << i << " refused: " << streams.back()->status() << "\n";
            return 1;
        }
    }
    const auto opening = std::chrono::duration<double>(Steady::now() - t0).count();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto after = rss_kib(o.server_pid);
    std::size_t alive = 0;
    for (auto& s : streams) alive += s->pump() ? 1 : 0;
    std::cout << "streams held: " << alive << " of " << o.held << " open (opened in " << opening
              << " s)\n"
              << "server memory: " << before << " KiB before, " << after << " KiB after: "
              << static_cast<double>(after - before) * 1024 / static_cast<double>(o.held)
              << " bytes per stream\n";
    streams.resize(o.live);

    // 2. Like -> stream latency with `live` streams: each of the first `live` users owns a form;
    // the others like them, one like per (liker, form), so each like is one notification.
    std::vector<std::int64_t> forms;
    for (std::size_t i = 0; i < o.live; ++i) {
        forms.push_back(publish_open_form(o.port, tokens[i], "Stream benchmark", 1));
    }
    const auto settling = Steady::now();
    if (!settle(o.port, *streams[0], tokens)) {
        std::cerr << "likes never reached a stream within a second\n";
        return 1;
    }
    std::cout << "pipeline settled in "
              << std::chrono::duration<double>(Steady::now() - settling).count() << " s\n";
    std::mutex mutex;
    std::map<std::pair<std::int64_t, std::int64_t>, Steady::time_point> sent;  // by form, liker
    std::vector<double> latencies;
    std::atomic<bool> sending{true};
    std::thread sender([&] {
        test::HttpClient c(o.port);
        const auto gap = std::chrono::microseconds(1'000'000 / o.rate);
        auto next = Steady::now();
        for (std::size_t n = 0; n < o.likes; ++n) {
            const auto owner = n % o.live;
            const auto liker = o.live + (n / o.live) % (users - o.live);
            const auto& token = tokens[liker];
            std::this_thread::sleep_until(next);
            next += gap;
            {
                std::lock_guard lock(mutex);
                sent[{forms[owner], accounts.buyer_ids[liker]}] = Steady::now();
            }
            c.request("PUT", "/api/v1/forms/" + std::to_string(forms[owner]) + "/like", "",
                      {{"Authorization", "Bearer " + token}});
        }
        sending = false;
    });
    std::vector<pollfd> fds(streams.size());
    auto quiet_since = Steady::now();
    while (sending || Steady::now() - quiet_since < std::chrono::seconds(2)) {
        for (std::size_t i = 0; i < streams.size(); ++i) fds[i] = {streams[i]->fd(), POLLIN, 0};
        ::poll(fds.data(), fds.size(), 20);
        const auto arrived = Steady::now();
        for (auto& s : streams) {
            s->pump();
            for (const auto& e : s->take()) {
                const auto data = json::parse(e.data).at("data");
                const auto form = data.at("form_id").as_int64();
                const auto liker = data.at("user_id").as_int64();
                std::lock_guard lock(mutex);
                auto it = sent.find({form, liker});
                if (it == sent.end()) continue;
                latencies.push_back(
                    std::chrono::duration<double, std::milli>(arrived - it->second).count());
                sent.erase(it);
                quiet_since = arrived;
            }
        }
    }
    sender.join();
    std::cout << "like -> stream with " << streams.size() << " streams: " << latencies.size()
              << " of " << o.likes << " likes arrived; p50 " << percentile(latencies, 0.50)
              << " ms, p99 " << percentile(latencies, 0.99) << " ms, max "
              << percentile(latencies, 1.0) << " ms\n";
    return latencies.size() == o.likes ? 0 : 1;
}

}  // namespace formlympics::bench
