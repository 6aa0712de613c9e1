// The Kafka bus against librdkafka's mock cluster: events of every family arrive, an event's
// offset moves only after its handler returned, and every broker down for 3 s during 500 likes
// loses nothing and duplicates nothing (with a negative control that ignores the brokers' answer).
#include "kafka/kafka_bus.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "bus/fanout.hpp"
#include "integration/store_fixture.hpp"
#include "service/like_service.hpp"
#include "service/notification_service.hpp"
#include "service/outbox_relay.hpp"
#include "support/kafka_cluster.hpp"
#include "util/clock.hpp"
#include "util/periodic.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;
using domain::EventKind;
using domain::OutboxEvent;

kafka::KafkaBus::Options options(const KafkaCluster& cluster, const std::string& prefix) {
    kafka::KafkaBus::Options o;
    o.brokers = cluster.bootstraps();
    o.prefix = prefix;
    o.retry_pause = 100ms;
    // Short enough for a test to outlast: an outage longer than the delivery timeout refuses
    // publishes, as a long one would in production.
    o.delivery_timeout = 1s;
    o.session_timeout = 3s;
    return o;
}

// What a consumer was handed, in order.
class Received {
  public:
    void add(const OutboxEvent& e) {
        std::lock_guard lock(mutex_);
        events_.push_back(e);
        changed_.notify_all();
    }
    // Waits until `n` events came or `timeout` passed; what came.
    std::vector<OutboxEvent> wait_for(std::size_t n, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, timeout, [&] { return events_.size() >= n; });
        return events_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<OutboxEvent> events_;
};

std::vector<std::int64_t> ids_of(const std::vector<OutboxEvent>& events) {
    std::vector<std::int64_t> ids;
    for (const auto& e : events) ids.push_back(e.id);
    return ids;
}

TEST(KafkaBusTest, EventsOfEveryFamilyArriveWholeAndOneReceiversInOrder) {
    KafkaCluster cluster;
    cluster.create_topics("every", 3);
    kafka::KafkaBus bus(options(cluster, "every"));
    Received got;
    bus.subscribe([&](const std::vector<OutboxEvent>& events) {
        for (const auto& e : events) got.add(e);
    });

    std::vector<OutboxEvent> sent{
        {1, EventKind::form_liked, 7, R"({"form_id":1,"user_id":9})", 1000},
        {2, EventKind::restocked, 8, R"({"form_id":1})", 1001},
        {3, EventKind::opening_soon, 8, R"({"form_id":2})", 1002}};
    for (std::int64_t id = 4; id <= 53; ++id) {  // one receiver's order steps
        sent.push_back(
            {id, id % 2 ? EventKind::shipped : EventKind::order_placed, 9, "{}", 1000 + id});
    }
    ASSERT_TRUE(bus.publish(sent));
    auto events = got.wait_for(sent.size(), 30s);
    ASSERT_EQ(events.size(), sent.size());

    std::vector<std::int64_t> receiver_9;
    for (const auto& e : events) {
        if (e.receiver_id == 9) receiver_9.push_back(e.id);
    }
    EXPECT_TRUE(std::is_sorted(receiver_9.begin(), receiver_9.end()));
    std::sort(events.begin(), events.end(), [](auto& a, auto& b) { return a.id < b.id; });
    for (std::size_t i = 0; i < sent.size(); ++i) {
        EXPECT_EQ(events[i].id, sent[i].id);
        EXPECT_EQ(events[i].kind, sent[i].kind);
        EXPECT_EQ(events[i].receiver_id, sent[i].receiver_id);
        EXPECT_EQ(events[i].payload, sent[i].payload);
        EXPECT_EQ(events[i].created_at, sent[i].created_at);
    }
}

