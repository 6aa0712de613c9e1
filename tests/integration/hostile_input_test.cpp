// Every endpoint of the route table, attacked as an outsider would, on SQLite and PostgreSQL.
// The attacks are generated from each endpoint's valid example request: every text field gets
// each control character (NUL included), an overlong value and the wrong types; every number
// values past int64 and of other types; every object an unknown field; every path id the
// spellings that are not canonical; every query parameter bad values; and every endpoint the
// framing attacks of request smuggling. Each must be answered 4xx, change nothing in the
// database and leave the server serving; the example itself must then succeed, so the 4xx came
// from the attack. A second test sends text that is valid but awkward (quotes, backslashes,
// braces, commas, NULL, Korean, emoji, line breaks) into every text field: what is accepted must
// be stored exactly.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <thread>
#include <variant>

#include "http/handlers/pages.hpp"
#include "http/web_assets.hpp"
#include "support/framing_attacks.hpp"
#include "support/http_client.hpp"
#include "support/sale_client.hpp"
#include "support/sql_probe.hpp"
#include "support/test_images.hpp"
#include "support/test_server.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

using Headers = std::vector<std::pair<std::string, std::string>>;
using Path = std::vector<std::variant<std::string, std::size_t>>;

// One courier option, as a form's delivery_options.
const std::string kCourier = R"([{"kind":"COURIER","label":"CJ 택배","fee":3000}])";

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

std::string target_of(const Endpoint& e, const std::map<std::string, std::string>& params,
                      const std::string& query) {
    std::string out = e.pattern;
    for (const auto& [name, value] : params) {
        const auto at = out.find("{" + name + "}");
        if (at != std::string::npos) out.replace(at, name.size() + 2, value);
    }
    return query.empty() ? out : out + "?" + query;
}

std::string path_name(const Path& p) {
    std::string out;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            out += (out.empty() ? "" : ".") + *key;
        } else {
            out += "[" + std::to_string(std::get<std::size_t>(step)) + "]";
        }
    }
    return out;
}

// The field name a validation error would give, without array indices: products[0].name is
// "products.name" here, to match Endpoint::multiline.
std::string field_name(const Path& p) {
    std::string out;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step))
            out += (out.empty() ? "" : ".") + *key;
    }
    return out;
}

void collect(const json::value& v, Path& here, std::vector<Path>& leaves,
             std::vector<Path>& objects) {
    if (v.is_object()) {
        objects.push_back(here);
        for (const auto& kv : v.as_object()) {
            here.emplace_back(std::string(kv.key()));
            collect(kv.value(), here, leaves, objects);
            here.pop_back();
        }
    } else if (v.is_array()) {
        for (std::size_t i = 0; i < v.as_array().size(); ++i) {
            here.emplace_back(i);
            collect(v.as_array()[i], here, leaves, objects);
            here.pop_back();
        }
    } else {
        leaves.push_back(here);
    }
}

