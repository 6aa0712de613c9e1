// The sale engine under a burst, through the real server on SQLite and on PostgreSQL: exactly
// the stock is sold, never more, nothing acknowledged is lost, and no buyer exceeds the limit.
// The negative control runs a check-then-act path through the same harness and checks, and must
// be caught overselling.
#include <map>
#include <set>
#include <thread>

#include "integration/sale_fixture.hpp"
#include "support/burst.hpp"
#include "support/check_then_act.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

using Items = std::vector<std::pair<std::int64_t, std::int64_t>>;

// What the API says after the burst.
struct Ledger {
    std::map<std::int64_t, std::int64_t> remaining;  // per product
    std::map<std::int64_t, std::int64_t> active;     // units in active orders
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> per_buyer;
    std::set<std::int64_t> order_ids;
};

Ledger ledger(HttpClient& client, const std::string& seller, std::int64_t form) {
    Ledger l;
    const auto path = "/api/v1/forms/" + std::to_string(form);
    const auto f = client.request("GET", path).json();
    for (const auto& p : f.at("products").as_array()) {
        l.remaining[p.at("id").as_int64()] = p.at("stock_remaining").as_int64();
    }
    std::string cursor;
    do {
        const auto page =
            call(client, seller, "GET",
                 path + "/orders?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor))
                .json();
        for (const auto& o : page.at("items").as_array()) {
            l.order_ids.insert(o.at("id").as_int64());
            const auto status = o.at("status").as_string();
            if (status == "CANCELLED" || status == "EXPIRED") continue;
            for (const auto& item : o.at("items").as_array()) {
                const auto product = item.at("product_id").as_int64();
                l.active[product] += item.at("quantity").as_int64();
                l.per_buyer[{o.at("buyer_id").as_int64(), product}] +=
                    item.at("quantity").as_int64();
            }
        }
        cursor =
            page.at("next_cursor").is_null() ? "" : std::string(page.at("next_cursor").as_string());
    } while (!cursor.empty());
    return l;
}

struct Scenario {
    std::int64_t stock;
    bool multi_item;     // every order takes one of each of two products
    bool two_per_buyer;  // each buyer sends two orders at once against a limit of one
    bool cancellations;  // every tenth acknowledged order is cancelled at once, racing the buys
};

class SaleConcurrencyTest : public SaleTest {
  protected:
    void check(const Scenario& s, const json::object& form,
               const std::vector<std::int64_t>& acked) {
        const auto l = ledger(client_, seller_, id(form));
        // Nothing acknowledged is lost, and nothing was created twice.
        EXPECT_EQ(l.order_ids.size(), acked.size());
        for (auto o : acked) EXPECT_TRUE(l.order_ids.count(o)) << "lost order " << o;
        for (const auto& [product, left] : l.remaining) {
            EXPECT_GE(left, 0);
            EXPECT_EQ(s.stock, left + l.active.at(product)) << "product " << product;
            if (!s.cancellations) {
                EXPECT_EQ(left, 0) << "undersold product " << product;
            }
        }
        for (const auto& [key, quantity] : l.per_buyer) {
            if (s.two_per_buyer) {
                EXPECT_LE(quantity, 1) << "buyer " << key.first;
            }
        }
        EXPECT_EQ(stock_violations(id(form)), std::vector<std::string>{});
    }

    // What the database itself says is wrong with a form's stock: any product whose remaining
    // stock is below zero, or below what its active orders hold.
    std::vector<std::string> stock_violations(std::int64_t form) {
        SqlProbe db(server_.database_url());
        std::vector<std::string> out;
        const auto products = db.db().read_result([&](store::SqlSession& s) {
            return s.query(
                "SELECT id, stock_total, stock_remaining FROM products WHERE form_id = $1",
                store::SqlParams().add(form));
        });
        for (std::size_t i = 0; i < products.size(); ++i) {
            const auto product = products.int64(i, 0);
            const auto total = products.int64(i, 1), remaining = products.int64(i, 2);
            const auto held = db.scalar(
                "SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = "
                "i.order_id WHERE i.product_id = $1 AND o.status IN ('CREATED', 'PAID', "
                "'SHIPPED', 'DELIVERED')",
                store::SqlParams().add(product));
            const auto name = "product " + std::to_string(product) + ": ";
            if (remaining < 0) out.push_back(name + "stock below zero");
            if (held > total) out.push_back(name + "sold more than its stock");
            if (total - remaining != held) out.push_back(name + "stock not what was sold");
        }
        return out;
    }

    void run(const Scenario& s) {
        const std::int64_t limit = s.two_per_buyer ? 1 : 0;
        std::vector<TestProduct> products = {{"Red", 1000, s.stock, limit}};
        if (s.multi_item) products.push_back({"Blue", 2000, s.stock, limit});
        auto form = open_form(products);
        const auto buyers = static_cast<std::size_t>(s.stock * 10);
        const auto tokens = seeder_.users(buyers, "buyer");
        Items items = {{product(form, 0), 1}};
        if (s.multi_item) items.push_back({product(form, 1), 1});
        const auto path = form_path(form) + "/orders";
        const std::size_t per_buyer = s.two_per_buyer ? 2 : 1;
        auto acked =
            burst(server_.port(), buyers * per_buyer, 32, [&](std::size_t i, HttpClient& c) {
                const auto& token = tokens[i % buyers];
                auto r = call(c, token, "POST", path, order_body(items));
                EXPECT_TRUE(r.status == 201 || r.status == 409 || r.status == 422)
                    << r.status << r.body;
                if (r.status != 201) return std::optional<std::int64_t>{};
                const auto order = id(r.json());
                if (s.cancellations && i % 10 == 0) {
                    auto cancel = call(c, token, "POST",
                                       "/api/v1/orders/" + std::to_string(order) + "/cancellation");
                    EXPECT_EQ(cancel.status, 200);
                }
                return std::optional(order);
            });
        check(s, form, acked);
    }
};

TEST_P(SaleConcurrencyTest, OneUnitTenBuyers) { run({1, false, false, false}); }

TEST_P(SaleConcurrencyTest, RefusedAttemptsReachTheFailureLog) {
    run({1, false, false, false});
    const auto form =
        client_.request("GET", "/api/v1/forms").json().at("items").at(0).at("id").as_int64();
    std::vector<std::pair<std::string, std::int64_t>> summary;
    for (int i = 0; i < 60 && summary.empty(); ++i) {  // the log flushes once a second
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        summary = seeder_.store().orders().failure_summary(form);
    }
    using Summary = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(summary, (Summary{{"sold_out", 9}}));
}
TEST_P(SaleConcurrencyTest, TenUnitsOfTwoProductsHundredBuyersEachAllOrNothing) {
    run({10, true, false, false});
}
TEST_P(SaleConcurrencyTest, TenUnitsHundredBuyersSendingTwiceAgainstALimitOfOne) {
    run({10, false, true, false});
}
TEST_P(SaleConcurrencyTest, HundredUnitsThousandBuyersWithCancellationsRacing) {
    run({100, false, false, true});
}

// Option groups: 20 buyers each send six orders of one card, alternating versions A and B, at
// once. The group allows two cards per buyer; per-option limits of three stand in for the group
// limit in the control. Stock (30 of each) outlasts what the group allows (40), so every buyer
// ends with exactly two; without the group limit the 60 cards are all sold, so by pigeonhole
// some buyer holds three or more, which the same count must see.
class OptionGroupBurst : public SaleConcurrencyTest {
  protected:
    static constexpr std::size_t kBuyers = 20;
    // Each buyer's cards of the group after the burst; checks each option's stock.
    std::map<std::int64_t, std::int64_t> burst_cards(const json::object& form) {
        const auto tokens = seeder_.users(kBuyers, "fan");
        const auto path = form_path(form) + "/orders";
        auto acked = burst(server_.port(), kBuyers * 6, 32, [&](std::size_t i, HttpClient& c) {
            const auto version = product(form, (i / kBuyers) % 2);
            auto r = call(c, tokens[i % kBuyers], "POST", path, order_body({{version, 1}}));
            EXPECT_TRUE(r.status == 201 || r.status == 409 || r.status == 422)
                << r.status << r.body;
            return r.status == 201 ? std::optional(id(r.json())) : std::nullopt;
        });
        const auto l = ledger(client_, seller_, id(form));
        EXPECT_EQ(l.order_ids.size(), acked.size());
        for (const auto& [product, left] : l.remaining) {
            EXPECT_EQ(30, left + l.active.at(product)) << "product " << product;
        }
        EXPECT_EQ(stock_violations(id(form)), std::vector<std::string>{});
        std::map<std::int64_t, std::int64_t> cards;
        for (const auto& [key, quantity] : l.per_buyer) cards[key.first] += quantity;
        return cards;
    }
};

TEST_P(OptionGroupBurst, EachOptionSellsItsStockAndNoBuyerPassesTheGroupLimit) {
    const auto form = open_form({{"Card A", 1000, 30, 0, "Photo card", "Version A", 2},
                                 {"Card B", 1000, 30, 0, "Photo card", "Version B"}});
    const auto cards = burst_cards(form);
    EXPECT_EQ(cards.size(), kBuyers);
    for (const auto& [buyer, n] : cards) EXPECT_EQ(n, 2) << "buyer " << buyer;
}

TEST_P(OptionGroupBurst, NegativeControlPerOptionLimitsAloneLetBuyersPastTwoAndAreCaught) {
    const auto form = open_form({{"Card A", 1000, 30, 3, "Photo card", "Version A"},
                                 {"Card B", 1000, 30, 3, "Photo card", "Version B"}});
    const auto cards = burst_cards(form);
    std::int64_t most = 0, sold = 0;
    for (const auto& [buyer, n] : cards) {
        most = std::max(most, n);
        sold += n;
    }
    EXPECT_EQ(sold, 60);
    EXPECT_GT(most, 2) << "the per-buyer count cannot see a buyer past the group's limit";
}

INSTANTIATE_TEST_SUITE_P(Stores, OptionGroupBurst,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

// Negative control: the same burst and the same checks against the check-then-act path. The
// checks must see the oversell; if they did not, the tests above would prove nothing.
TEST_P(SaleConcurrencyTest, NegativeControlCheckThenActOversellsAndIsCaught) {
    auto form = open_form({{"Red", 1000, 1}});
    const auto tokens = seeder_.users(10, "naive");
    // A window wide enough that the racers overlap on a loaded machine too.
    CheckThenAct naive(server_.database_url(), std::chrono::milliseconds(100));
    auto acked = burst(server_.port(), 10, 10, [&](std::size_t i, HttpClient&) {
        return naive.place(id(form), product(form, 0), UserSeeder::id_of(tokens[i]), 1);
    });
    const auto l = ledger(client_, seller_, id(form));
    const auto red = product(form, 0);
    EXPECT_EQ(l.order_ids.size(), acked.size());
    EXPECT_GT(l.active.at(red), 1) << "check-then-act did not oversell; the harness cannot see it";
    EXPECT_NE(1, l.remaining.at(red) + l.active.at(red)) << "the stock check missed the oversell";
    const auto found = stock_violations(id(form));
    const auto name = "product " + std::to_string(red) + ": ";
    EXPECT_NE(std::find(found.begin(), found.end(), name + "sold more than its stock"), found.end())
        << "the database check missed the oversell";
}

INSTANTIATE_TEST_SUITE_P(Stores, SaleConcurrencyTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
