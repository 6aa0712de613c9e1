// The end of an order's life through HTTP on both stores: an order that is not sent by post is
// handed over once paid, a paid order that is cancelled shows the refund it is owed (and to
// whom) until the seller marks it sent, and a buyer finds their orders on one form.
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

class FulfilmentTest : public SaleTest {
  protected:
    // A form open now with one product (10,000 won) and a courier and a pick-up option.
    json::object form_with_pickup() {
        auto body =
            json::parse(form_body({{"Stand", 10000, 10}}, at(-kHour), at(24 * kHour))).as_object();
        body["delivery_options"] = json::array{
            {{"kind", "COURIER"}, {"label", "CJ"}, {"fee", 3000}},
            {{"kind", "PICKUP"}, {"label", "Hongdae"}, {"fee", 0}, {"pickup_note", "Sat 2pm"}},
        };
        auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    // A paid order on the form's option `i`; its path.
    std::string paid_order(const json::object& form, std::size_t option) {
        auto body = json::parse(order_body({{product(form, 0), 1}})).as_object();
        json::object d{{"option_id", form.at("delivery_options").at(option).at("id")},
                       {"recipient_name", "Kim"},
                       {"phone", "010-1234-5678"}};
        if (option == 0) {
            d["address1"] = "Yanghwa-ro 45";
            d["zipcode"] = "04036";
        }
        body["delivery"] = d;
        auto r = call(client_, buyer_, "POST", form_path(form) + "/orders", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return pay(id(r.json()));
    }
    std::string pay(std::int64_t order) {
        const auto path = "/api/v1/orders/" + std::to_string(order);
        EXPECT_EQ(call(client_, seller_, "POST", path + "/deposit-confirmation").status, 200);
        return path;
    }
    // An order of one unit of the form's first product, placed; its id.
    std::int64_t placed(const std::string& token, const json::object& form,
                        std::int64_t quantity = 1) {
        auto r = order(token, form, {{product(form, 0), quantity}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? id(r.json()) : 0;
    }
    json::value get(const std::string& token, const std::string& path) {
        auto r = call(client_, token, "GET", path);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
};

TEST_P(FulfilmentTest, AnOrderNotSentByPostIsHandedOverOncePaid) {
    const auto form = form_with_pickup();
    const auto courier = paid_order(form, 0);
    const auto pickup = paid_order(form, 1);
    // Without delivery options at all: nothing to post, so nothing to track.
    const auto plain = open_form({{"Ticket", 5000, 5}});
    const auto ticket = pay(placed(buyer_, plain));

    auto r = call(client_, seller_, "POST", courier + "/delivery");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(code(r), "invalid_transition");
    EXPECT_NE(r.body.find("ship it"), std::string::npos) << "says what comes first: " << r.body;
    EXPECT_EQ(call(client_, buyer_, "POST", pickup + "/delivery").status, 403);
    for (const auto& path : {pickup, ticket}) {
        r = call(client_, seller_, "POST", path + "/delivery");
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_EQ(r.json().at("status").as_string(), "DELIVERED");
        EXPECT_TRUE(r.json().at("tracking_number").is_null());
        EXPECT_EQ(get(buyer_, path).at("status").as_string(), "DELIVERED");
        EXPECT_EQ(call(client_, seller_, "POST", path + "/delivery").status, 409);
    }
    ASSERT_EQ(
        call(client_, seller_, "POST", courier + "/shipment", R"({"tracking_number":"1"})").status,
        200);
    ASSERT_EQ(call(client_, seller_, "POST", courier + "/delivery").status, 200);
    // The buyer hears which were handed over and which a courier brought (once the relay ran;
    // newest first).
    std::vector<bool> handed;
    for (int i = 0; i < 200 && handed.size() < 3; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        handed.clear();
        const auto page = get(buyer_, "/api/v1/me/notifications?limit=100");
        for (const auto& n : page.at("items").as_array()) {
            if (n.at("kind").as_string() == "delivered")
                handed.push_back(n.at("data").at("handed_over").as_bool());
        }
    }
    EXPECT_EQ(handed, (std::vector<bool>{false, true, true}));
    // An unpaid pick-up order is not handed over.
    auto unpaid = json::parse(order_body({{product(form, 0), 1}})).as_object();
    unpaid["delivery"] = {{"option_id", form.at("delivery_options").at(1).at("id")},
                          {"recipient_name", "Kim"},
                          {"phone", "010-1234-5678"}};
    r = call(client_, buyer_, "POST", form_path(form) + "/orders", json::serialize(unpaid));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(call(client_, seller_, "POST",
                   "/api/v1/orders/" + std::to_string(id(r.json())) + "/delivery")
                  .status,
              409);
}

TEST_P(FulfilmentTest, APaidOrderCancelledShowsItsRefundToBothPartiesOnly) {
    const auto form = open_form({{"Red", 5000, 5}});
    const auto unpaid = "/api/v1/orders/" + std::to_string(placed(buyer_, form));
    const auto paid = pay(placed(buyer_, form, 2));
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"088","account_number":"110-222-333333","holder_name":"Buyer"})")
                  .status,
              200);

    // Cancelling an unpaid order owes nothing and shows the seller no account.
    auto r = call(client_, seller_, "POST", unpaid + "/cancellation");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(r.json().as_object().contains("refund_account"));
    EXPECT_TRUE(r.json().at("refund").is_null());
    EXPECT_TRUE(r.json().at("paid_at").is_null());

    EXPECT_FALSE(get(buyer_, paid).at("paid_at").is_null());
    EXPECT_TRUE(get(buyer_, paid).at("refund").is_null());  // paid, not cancelled: nothing due
    r = call(client_, seller_, "POST", paid + "/cancellation");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("refund_account").at("account_number").as_string(), "110-222-333333");
    for (const auto& who : {seller_, buyer_}) {
        const auto refund = get(who, paid).at("refund");
        ASSERT_TRUE(refund.is_object()) << refund;
        EXPECT_EQ(refund.at("amount").as_int64(), 10000);
        EXPECT_EQ(refund.at("account").at("account_number").as_string(), "110-222-333333");
        EXPECT_EQ(refund.at("account").at("bank").as_string(), "088");
    }
    // In the seller's list too, after a reload: not a one-time message.
    const auto list = get(seller_, form_path(form) + "/orders?status=CANCELLED");
    int refunds = 0;
    for (const auto& o : list.at("items").as_array()) {
        if (!o.at("refund").is_null()) {
            EXPECT_EQ(o.at("refund").at("account").at("holder_name").as_string(), "Buyer");
            ++refunds;
        }
    }
    EXPECT_EQ(refunds, 1);
    // A changed refund account shows at once: the refund goes where the buyer says now.
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"090","account_number":"3333-01-1234567","holder_name":"Buyer"})")
                  .status,
              200);
    EXPECT_EQ(get(seller_, paid).at("refund").at("account").at("bank").as_string(), "090");
    // Nobody else sees the order, its refund account least of all.
    const auto stranger = seeder_.user("stranger@example.com");
    EXPECT_EQ(call(client_, stranger, "GET", paid).status, 404);
}

