// Coupons through the real server, on SQLite and on PostgreSQL.
#include <thread>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

class CouponTest : public SaleTest {
  protected:
    json::object coupon(const json::object& form, std::int64_t discount, std::int64_t quantity,
                        const std::string& extra = "") {
        auto r = call(client_, seller_, "POST", form_path(form) + "/coupons",
                      R"({"name":"Early bird","discount":)" + std::to_string(discount) +
                          R"(,"quantity":)" + std::to_string(quantity) + extra + "}");
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    HttpResponse claim(const std::string& token, const json::object& c) {
        return call(client_, token, "POST", "/api/v1/coupons/" + std::to_string(id(c)) + "/claims");
    }
    std::string my_status(const std::string& token, std::int64_t user_coupon) {
        const auto mine = call(client_, token, "GET", "/api/v1/me/coupons").json();
        for (const auto& c : mine.at("items").as_array()) {
            if (c.at("id").as_int64() == user_coupon)
                return std::string(c.at("status").as_string());
        }
        return "missing";
    }
};

TEST_P(CouponTest, SellersCreateCouponsOthersCannot) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 3);
    EXPECT_EQ(c.at("remaining").as_int64(), 3);
    EXPECT_EQ(call(client_, buyer_, "POST", form_path(form) + "/coupons",
                   R"({"name":"Mine","discount":1,"quantity":1})")
                  .status,
              403);
    EXPECT_EQ(call(client_, seller_, "POST", "/api/v1/forms/999999/coupons",
                   R"({"name":"X","discount":1,"quantity":1})")
                  .status,
              404);
    for (const std::string body :
         {R"({"name":"X","discount":0,"quantity":1})",
          R"({"name":"X","discount":100,"quantity":0})",
          R"({"name":"","discount":100,"quantity":1})",
          R"({"name":"X","discount":"1","quantity":1})", R"({"discount":100,"quantity":1})"}) {
        EXPECT_EQ(call(client_, seller_, "POST", form_path(form) + "/coupons", body).status, 422)
            << body;
    }
    auto listed = client_.request("GET", form_path(form) + "/coupons").json();
    ASSERT_EQ(listed.at("items").as_array().size(), 1u);
    EXPECT_EQ(listed.at("items").at(0).at("quantity").as_int64(), 3);
}

TEST_P(CouponTest, ClaimsAreOnePerUserAndExactlyTheQuantity) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 2);
    auto first = claim(buyer_, c);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json().at("status").as_string(), "AVAILABLE");
    EXPECT_EQ(first.json().at("discount").as_int64(), 1000);
    auto again = claim(buyer_, c);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(code(again), "already_claimed");
    EXPECT_EQ(claim(seeder_.user("two@example.com"), c).status, 201);
    auto late = claim(seeder_.user("three@example.com"), c);
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(code(late), "exhausted");
    EXPECT_EQ(client_.request("GET", form_path(form) + "/coupons")
                  .json()
                  .at("items")
                  .at(0)
                  .at("remaining")
                  .as_int64(),
              0);
    EXPECT_EQ(call(client_, buyer_, "POST", "/api/v1/coupons/999999/claims").status, 404);
    EXPECT_EQ(
        client_.request("POST", "/api/v1/coupons/" + std::to_string(id(c)) + "/claims").status,
        401);
    // The engine now knows the coupon is gone; a holder who asks again still hears that they
    // hold it, not that none are left.
    auto holder = claim(buyer_, c);
    EXPECT_EQ(holder.status, 409);
    EXPECT_EQ(code(holder), "already_claimed");
    EXPECT_EQ(code(claim(seeder_.user("four@example.com"), c)), "exhausted");
}

// The seller cannot order from their own form, so cannot take its coupons either: refused,
// and the quantity stays for buyers.
TEST_P(CouponTest, TheSellerCannotClaimTheirOwnFormsCoupon) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 1);
    auto own = claim(seller_, c);
    EXPECT_EQ(own.status, 403) << own.body;
    EXPECT_EQ(code(own), "forbidden");
    EXPECT_EQ(claim(buyer_, c).status, 201) << "the one coupon is still there";
}