json::value& leaf_at(json::value& root, const Path& p) {
    json::value* v = &root;
    for (const auto& step : p) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            v = &v->as_object()[*key];
        } else {
            v = &v->as_array()[std::get<std::size_t>(step)];
        }
    }
    return *v;
}

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

    std::vector<Endpoint> endpoints() {
        const std::string bank =
            R"("bank_account":{"bank":"SHINHAN","account_number":"110-123-456789","holder_name":"Seller"})";
        const auto product = products_.at(form_);
        const auto later = [&](int days) {
            return at(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
        };
        const auto form =
            R"({"title":"Keyrings","description":"Limited run","opens_at":")" + later(1) +
            R"(","closes_at":")" + later(2) + R"(","deposit_deadline_hours":24,)" + bank +
            R"(,"products":[{"name":"Red","price":5000,"stock":100,"per_buyer_limit":2,)" +
            R"("group":"Keyring","option":"Red","group_limit":3}],)" + R"("delivery_options":)" +
            kCourier + R"(,"free_shipping_over":50000,)" +
            R"("visibility":"UNLISTED","questions":[{"label":"X handle","kind":"TEXT"},)" +
            R"({"label":"Fan club","kind":"CHOICE","choices":["Yes","No"]}]})";
        const auto patch = R"({"title":"Keyrings 2","description":"Restocked","opens_at":")" +
                           later(1) + R"(","closes_at":")" + later(3) +
                           R"(","deposit_deadline_hours":48,)" + bank + R"(,"products":[{"id":)" +
                           products_.at(upcoming_) +
                           R"(,"name":"Red","price":6000,"stock":90,"per_buyer_limit":3}],)" +
                           R"("add_products":[{"name":"Green","price":1000,"stock":5}],)" +
                           R"("questions":[{"label":"X handle","kind":"TEXT"}],)" +
                           R"("delivery_options":)" + kCourier + R"(,"free_shipping_over":30000})";
        auto fresh_paid = [this] {
            return std::map<std::string, std::string>{{"id", paid_order()}};
        };
        std::vector<Endpoint> web;
        for (const auto& page : http::handlers::page_paths()) {
            Endpoint e{.method = "GET", .pattern = page};
            if (page.find("{id}") != std::string::npos) {
                e.params = {{"id", page.starts_with("/orders") ? created_ : form_}};
            }
            web.push_back(std::move(e));
        }
        web.push_back({.method = "GET", .pattern = "/forms/{id}", .params = {{"id", form_}}});
        for (const auto& a : http::web_assets()) {
            if (a.path == "/index.html") continue;
            if (a.path.starts_with("/assets/")) {
                if (web.back().pattern == "/assets/{file}") continue;
                web.push_back({.method = "GET",
                               .pattern = "/assets/{file}",
                               .params = {{"file", std::string(a.path.substr(8))}}});
            } else {
                web.push_back({.method = "GET", .pattern = std::string(a.path)});
            }
        }
        web.push_back({.method = "GET", .pattern = "/api/v1/time"});
        web.push_back({.method = "GET", .pattern = "/api/v1/banks"});
        const std::vector<std::pair<std::string, std::string>> app = {{"X-Formlympics-Web", "1"}};
        web.push_back({.method = "POST",
                       .pattern = "/api/v1/web/session",
                       .body = R"({"email":"kim@example.com","password":"password-1"})",
                       .headers = app});
        web.push_back({.method = "DELETE", .pattern = "/api/v1/web/session", .headers = app});
        std::vector<Endpoint> api = {
            {.method = "POST",
             .pattern = "/api/v1/users",
             .body = R"({"name":"Lee","email":"lee@example.com","password":"password-2",)"
                     R"("phone":"010-9876-5432"})",
             .vary = [](json::object& b,
                        int n) { b["email"] = "lee" + std::to_string(n) + "@example.com"; }},
            {.method = "POST",
             .pattern = "/api/v1/sessions",
             .body = R"({"email":"kim@example.com","password":"password-1"})"},
            // Signing out everywhere revokes the caller's tokens: a user of its own.
            {.method = "DELETE", .pattern = "/api/v1/sessions", .token = leaver_},
            {.method = "DELETE", .pattern = "/api/v1/sessions/current", .token = kim_token_},
            {.method = "POST",
             .pattern = "/api/v1/sessions/refresh",
             .body = R"({"refresh_token":")" + kim_refresh_ + "\"}"},
            {.method = "PUT",
             .pattern = "/api/v1/me",
             .token = buyer_,
             .body = R"({"name":"Kim Minji","phone":"010-1234-5678"})"},
            {.method = "PUT",
             .pattern = "/api/v1/me/password",
             .token = changer_,
             .body = R"({"current_password":"password-1","new_password":"password-2"})"},
            {.method = "DELETE",
             .pattern = "/api/v1/me",
             .token = deleter_,
             .body = R"({"password":"password-1"})"},
            {.method = "GET", .pattern = "/api/v1/me", .token = buyer_},
            {.method = "GET", .pattern = "/api/v1/me/forms", .token = seller_, .query = "limit=10"},
            {.method = "GET",
             .pattern = "/api/v1/me/forms/{id}",
             .token = seller_,
             .params = {{"id", form_}}},
            {.method = "PUT",
             .pattern = "/api/v1/me/address",
             .token = buyer_,
             .body = R"({"address1":"110 Sejong-daero, Jung-gu, Seoul","address2":"101",)"
                     R"("zipcode":"04524"})",
             .optional = {"address2"},
             .may_be_blank = {"address2"}},
            {.method = "PUT",
             .pattern = "/api/v1/me/refund-account",
             .token = buyer_,
             .body = R"({"bank":"KAKAO","account_number":"3333-01-1234567",)"
                     R"("holder_name":"Kim Minji"})"},
            {.method = "POST",
             .pattern = "/api/v1/forms",
             .token = seller_,
             .body = form,
             .multiline = {"description"},
             .optional = {"description", "deposit_deadline_hours", "products.per_buyer_limit",
                          "products.group_limit", "free_shipping_over", "visibility"},
             .may_be_blank = {"description"}},
            {.method = "GET",
             .pattern = "/api/v1/forms",
             .query = "status=open&limit=10&cursor=999&q=Red&seller_id=" +
                      std::to_string(UserSeeder::id_of(seller_))},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/publish",
             .token = seller_,
             .params = {{"id", upcoming_}},
             .body = R"({"visibility":"PUBLIC"})"},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/copy",
             .token = seller_,
             .params = {{"id", upcoming_}}},
            {.method = "DELETE",
             .pattern = "/api/v1/forms/{id}",
             .token = seller_,
             .params = {{"id", deletable_}}},
            {.method = "GET", .pattern = "/api/v1/forms/{id}", .params = {{"id", form_}}},
            {.method = "PATCH",
             .pattern = "/api/v1/forms/{id}",
             .token = seller_,
             .params = {{"id", upcoming_}},
             .body = patch,
             .multiline = {"description"},
             // In a change, null leaves a field as it is (and lifts the per-buyer limit).
             .optional = {"title", "description", "opens_at", "closes_at", "deposit_deadline_hours",
                          "bank_account", "products.name", "products.price", "products.stock",
                          "products.per_buyer_limit", "free_shipping_over"},
             .may_be_blank = {"description"}},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/images",
             .token = seller_,
             .params = {{"id", form_}},
             .body = make_image(40, 30, "jpeg"),
             .content_type = "image/jpeg"},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/products/{pid}/images",
             .token = seller_,
             .params = {{"id", form_}, {"pid", product}},
             .body = make_image(40, 30, "webp"),
             .content_type = "image/webp"},
            {.method = "PUT",
             .pattern = "/api/v1/forms/{id}/images/order",
             .token = seller_,
             .params = {{"id", upcoming_}},
             .body = R"({"ids":[")" + cover_image_ + "\"]}"},
            {.method = "PUT",
             .pattern = "/api/v1/forms/{id}/products/{pid}/images/order",
             .token = seller_,
             .params = {{"id", upcoming_}, {"pid", products_.at(upcoming_)}},
             .body = R"({"ids":[")" + product_image_ + "\"]}"},
            {.method = "DELETE",
             .pattern = "/api/v1/forms/{id}/images/{image_id}",
             .token = seller_,
             .params = {{"id", closing_}, {"image_id", doomed_image_}}},
            {.method = "GET",
             .pattern = "/images/{file}",
             .params = {{"file", cover_image_ + "-thumb.webp"}}},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/close",
             .token = seller_,
             .params = {{"id", closing_}}},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/orders",
             .token = buyer_,
             .params = {{"id", form_}},
             .body = R"({"items":[{"product_id":)" + product +
                     R"(,"quantity":1}],"depositor_name":"Kim Minji"})"},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/orders",
             .token = buyer_,
             .params = {{"id", delivering_}},
             .body = R"({"items":[{"product_id":)" + products_.at(delivering_) +
                     R"(,"quantity":1}],"depositor_name":"Kim Minji","delivery":{"option_id":)" +
                     delivery_option_ +
                     R"(,"recipient_name":"김민지","phone":"010-9876-5432",)"
                     R"("address1":"서울특별시 마포구 양화로 45","address2":"301호",)"
                     R"("zipcode":"04036"},"answers":[{"question_id":)" +
                     question_ + R"(,"value":"@kim_minji"}]})",
             // Left out (or null), a recipient field comes from the buyer's profile.
             .optional = {"delivery.recipient_name", "delivery.phone", "delivery.address1",
                          "delivery.address2", "delivery.zipcode"},
             // An optional question answered blank is not answered.
             .may_be_blank = {"delivery.address2", "answers.value"}},
            {.method = "GET",
             .pattern = "/api/v1/forms/{id}/orders",
             .token = seller_,
             .params = {{"id", form_}},
             .query = "status=CREATED&q=Kim&limit=10&cursor=999"},
            {.method = "GET",
             .pattern = "/api/v1/me/orders",
             .token = buyer_,
             .query = "limit=10&cursor=999"},
            {.method = "GET",
             .pattern = "/api/v1/orders/{id}",
             .token = buyer_,
             .params = {{"id", created_}}},
            {.method = "POST",
             .pattern = "/api/v1/orders/{id}/deposit-confirmation",
             .token = seller_,
             .params = {{"id", created_}}},
            {.method = "POST",
             .pattern = "/api/v1/orders/{id}/shipment",
             .token = seller_,
             .params = {{"id", paid_}},
             .body = R"({"tracking_number":"CJ-1234-5678","courier":"CJ"})",
             .optional = {"courier"},
             .fresh = fresh_paid},
            {.method = "POST",
             .pattern = "/api/v1/orders/{id}/delivery",
             .token = seller_,
             .params = {{"id", shipped_}}},
            {.method = "POST",
             .pattern = "/api/v1/orders/{id}/cancellation",
             .token = buyer_,
             .params = {{"id", cancellable_}}},
            {.method = "POST",
             .pattern = "/api/v1/forms/{id}/coupons",
             .token = seller_,
             .params = {{"id", form_}},
             .body = R"({"name":"Late bird","discount":500,"quantity":5,"claim_opens_at":")" +
                     at(std::chrono::system_clock::now()) + R"(","claim_closes_at":")" + later(1) +
                     "\"}",
             .optional = {"claim_opens_at", "claim_closes_at"}},
            {.method = "GET", .pattern = "/api/v1/forms/{id}/coupons", .params = {{"id", form_}}},
            {.method = "POST",
             .pattern = "/api/v1/coupons/{id}/claims",
             .token = buyer_,
             .params = {{"id", coupon_}}},
            {.method = "GET", .pattern = "/api/v1/me/coupons", .token = buyer_},
            {.method = "PUT",
             .pattern = "/api/v1/forms/{id}/like",
             .token = buyer_,
             .params = {{"id", form_}}},
            {.method = "DELETE",
             .pattern = "/api/v1/forms/{id}/like",
             .token = buyer_,
             .params = {{"id", form_}}},
            {.method = "GET",
             .pattern = "/api/v1/forms/{id}/like",
             .token = buyer_,
             .params = {{"id", form_}}},
            {.method = "GET", .pattern = "/api/v1/me/likes", .token = buyer_},
            {.method = "GET",
             .pattern = "/api/v1/me/notifications",
             .token = seller_,
             .query = "limit=10&cursor=999"},
            {.method = "POST",
             .pattern = "/api/v1/me/notifications/read",
             .token = seller_,
             .body = R"({"up_to_id":1})"},
            {.method = "GET",
             .pattern = "/api/v1/me/notifications/stream",
             .token = seller_,
             .stream = true},
            {.method = "POST",
             .pattern = "/api/v1/me/notifications/stream-tickets",
             .token = seller_},
            {.method = "GET",
             .pattern = "/api/v1/forms/{id}/stream",
             .params = {{"id", form_}},
             .stream = true},
        };
        api.insert(api.end(), web.begin(), web.end());
        return api;
    }

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
    std::string created_, paid_, shipped_, cancellable_;
    std::string cover_image_, product_image_, doomed_image_;  // pictures of upcoming_ and closing_
    std::map<std::string, std::string> products_;             // a product of each form
    std::map<std::string, std::vector<std::string>> before_;
    int attacks_ = 0;
};

