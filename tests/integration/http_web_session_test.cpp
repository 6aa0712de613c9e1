// Browser sessions through the real server, on SQLite and on PostgreSQL: an HttpOnly SameSite=Lax
// cookie backed by a revocable session, refused to cross-site requests, renewed as it is used,
// ended by signing out (here or everywhere), by inactivity and by its absolute limit.
#include <utility>
#include <vector>

#include "integration/sale_fixture.hpp"
#include "support/sse_client.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kPassword = "password-123";
const Headers kFromTheApp = {{"X-Formlympics-Web", "1"}, {"Sec-Fetch-Site", "same-origin"}};

class WebSessionTest : public SaleTest {
  protected:
    WebSessionTest()
        : SaleTest([](app::Config& c) {
              c.session_policy.cookie_ttl = 60s;
              c.session_policy.renew_after = 20s;
              c.session_policy.idle = 300s;
              c.session_policy.absolute = 900s;
          }) {
        auto r = client_.request("POST", "/api/v1/users",
                                 R"({"name":"Kim","email":"kim@example.com","password":")" +
                                     std::string(kPassword) + R"(","phone":"010-1234-5678"})");
        EXPECT_EQ(r.status, 201) << r.body;
    }

    // Signs in as the web app does; the response.
    HttpResponse sign_in(const Headers& headers = kFromTheApp) {
        return client_.request(
            "POST", "/api/v1/web/session",
            R"({"email":"kim@example.com","password":")" + std::string(kPassword) + "\"}", headers);
    }
    // The cookie's value from a Set-Cookie header ("" when it removes the cookie).
    static std::string cookie_of(const HttpResponse& r) {
        const auto set = r.header("set-cookie");
        const auto start = set.find('=') + 1;
        return set.substr(start, set.find(';') - start);
    }
    std::string signed_in() { return cookie_of(sign_in()); }

    HttpResponse with_cookie(const std::string& cookie, const std::string& method,
                             const std::string& target, const std::string& body = "",
                             Headers headers = {}) {
        headers.emplace_back("Cookie", "theme=dark; fl_session=" + cookie);
        return client_.request(method, target, body, headers);
    }
    HttpResponse me(const std::string& cookie) { return with_cookie(cookie, "GET", "/api/v1/me"); }
    HttpResponse set_address(const std::string& cookie, const Headers& headers) {
        return with_cookie(cookie, "PUT", "/api/v1/me/address",
                           R"({"address1":"1 Sejong-daero","zipcode":"04524"})", headers);
    }
};

TEST_P(WebSessionTest, SigningInSetsAnHttpOnlyLaxCookieThatNamesTheCaller) {
    auto r = sign_in();
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("user").at("email").as_string(), "kim@example.com");
    EXPECT_EQ(r.json().as_object().count("access_token"), 0u) << "no token for scripts to read";
    const auto set = r.header("set-cookie");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
    EXPECT_NE(set.find("SameSite=Lax"), std::string::npos) << set;
    EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
    EXPECT_NE(set.find("Max-Age=300"), std::string::npos) << "kept for the idle limit: " << set;
    EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP by default: " << set;
    EXPECT_EQ(me(cookie_of(r)).status, 200);
    EXPECT_EQ(me("not-a-cookie").status, 401);
    EXPECT_EQ(client_.request("GET", "/api/v1/me").status, 401);
}

TEST_P(WebSessionTest, WrongPasswordsAreRefusedAndRateLimitedWithRetryAfter) {
    const std::string wrong = R"({"email":"kim@example.com","password":"wrong-password"})";
    int limited = 0;
    for (int i = 0; i < 30 && limited == 0; ++i) {
        auto r = client_.request("POST", "/api/v1/web/session", wrong, kFromTheApp);
        if (r.status == 429) {
            ++limited;
            EXPECT_FALSE(r.header("retry-after").empty());
            EXPECT_EQ(r.header("set-cookie"), "");
        } else {
            EXPECT_EQ(r.status, 401) << r.body;
        }
    }
    EXPECT_EQ(limited, 1) << "wrong passwords are slowed down";
}

