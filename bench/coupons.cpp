#include "bench/coupons.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "bench/common.hpp"
#include "bench/seed.hpp"
#include "support/http_client.hpp"
#include "util/random.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::bench {
namespace json = boost::json;
using Clock = std::chrono::system_clock;

namespace {}  // namespace

int run_coupons(const BurstOptions& o) {
    std::cout << "seeding " << o.buyers << " users..." << std::endl;
    const auto accounts =
        seed_accounts(o.database_url, o.jwt_secret, o.buyers, util::random_hex(4));
    test::HttpClient setup(o.port);
    warm_sessions(o.port, o.connections, accounts.buyers);
    idle_until_opening(o.idle_before_opening);

    const auto form_id = publish_open_form(o.port, accounts.seller, "Coupon benchmark", 1);
    const auto opens = Clock::now() + std::chrono::milliseconds(o.lead_ms);
    auto coupon = setup.request("POST", "/api/v1/forms/" + std::to_string(form_id) + "/coupons",
                                json::serialize(json::object{
                                    {"name", "Opening coupon"},
                                    {"discount", 1000},
                                    {"quantity", o.stock},
                                    {"claim_opens_at", util::format_rfc3339(epoch_millis(opens))}}),
                                {{"Authorization", "Bearer " + accounts.seller}});
    if (coupon.status != 201) {
        std::cerr << "cannot create the coupon: " << coupon.status << " " << coupon.body << "\n";
        return 1;
    }
    const auto coupon_id = coupon.json().at("id").as_int64();
    const auto path = "/api/v1/coupons/" + std::to_string(coupon_id) + "/claims";
    std::vector<Exchange> claims(o.buyers);
    for (std::size_t i = 0; i < o.buyers; ++i) {
        claims[i].request = http_request("POST", path, accounts.buyers[i], "");
    }
    const auto fire_at = opens + std::chrono::milliseconds(20);
    std::cout << o.connections << " connections open; claiming at the opening instant" << std::endl;
    drive(o.port, o.connections, kDriverThreads, claims, fire_at);
    const auto stats = summarize(claims, fire_at);
    print(stats, o.buyers, "issued");

    const auto listed =
        setup.request("GET", "/api/v1/forms/" + std::to_string(form_id) + "/coupons");
    const auto remaining = listed.json().at("items").at(0).at("remaining").as_int64();
    const auto expected = std::min<std::int64_t>(o.stock, static_cast<std::int64_t>(o.buyers));
    const bool exact =
        static_cast<std::int64_t>(stats.successes) == expected && remaining == o.stock - expected;
    std::cout << "coupon: quantity " << o.stock << ", issued " << stats.successes << ", remaining "
              << remaining << (exact ? " (exact)" : " (NOT EXACT)") << std::endl;
    if (!exact) std::cerr << "INVARIANT BROKEN: expected " << expected << " issued\n";
    return exact ? 0 : 1;
}

}  // namespace formlympics::bench
