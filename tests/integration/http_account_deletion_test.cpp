// A person's own account through the real server, on SQLite and on PostgreSQL: editing the name
// and phone, and deleting the account (refused while orders are open on either side; then the
// personal data is gone from the database rows themselves and the email can sign up again).
#include "integration/account_fixture.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

constexpr const char* kName = "Minji Unique";
constexpr const char* kPhone = "010-5555-7777";
constexpr const char* kStreet = "45 Unique-Street";
constexpr const char* kRefundNumber = "3333-01-7654321";
constexpr const char* kHandle = "@minji_unique_x";  // an answer: free text, often personal

class AccountDeletionTest : public AccountTest {
  protected:
    HttpResponse delete_me(const std::string& token, const std::string& password = kPassword) {
        return call(client_, token, "DELETE", "/api/v1/me",
                    json::serialize(json::object{{"password", password}}));
    }
    int give_refund_account(const std::string& token) {
        return call(client_, token, "PUT", "/api/v1/me/refund-account",
                    json::serialize(json::object{{"bank", "KAKAO"},
                                                 {"account_number", kRefundNumber},
                                                 {"holder_name", kName}}))
            .status;
    }
    HttpResponse put_me(const std::string& token, const std::string& body) {
        return call(client_, token, "PUT", "/api/v1/me", body);
    }
    // A form of `seller` open now, delivering by courier.
    json::object delivering_form(const std::string& seller) {
        auto body =
            json::parse(form_body({{"Stand", 10000, 10}}, at(-kHour), at(24 * kHour))).as_object();
        body["delivery_options"] =
            json::array{json::object{{"kind", "COURIER"}, {"label", "CJ"}, {"fee", 3000}}};
        body["questions"] =
            json::array{json::object{{"label", "X handle"}, {"kind", "TEXT"}, {"required", true}}};
        auto r = call(client_, seller, "POST", "/api/v1/forms", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    std::int64_t order_delivered_to_buyer(const std::string& buyer, const json::object& form) {
        auto body = json::parse(order_body({{product(form, 0), 1}})).as_object();
        body["delivery"] =
            json::object{{"option_id", form.at("delivery_options").at(0).at("id").as_int64()},
                         {"address1", kStreet},
                         {"address2", "301"},
                         {"zipcode", "04036"}};
        body["answers"] = json::array{json::object{
            {"question_id", form.at("questions").at(0).at("id").as_int64()}, {"value", kHandle}}};
        auto r = call(client_, buyer, "POST", form_path(form) + "/orders", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? id(r.json()) : 0;
    }
    void deliver(const std::string& seller, std::int64_t order) {
        const auto path = "/api/v1/orders/" + std::to_string(order);
        EXPECT_EQ(call(client_, seller, "POST", path + "/deposit-confirmation").status, 200);
        EXPECT_EQ(call(client_, seller, "POST", path + "/shipment",
                       R"({"tracking_number":"CJ-1234-5678"})")
                      .status,
                  200);
        EXPECT_EQ(call(client_, seller, "POST", path + "/delivery").status, 200);
    }
};

TEST_P(AccountDeletionTest, EditingTheNameAndPhoneFollowsTheSignUpRulesAndChangesNothingElse) {
    ASSERT_EQ(sign_up("kim@example.com").status, 201);
    const auto t = sign_in("kim@example.com");
    auto r = put_me(t.access, R"({"name":"Lee Minji","phone":"01098765432"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("name").as_string(), "Lee Minji");
    EXPECT_EQ(r.json().at("email").as_string(), "kim@example.com");
    const auto before = call(client_, t.access, "GET", "/api/v1/me");
    EXPECT_EQ(before.json().at("phone").as_string(), "01098765432");

    const std::string huge(20000, 'x');
    const std::vector<std::pair<std::string, int>> refused = {
        {R"({"name":"","phone":"01012345678"})", 422},
        {R"({"name":"   ","phone":"01012345678"})", 422},
        {R"({"name":"Kim\u0001","phone":"01012345678"})", 422},
        {R"({"name":"Kim\nLee","phone":"01012345678"})", 422},
        {R"({"name":"\u007f","phone":"01012345678"})", 422},
        {R"({"name":")" + std::string(51, 'k') + R"(","phone":"01012345678"})", 422},
        {R"({"name":")" + huge + R"(","phone":"01012345678"})", 422},
        {R"({"name":"Kim","phone":")" + huge + R"("})", 422},
        {R"({"name":"Kim","phone":"010-1234-5678-9999"})", 422},
        {R"({"name":"Kim","phone":"010--1234"})", 422},
        {R"({"name":"Kim","phone":" 01012345678"})", 422},
        {R"({"name":"Kim"})", 422},
        {R"({"name":7,"phone":"01012345678"})", 422},
        {R"({"name":null,"phone":"01012345678"})", 422},
        {R"({"name":"Kim","phone":"01012345678","email":"x@example.com"})", 422},
        {R"(["Kim"])", 422},
        {R"({"name":"Kim",)", 400},
    };
    for (const auto& [body, status] : refused) {
        EXPECT_EQ(put_me(t.access, body).status, status) << body.substr(0, 80);
    }
    EXPECT_EQ(call(client_, t.access, "GET", "/api/v1/me").body, before.body) << "nothing changed";
}

TEST_P(AccountDeletionTest, RefusedWithOpenOrdersOnEitherSideThenErasedFromTheRowsThemselves) {
    ASSERT_EQ(sign_up("kim@example.com").status, 201);
    ASSERT_EQ(sign_up("sam@example.com").status, 201);
    const auto kim = sign_in("kim@example.com");
    const auto kim_browser = web_sign_in("kim@example.com");
    const auto sam = sign_in("sam@example.com");
    const auto kim_id = call(client_, kim.access, "GET", "/api/v1/me").json().at("id").as_int64();
    ASSERT_EQ(put_me(kim.access, json::serialize(json::object{{"name", kName}, {"phone", kPhone}}))
                  .status,
              200);
    ASSERT_EQ(call(client_, kim.access, "PUT", "/api/v1/me/address",
                   json::serialize(json::object{
                       {"address1", kStreet}, {"address2", "301"}, {"zipcode", "04036"}}))
                  .status,
              200);
    ASSERT_EQ(give_refund_account(kim.access), 200);
    const auto form = delivering_form(sam.access);
    ASSERT_EQ(call(client_, kim.access, "PUT", form_path(form) + "/like").status, 200);
    const auto order = order_delivered_to_buyer(kim.access, form);

    // Refusals change nothing (the outbox and notifications move on their own).
    SqlProbe db(server_.database_url());
    const std::set<std::string> moving = {"outbox", "notifications", "notification_heads"};
    const auto before = db.dump(moving);
    auto wrong = delete_me(kim.access, "not-my-password");
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(code(wrong), "wrong_password");
    auto as_buyer = delete_me(kim.access);
    EXPECT_EQ(as_buyer.status, 409) << as_buyer.body;
    EXPECT_EQ(code(as_buyer), "open_orders");
    auto as_seller = delete_me(sam.access);
    EXPECT_EQ(as_seller.status, 409) << as_seller.body;
    EXPECT_EQ(code(as_seller), "open_orders");
    EXPECT_EQ(call(client_, kim.access, "DELETE", "/api/v1/me", R"({"password":1})").status, 422);
    EXPECT_EQ(db.dump(moving), before);
    EXPECT_EQ(me_status(kim.access), 200);

    deliver(sam.access, order);
    ASSERT_EQ(delete_me(kim.access).status, 204);

    // The user row keeps its id, and nothing else of the person.
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM users WHERE id = $1 AND name = '' AND email = '' "
                        "AND phone = '' AND password_hash = '' AND address1 IS NULL AND "
                        "address2 IS NULL AND zipcode IS NULL AND refund_bank IS NULL AND "
                        "refund_account_number IS NULL AND refund_holder_name IS NULL AND "
                        "deleted_at IS NOT NULL",
                        store::SqlParams().add(kim_id)),
              1);
    // The order keeps the seller's record (items, amount, depositor, tracking), not where the
    // parcel went or to whom.
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM orders WHERE id = $1 AND buyer_id = $2 AND "
                        "recipient_name IS NULL AND recipient_phone IS NULL AND address1 IS NULL "
                        "AND address2 IS NULL AND zipcode IS NULL AND depositor_name = "
                        "'Depositor' AND total = 10000 AND tracking_number = 'CJ-1234-5678'",
                        store::SqlParams().add(order).add(kim_id)),
              1);
    EXPECT_EQ(
        db.scalar("SELECT COUNT(*) FROM likes WHERE user_id = $1", store::SqlParams().add(kim_id)),
        0);
    EXPECT_EQ(db.scalar("SELECT likes FROM forms WHERE id = $1", store::SqlParams().add(id(form))),
              0);
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1",
                        store::SqlParams().add(kim_id)),
              0);
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = $1 AND "
                        "revoked_at IS NULL",
                        store::SqlParams().add(kim_id)),
              0);
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM web_sessions WHERE user_id = $1 AND "
                        "revoked_at IS NULL",
                        store::SqlParams().add(kim_id)),
              0);
    for (const auto& [table, rows] : db.dump()) {
        for (const auto& row : rows) {
            for (const std::string personal :
                 {"kim@example.com", kName, kPhone, kStreet, kRefundNumber, kHandle}) {
                EXPECT_EQ(row.find(personal), std::string::npos) << personal << " in " << table;
            }
        }
    }

    // Every credential is refused, the password too.
    EXPECT_EQ(me_status(kim.access), 401);
    EXPECT_EQ(refresh(kim.refresh).status, 401);
    EXPECT_EQ(with_cookie(kim_browser, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(sign_in_response("kim@example.com").status, 401);
    // The seller's records still read.
    auto seen = call(client_, sam.access, "GET", "/api/v1/orders/" + std::to_string(order));
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_EQ(seen.json().at("status").as_string(), "DELIVERED");

    // The email is free again: a new account, a new id.
    auto again = sign_up("Kim@Example.com");
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_NE(again.json().at("id").as_int64(), kim_id);
    EXPECT_EQ(me_status(sign_in("kim@example.com").access), 200);

    // The seller goes too: the form closes and its bank account is erased.
    ASSERT_EQ(delete_me(sam.access).status, 204);
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("status").as_string(), "closed");
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM forms WHERE id = $1 AND account_number = '' AND "
                        "holder_name = '' AND closed_at IS NOT NULL",
                        store::SqlParams().add(id(form))),
              1);
    EXPECT_EQ(me_status(sam.access), 401);
}

