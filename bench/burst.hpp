#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace formlympics::bench {

struct BurstOptions {
    std::uint16_t port = 8080;  // the server, on 127.0.0.1
    std::string database_url;   // the server's database, for seeding accounts
    std::string jwt_secret;     // the server's token secret
    std::size_t buyers = 20000;
    std::int64_t stock = 1000;
    std::size_t connections = 256;
    std::int64_t lead_ms = 3000;  // the form opens this long after setup
    // Buyers open the page this long before the opening, then wait, as real buyers do (caches
    // that keep a profile for seconds have long forgotten them by then).
    std::chrono::seconds idle_before_opening{60};
    std::optional<std::string> wrk_script;  // where to write a wrk script of sold-out orders
    // The form delivers (courier or convenience store) and each order names its recipient and
    // address, as a goods sale does; off, orders carry no delivery, for a side-by-side run.
    bool delivery = true;
    // What buyers load besides their order. `streams` of them hold the form's live stream open
    // through the burst whenever pages are loaded.
    enum class PageMix {
        none,  // buyers only order
        // Each buyer loads the form's page and its JSON right before ordering, at the opening
        // instant: every buyer reloads, and each order waits behind its own loads.
        before_order,
        // Each buyer loads the page and the JSON once before the opening, as the web app does
        // when the link is opened, and orders at the opening; at the same instant as many loads
        // again arrive on connections of their own, alongside the orders (buyers who reload).
        alongside,
        // Each buyer, signed in, reloads the form's page right before ordering at the opening
        // and asks for all the web app asks for then (their profile, the server's clock three
        // times, their coupons and the form's, their likes, their notifications), as
        // `before_order` does for the page and the form's JSON.
        whole_page,
        // Each buyer opens the form's page during the countdown, as the web app's buyers do:
        // the page and what the signed-in page asks for, with the form's live stream held open
        // (`streams` of them) through the idle wait and the opening; at the opening the order
        // goes out alone, at the tap, with no reload.
        countdown,
    };
    PageMix page_mix = PageMix::none;
    std::size_t streams = 500;
    // The streams watch a second form, opening a day later, that nothing changes: what holding
    // them costs the opening, apart from telling them the sale's stock.
    bool streams_on_quiet_form = false;
};

// Signs up the buyers, publishes a form opening shortly, holds `connections` connections until
// the opening instant, fires one order per buyer, reports counts, throughput and latency, then
// checks the sale's invariants through the API. Returns the process exit status: 0 when every
// invariant held, 1 otherwise.
int run_burst(const BurstOptions& options);

}  // namespace formlympics::bench