TEST(KafkaBusTest, AnEventIsCommittedOnlyAfterItsHandlerReturned) {
    KafkaCluster cluster;
    cluster.create_topics("commit", 1);
    Received handled;
    std::atomic<int> attempts_at_2{0};
    {
        kafka::KafkaBus first(options(cluster, "commit"));
        // The handler fails any batch that holds event 2 (its store is down, say); a batch
        // without it is taken whole.
        first.subscribe([&](const std::vector<OutboxEvent>& events) {
            for (const auto& e : events) {
                if (e.id != 2) continue;
                ++attempts_at_2;
                throw std::runtime_error("store unavailable");
            }
            for (const auto& e : events) handled.add(e);
        });
        ASSERT_TRUE(first.publish({{1, EventKind::order_placed, 5, "{}", 1},
                                   {2, EventKind::order_placed, 5, "{}", 2},
                                   {3, EventKind::order_placed, 5, "{}", 3}}));
        for (int i = 0; i < 300 && attempts_at_2 < 3; ++i) std::this_thread::sleep_for(50ms);
        EXPECT_GE(attempts_at_2.load(), 3);  // it comes again, and again
    }  // closes with event 2, and what came with it, not committed
    const auto taken = ids_of(handled.wait_for(3, 100ms));
    // Event 1 may have come alone (then it was taken) or in 2's batch (then it was not).
    EXPECT_TRUE(taken.empty() || taken == std::vector<std::int64_t>{1}) << taken.size();

    Received later;
    kafka::KafkaBus second(options(cluster, "commit"));
    second.subscribe([&](const std::vector<OutboxEvent>& events) {
        for (const auto& e : events) later.add(e);
    });
    const std::vector<std::int64_t> rest =
        taken.empty() ? std::vector<std::int64_t>{1, 2, 3} : std::vector<std::int64_t>{2, 3};
    EXPECT_EQ(ids_of(later.wait_for(rest.size(), 30s)), rest);
    EXPECT_EQ(ids_of(later.wait_for(rest.size() + 1, 1s)), rest);  // nothing taken comes again
}

// Reports every batch acknowledged, whatever the brokers said: the bug of marking events
// published that the bus never took.
class AlwaysAckBus final : public bus::EventBus {
  public:
    explicit AlwaysAckBus(bus::EventBus& inner) : inner_(inner) {}
    bool publish(const std::vector<OutboxEvent>& events) override {
        inner_.publish(events);
        return true;
    }
    void subscribe(Handler handler) override { inner_.subscribe(std::move(handler)); }

  private:
    bus::EventBus& inner_;
};

constexpr std::size_t kLikes = 500;
// Every broker down this long: three delivery timeouts, so the relay's publishes fail meanwhile.
constexpr auto kOutage = 3s;

struct OutageResult {
    std::vector<domain::Notification> notifications;  // the seller's (kLikes + 2 expected)
    std::size_t deliveries = 0;                       // events the consumer was handed
    std::size_t unpublished = 0;                      // outbox events left
};

