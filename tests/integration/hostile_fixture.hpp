// The fixture of the hostile-input suite (hostile_input_test.cpp): a server on SQLite or
// PostgreSQL with a seller, buyers, forms, orders and pictures in every state an endpoint
// needs, and one valid example request per endpoint (hostile_endpoints.cpp) to attack.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "support/http_client.hpp"
#include "support/sale_client.hpp"
#include "support/sql_probe.hpp"
#include "support/test_images.hpp"
#include "support/test_server.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::test {

namespace json = boost::json;
using namespace std::chrono_literals;

using Headers = std::vector<std::pair<std::string, std::string>>;
using Path = std::vector<std::variant<std::string, std::size_t>>;

// One courier option, as a form's delivery_options.
inline const std::string kCourier = R"([{"kind":"COURIER","label":"CJ 택배","fee":3000}])";

// One endpoint and a valid request to it.
struct Endpoint {
    std::string method = {};
    std::string pattern = {};                        // as in the route table
    std::string token = {};                          // the caller's bearer token; empty for none
    std::map<std::string, std::string> params = {};  // path parameters of the valid request
    std::string body = {};                           // the valid body; empty for none
    // The body's type when it is not JSON (a picture): sent as is, never mutated as JSON.
    std::string content_type = {};
    std::string query = {};                   // a valid query string; empty for none
    std::set<std::string> multiline = {};     // body fields that may hold line breaks
    std::set<std::string> optional = {};      // body fields where null means "left out"
    std::set<std::string> may_be_blank = {};  // text fields that may show nothing
    bool stream = false;                      // answers with an endless event stream
    // Headers the valid request sends besides these (the web app's own header).
    std::vector<std::pair<std::string, std::string>> headers = {};
    // Makes a body unique before it is sent (a fresh email for a sign-up).
    std::function<void(json::object&, int)> vary = {};
    // Fresh path parameters for a request that must succeed again (an order still PAID).
    std::function<std::map<std::string, std::string>()> fresh = {};
};

class HostileInputTest : public ::testing::TestWithParam<Backend> {
  protected:
    HostileInputTest()
        : server_(GetParam(),
                  [](app::Config& c) {
                      // Thousands of refused requests from one address: the limits are tested
                      // elsewhere, here they would answer 429 before validation is reached.
                      c.sign_in_rules.sign_up.free = 1'000'000;
                      c.sign_in_rules.address.free = 1'000'000;
                  }),
          client_(server_.port()),
          seeder_(server_),
          probe_(server_.database_url()) {}

