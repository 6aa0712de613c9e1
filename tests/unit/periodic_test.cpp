// A periodic task that keeps failing pauses longer each time instead of hammering what is down.
#include "util/periodic.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

namespace formlympics::util {
namespace {

using namespace std::chrono_literals;

TEST(PeriodicTest, AFailingTaskBacksOffAndAWorkingOneKeepsItsInterval) {
    std::atomic<int> failing{0}, working{0};
    {
        Periodic down("down", 10ms, [&] {
            ++failing;
            throw std::runtime_error("the database is down");
        });
        Periodic up("up", 10ms, [&] { ++working; });
        std::this_thread::sleep_for(600ms);
    }
    // Pauses of 20, 40, 80, 160, 320 ms: about 6 runs, against about 60 at the interval.
    EXPECT_LE(failing.load(), 10);
    EXPECT_GE(working.load(), 20);
}

}  // namespace
}  // namespace formlympics::util
