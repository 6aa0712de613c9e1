#include <gtest/gtest.h>

#include "redis/redis_client.hpp"

namespace formlympics::redis {
namespace {

TEST(RedisUrlTest, ParsesHostPortPasswordAndDb) {
    auto u = parse_redis_url("redis://:pw@10.0.0.1:6380/2");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->host, "10.0.0.1");
    EXPECT_EQ(u->port, 6380);
    EXPECT_EQ(u->password, "pw");
    EXPECT_EQ(u->db, 2);
    u = parse_redis_url("redis://localhost");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->port, 6379);
    EXPECT_EQ(u->db, 0);
}

TEST(RedisUrlTest, DecodesThePasswordAndTakesIpv6Hosts) {
    auto u = parse_redis_url("redis://:p%40ss%3Aword@[::1]:7000");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->password, "p@ss:word");
    EXPECT_EQ(u->host, "::1");
    EXPECT_EQ(u->port, 7000);
    u = parse_redis_url("redis://secret@cache.internal/");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->password, "secret");  // a lone user part is the password
    EXPECT_EQ(u->host, "cache.internal");
    EXPECT_EQ(u->db, 0);
}

TEST(RedisUrlTest, RefusesOtherForms) {
    EXPECT_FALSE(parse_redis_url("redis://x:1/0?timeout=1"));
    EXPECT_FALSE(parse_redis_url("redis://x:1/0#top"));
    EXPECT_FALSE(parse_redis_url("redis://x y:1"));
    EXPECT_FALSE(parse_redis_url("redis://x:1/1/2"));
    EXPECT_FALSE(parse_redis_url("redis://x:"));
    EXPECT_FALSE(parse_redis_url("http://x:1"));
    EXPECT_FALSE(parse_redis_url("redis://"));
    EXPECT_FALSE(parse_redis_url("redis://x:0"));
    EXPECT_FALSE(parse_redis_url("redis://x:port"));
    EXPECT_FALSE(parse_redis_url("redis://x:1/db"));
}

}  // namespace
}  // namespace formlympics::redis