// The seller marks a refund sent once, whoever races them: the order keeps when, the buyer is
// told once, and an order that owes nothing cannot be marked.
TEST_P(FulfilmentTest, TheSellerMarksARefundSentOnce) {
    const auto form = open_form({{"Red", 5000, 5}});
    const auto paid = pay(placed(buyer_, form));
    const auto still_paid = pay(placed(buyer_, form));
    const auto unpaid = "/api/v1/orders/" + std::to_string(placed(buyer_, form));
    ASSERT_EQ(call(client_, seller_, "POST", unpaid + "/cancellation").status, 200);
    // A free item paid for (0 won) and cancelled owes nothing either.
    const auto gift = pay(placed(buyer_, open_form({{"Sticker", 0, 5}})));
    ASSERT_EQ(call(client_, seller_, "POST", gift + "/cancellation").status, 200);
    EXPECT_TRUE(get(buyer_, gift).at("refund").is_null());
    for (const auto& path : {still_paid, unpaid, gift}) {
        auto r = call(client_, seller_, "POST", path + "/refund");
        EXPECT_EQ(r.status, 409) << path << " owes nothing: " << r.body;
        EXPECT_EQ(code(r), "invalid_transition");
    }
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"088","account_number":"110-222-333333","holder_name":"Buyer"})")
                  .status,
              200);
    ASSERT_EQ(call(client_, seller_, "POST", paid + "/cancellation").status, 200);
    EXPECT_TRUE(get(buyer_, paid).at("refund").at("refunded_at").is_null());
    EXPECT_EQ(call(client_, buyer_, "POST", paid + "/refund").status, 403);
    EXPECT_EQ(call(client_, seeder_.user("stranger@example.com"), "POST", paid + "/refund").status,
              404);

    std::atomic<int> ready{0}, marked{0}, refused{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 8; ++i) {
        racers.emplace_back([&] {
            HttpClient own(server_.port());
            ++ready;
            while (ready.load() < 8) std::this_thread::yield();
            const auto status = call(own, seller_, "POST", paid + "/refund").status;
            if (status == 200) ++marked;
            if (status == 409) ++refused;
        });
    }
    for (auto& r : racers) r.join();
    EXPECT_EQ(marked.load(), 1);
    EXPECT_EQ(refused.load(), 7);
    const auto refund = get(buyer_, paid).at("refund");
    EXPECT_FALSE(refund.at("refunded_at").is_null());
    EXPECT_EQ(refund.at("amount").as_int64(), 5000);
    EXPECT_EQ(refund.at("account").at("account_number").as_string(), "110-222-333333");
    // The account it went to stays on the order when the buyer changes theirs later.
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"004","account_number":"123-456-789","holder_name":"Buyer"})")
                  .status,
              200);
    for (const auto& who : {seller_, buyer_}) {
        EXPECT_EQ(get(who, paid).at("refund").at("account").at("account_number").as_string(),
                  "110-222-333333");
    }

    // The buyer hears it once (once the relay ran), and no second time later.
    const auto refunds_told = [&] {
        const auto page = get(buyer_, "/api/v1/me/notifications?limit=100");
        int n = 0;
        for (const auto& item : page.at("items").as_array()) {
            if (item.at("kind").as_string() != "refunded") continue;
            EXPECT_EQ(item.at("data").at("amount").as_int64(), 5000);
            ++n;
        }
        return n;
    };
    int told = 0;
    for (int i = 0; i < 200 && told == 0; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        told = refunds_told();
    }
    EXPECT_EQ(told, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(refunds_told(), 1);
}