    void SetUp() override {
        seller_ = seeder_.user("seller@example.com");
        buyer_ = seeder_.user("buyer@example.com");
        leaver_ = seeder_.user("leaver@example.com");
        const auto signed_up = client_.request(
            "POST", "/api/v1/users",
            R"({"name":"Kim","email":"kim@example.com","password":"password-1","phone":"01012345678"})");
        ASSERT_EQ(signed_up.status, 201) << signed_up.body;
        // A password to change and an account to delete, each of its own.
        for (const auto* who : {"changer", "deleter"}) {
            const auto r = client_.request(
                "POST", "/api/v1/users",
                std::string(R"({"name":"Kim","email":")") + who +
                    R"(@example.com","password":"password-1","phone":"01012345678"})");
            ASSERT_EQ(r.status, 201) << r.body;
        }
        changer_ = signed_in("changer@example.com").at("access_token").as_string();
        deleter_ = signed_in("deleter@example.com").at("access_token").as_string();
        // Two sign-ins: signing the first out ends its refresh family.
        kim_token_ = signed_in("kim@example.com").at("access_token").as_string();
        kim_refresh_ = signed_in("kim@example.com").at("refresh_token").as_string();
        const auto now = std::chrono::system_clock::now();
        const auto day = std::chrono::hours(24);
        form_ = publish(at(now - 1h), at(now + day));
        upcoming_ = publish(at(now + day), at(now + 2 * day));
        closing_ = publish(at(now - 1h), at(now + day));
        delivering_ = publish(at(now - 1h), at(now + day), kCourier,
                              R"([{"label":"X handle","kind":"TEXT"}])");
        auto draft = json::parse(form_body({{"Red", 1000, 100}}, at(now + day), at(now + 2 * day)));
        draft.as_object()["visibility"] = "DRAFT";
        const auto drafted =
            call(client_, seller_, "POST", "/api/v1/forms", json::serialize(draft));
        ASSERT_EQ(drafted.status, 201) << drafted.body;
        deletable_ = std::to_string(drafted.json().at("id").as_int64());
        const auto coupon = call(client_, seller_, "POST", form_path(form_) + "/coupons",
                                 R"({"name":"Early","discount":100,"quantity":10})");
        ASSERT_EQ(coupon.status, 201) << coupon.body;
        coupon_ = std::to_string(coupon.json().at("id").as_int64());
        created_ = place_order();
        paid_ = paid_order();
        shipped_ = paid_order();
        ASSERT_EQ(call(client_, seller_, "POST", "/api/v1/orders/" + shipped_ + "/shipment",
                       R"({"tracking_number":"CJ-1"})")
                      .status,
                  200);
        cancellable_ = place_order();
        refundable_ = paid_order();
        ASSERT_EQ(call(client_, seller_, "POST", "/api/v1/orders/" + refundable_ + "/cancellation")
                      .status,
                  200);
        cover_image_ = upload(form_path(upcoming_) + "/images");
        product_image_ =
            upload(form_path(upcoming_) + "/products/" + products_.at(upcoming_) + "/images");
        doomed_image_ = upload(form_path(closing_) + "/images");
        settle();
    }

    // A bearer client's sign-in: {access_token, refresh_token, ...}.
    json::object signed_in(const std::string& email) {
        const auto r = client_.request("POST", "/api/v1/sessions",
                                       R"({"email":")" + email + R"(","password":"password-1"})");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json().as_object();
    }
    static std::string at(std::chrono::system_clock::time_point t) {
        return util::format_rfc3339(
            std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
    }
    std::string form_path(const std::string& id) const { return "/api/v1/forms/" + id; }
    std::string publish(const std::string& opens, const std::string& closes,
                        const std::string& delivery_options = "",
                        const std::string& questions = "") {
        auto body = form_body({{"Red", 1000, 100}, {"Blue", 2000, 100}}, opens, closes);
        if (!delivery_options.empty()) {
            body.pop_back();
            body += R"(,"delivery_options":)" + delivery_options + "}";
        }
        if (!questions.empty()) {
            body.pop_back();
            body += R"(,"questions":)" + questions + "}";
        }
        auto r = call(client_, seller_, "POST", "/api/v1/forms", body);
        EXPECT_EQ(r.status, 201) << r.body;
        const auto parsed = r.json();
        const auto& f = parsed.as_object();
        if (!delivery_options.empty()) {
            delivery_option_ = std::to_string(f.at("delivery_options").at(0).at("id").as_int64());
        }
        if (!questions.empty()) {
            question_ = std::to_string(f.at("questions").at(0).at("id").as_int64());
        }
        products_[std::to_string(f.at("id").as_int64())] =
            std::to_string(f.at("products").at(0).at("id").as_int64());
        return std::to_string(f.at("id").as_int64());
    }
    // Uploads a small picture as the seller; its id.
    std::string upload(const std::string& path) {
        auto r = call(client_, seller_, "POST", path, make_image(48, 32, "png"),
                      {{"Content-Type", "image/png"}});
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(r.json().at("id").as_string());
    }
    std::string place_order() {
        auto r = call(client_, buyer_, "POST", form_path(form_) + "/orders",
                      order_body({{std::stoll(products_[form_]), 1}}));
        EXPECT_EQ(r.status, 201) << r.body;
        return std::to_string(r.json().at("id").as_int64());
    }
    std::string paid_order() {
        const auto id = place_order();
        EXPECT_EQ(
            call(client_, seller_, "POST", "/api/v1/orders/" + id + "/deposit-confirmation").status,
            200);
        return id;
    }

    // Waits until the work the setup started in the background (events relayed, notifications
    // stored) has finished, so the database changes only when a request changes it.
    void settle() {
        auto last = snapshot();
        for (int stable = 0; stable < 3;) {
            std::this_thread::sleep_for(100ms);
            auto now = snapshot();
            stable = now == last ? stable + 1 : 0;
            last = std::move(now);
        }
    }
    // The database, less the log of refused order attempts (refusing an order logs it).
    std::map<std::string, std::vector<std::string>> snapshot() {
        return probe_.dump({"order_failures", "schema_migrations"});
    }

    std::vector<Endpoint> endpoints();  // hostile_endpoints.cpp

    HttpResponse send(const Endpoint& e, const std::string& target, const std::string& body) {
        Headers headers = e.headers;
        if (!e.token.empty()) headers.emplace_back("Authorization", "Bearer " + e.token);
        if (!e.content_type.empty()) headers.emplace_back("Content-Type", e.content_type);
        HttpClient c(server_.port());
        return c.request(e.method, target, body, headers);
    }

    // Sends one attack and checks its answer and that nothing changed.
    void expect_refused(const std::string& what, const std::function<HttpResponse()>& attack) {
        ++attacks_;
        const auto r = attack();
        EXPECT_GE(r.status, 400) << what << ": " << r.body;
        EXPECT_LT(r.status, 500) << what << ": " << r.body;
        const auto after = snapshot();
        if (after != before_) {
            ADD_FAILURE() << what << " changed the database";
            before_ = after;
        }
    }

    TestServer server_;
    HttpClient client_;
    UserSeeder seeder_;
    SqlProbe probe_;
    std::string seller_, buyer_, leaver_;
    std::string changer_, deleter_;        // signed up with a password
    std::string kim_token_, kim_refresh_;  // a bearer client's sign-in
    std::string form_, upcoming_, closing_, coupon_;
    // A form with one courier option and one question, and their ids.
    std::string delivering_, delivery_option_, question_;
    std::string deletable_;  // a draft, deleted by its example
    std::string created_, paid_, shipped_, cancellable_, refundable_;
    std::string cover_image_, product_image_, doomed_image_;  // pictures of upcoming_ and closing_
    std::map<std::string, std::string> products_;             // a product of each form
    std::map<std::string, std::vector<std::string>> before_;
    int attacks_ = 0;
};

}  // namespace formlympics::test