TEST_P(WebSessionTest, CrossSiteRequestsCarryingTheCookieAreRefusedAndChangeNothing) {
    const auto cookie = signed_in();
    // A form another site posts: no app header, a foreign Origin.
    auto form_post = with_cookie(cookie, "PUT", "/api/v1/me/address", "address1=x&zipcode=04524",
                                 {{"Content-Type", "application/x-www-form-urlencoded"},
                                  {"Origin", "https://evil.example"},
                                  {"Sec-Fetch-Site", "cross-site"}});
    EXPECT_EQ(form_post.status, 403) << form_post.body;
    // A cross-origin fetch that managed to add the header still names the wrong site.
    EXPECT_EQ(set_address(cookie, {{"X-Formlympics-Web", "1"}, {"Origin", "https://evil.example"}})
                  .status,
              403);
    EXPECT_EQ(
        set_address(cookie, {{"X-Formlympics-Web", "1"}, {"Sec-Fetch-Site", "same-site"}}).status,
        403);
    EXPECT_EQ(set_address(cookie, {}).status, 403) << "without the app's header";
    for (const auto* other : {"0", "true", "1, 1", " "}) {
        EXPECT_EQ(
            set_address(cookie, {{"X-Formlympics-Web", other}, {"Sec-Fetch-Site", "same-origin"}})
                .status,
            403)
            << "X-Formlympics-Web: " << other;
    }
    EXPECT_TRUE(me(cookie).json().at("address").is_null()) << "nothing changed";
    // Signing in is guarded too: another site cannot sign a visitor in to its own account.
    EXPECT_EQ(sign_in({}).status, 403);
    EXPECT_EQ(sign_in({{"X-Formlympics-Web", "1"}, {"Origin", "http://evil.example"}}).status, 403);
    // Who sends it is checked before what it sent: another site is told no, not how to fix it.
    auto signing_in_with_query = client_.request(
        "POST", "/api/v1/web/session?next=1",
        R"({"email":"kim@example.com","password":")" + std::string(kPassword) + "\"}",
        {{"X-Formlympics-Web", "1"}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(signing_in_with_query.status, 403) << signing_in_with_query.body;
    for (const auto& target : {"/api/v1/web/session", "/api/v1/web/session?user=1"}) {
        auto signing_out = with_cookie(cookie, "DELETE", target, R"({"user_id":1})",
                                       {{"Content-Type", "application/json"}});
        EXPECT_EQ(signing_out.status, 403) << target << ": " << signing_out.body;
    }
    EXPECT_EQ(me(cookie).status, 200) << "still signed in";

    // Negative control: the same change from the app's own page goes through (the test client
    // sends Host: 127.0.0.1).
    auto ok = set_address(cookie, {{"X-Formlympics-Web", "1"},
                                   {"Origin", "http://127.0.0.1"},
                                   {"Sec-Fetch-Site", "same-origin"}});
    EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_P(WebSessionTest, BearerTokensWorkAsBeforeAndACookieTokenIsNoBearerToken) {
    const auto cookie = signed_in();
    // An API client needs no app header: a bearer token is never sent by a browser on its own.
    auto r = call(client_, buyer_, "PUT", "/api/v1/me/address",
                  R"({"address1":"1 Sejong-daero","zipcode":"04524"})");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(call(client_, cookie, "GET", "/api/v1/me").status, 401);
    // A bearer token wins over a cookie: the request is judged by the token alone.
    auto both = client_.request(
        "GET", "/api/v1/me", "",
        {{"Authorization", "Bearer " + buyer_}, {"Cookie", "fl_session=" + cookie}});
    EXPECT_EQ(both.json().at("email").as_string(), "buyer@example.com");
    // Two session cookies (one planted for a parent domain) name no one.
    auto twice = client_.request("GET", "/api/v1/me", "",
                                 {{"Cookie", "fl_session=" + cookie + "; fl_session=" + cookie}});
    EXPECT_EQ(twice.status, 401);
}

TEST_P(WebSessionTest, SigningOutEndsThisSessionOnlyAndTheOldCookieIsRefusedEverywhere) {
    const auto phone = signed_in();
    const auto laptop = signed_in();
    const auto form = open_form({{"Red", 1000, 10}});
    SseClient stream(server_.port(), "/api/v1/me/notifications/stream",
                     {{"Cookie", "fl_session=" + phone}});
    ASSERT_EQ(stream.status(), 200);

    auto out = with_cookie(phone, "DELETE", "/api/v1/web/session", "", kFromTheApp);
    EXPECT_EQ(out.status, 204);
    EXPECT_EQ(cookie_of(out), "") << "the cookie is removed: " << out.header("set-cookie");
    EXPECT_EQ(me(phone).status, 401);
    // A hot route (answered on a network thread) refuses it too, and changes nothing.
    EXPECT_EQ(with_cookie(phone, "PUT", form_path(form) + "/like", "", kFromTheApp).status, 401);
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("likes").as_int64(), 0);
    SseClient reopened(server_.port(), "/api/v1/me/notifications/stream",
                       {{"Cookie", "fl_session=" + phone}});
    EXPECT_EQ(reopened.status(), 401);
    // The stream it had open ends.
    for (int i = 0; i < 50 && stream.pump(); ++i) std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(stream.ended());

    EXPECT_EQ(me(laptop).status, 200) << "the other browser stays signed in";
    EXPECT_EQ(with_cookie(laptop, "PUT", form_path(form) + "/like", "", kFromTheApp).status, 200);
    // Signing out again (a double tap, a retry) is fine.
    EXPECT_EQ(with_cookie(phone, "DELETE", "/api/v1/web/session", "", kFromTheApp).status, 204);
}

TEST_P(WebSessionTest, SigningOutEverywhereEndsEverySession) {
    const auto phone = signed_in();
    const auto laptop = signed_in();
    EXPECT_EQ(with_cookie(phone, "DELETE", "/api/v1/sessions", "", kFromTheApp).status, 204);
    EXPECT_EQ(me(phone).status, 401);
    EXPECT_EQ(me(laptop).status, 401);
    clock_.advance(70s);  // past the cookies' lifetime: renewing them does not bring them back
    EXPECT_EQ(me(laptop).status, 401);
    EXPECT_EQ(me(signed_in()).status, 200) << "signing in again works";
}

TEST_P(WebSessionTest, ACookieIsRenewedAsItIsUsedAndTheSessionEndsWhenIdle) {
    auto cookie = signed_in();
    clock_.advance(25s);
    auto r = me(cookie);
    ASSERT_EQ(r.status, 200);
    ASSERT_NE(cookie_of(r), "") << "due for renewal: a fresh cookie comes back";
    cookie = cookie_of(r);
    // Past the old cookie's lifetime, even a hot route renews it (on a worker) and goes on.
    const auto form = open_form({{"Red", 1000, 10}});
    clock_.advance(90s);
    r = with_cookie(cookie, "PUT", form_path(form) + "/like", "", kFromTheApp);
    EXPECT_EQ(r.status, 200) << r.body;
    ASSERT_NE(cookie_of(r), "");
    cookie = cookie_of(r);
    // Unused past the idle limit: over.
    clock_.advance(301s);
    r = me(cookie);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(cookie_of(r), "") << "and the browser is told to drop it";
}

TEST_P(WebSessionTest, ABusySessionStillEndsAtItsAbsoluteLimit) {
    auto cookie = signed_in();
    int refused_at = 0;
    for (int minute = 1; minute <= 20 && refused_at == 0; ++minute) {
        clock_.advance(60s);
        auto r = me(cookie);
        if (r.status == 401) {
            refused_at = minute;
        } else if (!cookie_of(r).empty()) {
            cookie = cookie_of(r);
        }
    }
    EXPECT_EQ(refused_at, 15) << "absolute limit 900 s";
}

TEST_P(WebSessionTest, TheNotificationStreamTakesTheCookieAndResumesFromLastEventId) {
    const auto cookie = signed_in();
    // The person signed in on the web sells; likes by others reach them.
    auto mine = with_cookie(cookie, "POST", "/api/v1/forms",
                            form_body({{"Blue", 500, 5}}, at(-kHour), at(kHour)), kFromTheApp);
    ASSERT_EQ(mine.status, 201) << mine.body;
    const auto path = "/api/v1/forms/" + std::to_string(id(mine.json()));
    SseClient stream(server_.port(), "/api/v1/me/notifications/stream",
                     {{"Cookie", "fl_session=" + cookie}});
    ASSERT_EQ(stream.status(), 200);
    EXPECT_EQ(call(client_, buyer_, "PUT", path + "/like").status, 200);
    auto first = stream.next(5s);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->event, "form_liked");
    EXPECT_EQ(call(client_, seller_, "PUT", path + "/like").status, 200);
    // A reconnect with Last-Event-ID and the same cookie gets what came after, once.
    SseClient again(
        server_.port(), "/api/v1/me/notifications/stream",
        {{"Cookie", "fl_session=" + cookie}, {"Last-Event-ID", std::to_string(first->id)}});
    ASSERT_EQ(again.status(), 200);
    auto second = again.next(5s);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->event, "form_liked");
    EXPECT_GT(second->id, first->id);
    EXPECT_FALSE(again.next(300ms).has_value()) << "nothing doubled";
}

