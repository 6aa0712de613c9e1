#pragma once

#include <string>
#include <utility>
#include <vector>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {

// A bearer client's credentials as POST /api/v1/sessions answers them.
struct TokenPair {
    std::string access;
    std::string refresh;
};

// SaleTest with people who sign up and in through the API, as bearer clients and browsers.
class AccountTest : public SaleTest {
  protected:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    AccountTest()
        : SaleTest([](app::Config& c) {
              // The tests sign up more people from one address than the limit allows.
              c.sign_in_rules.sign_up.free = 1000;
          }) {}

    HttpResponse sign_up(const std::string& email, const std::string& password = kPassword) {
        return client_.request(
            "POST", "/api/v1/users",
            boost::json::serialize(boost::json::object{{"name", "Kim"},
                                                       {"email", email},
                                                       {"password", password},
                                                       {"phone", "010-1234-5678"}}));
    }
    HttpResponse sign_in_response(const std::string& email,
                                  const std::string& password = kPassword) {
        return client_.request(
            "POST", "/api/v1/sessions",
            boost::json::serialize(boost::json::object{{"email", email}, {"password", password}}));
    }
    static TokenPair pair_of(const HttpResponse& r) {
        const auto body = r.json();
        return {std::string(body.at("access_token").as_string()),
                std::string(body.at("refresh_token").as_string())};
    }
    TokenPair sign_in(const std::string& email, const std::string& password = kPassword) {
        auto r = sign_in_response(email, password);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? pair_of(r) : TokenPair{};
    }
    HttpResponse refresh(const std::string& refresh_token) {
        return client_.request(
            "POST", "/api/v1/sessions/refresh",
            boost::json::serialize(boost::json::object{{"refresh_token", refresh_token}}));
    }
    // Signs in as the web app does; the session cookie's value.
    std::string web_sign_in(const std::string& email, const std::string& password = kPassword) {
        auto r = client_.request(
            "POST", "/api/v1/web/session",
            boost::json::serialize(boost::json::object{{"email", email}, {"password", password}}),
            kFromTheApp);
        EXPECT_EQ(r.status, 200) << r.body;
        return cookie_of(r);
    }
    // The session cookie's value a response sets ("" when it removes it or sets none).
    static std::string cookie_of(const HttpResponse& r) {
        const auto set = r.header("set-cookie");
        if (set.empty()) return "";
        const auto start = set.find('=') + 1;
        return set.substr(start, set.find(';') - start);
    }
    HttpResponse with_cookie(const std::string& cookie, const std::string& method,
                             const std::string& target, const std::string& body = "") {
        auto headers = kFromTheApp;
        headers.emplace_back("Cookie", "fl_session=" + cookie);
        return client_.request(method, target, body, headers);
    }
    int me_status(const std::string& token) {
        return call(client_, token, "GET", "/api/v1/me").status;
    }

    static constexpr const char* kPassword = "password-123";
    inline static const Headers kFromTheApp = {{"X-Formlympics-Web", "1"},
                                               {"Sec-Fetch-Site", "same-origin"}};
};

}  // namespace formlympics::test
