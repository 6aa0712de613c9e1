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

TEST(RedisUrlTest, RefusesOtherForms) {
    EXPECT_FALSE(parse_redis_url("http://x:1"));
    EXPECT_FALSE(parse_redis_url("redis://"));
    EXPECT_FALSE(parse_redis_url("redis://x:0"));
    EXPECT_FALSE(parse_redis_url("redis://x:port"));
    EXPECT_FALSE(parse_redis_url("redis://x:1/db"));
}

}  // namespace
}  // namespace formlympics::redis