TEST_P(HostileInputTest, EveryRouteHasAnExample) {
    std::set<std::pair<std::string, std::string>> routes, covered;
    for (const auto& r : server_.routes()) routes.insert(r);
    for (const auto& e : endpoints()) covered.emplace(e.method, e.pattern);
    EXPECT_EQ(routes, covered) << "a new route needs its example request here";
}

TEST_P(HostileInputTest, AttacksOnEveryEndpointAre4xxAndChangeNothing) {
    const std::vector<std::string> bad_ids = {"01",
                                              "+1",
                                              "-1",
                                              "1.0",
                                              "1e3",
                                              "0x1",
                                              "%00",
                                              "1%00",
                                              "99999999999999999999",
                                              "9223372036854775808",
                                              "%2e%2e",
                                              "1;2",
                                              " 1"};
    const std::vector<std::string> bad_numbers = {"9223372036854775808",
                                                  "-9223372036854775809",
                                                  "1e308",
                                                  "1.5",
                                                  "\"12\"",
                                                  "true",
                                                  "{}",
                                                  "[]"};
    const std::vector<std::string> bad_query = {"0",   "01",  "-1",   "1e1",
                                                "abc", "%00", "1%0a", std::string(5000, '9')};
    for (const auto& e : endpoints()) {
        const auto where = e.method + " " + e.pattern;
        before_ = snapshot();
        const auto target = target_of(e, e.params, e.query);

        if (!e.body.empty() && e.content_type.empty()) {
            const auto example = json::parse(e.body);
            std::vector<Path> leaves, objects;
            Path here;
            collect(example, here, leaves, objects);
            auto mutated = [&](const Path& p, json::value v) {
                auto copy = example;
                leaf_at(copy, p) = std::move(v);
                return json::serialize(copy);
            };
            for (const auto& p : leaves) {
                const auto field = where + " " + path_name(p);
                const auto& leaf = leaf_at(const_cast<json::value&>(example), p);
                if (e.optional.count(field_name(p)) == 0) {
                    expect_refused(field + " as null",
                                   [&] { return send(e, target, mutated(p, nullptr)); });
                }
                if (leaf.is_string()) {
                    const bool multiline = e.multiline.count(field_name(p)) > 0;
                    std::vector<std::string> controls;
                    for (int c = 0; c < 0x20; ++c) {
                        if (multiline && (c == '\t' || c == '\n' || c == '\r')) continue;
                        controls.push_back(std::string(1, static_cast<char>(c)));
                    }
                    // DEL, C1, a right-to-left override, a left-to-right isolate, a
                    // right-to-left mark and a zero-width space.
                    controls.insert(controls.end(),
                                    {"\x7f", "\xc2\x85", "\xc2\x9f", "\xe2\x80\xae", "\xe2\x81\xa6",
                                     "\xe2\x80\x8f", "\xe2\x80\x8b"});
                    if (!multiline) controls.push_back("\xe2\x80\xa8");  // line separator
                    for (const auto& c : controls) {
                        expect_refused(field + " with control " + std::to_string(c.back()), [&] {
                            return send(e, target, mutated(p, json::string("a" + c + "b")));
                        });
                    }
                    if (e.may_be_blank.count(field_name(p)) == 0) {
                        std::string blank;
                        for (int i = 0; i < 10; ++i)
                            blank += i % 2 ? "\xe3\x80\x80" : "\xe3\x85\xa4";
                        expect_refused(field + " blank", [&] {
                            return send(e, target, mutated(p, json::string(blank)));
                        });
                    }
                    expect_refused(field + " overlong", [&] {
                        return send(e, target, mutated(p, json::string(std::string(20000, 'a'))));
                    });
                    for (const auto* other : {"12345", "true", "{}", "[]"}) {
                        expect_refused(field + " as " + other, [&] {
                            return send(e, target, mutated(p, json::parse(other)));
                        });
                    }
                } else {
                    for (const auto& n : bad_numbers) {
                        expect_refused(field + " = " + n, [&] {
                            // Spliced as text: these numbers do not survive a JSON round trip.
                            auto body = mutated(p, json::string("@@@"));
                            body.replace(body.find("\"@@@\""), 5, n);
                            return send(e, target, body);
                        });
                    }
                }
            }
            for (const auto& p : objects) {
                expect_refused(where + " " + path_name(p) + " with an unknown field", [&] {
                    auto copy = example;
                    leaf_at(copy, p).as_object()["hidden"] = 1;
                    return send(e, target, json::serialize(copy));
                });
            }
            for (const auto* body : {"{", "[]", "\"x\"", "null", "{\"a\":1}"}) {
                expect_refused(where + " body " + body, [&] { return send(e, target, body); });
            }
        }
        for (const auto& [name, value] : e.params) {
            for (const auto& bad : bad_ids) {
                auto params = e.params;
                params[name] = bad;
                expect_refused(where + " {" + name + "} = " + bad,
                               [&] { return send(e, target_of(e, params, e.query), e.body); });
            }
        }
        if (!e.query.empty()) {
            for (const auto* name : {"limit", "cursor", "status"}) {
                if (e.query.find(std::string(name) + "=") == std::string::npos) continue;
                for (const auto& bad : bad_query) {
                    expect_refused(where + " ?" + name + "=" + bad.substr(0, 20), [&] {
                        return send(e, target_of(e, e.params, std::string(name) + "=" + bad), "");
                    });
                }
            }
        }
        for (const auto& [name, fields] : framing_attacks(e.body.size())) {
            expect_refused(where + " framing: " + name, [&] {
                HttpClient c(server_.port());
                std::string head = e.method + " " + target + " HTTP/1.1\r\n" + fields;
                if (!e.token.empty()) head += "Authorization: Bearer " + e.token + "\r\n";
                if (!e.body.empty()) {
                    head += "Content-Type: " +
                            (e.content_type.empty() ? "application/json" : e.content_type) + "\r\n";
                }
                c.send_only(head + "\r\n" + e.body);
                auto r = c.read_response(5s);
                EXPECT_TRUE(c.closed_by_server(2s)) << where << " framing: " << name;
                return r;
            });
        }

        // Still serving, and the example itself succeeds: the refusals were the attacks'.
        EXPECT_EQ(client_.request("GET", "/api/v1/forms").status, 200) << "after " << where;
        if (!e.stream) {
            const auto r = send(e, target, e.body);
            EXPECT_GE(r.status, 200) << where << " example: " << r.body;
            EXPECT_LT(r.status, 300) << where << " example: " << r.body;
            settle();  // what it set off in the background (events, notifications) is done
        }
    }
    std::cout << attacks_ << " attacks\n";
    EXPECT_GT(attacks_, 2000);
}

