#include "bench/ledger.hpp"

#include <boost/json.hpp>
#include <set>

namespace formlympics::bench {

LedgerCheck check_ledger(test::HttpClient& client, const std::string& seller, std::int64_t form,
                         const std::vector<std::int64_t>& acknowledged, bool demand_exceeded) {
    LedgerCheck c;
    const auto path = "/api/v1/forms/" + std::to_string(form);
    const auto f = client.request("GET", path).json();
    for (const auto& p : f.at("products").as_array()) {
        c.stock_total += p.at("stock_total").as_int64();
        c.remaining += p.at("stock_remaining").as_int64();
    }
    std::set<std::int64_t> seen;
    std::string cursor;
    do {
        const auto r = client.request(
            "GET", path + "/orders?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), "",
            {{"Authorization", "Bearer " + seller}});
        const auto page = r.json();
        for (const auto& o : page.at("items").as_array()) {
            seen.insert(o.at("id").as_int64());
            const auto status = o.at("status").as_string();
            if (status == "CANCELLED" || status == "EXPIRED") continue;
            for (const auto& i : o.at("items").as_array())
                c.active_units += i.at("quantity").as_int64();
        }
        cursor =
            page.at("next_cursor").is_null() ? "" : std::string(page.at("next_cursor").as_string());
    } while (!cursor.empty());
    c.orders = seen.size();
    if (c.remaining < 0) c.violations.push_back("stock went negative");
    if (c.stock_total != c.remaining + c.active_units) {
        c.violations.push_back("stock " + std::to_string(c.stock_total) + " != remaining " +
                               std::to_string(c.remaining) + " + ordered " +
                               std::to_string(c.active_units));
    }
    for (auto id : acknowledged) {
        if (!seen.count(id))
            c.violations.push_back("acknowledged order " + std::to_string(id) + " is missing");
    }
    if (seen.size() != acknowledged.size()) {
        c.violations.push_back(std::to_string(seen.size()) + " orders stored but " +
                               std::to_string(acknowledged.size()) + " acknowledged");
    }
    if (demand_exceeded && c.remaining != 0) c.violations.push_back("undersold: stock left over");
    return c;
}

}  // namespace formlympics::bench
