// The Redis client against a real Redis that goes away and comes back: it pauses longer while
// Redis stays down, and logs the loss and the return once each, not every try.
#include "redis/redis_client.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <thread>

#include "redis/redis_fanout.hpp"
#include "support/redis_process.hpp"
#include "util/logging.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

// Counts the log lines containing `text` from now on.
class LogLines {
  public:
    LogLines() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000)) {
        spdlog::default_logger()->sinks().push_back(sink_);
        logging::set_level(logging::Level::info);
    }
    ~LogLines() {
        auto& sinks = spdlog::default_logger()->sinks();
        sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    }
    int count(const std::string& text) const {
        int n = 0;
        for (const auto& line : sink_->last_formatted()) n += line.find(text) != std::string::npos;
        return n;
    }

  private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST(RedisClientTest, ALostRedisIsLoggedOnceAndItsReturnOnce) {
    RedisProcess redis;
    LogLines log;
    redis::RedisClient client(*redis::parse_redis_url(redis.url()), 250ms, 2);
    ASSERT_TRUE(client.command({"PING"}));
    redis.kill();
    int tries = 0;
    const auto until = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < until) {
        if (client.probably_up()) {
            EXPECT_FALSE(client.command({"PING"}));
            ++tries;
        }
        std::this_thread::sleep_for(10ms);
    }
    // Pauses of 0.5, 1, 2 s: a handful of tries in 3 s, not one every 10 ms.
    EXPECT_GE(tries, 2);
    EXPECT_LE(tries, 5);
    EXPECT_EQ(log.count("unreachable"), 1);
    redis.start();
    for (int i = 0; i < 600 && !client.command({"PING"}); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(client.command({"PING"}));
    EXPECT_EQ(log.count("reachable again"), 1);
}

// A batch's hints go out as one message naming every user, and each is heard on the other side.
TEST(RedisFanoutTest, OneMessageCarriesEveryUserOfABatch) {
    RedisProcess redis;
    redis::RedisClient client(*redis::parse_redis_url(redis.url()), 250ms, 2);
    redis::RedisFanout publisher(client, "test:notify");
    redis::RedisFanout listener(client, "test:notify");
    std::mutex mutex;
    std::vector<domain::UserId> heard;
    bool subscribed = false;
    listener.subscribe([&](std::optional<domain::UserId> user) {
        std::lock_guard lock(mutex);
        if (user) {
            heard.push_back(*user);
        } else {
            subscribed = true;  // "look everywhere": said once the subscription stands
        }
    });
    for (int i = 0; i < 300; ++i) {
        std::lock_guard lock(mutex);
        if (subscribed) break;
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(client.command({"CONFIG", "RESETSTAT"}));
    publisher.publish_all({3, 5, 8});
    publisher.publish(13);
    for (int i = 0; i < 300; ++i) {
        {
            std::lock_guard lock(mutex);
            if (heard.size() >= 4) break;
        }
        std::this_thread::sleep_for(10ms);
    }
    std::lock_guard lock(mutex);
    EXPECT_EQ(heard, (std::vector<domain::UserId>{3, 5, 8, 13}));
    const auto stats = client.command({"INFO", "commandstats"});
    ASSERT_TRUE(stats);
    EXPECT_NE(stats->str.find("cmdstat_publish:calls=2,"), std::string::npos) << stats->str;
    listener.stop();
    publisher.stop();
}

// An instance subscribes its services one by one at startup while other instances publish:
// each subscription must land safely while the listener calls the handlers of the earlier ones.
// (Before subscriptions were copied, the listener walked a vector another thread grew; ASan
// stopped this test on a freed read within a few hundred subscriptions.)
TEST(RedisFanoutTest, SubscribingWhileHintsArriveIsSafe) {
    RedisProcess redis;
    redis::RedisClient client(*redis::parse_redis_url(redis.url()), 250ms, 2);
    redis::RedisFanout publisher(client, "test:startup");
    redis::RedisFanout listener(client, "test:startup");
    std::atomic<bool> done{false};
    std::atomic<int> calls{0};
    std::thread flood([&] {
        while (!done) publisher.publish(7);
    });
    constexpr int kSubscriptions = 2000;
    for (int i = 0; i < kSubscriptions; ++i) {
        // Each handler takes a moment, so the listener is mid-list when the next one subscribes.
        listener.subscribe([&calls](std::optional<domain::UserId>) {
            const auto until = std::chrono::steady_clock::now() + 1us;
            while (std::chrono::steady_clock::now() < until) {
            }
            ++calls;
        });
        std::this_thread::sleep_for(20us);
    }
    // Every handler is called for hints that arrive after the last subscription.
    const int before = calls.load();
    for (int i = 0; i < 500 && calls.load() < before + kSubscriptions; ++i)
        std::this_thread::sleep_for(10ms);
    done = true;
    flood.join();
    EXPECT_GE(calls.load(), before + kSubscriptions);
    listener.stop();
    publisher.stop();
}

}  // namespace
}  // namespace formlympics::test
