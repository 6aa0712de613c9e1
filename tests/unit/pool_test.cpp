// The one connection pool: bounded, reuses, drops what broke, waits a bounded time.
#include "util/pool.hpp"

#include <gtest/gtest.h>

namespace formlympics::util {
namespace {

using namespace std::chrono_literals;

struct Conn {
    int number = 0;
    bool broken = false;
};

TEST(PoolTest, ReusesUpToItsSizeThenWaitsAndGivesUp) {
    int opened = 0;
    Pool<Conn> pool(
        2, [&] { return std::make_unique<Conn>(Conn{++opened}); }, 50ms,
        [](Conn& c) { return !c.broken; });
    {
        auto a = pool.take();
        auto b = pool.take();
        EXPECT_EQ(opened, 2);
        EXPECT_THROW(pool.take(), Unavailable);  // both in use: none frees up within 50 ms
    }
    auto again = pool.take();
    EXPECT_EQ(opened, 2) << "an idle connection is reused";
}

TEST(PoolTest, ABrokenConnectionIsDroppedAndReplaced) {
    int opened = 0;
    Pool<Conn> pool(
        1, [&] { return std::make_unique<Conn>(Conn{++opened}); }, 50ms,
        [](Conn& c) { return !c.broken; });
    {
        auto a = pool.take();
        a->broken = true;
    }
    auto b = pool.take();
    EXPECT_EQ(b->number, 2);
}

TEST(PoolTest, AFailedOpenFreesItsPlace) {
    bool fail = true;
    Pool<Conn> pool(
        1,
        [&] {
            if (fail) throw Unavailable("down");
            return std::make_unique<Conn>();
        },
        50ms);
    EXPECT_THROW(pool.take(), Unavailable);
    fail = false;
    EXPECT_NO_THROW(pool.take());
}

}  // namespace
}  // namespace formlympics::util
