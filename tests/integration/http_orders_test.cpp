// Orders through the real server, on SQLite and on PostgreSQL.
#include <latch>
#include <set>
#include <thread>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using HttpOrdersTest = SaleTest;

std::string order_path(std::int64_t id) { return "/api/v1/orders/" + std::to_string(id); }

TEST_P(HttpOrdersTest, AnOrderGoesFromCreatedToDelivered) {
    auto form = open_form({{"Red", 5000, 5}, {"Blue", 7000, 5}});
    auto r = order(buyer_, form, {{product(form, 0), 2}, {product(form, 1), 1}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto o = r.json().as_object();
    EXPECT_EQ(o.at("status").as_string(), "CREATED");
    EXPECT_EQ(o.at("total").as_int64(), 17000);
    EXPECT_EQ(o.at("items").at(0).at("unit_price").as_int64(), 5000);
    EXPECT_EQ(o.at("deposit").at("account_number").as_string(), "110-123-456789");
    EXPECT_EQ(o.at("deposit").at("amount").as_int64(), 17000);
    EXPECT_EQ(o.at("deposit").at("depositor_name").as_string(), "Depositor");
    const auto path = order_path(id(o));
    EXPECT_EQ(remaining(form, 0), 3);

    EXPECT_EQ(call(client_, buyer_, "POST", path + "/deposit-confirmation").status, 403);
    EXPECT_EQ(
        call(client_, seller_, "POST", path + "/shipment", R"({"tracking_number":"X"})").status,
        409);
    r = call(client_, seller_, "POST", path + "/deposit-confirmation");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("status").as_string(), "PAID");
    EXPECT_EQ(call(client_, buyer_, "POST", path + "/cancellation").status, 409);
    EXPECT_EQ(call(client_, seller_, "POST", path + "/shipment", "{}").status, 422);
    r = call(client_, seller_, "POST", path + "/shipment", R"({"tracking_number":"CJ-1234"})");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("tracking_number").as_string(), "CJ-1234");
    r = call(client_, seller_, "POST", path + "/delivery");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("status").as_string(), "DELIVERED");
    r = call(client_, seller_, "POST", path + "/cancellation");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(code(r), "invalid_transition");
    EXPECT_EQ(remaining(form, 0), 3);
}