TEST_P(FulfilmentTest, ARefundIsDueWithoutAnAccountUntilTheBuyerAddsOne) {
    const auto form = open_form({{"Red", 5000, 5}});
    const auto paid = pay(placed(buyer_, form));
    auto r = call(client_, seller_, "POST", paid + "/cancellation");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().at("refund_account").is_null()) << "owed, with nowhere to send it yet";
    EXPECT_EQ(r.json().at("refund").at("amount").as_int64(), 5000);
    EXPECT_TRUE(r.json().at("refund").at("account").is_null());
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account",
                   R"({"bank":"004","account_number":"123-456-789","holder_name":"Buyer"})")
                  .status,
              200);
    EXPECT_EQ(get(seller_, paid).at("refund").at("account").at("account_number").as_string(),
              "123-456-789");
}

TEST_P(FulfilmentTest, ABuyerListsTheirOrdersOnOneForm) {
    const auto one = open_form({{"A", 1000, 5}});
    const auto two = open_form({{"B", 1000, 5}});
    const auto first = placed(buyer_, one);
    const auto other = placed(buyer_, two);
    const auto second = placed(buyer_, one);
    placed(seeder_.user("late@example.com"), one);

    const auto ids = [&](const std::string& query) {
        std::vector<std::int64_t> out;
        const auto page = get(buyer_, "/api/v1/me/orders" + query);
        for (const auto& o : page.at("items").as_array()) out.push_back(id(o));
        return out;
    };
    EXPECT_EQ(ids("?form_id=" + std::to_string(id(one))),
              (std::vector<std::int64_t>{second, first}));
    EXPECT_EQ(ids("?form_id=" + std::to_string(id(two))), std::vector<std::int64_t>{other});
    EXPECT_EQ(ids(""), (std::vector<std::int64_t>{second, other, first}));
    EXPECT_EQ(ids("?form_id=" + std::to_string(id(one)) + "&limit=1"),
              std::vector<std::int64_t>{second});
    EXPECT_EQ(ids("?form_id=999999"), std::vector<std::int64_t>{});
    // An empty form id is a mistake, not "every form": a page would show other forms' orders.
    for (const auto* bad : {"?form_id=abc", "?form_id=0", "?form_id=-1", "?form_id=1&form_id=2",
                            "?limit=5&limit=6", "?form_id=", "?form_id"}) {
        auto r = call(client_, buyer_, "GET", std::string("/api/v1/me/orders") + bad);
        EXPECT_EQ(r.status, 422) << bad << " " << r.body;
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, FulfilmentTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