TEST_P(WebSessionTest, OneConnectionCarriesTheNotificationsAndTheFormsStock) {
    const auto cookie = signed_in();
    auto mine = with_cookie(cookie, "POST", "/api/v1/forms",
                            form_body({{"Blue", 500, 5}}, at(-kHour), at(kHour)), kFromTheApp);
    ASSERT_EQ(mine.status, 201) << mine.body;
    const auto form = mine.json().as_object();
    const auto path = form_path(form);
    SseClient stream(server_.port(),
                     "/api/v1/me/notifications/stream?forms=" + std::to_string(id(form)),
                     {{"Cookie", "fl_session=" + cookie}});
    ASSERT_EQ(stream.status(), 200);
    auto first = stream.next(5s);
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->event, "stock") << "the form's stock now";
    EXPECT_EQ(first->id, 0) << "form events carry no id: Last-Event-ID stays a notification's";
    ASSERT_EQ(order(buyer_, form, {{product(form, 0), 2}}).status, 201);
    EXPECT_EQ(call(client_, buyer_, "PUT", path + "/like").status, 200);
    bool stock_fell = false;
    std::int64_t liked = 0;
    for (int i = 0; i < 20 && (!stock_fell || liked == 0); ++i) {
        auto e = stream.next(2s);
        if (!e) break;
        if (e->event == "stock" && e->data.find("\"remaining\":3") != std::string::npos) {
            stock_fell = true;
        }
        if (e->event == "form_liked") liked = e->id;
    }
    EXPECT_TRUE(stock_fell);
    ASSERT_GT(liked, 0);
    // A new EventSource (another tab taking over) cannot send Last-Event-ID: the query says it.
    EXPECT_EQ(call(client_, seller_, "PUT", path + "/like").status, 200);
    SseClient resumed(server_.port(),
                      "/api/v1/me/notifications/stream?last_event_id=" + std::to_string(liked),
                      {{"Cookie", "fl_session=" + cookie}});
    auto next = resumed.next(5s);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(next->event, "form_liked");
    EXPECT_GT(next->id, liked);
    EXPECT_FALSE(resumed.next(300ms).has_value()) << "nothing doubled";
    for (const char* bad : {"0", "x", "1,,2", "1,2,3,4,5,6,7,8,9,10,11", "999999"}) {
        SseClient refused(server_.port(),
                          std::string("/api/v1/me/notifications/stream?forms=") + bad,
                          {{"Cookie", "fl_session=" + cookie}});
        EXPECT_GE(refused.status(), 400) << bad;
        EXPECT_LT(refused.status(), 500) << bad;
    }
}

