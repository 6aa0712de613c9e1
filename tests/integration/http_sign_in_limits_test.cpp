// Guessing passwords is slowed per (account, address), per account and per address, answered
// 429 with Retry-After, the same for unknown emails as for known ones; the owner elsewhere is
// not locked out; sign-ups per address likewise. In-process on SQLite, and in Redis shared by
// two instances. X-Forwarded-For names the client only when the peer is a trusted proxy.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "redis/redis_client.hpp"
#include "support/http_client.hpp"
#include "support/manual_clock.hpp"
#include "support/test_server.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

const std::string kRightPassword = "password-1";

class SignInLimitsTest : public ::testing::TestWithParam<Backend> {
  protected:
    SignInLimitsTest() : server_(GetParam(), configure, &clock_), client_(server_.port()) {
        EXPECT_EQ(sign_up("owner@example.com", "10.0.0.1").status, 201);
    }

    static void configure(app::Config& c) { c.trusted_proxies = "127.0.0.1"; }

    HttpResponse sign_up(const std::string& email, const std::string& from) {
        return client_.request("POST", "/api/v1/users",
                               json::serialize(json::object{{"name", "Kim"},
                                                            {"email", email},
                                                            {"password", kRightPassword},
                                                            {"phone", "010-1234-5678"}}),
                               {{"X-Forwarded-For", from}});
    }
    HttpResponse sign_in(const std::string& email, const std::string& password,
                         const std::string& from, HttpClient* via = nullptr) {
        return (via ? *via : client_)
            .request("POST", "/api/v1/sessions",
                     json::serialize(json::object{{"email", email}, {"password", password}}),
                     {{"X-Forwarded-For", from}});
    }
    // Wrong passwords from one address until the first 429; how many were answered 401.
    int guesses_until_refused(const std::string& email, const std::string& from, int most = 100) {
        for (int i = 0; i < most; ++i) {
            const auto r = sign_in(email, "wrong-" + std::to_string(i), from);
            if (r.status == 429) return i;
            EXPECT_EQ(r.status, 401) << r.body;
        }
        return most;
    }

    ManualClock clock_{std::chrono::system_clock::now()};
    TestServer server_;
    HttpClient client_;
};

TEST_P(SignInLimitsTest, WrongPasswordsFromOneAddressWaitLongerEachTime) {
    // Five answered, then the address waits 1 s, 2 s, ... before each next guess.
    EXPECT_EQ(guesses_until_refused("owner@example.com", "203.0.113.9"), 5);
    auto r = sign_in("owner@example.com", kRightPassword, "203.0.113.9");
    EXPECT_EQ(r.status, 429) << "the right password is refused too: the answer tells nothing";
    EXPECT_EQ(r.header("retry-after"), "1");
    EXPECT_EQ(r.json().at("code").as_string(), "too_many_requests");
    clock_.advance(1s);
    EXPECT_EQ(sign_in("owner@example.com", "wrong", "203.0.113.9").status, 401);
    r = sign_in("owner@example.com", kRightPassword, "203.0.113.9");
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.header("retry-after"), "2");
    clock_.advance(2s);
    EXPECT_EQ(sign_in("owner@example.com", kRightPassword, "203.0.113.9").status, 200);
    // A right password clears that address's count.
    EXPECT_EQ(guesses_until_refused("owner@example.com", "203.0.113.9"), 5);
}

TEST_P(SignInLimitsTest, AnUnknownEmailIsAnsweredExactlyLikeAKnownOne) {
    std::vector<int> known, unknown;
    for (int i = 0; i < 8; ++i) {
        known.push_back(sign_in("owner@example.com", "wrong", "198.51.100.1").status);
        unknown.push_back(sign_in("nobody@example.com", "wrong", "198.51.100.2").status);
    }
    EXPECT_EQ(known, unknown);
    EXPECT_EQ(known.back(), 429);
}

TEST_P(SignInLimitsTest, TheOwnerElsewhereIsNotLockedOut) {
    EXPECT_EQ(guesses_until_refused("owner@example.com", "203.0.113.9"), 5);
    EXPECT_EQ(sign_in("owner@example.com", kRightPassword, "10.0.0.1").status, 200);
}