TEST_P(HttpOrdersTest, RefusalsChangeNothing) {
    auto form = open_form({{"Red", 5000, 2, 1}, {"Blue", 7000, 5}});
    auto other = open_form({{"Other", 1000, 5}});
    const auto red = product(form, 0), blue = product(form, 1);
    auto upcoming = publish({{"Soon", 1000, 5}}, at(kHour), at(2 * kHour));

    auto r = order(buyer_, upcoming, {{product(upcoming, 0), 1}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(code(r), "not_open");
    r = order(buyer_, form, {{blue, 6}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(code(r), "sold_out");
    EXPECT_EQ(r.json().at("remaining").at(0).at("product_id").as_int64(), blue);
    EXPECT_EQ(r.json().at("remaining").at(0).at("remaining").as_int64(), 5);
    r = order(buyer_, form, {{red, 2}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(code(r), "limit_exceeded");
    ASSERT_EQ(order(buyer_, form, {{red, 1}}).status, 201);
    r = order(buyer_, form, {{red, 1}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "limit_exceeded");
    r = order(buyer_, form, {{blue, 1}, {product(other, 0), 1}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(code(r), "validation_failed");
    EXPECT_EQ(order(buyer_, form, {{blue, 1}, {blue, 1}}).status, 422);
    EXPECT_EQ(order(buyer_, form, {{blue, 0}}).status, 422);
    EXPECT_EQ(order(buyer_, form, {{blue, -1}}).status, 422);
    EXPECT_EQ(order(buyer_, form, {}).status, 422);
    EXPECT_EQ(order(seller_, form, {{blue, 1}}).status, 403);
    EXPECT_EQ(call(client_, buyer_, "POST", form_path(form) + "/orders", "{").status, 400);
    EXPECT_EQ(call(client_, buyer_, "POST", form_path(form) + "/orders",
                   R"({"items":[{"product_id":"1","quantity":1}],"depositor_name":"D"})")
                  .status,
              422);
    EXPECT_EQ(client_.request("POST", form_path(form) + "/orders", order_body({{blue, 1}})).status,
              401);
    // A text refused for a rule every text shares names the rule, so a page can say why.
    const std::pair<std::string, const char*> names[] = {{"Kim\u202eMin", "control_characters"},
                                                         {"\u3000\u3164", "blank"},
                                                         {std::string(51, 'a'), "length"}};
    for (const auto& [depositor, rule] : names) {
        const auto body = R"({"items":[{"product_id":)" + std::to_string(blue) +
                          R"(,"quantity":1}],"depositor_name":")" + depositor + R"("})";
        r = call(client_, buyer_, "POST", form_path(form) + "/orders", body);
        ASSERT_EQ(r.status, 422) << r.body;
        const auto e = r.json().at("errors").at(0);
        EXPECT_EQ(e.at("field").as_string(), "depositor_name") << rule;
        ASSERT_TRUE(e.as_object().contains("rule")) << r.body;
        EXPECT_EQ(e.at("rule").as_string(), rule);
    }
    EXPECT_EQ(remaining(form, 0), 1);
    EXPECT_EQ(remaining(form, 1), 5);
    // Read before the clock moves on: past the deposit deadline, the expiry task returns the
    // unpaid order's stock whenever it next runs.
    clock_.advance(std::chrono::hours(25));
    r = order(buyer_, form, {{blue, 1}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(code(r), "closed");
    EXPECT_EQ(remaining(form, 1), 5);
}

TEST_P(HttpOrdersTest, TheSameIdempotencyKeyNeverMakesASecondOrder) {
    auto form = open_form({{"Red", 5000, 10}});
    const auto red = product(form, 0);
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "k-1"}};
    auto first = order(buyer_, form, {{red, 2}}, key);
    ASSERT_EQ(first.status, 201);
    auto again = order(buyer_, form, {{red, 2}}, key);
    ASSERT_EQ(again.status, 201);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(id(again.json()), id(first.json()));
    auto other = order(buyer_, form, {{red, 3}}, key);
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(code(other), "idempotency_mismatch");
    // The key is held to the order, not to the bytes: the same order written otherwise replays.
    auto rewritten = call(client_, buyer_, "POST", form_path(form) + "/orders",
                          R"({ "depositor_name" : "Depositor", "items" : [ { "quantity" : 2, )"
                          R"("product_id" : )" +
                              std::to_string(red) + " } ] }",
                          key);
    ASSERT_EQ(rewritten.status, 201) << rewritten.body;
    EXPECT_EQ(id(rewritten.json()), id(first.json()));
    // Keys belong to their user: another buyer's same key is a new order.
    auto stranger = seeder_.user("stranger@example.com");
    EXPECT_NE(id(order(stranger, form, {{red, 2}}, key).json()), id(first.json()));
    EXPECT_EQ(order(buyer_, form, {{red, 1}}, {{"Idempotency-Key", std::string(256, 'k')}}).status,
              422);
    EXPECT_EQ(remaining(form, 0), 6);

    // Concurrent duplicates: exactly one order, the others replay it or are told it is in flight.
    std::vector<std::thread> threads;
    std::vector<int> statuses(8);
    std::vector<std::int64_t> ids(8);
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            HttpClient c(server_.port());
            auto r = call(c, buyer_, "POST", form_path(form) + "/orders", order_body({{red, 1}}),
                          {{"Idempotency-Key", "burst"}});
            statuses[i] = r.status;
            if (r.status == 201) ids[i] = id(r.json());
        });
    }
    for (auto& t : threads) t.join();
    std::set<std::int64_t> distinct;
    for (int i = 0; i < 8; ++i) {
        EXPECT_TRUE(statuses[i] == 201 || statuses[i] == 409) << statuses[i];
        if (statuses[i] == 201) distinct.insert(ids[i]);
    }
    EXPECT_EQ(distinct.size(), 1u);
    EXPECT_EQ(remaining(form, 0), 5);
}

TEST_P(HttpOrdersTest, ARetryOfAPlacedOrderIsAnsweredWithItAfterTheSellOut) {
    auto form = open_form({{"Last one", 5000, 1}});
    const auto last = product(form, 0);
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "key-X-1"}};
    auto first = order(buyer_, form, {{last, 1}}, key);
    ASSERT_EQ(first.status, 201) << first.body;
    auto late = seeder_.user("late@example.com");
    auto refused = order(late, form, {{last, 1}});  // the engine now remembers the sell-out
    ASSERT_EQ(refused.status, 409);
    ASSERT_EQ(code(refused), "sold_out");

    // The buyer whose answer was lost retries with the same key: the order, not "sold out".
    auto retry = order(buyer_, form, {{last, 1}}, key);
    ASSERT_EQ(retry.status, 201) << retry.body;
    EXPECT_EQ(retry.header("idempotent-replayed"), "true");
    EXPECT_EQ(id(retry.json()), id(first.json()));
    // The same key with another body is a mismatch, as before the sell-out.
    auto other = order(buyer_, form, {{last, 2}}, key);
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(code(other), "idempotency_mismatch");
    // A key that placed nothing is refused like a request without one.
    auto fresh = order(late, form, {{last, 1}}, {{"Idempotency-Key", "key-Y-1"}});
    EXPECT_EQ(fresh.status, 409);
    EXPECT_EQ(code(fresh), "sold_out");
    // A sold-out product named on another form is not that form's product.
    auto elsewhere = open_form({{"Other", 1000, 5}});
    auto wrong = order(late, elsewhere, {{last, 1}});
    EXPECT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(code(wrong), "validation_failed");
    EXPECT_EQ(remaining(form, 0), 0);
    EXPECT_EQ(remaining(elsewhere, 0), 5);
}

// Steps on one order racing each other: each change is conditional on the status it read, and
// a step that lost is judged again on the status that won. The seller may cancel a CREATED or
// PAID order, so a cancellation racing the deposit confirmation still cancels.
TEST_P(HttpOrdersTest, RacingStepsOnOneOrderEachGetAConsistentAnswer) {
    constexpr int kRounds = 15;
    auto form = open_form({{"Red", 5000, kRounds}});
    const auto red = product(form, 0);
    for (int round = 0; round < kRounds; ++round) {
        const auto path = order_path(id(order(buyer_, form, {{red, 1}}).json()));
        std::latch start(3);
        int buyer_cancel = 0, seller_cancel = 0, confirm = 0;
        auto step = [&](const std::string& token, const std::string& action, int& status) {
            HttpClient c(server_.port());
            start.arrive_and_wait();
            status = call(c, token, "POST", path + action).status;
        };
        std::thread a([&] { step(buyer_, "/cancellation", buyer_cancel); });
        std::thread b([&] { step(seller_, "/cancellation", seller_cancel); });
        std::thread d([&] { step(seller_, "/deposit-confirmation", confirm); });
        a.join();
        b.join();
        d.join();
        EXPECT_EQ(call(client_, buyer_, "GET", path).json().at("status").as_string(), "CANCELLED")
            << "round " << round << ": buyer " << buyer_cancel << ", seller " << seller_cancel
            << ", deposit " << confirm;
        // One cancellation wins; the other finds the order cancelled.
        EXPECT_EQ((buyer_cancel == 200) + (seller_cancel == 200), 1) << "round " << round;
        EXPECT_TRUE(confirm == 200 || confirm == 409) << confirm;
    }
    // Each order's stock came back exactly once.
    EXPECT_EQ(remaining(form, 0), kRounds);
}

TEST_P(HttpOrdersTest, StrangersSeeNothingAndSellersSeeTheirForms) {
    auto form = open_form({{"Red", 5000, 10}});
    auto o = id(order(buyer_, form, {{product(form, 0), 1}}).json());
    auto stranger = seeder_.user("stranger@example.com");
    auto other_seller = seeder_.user("other-seller@example.com");
    EXPECT_EQ(call(client_, stranger, "GET", order_path(o)).status, 404);
    EXPECT_EQ(call(client_, other_seller, "POST", order_path(o) + "/deposit-confirmation").status,
              404);
    EXPECT_EQ(call(client_, stranger, "POST", order_path(o) + "/cancellation").status, 404);
    EXPECT_EQ(call(client_, stranger, "GET", form_path(form) + "/orders").status, 403);
    EXPECT_EQ(call(client_, buyer_, "GET", order_path(o)).status, 200);
    EXPECT_EQ(call(client_, seller_, "GET", order_path(o)).status, 200);

    order(buyer_, form, {{product(form, 0), 2}});
    auto mine = call(client_, buyer_, "GET", "/api/v1/me/orders?limit=1").json();
    ASSERT_EQ(mine.at("items").as_array().size(), 1u);
    EXPECT_FALSE(mine.at("next_cursor").is_null());
    auto rest = call(client_, buyer_, "GET",
                     "/api/v1/me/orders?cursor=" + std::string(mine.at("next_cursor").as_string()))
                    .json();
    EXPECT_EQ(rest.at("items").at(0).at("id").as_int64(), o);
    EXPECT_TRUE(
        call(client_, stranger, "GET", "/api/v1/me/orders").json().at("items").as_array().empty());
    auto listed = call(client_, seller_, "GET", form_path(form) + "/orders?status=CREATED").json();
    EXPECT_EQ(listed.at("items").as_array().size(), 2u);
    EXPECT_EQ(call(client_, seller_, "GET", form_path(form) + "/orders?status=LOST").status, 422);
}

TEST_P(HttpOrdersTest, CancellationReturnsStockAndTheSellerSeesTheRefundAccount) {
    auto form = open_form({{"Red", 5000, 1}});
    const auto red = product(form, 0);
    auto first = id(order(buyer_, form, {{red, 1}}).json());
    auto late = seeder_.user("late@example.com");
    EXPECT_EQ(order(late, form, {{red, 1}}).status, 409);  // sold out, now remembered
    auto r = call(client_, buyer_, "POST", order_path(first) + "/cancellation");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("status").as_string(), "CANCELLED");
    EXPECT_EQ(remaining(form, 0), 1);
    auto second = order(late, form, {{red, 1}});  // the memo forgot the sell-out
    ASSERT_EQ(second.status, 201) << second.body;

    ASSERT_EQ(call(client_, late, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"IBK","account_number":"010-2222-3333","holder_name":"Late"})")
                  .status,
              200);
    const auto path = order_path(id(second.json()));
    ASSERT_EQ(call(client_, seller_, "POST", path + "/deposit-confirmation").status, 200);
    r = call(client_, seller_, "POST", path + "/cancellation");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("refund_account").at("account_number").as_string(), "010-2222-3333");
    EXPECT_EQ(remaining(form, 0), 1);
}

TEST_P(HttpOrdersTest, UnpaidOrdersExpireAndReturnTheirStock) {
    auto form = open_form({{"Red", 5000, 2}});
    const auto red = product(form, 0);
    auto unpaid = id(order(buyer_, form, {{red, 1}}).json());
    auto paid = id(order(buyer_, form, {{red, 1}}).json());
    ASSERT_EQ(call(client_, seller_, "POST", order_path(paid) + "/deposit-confirmation").status,
              200);
    EXPECT_EQ(remaining(form, 0), 0);
    clock_.advance(std::chrono::hours(23));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(call(client_, buyer_, "GET", order_path(unpaid)).json().at("status").as_string(),
              "CREATED");
    clock_.advance(std::chrono::hours(2));
    std::string status;
    for (int i = 0; i < 100 && status != "EXPIRED"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        status = call(client_, buyer_, "GET", order_path(unpaid)).json().at("status").as_string();
    }
    EXPECT_EQ(status, "EXPIRED");
    EXPECT_EQ(call(client_, buyer_, "GET", order_path(paid)).json().at("status").as_string(),
              "PAID");
    EXPECT_EQ(remaining(form, 0), 1);
}

TEST_P(HttpOrdersTest, AnAcknowledgedOrderAndItsKeySurviveARestart) {
    auto form = open_form({{"Red", 5000, 5}});
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "restart"}};
    auto first = order(buyer_, form, {{product(form, 0), 1}}, key);
    ASSERT_EQ(first.status, 201);
    server_.stop_and_wait();
    TestServer again(
        GetParam(), [&](app::Config& c) { c.database_url = server_.database_url(); }, &clock_);
    HttpClient client(again.port());
    auto replay = call(client, buyer_, "POST", form_path(form) + "/orders",
                       order_body({{product(form, 0), 1}}), key);
    ASSERT_EQ(replay.status, 201);
    EXPECT_EQ(id(replay.json()), id(first.json()));
    EXPECT_EQ(client.request("GET", form_path(form))
                  .json()
                  .at("products")
                  .at(0)
                  .at("stock_remaining")
                  .as_int64(),
              4);
}

INSTANTIATE_TEST_SUITE_P(Stores, HttpOrdersTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
