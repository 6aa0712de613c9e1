// The Redis user cache against a real redis-server of the test's own, including Redis stopped,
// paused and restarted empty in the middle of the test.
#include "redis/redis_user_cache.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "bus/fanout.hpp"
#include "service/account_service.hpp"
#include "service/bearer_tokens.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/http_client.hpp"
#include "support/manual_clock.hpp"
#include "support/redis_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

domain::User user(domain::UserId id, std::string name) {
    return domain::User{id, std::move(name), "u@example.com", "01012345678", {}, {}};
}

class RedisUserCacheTest : public ::testing::Test {
  protected:
    RedisProcess redis_;
    redis::RedisClient client_{*redis::parse_redis_url(redis_.url()), 250ms, 4};
    redis::RedisUserCache cache_{client_, "formlympics", std::chrono::seconds(60)};

    // Waits out the client's back-off after a failure, so the next call really tries Redis.
    // Waits until the client's pause after a failure is over (it would not try before).
    void past_backoff() {
        for (int i = 0; i < 500 && !client_.probably_up(); ++i) std::this_thread::sleep_for(10ms);
        ASSERT_TRUE(client_.probably_up());
    }
};

TEST_F(RedisUserCacheTest, StoresProfilesWithATtl) {
    EXPECT_FALSE(cache_.get(1));
    cache_.put(user(1, "Kim"));
    auto got = cache_.get(1);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->name, "Kim");
    auto ttl = client_.command({"TTL", "formlympics:user:1"});
    ASSERT_TRUE(ttl);
    EXPECT_GT(ttl->integer, 0);
    EXPECT_LE(ttl->integer, 60);
}

TEST_F(RedisUserCacheTest, InvalidateDeletesTheEntry) {
    cache_.put(user(2, "Lee"));
    cache_.invalidate(2);
    EXPECT_FALSE(cache_.get(2));
    EXPECT_EQ(client_.command({"EXISTS", "formlympics:user:2"})->integer, 0);
}

TEST_F(RedisUserCacheTest, ARedisThatIsDownIsAMissAndRecovers) {
    cache_.put(user(3, "Park"));
    redis_.kill();
    EXPECT_FALSE(cache_.get(3));  // a miss, not an exception
    cache_.put(user(3, "Park"));  // silently dropped
    redis_.start();               // back, empty
    past_backoff();
    EXPECT_FALSE(cache_.get(3));
    cache_.put(user(3, "Park"));
    EXPECT_TRUE(cache_.get(3));
}

TEST_F(RedisUserCacheTest, AnInvalidationThatFailedIsSentBeforeTheNextRead) {
    cache_.put(user(4, "Old name"));
    // Freeze Redis so the DEL times out, while the stale entry survives in it.
    redis::RedisClient admin(*redis::parse_redis_url(redis_.url()), 1000ms, 1);
    ASSERT_TRUE(admin.command({"CLIENT", "PAUSE", "1500", "ALL"}));
    cache_.invalidate(4);
    // Once Redis answers again the pause is over; the old entry is still in it.
    for (int i = 0; i < 100 && !admin.command({"PING"}); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_EQ(admin.command({"EXISTS", "formlympics:user:4"})->integer, 1);
    EXPECT_FALSE(cache_.get(4));  // the pending DEL went first
    EXPECT_EQ(admin.command({"EXISTS", "formlympics:user:4"})->integer, 0);
}

// Accounts over a real Redis: the cache never holds password hashes, and sign-in and
// authentication keep working while Redis is down.
TEST_F(RedisUserCacheTest, AccountsWorkThroughTheCacheAndWithoutIt) {
    TempDir dir;
    store::SqliteStore store((dir.path() / "db.sqlite").string(), 2);
    store.migrate();
    util::PasswordHasher hasher;
    util::JwtCodec jwt("0123456789abcdef0123456789abcdef", "formlympics");
    ManualClock clock(std::chrono::system_clock::now());
    bus::InProcessFanout hints;
    service::TokenRevocations revocations(store.users(), store.tokens(), hints, clock, 900s);
    service::AccountService accounts(store.users(), cache_, revocations, hasher, jwt, clock);
    service::BearerTokens tokens(accounts, store.tokens(), revocations, jwt, clock);

    auto u = accounts.sign_up({"Kim", "kim@example.com", "password-1", "01012345678"});
    ASSERT_TRUE(u);
    auto token = tokens.sign_in("kim@example.com", "password-1");
    ASSERT_TRUE(token);
    ASSERT_TRUE(accounts.authenticate(token->access_token));
    ASSERT_TRUE(accounts.profile(u->id));  // loads and caches

    const auto key = "formlympics:user:" + std::to_string(u->id);
    auto raw = client_.command({"GET", key});
    ASSERT_TRUE(raw && raw->kind == redis::RedisReply::Kind::string);
    EXPECT_EQ(raw->str.find("argon2"), std::string::npos);
    EXPECT_EQ(raw->str.find("password"), std::string::npos);

    // A profile change invalidates the cached entry.
    ASSERT_TRUE(accounts.set_address(u->id, {"Seoul", "", "04524"}));
    EXPECT_EQ(client_.command({"EXISTS", key})->integer, 0);
    auto me = accounts.profile(u->id);
    ASSERT_TRUE(me && me->address);

    redis_.kill();
    auto again = accounts.authenticate(token->access_token);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, u->id);
    ASSERT_TRUE(accounts.profile(u->id));
    EXPECT_TRUE(tokens.sign_in("kim@example.com", "password-1"));
    ASSERT_TRUE(accounts.set_address(u->id, {"Busan", "", "48058"}));
    EXPECT_EQ(accounts.profile(u->id)->address->address1, "Busan");
}

// The real server configured with Redis keeps answering signed-in requests while Redis is dead.
TEST(RedisOutageTest, SignedInRequestsWorkWhileRedisIsDown) {
    RedisProcess redis;
    TestServer server(Backend::sqlite, [&](app::Config& c) { c.redis_url = redis.url(); });
    HttpClient client(server.port());
    ASSERT_EQ(client
                  .request("POST", "/api/v1/users",
                           R"({"name":"Kim","email":"k@example.com","password":"password-1",)"
                           R"("phone":"01012345678"})")
                  .status,
              201);
    auto s = client.request("POST", "/api/v1/sessions",
                            R"({"email":"k@example.com","password":"password-1"})");
    const std::string auth = "Bearer " + std::string(s.json().at("access_token").as_string());
    EXPECT_EQ(client.request("GET", "/api/v1/me", "", {{"Authorization", auth}}).status, 200);

    redis.kill();
    EXPECT_EQ(client.request("GET", "/api/v1/me", "", {{"Authorization", auth}}).status, 200);
    auto put =
        client.request("PUT", "/api/v1/me/address", R"({"address1":"Seoul","zipcode":"04524"})",
                       {{"Authorization", auth}});
    EXPECT_EQ(put.status, 200);
    redis.start();
    std::this_thread::sleep_for(600ms);
    auto me = client.request("GET", "/api/v1/me", "", {{"Authorization", auth}});
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("address").at("address1").as_string(), "Seoul");
}

}  // namespace
}  // namespace formlympics::test