TEST_P(SignInLimitsTest, ManyAddressesHitTheLooserAccountCapButNotAKnownAddress) {
    ASSERT_EQ(sign_in("owner@example.com", kRightPassword, "10.0.0.1").status, 200);  // known now
    int refused_at = -1;
    for (int i = 0; i < 40 && refused_at < 0; ++i) {
        const auto from = "192.0.2." + std::to_string(i + 1);
        const auto r = sign_in("owner@example.com", "wrong", from);
        if (r.status == 429) refused_at = i;
    }
    EXPECT_EQ(refused_at, 20) << "20 answered, then the account waits";
    EXPECT_EQ(sign_in("owner@example.com", kRightPassword, "192.0.2.200").status, 429);
    EXPECT_EQ(sign_in("owner@example.com", kRightPassword, "10.0.0.1").status, 200);
    // The account's waits stay short: the owner is slowed, not banned.
    clock_.advance(60s);
    EXPECT_EQ(sign_in("owner@example.com", kRightPassword, "192.0.2.201").status, 200);
}

TEST_P(SignInLimitsTest, OneAddressSprayingManyAccountsIsSlowedToo) {
    int refused_at = -1;
    for (int i = 0; i < 80 && refused_at < 0; ++i) {
        const auto r = sign_in("user" + std::to_string(i) + "@example.com", "wrong", "192.0.2.7");
        if (r.status == 429) refused_at = i;
    }
    EXPECT_EQ(refused_at, 50);
}

TEST_P(SignInLimitsTest, SignUpsFromOneAddressAreLimited) {
    int refused_at = -1;
    for (int i = 0; i < 20 && refused_at < 0; ++i) {
        const auto r = sign_up("new" + std::to_string(i) + "@example.com", "192.0.2.8");
        if (r.status == 429) refused_at = i;
    }
    EXPECT_EQ(refused_at, 10);
    EXPECT_EQ(sign_up("other@example.com", "192.0.2.9").status, 201);
}

TEST_P(SignInLimitsTest, ForwardedForFromAnUntrustedPeerIsIgnored) {
    // A second server that trusts no proxy: X-Forwarded-For cannot make fresh addresses.
    TestServer plain(GetParam(), {}, &clock_);
    HttpClient c(plain.port());
    c.request("POST", "/api/v1/users",
              json::serialize(json::object{{"name", "Kim"},
                                           {"email", "owner@example.com"},
                                           {"password", kRightPassword},
                                           {"phone", "010-1234-5678"}}));
    int refused_at = -1;
    for (int i = 0; i < 20 && refused_at < 0; ++i) {
        const auto r = sign_in("owner@example.com", "wrong", "198.51.100." + std::to_string(i), &c);
        if (r.status == 429) refused_at = i;
    }
    EXPECT_EQ(refused_at, 5);
}

INSTANTIATE_TEST_SUITE_P(Limiters, SignInLimitsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres_redis),
                         [](const auto& info) { return backend_name(info.param); });

// With Redis the count is shared: guesses spread over two instances add up, and the counter is
// in Redis (this fails against a dead Redis, where each instance would count alone).
TEST(SharedSignInLimitsTest, TwoInstancesCountTogetherInRedis) {
    ManualClock clock(std::chrono::system_clock::now());
    const std::string prefix = "limits-shared-" + std::to_string(::getpid());
    auto shared = [&](app::Config& c) {
        c.trusted_proxies = "127.0.0.1";
        c.redis_prefix = prefix;
    };
    TestServer a(Backend::sqlite_redis, shared, &clock);
    TestServer b(Backend::sqlite_redis, shared, &clock);
    HttpClient ca(a.port()), cb(b.port());
    auto guess = [](HttpClient& c) {
        return c
            .request("POST", "/api/v1/sessions",
                     R"({"email":"someone@example.com","password":"wrong"})",
                     {{"X-Forwarded-For", "203.0.113.50"}})
            .status;
    };
    std::vector<int> statuses;
    for (int i = 0; i < 4; ++i) {
        statuses.push_back(guess(ca));
        statuses.push_back(guess(cb));
    }
    EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 401, 401, 429, 429, 429}));
    redis::RedisClient redis(*redis::parse_redis_url(test_redis_url()), 1s, 1);
    auto keys = redis.command({"KEYS", prefix + ":attempts:signin:*"});
    ASSERT_TRUE(keys.has_value());
    EXPECT_EQ(keys->elements.size(), 3u) << "pair, account and address counters";
}

}  // namespace
}  // namespace formlympics::test
