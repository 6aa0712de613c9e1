// Each kind of notification carries what its receiver needs to read it as a sentence, and
// personal data only for whom it belongs to; on both stores.
#include <thread>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

class NotificationContentsTest : public SaleTest {
  protected:
    // The data of the newest notification of `kind` for the token's user, waiting for it.
    json::object newest(const std::string& token, const std::string& kind) {
        for (int i = 0; i < 200; ++i) {
            const auto page = call(client_, token, "GET", "/api/v1/me/notifications").json();
            for (const auto& n : page.at("items").as_array()) {
                if (n.at("kind").as_string() == kind) return n.at("data").as_object();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "no " << kind << " notification";
        return {};
    }
    // Every notification the token's user has, as one text.
    std::string all_of(const std::string& token) {
        return call(client_, token, "GET", "/api/v1/me/notifications?limit=100").body;
    }
    void step(const std::string& token, std::int64_t order, const std::string& what,
              const std::string& body = "") {
        auto r = call(client_, token, "POST",
                      "/api/v1/orders/" + std::to_string(order) + "/" + what, body);
        ASSERT_EQ(r.status, 200) << what << " " << r.body;
    }
    std::int64_t placed(const json::object& form, std::int64_t quantity = 2) {
        auto r = order(buyer_, form, {{product(form, 0), quantity}});
        EXPECT_EQ(r.status, 201) << r.body;
        return id(r.json());
    }
    // The order, as the token's user reads it, tells its shipment as the shipped notification did.
    void expect_shipment_kept(const std::string& token, std::int64_t order,
                              const json::object& shipped) {
        const auto r = call(client_, token, "GET", "/api/v1/orders/" + std::to_string(order));
        ASSERT_EQ(r.status, 200) << r.body;
        const auto o = r.json();
        for (const char* field : {"tracking_number", "courier", "tracking_url"}) {
            EXPECT_EQ(o.at(field), shipped.at(field)) << field;
        }
    }
    static std::string name_of(const json::object& data, const char* party) {
        return std::string(data.at(party).at("name").as_string());
    }

    const domain::UserId seller_id_ = UserSeeder::id_of(seller_);
    const domain::UserId buyer_id_ = UserSeeder::id_of(buyer_);
};

// The fields every order kind has: the order, its form's title, its items and amount.
void expect_order_fields(const json::object& d, std::int64_t order, std::int64_t form,
                         std::int64_t product, const char* status) {
    EXPECT_EQ(d.at("order_id").as_int64(), order);
    EXPECT_EQ(d.at("form_id").as_int64(), form);
    EXPECT_EQ(d.at("form_title").as_string(), "Hand-made keyrings");
    EXPECT_EQ(d.at("status").as_string(), status);
    ASSERT_EQ(d.at("items").as_array().size(), 1u);
    const auto& item = d.at("items").at(0);
    EXPECT_EQ(item.at("product_id").as_int64(), product);
    EXPECT_EQ(item.at("name").as_string(), "Red");
    EXPECT_EQ(item.at("quantity").as_int64(), 2);
    EXPECT_EQ(d.at("amount").as_int64(), 3000);
}

TEST_P(NotificationContentsTest, TheSellerReadsWhoOrderedWhatAndUntilWhenTheyPay) {
    auto form = open_form({{"Red", 1500, 10}});
    auto r = order(buyer_, form, {{product(form, 0), 2}});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto d = newest(seller_, "order_placed");
    expect_order_fields(d, id(r.json()), id(form), product(form, 0), "CREATED");
    EXPECT_EQ(d.at("buyer").at("id").as_int64(), buyer_id_);
    EXPECT_EQ(name_of(d, "buyer"), "Buyer buyer@example.com");
    EXPECT_EQ(d.at("buyer_id").as_int64(), buyer_id_);
    EXPECT_EQ(d.at("depositor_name").as_string(), "Depositor");
    EXPECT_EQ(d.at("deposit_deadline").as_string(),
              r.json().at("deposit").at("deadline").as_string());
    EXPECT_FALSE(d.contains("seller"));  // the receiver is not named to themselves
}

TEST_P(NotificationContentsTest, TheBuyerReadsEachStepWithTheSellerAndTheTracking) {
    auto form = open_form({{"Red", 1500, 10}});
    const auto red = product(form, 0);
    const auto o = placed(form);
    step(seller_, o, "deposit-confirmation");
    auto d = newest(buyer_, "deposit_confirmed");
    expect_order_fields(d, o, id(form), red, "PAID");
    EXPECT_EQ(d.at("seller").at("id").as_int64(), seller_id_);
    EXPECT_EQ(name_of(d, "seller"), "Buyer seller@example.com");
    EXPECT_FALSE(d.contains("buyer"));

    step(seller_, o, "shipment", R"({"tracking_number":"6123-4567-8901","courier":"CJ"})");
    d = newest(buyer_, "shipped");
    expect_order_fields(d, o, id(form), red, "SHIPPED");
    EXPECT_EQ(name_of(d, "seller"), "Buyer seller@example.com");
    EXPECT_EQ(d.at("tracking_number").as_string(), "6123-4567-8901");
    EXPECT_EQ(d.at("courier").at("code").as_string(), "CJ");
    EXPECT_EQ(d.at("courier").at("name").at("ko").as_string(), "CJ대한통운");
    EXPECT_EQ(d.at("courier").at("name").at("en").as_string(), "CJ Logistics");
    EXPECT_EQ(d.at("tracking_url").as_string(),
              "https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901");
    const auto shipped = d;

    step(seller_, o, "delivery");
    d = newest(buyer_, "delivered");
    expect_order_fields(d, o, id(form), red, "DELIVERED");
    EXPECT_EQ(name_of(d, "seller"), "Buyer seller@example.com");
    // The order keeps what the notification said, for both parties, after the next step too.
    for (const auto& who : {buyer_, seller_}) expect_shipment_kept(who, o, shipped);
}

TEST_P(NotificationContentsTest, AShipmentWithoutACourierLinksASearchForItsNumber) {
    auto form = open_form({{"Red", 1500, 10}});
    const auto o = placed(form);
    step(seller_, o, "deposit-confirmation");
    // An unknown courier is refused and changes nothing.
    auto r = call(client_, seller_, "POST", "/api/v1/orders/" + std::to_string(o) + "/shipment",
                  R"({"tracking_number":"1","courier":"FEDEX"})");
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "courier");
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/orders/" + std::to_string(o))
                  .json()
                  .at("status")
                  .as_string(),
              "PAID");
    step(seller_, o, "shipment", R"({"tracking_number":"AB 12&3"})");
    const auto d = newest(buyer_, "shipped");
    EXPECT_TRUE(d.at("courier").is_null());
    EXPECT_EQ(d.at("tracking_number").as_string(), "AB 12&3");
    EXPECT_EQ(d.at("tracking_url").as_string(),
              "https://search.naver.com/search.naver?query=AB%2012%263%20"
              "%EB%B0%B0%EC%86%A1%EC%A1%B0%ED%9A%8C");
    expect_shipment_kept(buyer_, o, d);
}

