// Sale forms through the real server, on SQLite and on PostgreSQL.
#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using HttpFormsTest = SaleTest;

TEST_P(HttpFormsTest, PublishesAFormAndShowsItWithoutTheBankAccount) {
    auto r = call(client_, seller_, "POST", "/api/v1/forms",
                  form_body({{"Red", 5000, 3, 2}, {"Blue", 7000, 0}}, at(kHour), at(2 * kHour)));
    ASSERT_EQ(r.status, 201) << r.body;
    auto created = r.json().as_object();
    EXPECT_EQ(created.at("status").as_string(), "upcoming");
    EXPECT_EQ(created.at("bank_account").at("account_number").as_string(), "110-123-456789");
    EXPECT_EQ(created.at("seller").at("id").as_int64(), UserSeeder::id_of(seller_));
    EXPECT_EQ(r.header("location"), form_path(created));

    auto got = client_.request("GET", form_path(created));
    ASSERT_EQ(got.status, 200);
    auto form = got.json().as_object();
    EXPECT_FALSE(form.contains("bank_account"));
    EXPECT_EQ(form.at("title").as_string(), "Hand-made keyrings");
    EXPECT_EQ(form.at("products").at(0).at("stock_total").as_int64(), 3);
    EXPECT_EQ(form.at("products").at(0).at("per_buyer_limit").as_int64(), 2);
    EXPECT_TRUE(form.at("products").at(1).at("per_buyer_limit").is_null());
    EXPECT_EQ(form.at("likes").as_int64(), 0);

    clock_.advance(std::chrono::minutes(61));
    EXPECT_EQ(client_.request("GET", form_path(created)).json().at("status").as_string(), "open");
    clock_.advance(std::chrono::hours(1));
    EXPECT_EQ(client_.request("GET", form_path(created)).json().at("status").as_string(), "closed");
}

TEST_P(HttpFormsTest, RefusesBadFormsNamingTheField) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {form_body({{"Red"}}, at(2 * kHour), at(kHour)), "closes_at"},
        {form_body({}, at(0), at(kHour)), "products"},
        {form_body({{"Red", -1}}, at(0), at(kHour)), "products[0].price"},
        {form_body({{"Red", 1, -5}}, at(0), at(kHour)), "products[0].stock"},
        {form_body({{"", 1, 1}}, at(0), at(kHour)), "products[0].name"},
        {form_body({{"Red"}}, "tomorrow", at(kHour)), "opens_at"},
        {form_body({{"Red"}}, at(0), at(kHour), 0), "deposit_deadline_hours"},
        {R"({"title":"x","opens_at":"2030-01-01T00:00:00Z","closes_at":"2030-01-02T00:00:00Z",)"
         R"("bank_account":{"bank":"CITI","account_number":"1234567","holder_name":"S"},)"
         R"("products":[{"name":"A","price":1.5,"stock":1}]})",
         "bank_account.bank"},
    };
    for (const auto& [body, field] : cases) {
        auto r = call(client_, seller_, "POST", "/api/v1/forms", body);
        ASSERT_EQ(r.status, 422) << body;
        bool named = false;
        const auto problem = r.json();
        for (const auto& e : problem.at("errors").as_array()) {
            named = named || e.at("field").as_string() == field;
        }
        EXPECT_TRUE(named) << field << " in " << r.body;
    }
    std::vector<TestProduct> many(51, TestProduct{"P"});
    EXPECT_EQ(
        call(client_, seller_, "POST", "/api/v1/forms", form_body(many, at(0), at(kHour))).status,
        422);
    EXPECT_EQ(
        client_.request("POST", "/api/v1/forms", form_body({{"Red"}}, at(0), at(kHour))).status,
        401);
    EXPECT_TRUE(client_.request("GET", "/api/v1/forms").json().at("items").as_array().empty());
}

TEST_P(HttpFormsTest, UnknownFormsAre404) {
    EXPECT_EQ(client_.request("GET", "/api/v1/forms/999999").status, 404);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms/abc").status, 404);
    EXPECT_EQ(
        call(client_, buyer_, "POST", "/api/v1/forms/999999/orders", order_body({{1, 1}})).status,
        404);
}