// Text that is valid but awkward for a database's quoting.
std::string awkward(int n, bool multiline) {
    std::string s = "Q\"uo\\te {a,b} 'x' NULL, 한글 🎁 👨‍👩‍👧 é <b>&</b> #" +
                    std::to_string(n);
    if (multiline) s += "\nline two\r\n\ttabbed";
    return s;
}

TEST_P(HostileInputTest, TextThatIsAcceptedIsStoredExactly) {
    std::set<std::string> accepted;
    int n = 0;
    for (const auto& e : endpoints()) {
        if (e.body.empty() || !e.content_type.empty()) continue;
        const auto example = json::parse(e.body);
        std::vector<Path> leaves, objects;
        Path here;
        collect(example, here, leaves, objects);
        for (const auto& p : leaves) {
            if (!leaf_at(const_cast<json::value&>(example), p).is_string()) continue;
            if (field_name(p).ends_with("password")) continue;  // stored as a hash, by design
            const auto value = awkward(++n, e.multiline.count(field_name(p)) > 0);
            auto copy = example;
            if (e.vary) e.vary(copy.as_object(), n);
            leaf_at(copy, p) = json::string(value);
            const auto params = e.fresh ? e.fresh() : e.params;
            const auto r = send(e, target_of(e, params, e.query), json::serialize(copy));
            if (r.status >= 300) continue;  // refused as not of its field's format: fine
            const auto field = e.method + " " + e.pattern + " " + path_name(p);
            accepted.insert(field);
            bool stored = false;
            for (const auto& [table, rows] : snapshot()) {
                for (const auto& row : rows) {
                    stored = stored || row.find('\x1f' + value + '\x1f') != std::string::npos ||
                             row.starts_with(value + '\x1f');
                }
            }
            EXPECT_TRUE(stored) << field << " was accepted but not stored exactly";
            EXPECT_NE(r.body.find(json::serialize(json::string(value))), std::string::npos)
                << field << " was answered altered: " << r.body;
        }
    }
    // The free-text fields of every endpoint were among the accepted.
    for (const auto* field : {"POST /api/v1/users name",
                              "PUT /api/v1/me name",
                              "PUT /api/v1/me/address address1",
                              "PUT /api/v1/me/address address2",
                              "PUT /api/v1/me/refund-account holder_name",
                              "POST /api/v1/forms title",
                              "POST /api/v1/forms description",
                              "POST /api/v1/forms bank_account.holder_name",
                              "POST /api/v1/forms products[0].name",
                              "PATCH /api/v1/forms/{id} title",
                              "PATCH /api/v1/forms/{id} description",
                              "PATCH /api/v1/forms/{id} products[0].name",
                              "POST /api/v1/forms/{id}/orders depositor_name",
                              "POST /api/v1/forms/{id}/orders delivery.address1",
                              "POST /api/v1/forms/{id}/orders delivery.address2",
                              "POST /api/v1/forms delivery_options[0].label",
                              "PATCH /api/v1/forms/{id} delivery_options[0].label",
                              "POST /api/v1/orders/{id}/shipment tracking_number",
                              "POST /api/v1/forms/{id}/coupons name",
                              "POST /api/v1/forms products[0].group",
                              "POST /api/v1/forms products[0].option",
                              "POST /api/v1/forms questions[0].label",
                              "POST /api/v1/forms questions[1].choices[0]",
                              "POST /api/v1/forms/{id}/orders answers[0].value"}) {
        EXPECT_TRUE(accepted.count(field) > 0) << field << " was refused";
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, HostileInputTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace formlympics::test