// A claim is for the caller alone: a body or a query naming someone else is refused, not
// ignored, and claims nothing.
TEST_P(CouponTest, AClaimWithABodyOrAQueryIsRefusedAndClaimsNothing) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 1);
    const auto path = "/api/v1/coupons/" + std::to_string(id(c)) + "/claims";
    auto with_body = call(client_, buyer_, "POST", path, R"({"user_id":1})");
    EXPECT_EQ(with_body.status, 422) << with_body.body;
    EXPECT_EQ(with_body.json().at("errors").at(0).at("field").as_string(), "body");
    auto with_query = call(client_, buyer_, "POST", path + "?user=1");
    EXPECT_EQ(with_query.status, 422) << with_query.body;
    EXPECT_EQ(with_query.json().at("errors").at(0).at("field").as_string(), "user");
    EXPECT_EQ(
        call(client_, buyer_, "GET", "/api/v1/me/coupons").json().at("items").as_array().size(),
        0u);
    EXPECT_EQ(claim(buyer_, c).status, 201) << "the one coupon is still there";
}

// A coupon that ran out is refused from memory; once it is deleted with its form, claims are
// answered 404 within a second, by the holder too, and stay so.
TEST_P(CouponTest, AnExhaustedCouponDeletedWithItsFormIsNotFoundWithinASecond) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 1);
    ASSERT_EQ(claim(buyer_, c).status, 201);
    const auto other = seeder_.user("two@example.com");
    EXPECT_EQ(code(claim(other, c)), "exhausted");
    EXPECT_EQ(code(claim(other, c)), "exhausted");
    ASSERT_EQ(call(client_, seller_, "DELETE", form_path(form)).status, 204);
    clock_.advance(std::chrono::seconds(1));
    for (const auto& who : {other, buyer_, other}) {
        auto gone = claim(who, c);
        EXPECT_EQ(gone.status, 404) << gone.body;
    }
}

// Every buyer's page asks for the form's coupons at the opening: the list is answered from
// memory, and what a claim or a new coupon changes here shows in the next answer.
TEST_P(CouponTest, TheListIsKeptAndAClaimShowsAtOnce) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 5);
    const auto path = form_path(form) + "/coupons";
    const auto remaining = [&] {
        return client_.request("GET", path).json().at("items").at(0).at("remaining").as_int64();
    };
    auto first = client_.request("GET", path);
    ASSERT_EQ(first.status, 200);
    const auto etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(client_.request("GET", path, "", {{"If-None-Match", etag}}).status, 304);
    const auto quick = server_.handled_without_blocking();
    for (int i = 0; i < 10; ++i) EXPECT_EQ(client_.request("GET", path).body, first.body);
    EXPECT_GE(server_.handled_without_blocking() - quick, 10u) << "no worker, no store";

    ASSERT_EQ(claim(buyer_, c).status, 201);
    EXPECT_EQ(remaining(), 4) << "a claim forgets the kept list";
    EXPECT_EQ(client_.request("GET", path, "", {{"If-None-Match", etag}}).status, 200);
    coupon(form, 500, 2);
    EXPECT_EQ(client_.request("GET", path).json().at("items").as_array().size(), 2u)
        << "a new coupon shows at once";
    // An order changes the stock, not the coupons: the list stays kept through it.
    client_.request("GET", path);
    ASSERT_EQ(order(buyer_, form, {{product(form, 0), 1}}).status, 201);
    const auto after_order = server_.handled_without_blocking();
    client_.request("GET", path);
    EXPECT_EQ(server_.handled_without_blocking() - after_order, 1u);
    EXPECT_EQ(client_.request("GET", path + "?x=1").status, 422) << "a query is still checked";

    auto spare = open_form({{"Blue", 5000, 10}});
    coupon(spare, 1000, 5);
    const auto spare_path = form_path(spare) + "/coupons";
    ASSERT_EQ(client_.request("GET", spare_path).status, 200);
    ASSERT_EQ(call(client_, seller_, "DELETE", form_path(spare)).status, 204);
    EXPECT_EQ(client_.request("GET", spare_path).status, 404) << "a deleted form's list goes";
}

TEST_P(CouponTest, ClaimsHonourTheWindowAtItsEdges) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(
        form, 1000, 5,
        R"(,"claim_opens_at":")" + at(kHour) + R"(","claim_closes_at":")" + at(2 * kHour) + "\"");
    auto early = claim(buyer_, c);
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(code(early), "not_open");
    clock_.advance(std::chrono::hours(1));
    EXPECT_EQ(claim(buyer_, c).status, 201);
    clock_.advance(std::chrono::hours(1));
    auto late = claim(seeder_.user("late@example.com"), c);
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(code(late), "closed");
}