TEST_P(NotificationContentsTest, TheRefundAccountGoesOnlyToTheBuyerWhoseOrderTheSellerCancelled) {
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"KAKAO","account_number":"3333-01-7654321","holder_name":"Kim"})")
                  .status,
              200);
    auto form = open_form({{"Red", 1500, 10}});
    const auto red = product(form, 0);
    // The seller cancels a paid order: the buyer reads where the refund goes.
    const auto paid = placed(form);
    step(seller_, paid, "deposit-confirmation");
    step(seller_, paid, "cancellation");
    auto d = newest(buyer_, "order_cancelled");
    expect_order_fields(d, paid, id(form), red, "CANCELLED");
    EXPECT_EQ(d.at("cancelled_by").as_string(), "seller");
    EXPECT_EQ(name_of(d, "seller"), "Buyer seller@example.com");
    EXPECT_TRUE(d.at("refund_due").as_bool());
    const auto& account = d.at("refund_account");
    EXPECT_EQ(account.at("bank").as_string(), "090");
    EXPECT_EQ(account.at("bank_name").at("ko").as_string(), "카카오뱅크");
    EXPECT_EQ(account.at("bank_name").at("en").as_string(), "KakaoBank");
    EXPECT_EQ(account.at("account_number").as_string(), "3333-01-7654321");
    EXPECT_EQ(account.at("holder_name").as_string(), "Kim");

    // The buyer cancels their own unpaid order: the seller reads who, never the account.
    const auto unpaid = placed(form);
    step(buyer_, unpaid, "cancellation");
    d = newest(seller_, "order_cancelled");
    expect_order_fields(d, unpaid, id(form), red, "CANCELLED");
    EXPECT_EQ(d.at("cancelled_by").as_string(), "buyer");
    EXPECT_EQ(name_of(d, "buyer"), "Buyer buyer@example.com");
    EXPECT_FALSE(d.contains("refund_account"));
    EXPECT_FALSE(d.contains("refund_due"));
    EXPECT_EQ(all_of(seller_).find("3333-01-7654321"), std::string::npos);

    // An unpaid order the seller cancels owes no refund.
    const auto unpaid_by_seller = placed(form);
    step(seller_, unpaid_by_seller, "cancellation");
    for (int i = 0;
         i < 200 && newest(buyer_, "order_cancelled").at("order_id").as_int64() != unpaid_by_seller;
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    d = newest(buyer_, "order_cancelled");
    EXPECT_EQ(d.at("order_id").as_int64(), unpaid_by_seller);
    EXPECT_FALSE(d.at("refund_due").as_bool());
}

TEST_P(NotificationContentsTest, AnExpiredOrderSaysItsDeadline) {
    auto form = open_form({{"Red", 1500, 10}});
    auto r = order(buyer_, form, {{product(form, 0), 2}});
    ASSERT_EQ(r.status, 201) << r.body;
    clock_.advance(std::chrono::hours(25));
    const auto d = newest(buyer_, "order_expired");
    expect_order_fields(d, id(r.json()), id(form), product(form, 0), "EXPIRED");
    EXPECT_EQ(name_of(d, "seller"), "Buyer seller@example.com");
    EXPECT_EQ(d.at("deposit_deadline").as_string(),
              r.json().at("deposit").at("deadline").as_string());
}

TEST_P(NotificationContentsTest, ALikeNamesTheLikerAndTheForm) {
    auto form = open_form({{"Red", 1500, 10}});
    ASSERT_EQ(call(client_, buyer_, "PUT", form_path(form) + "/like").status, 200);
    const auto d = newest(seller_, "form_liked");
    EXPECT_EQ(d.at("form_id").as_int64(), id(form));
    EXPECT_EQ(d.at("form_title").as_string(), "Hand-made keyrings");
    EXPECT_EQ(d.at("liker").at("id").as_int64(), buyer_id_);
    EXPECT_EQ(name_of(d, "liker"), "Buyer buyer@example.com");
}

INSTANTIATE_TEST_SUITE_P(Stores, NotificationContentsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
