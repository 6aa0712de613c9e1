// formlympics-bench: load generator for a running Formlympics server.
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/burst.hpp"
#include "bench/coupons.hpp"
#include "bench/kafka_mock.hpp"
#include "bench/streams.hpp"
#include "redis/redis_coupon_gate.hpp"

namespace {

constexpr const char* kUsage =
    R"(Usage: formlympics-bench burst|coupons|streams [options] | gate-script | kafka-mock
  burst: one order per buyer on a hot product; coupons: one claim per user on one coupon;
  streams: notification streams held, memory per stream, like -> stream latency
  --port N            server port on 127.0.0.1 (8080)
  --database-url URL  the server's database, to seed accounts (required)
  --buyers N          buyers, one order each (20000)
  --stock N           units of the one hot product, or coupons to issue (1000)
  --connections N     connections held open until the opening instant (256)
  --lead-ms N         how long after setup the form opens (3000)
  --idle-before-opening S  seconds buyers wait after loading the page, before the opening (60)
  --wrk-script PATH   write a wrk script that orders the sold-out product
  --delivery yes|no   the form delivers and each order carries a recipient and address (yes)
  --page-mix no|yes|alongside|whole-page|countdown  yes: each buyer loads the form's page and
                      JSON right before ordering, at the opening; alongside: each buyer loads them
                      before the opening, and at the opening as many loads again come on
                      connections of their own beside the orders; whole-page: as yes, with every
                      request the web app makes when a signed-in buyer reloads the page in the
                      opening minute; countdown: each buyer opens the page (every request the web
                      app makes) when the form is published, waits on it through
                      --idle-before-opening and orders at the opening without a reload;
                      with any, --streams N (500) of them hold the form's live stream open
                      through the burst (no)
  --streams-on sale|quiet  which form the streams watch: the sale's (sale), or a second form,
                      opening a day later, that nothing changes (quiet), to weigh holding them
                      apart from telling them
  streams: --server-pid N (to read its memory), --held N (10000) streams opened,
           --live N (1000) kept while --likes N (2000) are sent at --rate N (200) per second
gate-script prints the coupon gate's Lua check; kafka-mock holds a mock Kafka cluster with the
  formlympics.* topics, prints its bootstrap servers and runs until SIGINT or SIGTERM.
FORMLYMPICS_JWT_SECRET must hold the server's secret (to sign the seeded buyers' tokens).
)";

}  // namespace

int main(int argc, char** argv) {
    formlympics::bench::BurstOptions o;
    formlympics::bench::StreamOptions so;
    const std::string scenario = argc >= 2 ? argv[1] : "";
    if (scenario == "gate-script") {  // the coupon gate's Lua check, for redis-benchmark
        std::cout << formlympics::redis::RedisCouponGate::check_script();
        return 0;
    }
    if (scenario == "kafka-mock") return formlympics::bench::run_kafka_mock("formlympics", 4);
    if (scenario != "burst" && scenario != "coupons" && scenario != "streams") {
        std::cerr << kUsage;
        return 2;
    }
    for (int i = 2; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            std::cerr << "formlympics-bench: " << flag << " needs a value\n";
            return 2;
        }
        const std::string value = argv[++i];
        try {
            if (flag == "--port")
                o.port = static_cast<std::uint16_t>(std::stoi(value));
            else if (flag == "--database-url")
                o.database_url = value;
            else if (flag == "--buyers")
                o.buyers = std::stoul(value);
            else if (flag == "--stock")
                o.stock = std::stoll(value);
            else if (flag == "--connections")
                o.connections = std::stoul(value);
            else if (flag == "--lead-ms")
                o.lead_ms = std::stoll(value);
            else if (flag == "--idle-before-opening")
                o.idle_before_opening = so.idle_before_opening =
                    std::chrono::seconds(std::stoll(value));
            else if (flag == "--wrk-script")
                o.wrk_script = value;
            else if (flag == "--delivery" && (value == "yes" || value == "no"))
                o.delivery = value == "yes";
            else if (flag == "--page-mix" && value == "no")
                o.page_mix = formlympics::bench::BurstOptions::PageMix::none;
            else if (flag == "--page-mix" && value == "yes")
                o.page_mix = formlympics::bench::BurstOptions::PageMix::before_order;
            else if (flag == "--page-mix" && value == "alongside")
                o.page_mix = formlympics::bench::BurstOptions::PageMix::alongside;
            else if (flag == "--page-mix" && value == "whole-page")
                o.page_mix = formlympics::bench::BurstOptions::PageMix::whole_page;
            else if (flag == "--page-mix" && value == "countdown")
                o.page_mix = formlympics::bench::BurstOptions::PageMix::countdown;
            else if (flag == "--streams")
                o.streams = std::stoul(value);
            else if (flag == "--streams-on" && (value == "sale" || value == "quiet"))
                o.streams_on_quiet_form = value == "quiet";
            else if (flag == "--server-pid")
                so.server_pid = std::stoi(value);
            else if (flag == "--held")
                so.held = std::stoul(value);
            else if (flag == "--live")
                so.live = std::stoul(value);
            else if (flag == "--likes")
                so.likes = std::stoul(value);
            else if (flag == "--rate")
                so.rate = std::stoul(value);
            else {
                std::cerr << "formlympics-bench: unknown option " << flag << "\n" << kUsage;
                return 2;
            }
        } catch (const std::exception&) {
            std::cerr << "formlympics-bench: invalid value for " << flag << ": " << value << "\n";
            return 2;
        }
    }
    const char* secret = std::getenv("FORMLYMPICS_JWT_SECRET");
    if (o.database_url.empty() || secret == nullptr) {
        std::cerr << kUsage;
        return 2;
    }
    o.jwt_secret = secret;
    try {
        if (scenario == "streams") {
            so.port = o.port;
            so.database_url = o.database_url;
            so.jwt_secret = o.jwt_secret;
            return formlympics::bench::run_streams(so);
        }
        return scenario == "burst" ? formlympics::bench::run_burst(o)
                                   : formlympics::bench::run_coupons(o);
    } catch (const std::exception& e) {
        std::cerr << "formlympics-bench: " << e.what() << "\n";
        return 1;
    }
}