// No order can use a coupon once the sale is over, so a sale its seller ends early takes no
// more claims, whatever window the coupon was given.
TEST_P(CouponTest, ClaimsEndWhenTheSellerEndsTheSaleEarly) {
    auto form = open_form({{"Red", 5000, 10}});
    auto c = coupon(form, 1000, 5);
    ASSERT_EQ(claim(buyer_, c).status, 201);
    auto closed = call(client_, seller_, "POST", form_path(form) + "/close");
    ASSERT_EQ(closed.status, 200) << closed.body;
    auto late = claim(seeder_.user("late@example.com"), c);
    EXPECT_EQ(late.status, 409) << late.body;
    EXPECT_EQ(code(late), "closed");
    const auto listed = client_.request("GET", form_path(form) + "/coupons").json();
    const auto& shown = listed.at("items").at(0);
    EXPECT_EQ(shown.at("remaining").as_int64(), 4) << "the refused claim took none";
    EXPECT_LE(util::parse_rfc3339(std::string(shown.at("claim_closes_at").as_string())).value(),
              util::parse_rfc3339(std::string(closed.json().at("closed_at").as_string())).value())
        << "the list shows claims ending with the sale";
}

TEST_P(CouponTest, ACouponLowersTheOrderAndComesBackOnCancelAndExpiry) {
    auto form = open_form({{"Red", 5000, 10}});
    auto other_form = open_form({{"Blue", 5000, 10}});
    auto c = coupon(form, 3000, 10);
    auto big = coupon(form, 20000, 10);
    const auto uc = id(claim(buyer_, c).json());
    const auto big_uc = id(claim(buyer_, big).json());
    const auto red = product(form, 0);
    auto with_coupon = [&](const json::object& f, std::int64_t product_id, std::int64_t coupon_id) {
        return call(client_, buyer_, "POST", form_path(f) + "/orders",
                    R"({"items":[{"product_id":)" + std::to_string(product_id) +
                        R"(,"quantity":2}],"depositor_name":"D","user_coupon_id":)" +
                        std::to_string(coupon_id) + "}");
    };
    auto wrong_form = with_coupon(other_form, product(other_form, 0), uc);
    EXPECT_EQ(wrong_form.status, 422);
    auto stranger = seeder_.user("stranger@example.com");
    EXPECT_EQ(call(client_, stranger, "POST", form_path(form) + "/orders",
                   R"({"items":[{"product_id":)" + std::to_string(red) +
                       R"(,"quantity":1}],"depositor_name":"D","user_coupon_id":)" +
                       std::to_string(uc) + "}")
                  .status,
              422);

    auto r = with_coupon(form, red, uc);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("total").as_int64(), 10000);
    EXPECT_EQ(r.json().at("discount").as_int64(), 3000);
    EXPECT_EQ(r.json().at("amount").as_int64(), 7000);
    EXPECT_EQ(r.json().at("deposit").at("amount").as_int64(), 7000);
    EXPECT_EQ(my_status(buyer_, uc), "USED");
    EXPECT_EQ(with_coupon(form, red, uc).status, 422);  // used coupons cannot be used again

    const auto order = id(r.json());
    ASSERT_EQ(
        call(client_, buyer_, "POST", "/api/v1/orders/" + std::to_string(order) + "/cancellation")
            .status,
        200);
    EXPECT_EQ(my_status(buyer_, uc), "AVAILABLE");
    EXPECT_EQ(client_.request("GET", form_path(form) + "/coupons")
                  .json()
                  .at("items")
                  .at(0)
                  .at("remaining")
                  .as_int64(),
              9);

    auto capped = with_coupon(form, red, big_uc);
    ASSERT_EQ(capped.status, 201);
    EXPECT_EQ(capped.json().at("discount").as_int64(), 10000);  // never below zero
    EXPECT_EQ(capped.json().at("amount").as_int64(), 0);
    clock_.advance(std::chrono::hours(25));
    const auto capped_path = "/api/v1/orders/" + std::to_string(id(capped.json()));
    std::string order_status;
    for (int i = 0; i < 200 && order_status != "EXPIRED"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        order_status = call(client_, buyer_, "GET", capped_path).json().at("status").as_string();
    }
    ASSERT_EQ(order_status, "EXPIRED");
    // The order expired and gave the coupon back; the form has closed by now, so it reads EXPIRED.
    EXPECT_EQ(my_status(buyer_, big_uc), "EXPIRED");
}

INSTANTIATE_TEST_SUITE_P(Stores, CouponTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