// What an outside audit found accepted: each is now refused, saying what is wrong.
TEST_P(HttpFormsTest, OutOfRangeValuesAreRefusedSayingTheRange) {
    auto message_for = [&](const std::string& body, const std::string& field) -> std::string {
        auto r = call(client_, seller_, "POST", "/api/v1/forms", body);
        EXPECT_EQ(r.status, 422) << body;
        const auto problem = r.json();
        for (const auto& e : problem.at("errors").as_array()) {
            if (e.at("field").as_string() == field) return std::string(e.at("message").as_string());
        }
        return "(" + field + " not named) " + r.body;
    };
    EXPECT_EQ(message_for(form_body({{"Red"}}, "0000-01-01T00:00:00Z", at(kHour)), "opens_at"),
              "must be in the years 2000 to 2099");
    EXPECT_EQ(message_for(form_body({{"Red"}}, at(0), "2100-01-01T00:00:00Z"), "closes_at"),
              "must be in the years 2000 to 2099");
    EXPECT_EQ(
        message_for(form_body({{"Red", 100'000'000'001}}, at(0), at(kHour)), "products[0].price"),
        "must be 0 to 100,000,000,000 won");
    EXPECT_EQ(message_for(form_body({{"Red", 1, 1, 10'000'001}}, at(0), at(kHour)),
                          "products[0].per_buyer_limit"),
              "must be 1 to 10,000,000");
    EXPECT_EQ(
        message_for(form_body({{std::string("a\0b", 3)}}, at(0), at(kHour)), "products[0].name"),
        "must not contain control characters or line breaks");
    EXPECT_TRUE(client_.request("GET", "/api/v1/forms").json().at("items").as_array().empty());
}

TEST_P(HttpFormsTest, AFormHasOneAddress) {
    auto form = open_form({{"Red"}});
    const auto id = std::to_string(form.at("id").as_int64());
    EXPECT_EQ(client_.request("GET", "/api/v1/forms/" + id).status, 200);
    for (const auto& alias : {"0" + id, "+" + id, id + ".0", "00" + id}) {
        EXPECT_EQ(client_.request("GET", "/api/v1/forms/" + alias).status, 404) << alias;
    }
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?cursor=0" + id).status, 422);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?limit=010").status, 422);
}

TEST_P(HttpFormsTest, AMalformedQueryStringIs400) {
    open_form({{"Red"}});
    EXPECT_EQ(
        client_.request("GET", "/api/v1/forms?limit=%31").json().at("items").as_array().size(),
        1u);  // %31 is "1"
    for (const auto* bad : {"limit=%", "limit=%zz", "status=%G0"}) {
        auto r = client_.request("GET", std::string("/api/v1/forms?") + bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(r.json().at("code").as_string(), "bad_request") << bad;
    }
}

TEST_P(HttpFormsTest, ListsNewestFirstWithKeysetPagesAndStatus) {
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(id(open_form({{"Red", 1000, 1}})));
    ids.push_back(id(publish({{"Later", 1000, 1}}, at(kHour), at(2 * kHour))));
    auto first = client_.request("GET", "/api/v1/forms?limit=2").json();
    ASSERT_EQ(first.at("items").as_array().size(), 2u);
    EXPECT_EQ(first.at("items").at(0).at("id").as_int64(), ids[3]);
    const std::string cursor(first.at("next_cursor").as_string());
    auto second = client_.request("GET", "/api/v1/forms?limit=2&cursor=" + cursor).json();
    ASSERT_EQ(second.at("items").as_array().size(), 2u);
    EXPECT_EQ(second.at("items").at(1).at("id").as_int64(), ids[0]);
    EXPECT_TRUE(second.at("next_cursor").is_null());

    auto upcoming = client_.request("GET", "/api/v1/forms?status=upcoming").json();
    ASSERT_EQ(upcoming.at("items").as_array().size(), 1u);
    EXPECT_EQ(
        client_.request("GET", "/api/v1/forms?status=open").json().at("items").as_array().size(),
        3u);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?status=soon").status, 422);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?limit=101").status, 422);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?cursor=xyz").status, 422);
}

TEST_P(HttpFormsTest, BeforeOpeningEverythingMayChangeAfterOnlySomeThings) {
    auto form = publish({{"Red", 5000, 5}}, at(kHour), at(3 * kHour));
    const auto red = product(form, 0);
    const auto path = form_path(form);
    auto r = call(client_, seller_, "PATCH", path,
                  R"({"title":"Renamed","products":[{"id":)" + std::to_string(red) +
                      R"(,"price":6000,"stock":3}]})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("title").as_string(), "Renamed");
    EXPECT_EQ(r.json().at("products").at(0).at("price").as_int64(), 6000);
    EXPECT_EQ(call(client_, buyer_, "PATCH", path, R"({"title":"Mine"})").status, 403);

    clock_.advance(std::chrono::minutes(90));  // now open
    ASSERT_EQ(order(buyer_, form, {{red, 2}}).status, 201);
    EXPECT_EQ(call(client_, seller_, "PATCH", path, R"({"title":"Again"})").status, 422);
    EXPECT_EQ(
        call(client_, seller_, "PATCH", path, R"({"closes_at":")" + at(-60000) + R"("})").status,
        422);
    const std::string shrink = R"({"products":[{"id":)" + std::to_string(red) + R"(,"stock":1}]})";
    EXPECT_EQ(call(client_, seller_, "PATCH", path, shrink).status, 422);
    r = call(client_, seller_, "PATCH", path,
             R"({"description":"More coming","closes_at":")" + at(5 * kHour) +
                 R"(","products":[{"id":)" + std::to_string(red) + R"(,"stock":10}]})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("products").at(0).at("stock_total").as_int64(), 10);
    EXPECT_EQ(r.json().at("products").at(0).at("stock_remaining").as_int64(), 8);
    EXPECT_EQ(r.json().at("title").as_string(), "Renamed");
}

TEST_P(HttpFormsTest, TheSellerClosesTheSaleEarly) {
    auto form = open_form({{"Red", 5000, 5}});
    EXPECT_EQ(call(client_, buyer_, "POST", form_path(form) + "/close").status, 403);
    auto r = call(client_, seller_, "POST", form_path(form) + "/close");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("status").as_string(), "closed");
    auto refused = order(buyer_, form, {{product(form, 0), 1}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(code(refused), "closed");
    // A closed form is closed for changes too: none is made, and none pretends to be.
    auto later = call(client_, seller_, "PATCH", form_path(form),
                      R"({"closes_at":")" + at(48 * kHour) + R"(","description":"Again"})");
    EXPECT_EQ(later.status, 409) << later.body;
    EXPECT_EQ(code(later), "conflict");
    const auto now = client_.request("GET", form_path(form)).json();
    EXPECT_EQ(now.at("status").as_string(), "closed");
    EXPECT_EQ(now.at("description").as_string(), "A limited run");
}

INSTANTIATE_TEST_SUITE_P(Stores, HttpFormsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
