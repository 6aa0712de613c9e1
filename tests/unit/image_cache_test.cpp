// The instance's cache of hot pictures: bounded by bytes, entries aged out, and a removed
// picture kept out for good.
#include "cache/image_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace formlympics::cache {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<const std::string> bytes(std::size_t n) {
    return std::make_shared<const std::string>(n, 'x');
}

TEST(ImageCacheTest, TheLeastRecentlyUsedGoFirstPastTheBudget) {
    ImageCache cache(100, 1h);
    cache.put("a", bytes(40));
    cache.put("b", bytes(40));
    ASSERT_NE(cache.get("a"), nullptr);  // a is now more recent than b
    cache.put("c", bytes(40));
    EXPECT_NE(cache.get("a"), nullptr);
    EXPECT_EQ(cache.get("b"), nullptr);
    EXPECT_NE(cache.get("c"), nullptr);
    EXPECT_EQ(cache.bytes(), 80u);
    cache.put("huge", bytes(101));  // larger than the whole budget: not kept
    EXPECT_EQ(cache.get("huge"), nullptr);
    EXPECT_EQ(cache.bytes(), 80u);
}

TEST(ImageCacheTest, AnErasedKeyIsNeverCachedAgain) {
    ImageCache cache(100, 1h);
    cache.put("a", bytes(10));
    cache.erase("a");
    EXPECT_EQ(cache.get("a"), nullptr);
    // A read that began before the removal comes back with the old bytes: they stay out.
    cache.put("a", bytes(10));
    EXPECT_EQ(cache.get("a"), nullptr);
    EXPECT_EQ(cache.bytes(), 0u);
}

TEST(ImageCacheTest, EntriesAgeOut) {
    ImageCache cache(100, 50ms);
    cache.put("a", bytes(10));
    EXPECT_NE(cache.get("a"), nullptr);
    std::this_thread::sleep_for(80ms);
    EXPECT_EQ(cache.get("a"), nullptr);
    EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace formlympics::cache
