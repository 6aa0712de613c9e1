// One valid example request per endpoint of the route table, pages and assets included: the
// hostile-input suite attacks each and then checks it still succeeds.
#include "http/handlers/pages.hpp"
#include "http/web_assets.hpp"
#include "integration/hostile_fixture.hpp"

namespace formlympics::test {

std::vector<Endpoint> HostileInputTest::endpoints() {
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
    auto fresh_paid = [this] { return std::map<std::string, std::string>{{"id", paid_order()}}; };
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
         .pattern = "/api/v1/orders/{id}/refund",
         .token = seller_,
         .params = {{"id", refundable_}}},
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
        {.method = "POST", .pattern = "/api/v1/me/notifications/stream-tickets", .token = seller_},
        {.method = "GET",
         .pattern = "/api/v1/forms/{id}/stream",
         .params = {{"id", form_}},
         .stream = true},
    };
    api.insert(api.end(), web.begin(), web.end());
    return api;
}

}  // namespace formlympics::test
