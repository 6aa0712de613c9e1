// Signed-in requests are authenticated from the token alone: the hot routes never wait for a
// profile, and a revoked token is refused everywhere from the revocations each instance holds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/sale_client.hpp"
#include "support/sse_client.hpp"
#include "support/test_server.hpp"
#include "util/encoding.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

std::string at(std::chrono::hours offset) {
    const auto t = std::chrono::system_clock::now() + offset;
    return util::format_rfc3339(
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

// An open form with one product and one coupon, published by a seeded seller.
struct Sale {
    std::int64_t form = 0;
    std::int64_t product = 0;
    std::int64_t coupon = 0;
};

Sale open_sale(HttpClient& client, UserSeeder& seeder) {
    const auto seller = seeder.user("seller@example.com");
    auto f = call(client, seller, "POST", "/api/v1/forms",
                  form_body({{"Red", 1000, 1000}}, at(-1h), at(24h)));
    EXPECT_EQ(f.status, 201) << f.body;
    Sale s;
    s.form = f.json().at("id").as_int64();
    s.product = f.json().at("products").at(0).at("id").as_int64();
    auto c = call(client, seller, "POST", "/api/v1/forms/" + std::to_string(s.form) + "/coupons",
                  R"({"name":"Early bird","discount":100,"quantity":100})");
    EXPECT_EQ(c.status, 201) << c.body;
    s.coupon = c.json().at("id").as_int64();
    return s;
}

// The status of each hot route (and the profile) for this token.
std::vector<int> hot_routes(HttpClient& client, const std::string& token, const Sale& s) {
    const auto form = "/api/v1/forms/" + std::to_string(s.form);
    return {
        call(client, token, "POST", form + "/orders", order_body({{s.product, 1}})).status,
        call(client, token, "POST", "/api/v1/coupons/" + std::to_string(s.coupon) + "/claims")
            .status,
        call(client, token, "PUT", form + "/like").status,
        call(client, token, "POST", "/api/v1/me/notifications/stream-tickets").status,
        call(client, token, "GET", "/api/v1/me").status,
    };
}

bool all_refused(const std::vector<int>& statuses) {
    for (int s : statuses) {
        if (s != 401) return false;
    }
    return true;
}

bool none_refused(const std::vector<int>& statuses) {
    for (int s : statuses) {
        if (s == 401) return false;
    }
    return true;
}

std::string sign_in(HttpClient& client) {
    auto r = client.request("POST", "/api/v1/sessions",
                            R"({"email":"buyer@example.com","password":"correct horse"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("access_token").as_string());
}

// Two instances on one PostgreSQL and one Redis, and the negative control: an instance on the
// same database that does not hear the channel (another prefix) keeps believing a revoked token,
// so B's refusal is the channel's doing. A buyer has signed up.
struct Instances {
    Instances()
        : prefix("revocation-" + std::to_string(::getpid())),
          a(Backend::postgres_redis, [&](app::Config& c) { c.redis_prefix = prefix; }),
          b(Backend::postgres_redis,
            [&](app::Config& c) {
                c.database_url = a.database_url();
                c.redis_prefix = prefix;
            }),
          deaf(Backend::postgres_redis,
               [&](app::Config& c) {
                   c.database_url = a.database_url();
                   c.redis_prefix = prefix + "-deaf";
               }),
          ca(a.port()),
          cb(b.port()),
          cdeaf(deaf.port()),
          seeder(a.database_url()),
          sale(open_sale(ca, seeder)) {
        EXPECT_EQ(ca.request("POST", "/api/v1/users",
                             R"({"name":"Kim","email":"buyer@example.com",)"
                             R"("password":"correct horse","phone":"010-1234-5678"})")
                      .status,
                  201);
    }

    // Whether B refuses the token on every hot route within a second.
    bool b_refuses_soon(const std::string& token) {
        const auto start = std::chrono::steady_clock::now();
        std::vector<int> on_b;
        do {
            on_b = hot_routes(cb, token, sale);
        } while (!all_refused(on_b) && std::chrono::steady_clock::now() - start < 1s);
        return all_refused(on_b);
    }

    std::string prefix;
    TestServer a, b, deaf;
    HttpClient ca, cb, cdeaf;
    UserSeeder seeder;
    Sale sale;
};

// The buyer signs out everywhere on A; within a second both refuse the old token on every hot
// route, and a new sign-in works at once.
TEST(TokenRevocationTest, ASignedOutTokenIsRefusedOnEveryHotRouteOfBothInstances) {
    Instances i;
    auto [ca, cb, cdeaf] = std::tie(i.ca, i.cb, i.cdeaf);
    const auto& sale = i.sale;
    const auto token = sign_in(ca);
    EXPECT_TRUE(none_refused(hot_routes(ca, token, sale)));
    EXPECT_TRUE(none_refused(hot_routes(cb, token, sale)));
    // What the token opened before: a stream on B, and an unused stream ticket.
    SseClient stream(i.b.port(), "/api/v1/me/notifications/stream",
                     SseClient::Headers{{"Authorization", "Bearer " + token}});
    ASSERT_EQ(stream.status(), 200);
    auto ticket = call(ca, token, "POST", "/api/v1/me/notifications/stream-tickets");
    ASSERT_EQ(ticket.status, 201);
    const auto ticket_id = std::string(ticket.json().at("ticket").as_string());

    ASSERT_EQ(call(ca, token, "DELETE", "/api/v1/sessions").status, 204);
    EXPECT_TRUE(all_refused(hot_routes(ca, token, sale)));
    EXPECT_TRUE(i.b_refuses_soon(token)) << "B still accepted the revoked token a second later";
    EXPECT_TRUE(none_refused(hot_routes(cdeaf, token, sale)));
    // The user signs in again, and the old token's sign-out is sent once more (a retry, a double
    // tap) to the instance that still believes it: it must not sign the new session out.
    const auto fresh = sign_in(ca);
    ASSERT_EQ(call(cdeaf, token, "DELETE", "/api/v1/sessions").status, 204);
    EXPECT_TRUE(none_refused(hot_routes(cdeaf, fresh, sale)));
    EXPECT_TRUE(none_refused(hot_routes(ca, fresh, sale)));
    EXPECT_TRUE(none_refused(hot_routes(cb, fresh, sale)));
    // The stream on B ends cleanly, and the ticket opens nothing.
    while (stream.next(1s)) {
    }
    EXPECT_TRUE(stream.ended());
    EXPECT_TRUE(stream.finished());
    SseClient by_ticket(i.a.port(), "/api/v1/me/notifications/stream?ticket=" + ticket_id);
    EXPECT_EQ(by_ticket.status(), 401);

    // Signing out again within the same second reaches the new token.
    EXPECT_EQ(call(ca, fresh, "DELETE", "/api/v1/sessions").status, 204);
    EXPECT_TRUE(all_refused(hot_routes(ca, fresh, sale)));
    EXPECT_EQ(call(ca, fresh, "DELETE", "/api/v1/sessions").status, 401);
    EXPECT_EQ(call(ca, "", "DELETE", "/api/v1/sessions").status, 401);
}

// One API client signs out alone on A (its token id revoked): within a second both instances
// refuse that token on every hot route, while the same user's other token works on both.
TEST(TokenRevocationTest, OneTokenSignedOutAloneIsRefusedOnBothInstancesAndTheOtherStands) {
    Instances i;
    const auto leaving = sign_in(i.ca);
    const auto staying = sign_in(i.ca);
    EXPECT_TRUE(none_refused(hot_routes(i.cb, leaving, i.sale)));
    ASSERT_EQ(call(i.ca, leaving, "DELETE", "/api/v1/sessions/current").status, 204);
    EXPECT_TRUE(all_refused(hot_routes(i.ca, leaving, i.sale)));
    EXPECT_TRUE(i.b_refuses_soon(leaving)) << "B still accepted the signed-out token";
    EXPECT_TRUE(none_refused(hot_routes(i.cdeaf, leaving, i.sale)));  // the control
    EXPECT_TRUE(none_refused(hot_routes(i.ca, staying, i.sale)));
    EXPECT_TRUE(none_refused(hot_routes(i.cb, staying, i.sale)));
}

// The claims of a token, read without checking it.
json::object claims_of(const std::string& token) {
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    const auto payload = util::base64url_decode(token.substr(first + 1, second - first - 1));
    return json::parse(payload.value_or("{}")).as_object();
}

// Signing out and in many times within a second: every new token works at once, and each is
// dated now and lives exactly the token lifetime (a sign-in is never dated into the future).
TEST(TokenRevocationTest, SigningOutAndInRepeatedlyNeverDatesATokenIntoTheFuture) {
    TestServer server(Backend::sqlite);
    HttpClient client(server.port());
    UserSeeder seeder(server.database_url());
    const auto sale = open_sale(client, seeder);
    ASSERT_EQ(client
                  .request("POST", "/api/v1/users",
                           R"({"name":"Kim","email":"buyer@example.com",)"
                           R"("password":"correct horse","phone":"010-1234-5678"})")
                  .status,
              201);
    std::string token = sign_in(client);
    for (int i = 0; i < 20; ++i) {
        ASSERT_EQ(call(client, token, "DELETE", "/api/v1/sessions").status, 204);
        EXPECT_EQ(call(client, token, "GET", "/api/v1/me").status, 401);
        token = sign_in(client);
        ASSERT_EQ(call(client, token, "GET", "/api/v1/me").status, 200) << "sign-in " << i;
    }
    EXPECT_TRUE(none_refused(hot_routes(client, token, sale)));
    const auto claims = claims_of(token);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    EXPECT_LE(claims.at("iat").as_int64(), now);
    EXPECT_GE(claims.at("iat").as_int64(), now - 5);
    EXPECT_EQ(claims.at("exp").as_int64() - claims.at("iat").as_int64(), 900);
}

// A buyer whose profile this instance never cached (seeded, never signed in here) orders and
// claims: both are answered on the network thread, since the token alone names the caller.
TEST(TokenOnlyAuthenticationTest, AnOrderAndAClaimOfAnUncachedBuyerAnswerOnTheNetworkThread) {
    TestServer server(Backend::postgres_redis);
    HttpClient client(server.port());
    UserSeeder seeder(server);
    const auto sale = open_sale(client, seeder);
    const auto buyer = seeder.user("buyer@example.com");

    auto before = server.handled_without_blocking();
    const auto form = "/api/v1/forms/" + std::to_string(sale.form);
    EXPECT_EQ(call(client, buyer, "POST", form + "/orders", order_body({{sale.product, 1}})).status,
              201);
    EXPECT_EQ(server.handled_without_blocking(), before + 1);
    EXPECT_EQ(
        call(client, buyer, "POST", "/api/v1/coupons/" + std::to_string(sale.coupon) + "/claims")
            .status,
        201);
    EXPECT_EQ(server.handled_without_blocking(), before + 2);
    // The control: the profile page reads the profile, so it goes to a worker.
    EXPECT_EQ(call(client, buyer, "GET", "/api/v1/me").status, 200);
    EXPECT_EQ(server.handled_without_blocking(), before + 2);
}

}  // namespace
}  // namespace formlympics::test
