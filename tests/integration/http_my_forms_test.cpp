// The seller's own forms: only theirs, newest first, in the seller's view, with the orders of each
// counted by status, on SQLite and on PostgreSQL.
#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

using MyFormsTest = SaleTest;

TEST_P(MyFormsTest, ListsOnlyTheCallersFormsWithOrderCountsByStatus) {
    const auto first = open_form({{"Red", 1000, 10}});
    const auto second = open_form({{"Blue", 2000, 5}});
    const auto other_seller = seeder_.user("other@example.com");
    ASSERT_EQ(call(client_, other_seller, "POST", "/api/v1/forms",
                   form_body({{"Green", 500, 3}}, at(-kHour), at(kHour)))
                  .status,
              201);
    auto placed = order(buyer_, second, {{product(second, 0), 2}});
    ASSERT_EQ(placed.status, 201) << placed.body;
    auto kept = order(seeder_.user("b2@example.com"), second, {{product(second, 0), 1}});
    ASSERT_EQ(kept.status, 201) << kept.body;
    const auto cancel = "/api/v1/orders/" + std::to_string(id(placed.json())) + "/cancellation";
    ASSERT_EQ(call(client_, buyer_, "POST", cancel).status, 200);

    auto r = call(client_, seller_, "GET", "/api/v1/me/forms");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(id(items[0]), id(second)) << "newest first";
    EXPECT_EQ(id(items[1]), id(first));
    EXPECT_TRUE(items[0].as_object().contains("bank_account")) << "the seller's view";
    const auto& counts = items[0].at("order_counts");
    EXPECT_EQ(counts.at("CREATED").as_int64(), 1);
    EXPECT_EQ(counts.at("CANCELLED").as_int64(), 1);
    EXPECT_EQ(counts.at("PAID").as_int64(), 0);
    EXPECT_EQ(items[1].at("order_counts").at("CREATED").as_int64(), 0);
    EXPECT_EQ(items[0].at("products").at(0).at("stock_remaining").as_int64(), 4);

    auto page = call(client_, seller_, "GET", "/api/v1/me/forms?limit=1");
    ASSERT_EQ(page.json().at("items").as_array().size(), 1u);
    const auto cursor = std::string(page.json().at("next_cursor").as_string());
    auto rest = call(client_, seller_, "GET", "/api/v1/me/forms?limit=1&cursor=" + cursor);
    EXPECT_EQ(id(rest.json().at("items").at(0)), id(first));
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/me/forms").json().at("items").as_array().size(),
              0u);
    EXPECT_EQ(client_.request("GET", "/api/v1/me/forms").status, 401);

    auto one = call(client_, seller_, "GET", "/api/v1/me/forms/" + std::to_string(id(second)));
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json().at("order_counts").at("CANCELLED").as_int64(), 1);
    EXPECT_TRUE(one.json().as_object().contains("bank_account"));
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/me/forms/" + std::to_string(id(second))).status,
              404)
        << "another seller's form is not found, not forbidden";
}

INSTANTIATE_TEST_SUITE_P(Stores, MyFormsTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
