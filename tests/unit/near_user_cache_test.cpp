#include "cache/near_user_cache.hpp"

#include <gtest/gtest.h>

#include "support/manual_clock.hpp"

namespace formlympics::cache {
namespace {

using namespace std::chrono_literals;

domain::User user(domain::UserId id, std::string name) {
    domain::User u;
    u.id = id;
    u.name = std::move(name);
    return u;
}

// A channel between instances that can lose messages, and tell of a reconnect.
class Channel final : public bus::Fanout {
  public:
    bool losing = false;
    void publish(domain::UserId user) override {
        if (!losing) deliver(user);
    }
    void subscribe(Handler handler) override { handlers_.push_back(std::move(handler)); }
    void deliver(std::optional<domain::UserId> user) {
        for (const auto& h : handlers_) h(user);
    }

  private:
    std::vector<Handler> handlers_;
};

// Two instances, each with its near copy, over one shared cache (Redis's stand-in).
class NearUserCacheTest : public ::testing::Test {
  protected:
    test::ManualClock clock_;
    LruUserCache shared_{100, 60s, clock_};
    Channel channel_;
    NearUserCache a_{shared_, channel_, 100, 5s, clock_};
    NearUserCache b_{shared_, channel_, 100, 5s, clock_};
};

TEST_F(NearUserCacheTest, AProfileCachedByOneInstanceIsReadByAnotherAndKeptNear) {
    a_.put(user(1, "Minji"));
    EXPECT_FALSE(b_.peek(1));  // not near yet: the next read goes to the shared cache
    ASSERT_TRUE(b_.get(1));
    ASSERT_TRUE(b_.peek(1));  // now answered without a round trip
    EXPECT_EQ(b_.peek(1)->name, "Minji");
}

TEST_F(NearUserCacheTest, AChangeOnOneInstanceDropsTheCopyOnEveryInstance) {
    a_.put(user(1, "Minji"));
    ASSERT_TRUE(b_.get(1));
    a_.invalidate(1);
    EXPECT_FALSE(b_.peek(1));
    EXPECT_FALSE(a_.peek(1));
    EXPECT_FALSE(shared_.get(1));
}

TEST_F(NearUserCacheTest, ALostChangeLivesNoLongerThanTheNearTtl) {
    a_.put(user(1, "Minji"));
    ASSERT_TRUE(b_.get(1));
    channel_.losing = true;
    a_.invalidate(1);
    EXPECT_TRUE(b_.peek(1));  // stale, for now
    clock_.advance(5s);
    EXPECT_FALSE(b_.peek(1));
}

TEST_F(NearUserCacheTest, AReconnectedChannelDropsEveryCopy) {
    a_.put(user(1, "Minji"));
    a_.put(user(2, "Jisoo"));
    ASSERT_TRUE(b_.get(1));
    ASSERT_TRUE(b_.get(2));
    channel_.deliver(std::nullopt);  // messages may have been missed
    EXPECT_FALSE(b_.peek(1));
    EXPECT_FALSE(b_.peek(2));
    EXPECT_TRUE(b_.get(1));  // the shared cache still has them
}

}  // namespace
}  // namespace formlympics::cache
