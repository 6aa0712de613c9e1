#include "cache/lru_user_cache.hpp"

#include <gtest/gtest.h>

#include "support/manual_clock.hpp"

namespace formlympics::cache {
namespace {

domain::User user(domain::UserId id) {
    domain::User u;
    u.id = id;
    u.name = "user" + std::to_string(id);
    return u;
}

TEST(LruUserCacheTest, ReturnsWhatWasPut) {
    test::ManualClock clock;
    LruUserCache cache(10, std::chrono::seconds(60), clock);
    EXPECT_FALSE(cache.get(1));
    cache.put(user(1));
    ASSERT_TRUE(cache.get(1));
    EXPECT_EQ(cache.get(1)->name, "user1");
}

TEST(LruUserCacheTest, EntriesExpireAfterTheirTtl) {
    test::ManualClock clock;
    LruUserCache cache(10, std::chrono::seconds(60), clock);
    cache.put(user(1));
    clock.advance(std::chrono::seconds(59));
    EXPECT_TRUE(cache.get(1));
    clock.advance(std::chrono::seconds(1));
    EXPECT_FALSE(cache.get(1));
    EXPECT_EQ(cache.size(), 0u);
}

TEST(LruUserCacheTest, EvictsTheLeastRecentlyUsed) {
    test::ManualClock clock;
    LruUserCache cache(2, std::chrono::seconds(60), clock);
    cache.put(user(1));
    cache.put(user(2));
    EXPECT_TRUE(cache.get(1));  // 2 is now least recently used
    cache.put(user(3));
    EXPECT_TRUE(cache.get(1));
    EXPECT_FALSE(cache.get(2));
    EXPECT_TRUE(cache.get(3));
    EXPECT_EQ(cache.size(), 2u);
}

TEST(LruUserCacheTest, InvalidateDropsTheEntry) {
    test::ManualClock clock;
    LruUserCache cache(10, std::chrono::seconds(60), clock);
    cache.put(user(1));
    cache.invalidate(1);
    EXPECT_FALSE(cache.get(1));
    cache.invalidate(99);  // absent: no effect
}

}  // namespace
}  // namespace formlympics::cache