// kLikes buyers like one form through the whole pipeline (outbox, relay, Kafka, consumer,
// notification store), one every 5 ms, between a first like and a last one that show the
// pipeline flowing before and after; every broker is down for kOutage from the middle on.
OutageResult like_through_an_outage(store::Store& store, KafkaCluster& cluster,
                                    const std::string& prefix, bool always_ack) {
    const auto seller = seed_user(store, "seller@example.com");
    const auto form = seed_form(store, seller);
    std::vector<domain::UserId> buyers;
    for (std::size_t i = 0; i < kLikes + 3; ++i) {
        buyers.push_back(seed_user(store, "fan" + std::to_string(i) + "@example.com"));
    }
    util::SystemClock clock;
    std::atomic<std::size_t> deliveries{0};
    bus::InProcessFanout fanout;
    // Torn down by hand below: the relay first, then the bus and its consumer thread, before
    // what its handlers use.
    auto kafka = std::make_unique<kafka::KafkaBus>(options(cluster, prefix));
    AlwaysAckBus always(*kafka);
    bus::EventBus& bus = always_ack ? static_cast<bus::EventBus&>(always) : *kafka;
    bus.subscribe([&](const std::vector<OutboxEvent>& events) { deliveries += events.size(); });
    service::NotificationService notifications(store.events(), bus, fanout, clock);
    service::OutboxRelay relay(store.events(), bus, clock);
    auto relaying = std::make_unique<util::Periodic>("relay", 50ms, [&] {
        while (relay.relay_once(100) == std::optional<std::size_t>(100)) {
        }
    });
    service::LikeService likes(store.likes(), store.forms(), clock);

    const auto stored = [&] { return store.events().notifications_after(seller, 0, 2 * kLikes); };
    const auto wait_until = [](auto done, std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(100ms);
        }
    };
    // A first like end to end: the consumer has joined its group.
    EXPECT_TRUE(likes.like(buyers[0], form));
    wait_until([&] { return !stored().empty(); }, 30s);
    EXPECT_EQ(stored().size(), 1u) << "the pipeline never carried a first like";

    for (std::size_t i = 1; i <= kLikes; ++i) {
        if (i == kLikes / 2) cluster.down();
        EXPECT_TRUE(likes.like(buyers[i], form));  // the sale side never waits for Kafka
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(kOutage);
    cluster.up();
    // A last like after the outage: once it is stored, Kafka carries events again.
    EXPECT_TRUE(likes.like(buyers[kLikes + 1], form));
    wait_until(
        [&] {
            const auto got = stored();
            return std::any_of(got.begin(), got.end(), [&](const domain::Notification& n) {
                return n.data.find("\"user_id\":" + std::to_string(buyers[kLikes + 1])) !=
                       std::string::npos;
            });
        },
        60s);
    // A marker like, keyed to the same partition and relayed after every earlier event: once it
    // is stored, every earlier event that was ever coming, and any redelivery, has come through.
    const auto marker = "\"user_id\":" + std::to_string(buyers[kLikes + 2]);
    EXPECT_TRUE(likes.like(buyers[kLikes + 2], form));
    const auto has_marker = [&] {
        const auto got = stored();
        return std::any_of(got.begin(), got.end(), [&](const domain::Notification& n) {
            return n.data.find(marker) != std::string::npos;
        });
    };
    wait_until(has_marker, 30s);
    EXPECT_TRUE(has_marker());

    OutageResult r;
    for (auto& n : stored()) {
        if (n.data.find(marker) == std::string::npos) r.notifications.push_back(std::move(n));
    }
    r.unpublished = store.events().unpublished(2 * kLikes).size();
    relaying.reset();
    kafka.reset();
    r.deliveries = deliveries;
    return r;
}

class KafkaOutageTest : public StoreTest {
  protected:
    OutageResult run(const std::string& prefix, bool always_ack) {
        auto store = open_store();
        store->migrate();
        KafkaCluster cluster;
        cluster.create_topics(prefix, 4);
        return like_through_an_outage(*store, cluster, prefix, always_ack);
    }
};

TEST_P(KafkaOutageTest, ABrokerOutageDuringFiveHundredLikesLosesAndDuplicatesNothing) {
    const auto r = run("outage", false);

    EXPECT_EQ(r.unpublished, 0u);
    ASSERT_EQ(r.notifications.size(), kLikes + 2);
    std::set<std::int64_t> events;
    std::set<std::string> payloads;
    for (const auto& n : r.notifications) {
        EXPECT_EQ(n.kind, EventKind::form_liked);
        events.insert(n.event_id);
        payloads.insert(n.data);
    }
    EXPECT_EQ(events.size(), kLikes + 2);
    EXPECT_EQ(payloads.size(), kLikes + 2);  // one from each liker
    EXPECT_GE(r.deliveries, kLikes + 2);     // redeliveries, if any, stored nothing twice
    std::cout << "deliveries to the consumer: " << r.deliveries << " for " << kLikes + 2
              << " events\n";
}

// Negative control: a bus that reports what the brokers refused as acknowledged loses the likes
// made while they were down, and the test above would have said so.
TEST_P(KafkaOutageTest, NegativeControlIgnoringTheBrokersAnswerLosesLikes) {
    const auto r = run("ignored", true);

    EXPECT_EQ(r.unpublished, 0u);                   // all marked published...
    EXPECT_LT(r.notifications.size(), kLikes + 2);  // ...but not all arrived
    std::cout << "always acknowledged: " << r.notifications.size() << " of " << kLikes + 2
              << " likes arrived\n";
}

INSTANTIATE_TEST_SUITE_P(Stores, KafkaOutageTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