TEST_P(WebSessionTest, PersonalAnswersAreNeverCachedAndTicketsAreNotForBrowsers) {
    const auto cookie = signed_in();
    EXPECT_EQ(me(cookie).header("cache-control"), "no-store");
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/me/orders").header("cache-control"),
              "no-store");
    // A ticket would outlive the browser's sign-out; a browser's EventSource has the cookie.
    auto ticket =
        with_cookie(cookie, "POST", "/api/v1/me/notifications/stream-tickets", "", kFromTheApp);
    EXPECT_EQ(ticket.status, 403) << ticket.body;
    auto issued = call(client_, buyer_, "POST", "/api/v1/me/notifications/stream-tickets");
    ASSERT_EQ(issued.status, 201);
    const auto t = std::string(issued.json().at("ticket").as_string());
    SseClient both(server_.port(), "/api/v1/me/notifications/stream?ticket=" + t,
                   {{"Cookie", "fl_session=" + cookie}});
    EXPECT_EQ(both.status(), 400) << "two credentials naming two people";
}

TEST_P(WebSessionTest, SigningInAgainOrEverywhereOutLeavesNoSessionBehind) {
    const auto first = signed_in();
    auto again = sign_in({{"X-Formlympics-Web", "1"}, {"Cookie", "fl_session=" + first}});
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(me(first).status, 401) << "the browser's earlier session ended";
    EXPECT_EQ(me(cookie_of(again)).status, 200);
    auto everywhere = with_cookie(cookie_of(again), "DELETE", "/api/v1/sessions", "", kFromTheApp);
    EXPECT_EQ(everywhere.status, 204);
    EXPECT_EQ(cookie_of(everywhere), "")
        << "the cookie is removed: " << everywhere.header("set-cookie");
    EXPECT_NE(everywhere.header("set-cookie"), "");
}

TEST_P(WebSessionTest, AMistypedPageGetsTheAppsNotFoundPageAndTheApiItsProblem) {
    for (const char* path : {"/sellers", "/me/order", "//signin", "//signin/", "/nothing/here/"}) {
        auto r = client_.request("GET", path);
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << path;
        EXPECT_EQ(r.header("location"), "") << path;
    }
    for (const char* path : {"/api/v1/nothing", "/api/v1/forms/"}) {
        auto api = client_.request("GET", path);
        EXPECT_EQ(api.status, 404) << path;
        EXPECT_EQ(api.header("content-type"), "application/problem+json") << path;
    }
}