// A paid order the seller cancelled is open until they mark its refund sent: until then the
// seller needs the buyer's refund account, and the buyer their money back, so neither account
// may go.
TEST_P(AccountDeletionTest, ARefundStillOwedKeepsBothAccounts) {
    ASSERT_EQ(sign_up("kim@example.com").status, 201);
    ASSERT_EQ(sign_up("sam@example.com").status, 201);
    const auto kim = sign_in("kim@example.com");
    const auto sam = sign_in("sam@example.com");
    ASSERT_EQ(give_refund_account(kim.access), 200);
    const auto form = delivering_form(sam.access);
    const auto path =
        "/api/v1/orders/" + std::to_string(order_delivered_to_buyer(kim.access, form));
    ASSERT_EQ(call(client_, sam.access, "POST", path + "/deposit-confirmation").status, 200);
    ASSERT_EQ(call(client_, sam.access, "POST", path + "/cancellation").status, 200);

    for (const auto* who : {&kim, &sam}) {
        auto r = delete_me(who->access);
        EXPECT_EQ(r.status, 409) << r.body;
        EXPECT_EQ(code(r), "open_orders");
    }
    const auto owed = call(client_, sam.access, "GET", path).json().at("refund");
    EXPECT_EQ(owed.at("account").at("account_number").as_string(), kRefundNumber);

    ASSERT_EQ(call(client_, sam.access, "POST", path + "/refund").status, 200);
    EXPECT_EQ(delete_me(kim.access).status, 204);
    EXPECT_EQ(delete_me(sam.access).status, 204);
}

INSTANTIATE_TEST_SUITE_P(Stores, AccountDeletionTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