TEST_P(WebSessionTest, APageAddressWithATrailingSlashMovesToThePagesOwn) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"/signin/", "/signin"},
             {"/me/", "/me"},
             {"/seller//", "/seller"},
             {"/forms/12/?lang=en", "/forms/12?lang=en"},
             {"/seller/forms/3/orders/", "/seller/forms/3/orders"}}) {
        auto r = client_.request("GET", from);
        EXPECT_EQ(r.status, 308) << from;
        EXPECT_EQ(r.header("location"), to) << from;
    }
    for (const char* path : {"/me", "/seller", "/signin"}) {
        EXPECT_EQ(client_.request("GET", path).status, 200) << path;
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, WebSessionTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

TEST(WebSessionProxyTest, BehindNginxTheSiteIsTheOneTheBrowserSees) {
    TestServer server(Backend::sqlite, [](app::Config& c) { c.trusted_proxies = "127.0.0.1"; });
    HttpClient client(server.port());
    client.request("POST", "/api/v1/users",
                   R"({"name":"Kim","email":"kim@example.com","password":"password-123",)"
                   R"("phone":"010-1234-5678"})");
    const std::string body = R"({"email":"kim@example.com","password":"password-123"})";
    auto via = [&](Headers h) {
        h.emplace_back("X-Formlympics-Web", "1");
        return client.request("POST", "/api/v1/web/session", body, h).status;
    };
    // nginx passing Host: 127.0.0.1 on and the site's own in X-Forwarded-Host.
    EXPECT_EQ(via({{"Origin", "https://shop.example"}, {"X-Forwarded-Host", "shop.example"}}), 200);
    EXPECT_EQ(via({{"Origin", "https://shop.example"}, {"X-Forwarded-Host", "shop.example:443"}}),
              200)
        << "a default port written out is the same site";
    EXPECT_EQ(via({{"Origin", "https://evil.example"}, {"X-Forwarded-Host", "shop.example"}}), 403);
    EXPECT_EQ(via({{"Origin", "https://shop.example"}}), 403) << "without it, the Host decides";
}

TEST(FormPageTest, LinkPreviewsPointAtThePublicUrlWhateverHostIsNamed) {
    TestServer server(Backend::sqlite,
                      [](app::Config& c) { c.public_url = "https://shop.example"; });
    HttpClient client(server.port());
    UserSeeder seeder(server);
    const auto seller = seeder.user("seller@example.com");
    const auto now = std::chrono::system_clock::now();
    auto at = [&](std::chrono::hours h) {
        return util::format_rfc3339(
            std::chrono::duration_cast<std::chrono::milliseconds>((now + h).time_since_epoch())
                .count());
    };
    auto f =
        call(client, seller, "POST", "/api/v1/forms",
             form_body({{"Red", 1000, 5}}, at(std::chrono::hours(-1)), at(std::chrono::hours(1))));
    ASSERT_EQ(f.status, 201) << f.body;
    const auto id = std::to_string(f.json().at("id").as_int64());
    auto page = client.request("GET", "/forms/" + id);  // naming Host: 127.0.0.1
    EXPECT_NE(
        page.body.find(R"(<meta property="og:url" content="https://shop.example/forms/)" + id),
        std::string::npos)
        << page.body;
    EXPECT_EQ(page.body.find("127.0.0.1"), std::string::npos);
}

TEST(WebSessionProxyTest, AnUntrustedPeerCannotNameTheSite) {
    TestServer server(Backend::sqlite);
    HttpClient client(server.port());
    client.request("POST", "/api/v1/users",
                   R"({"name":"Kim","email":"kim@example.com","password":"password-123",)"
                   R"("phone":"010-1234-5678"})");
    auto r = client.request("POST", "/api/v1/web/session",
                            R"({"email":"kim@example.com","password":"password-123"})",
                            {{"X-Formlympics-Web", "1"},
                             {"Origin", "https://evil.example"},
                             {"X-Forwarded-Host", "evil.example"}});
    EXPECT_EQ(r.status, 403);
}

TEST(WebSessionSecureTest, BehindTlsTheCookieIsSecure) {
    TestServer server(Backend::sqlite, [](app::Config& c) { c.secure_cookies = true; });
    HttpClient client(server.port());
    client.request("POST", "/api/v1/users",
                   R"({"name":"Kim","email":"kim@example.com","password":"password-123",)"
                   R"("phone":"010-1234-5678"})");
    auto r =
        client.request("POST", "/api/v1/web/session",
                       R"({"email":"kim@example.com","password":"password-123"})", kFromTheApp);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.header("set-cookie").find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace formlympics::test
