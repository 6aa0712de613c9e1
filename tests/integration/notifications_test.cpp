// Likes become notifications through the outbox, the relay and the bus, on both stores.
#include <algorithm>
#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

#include "bus/in_process_bus.hpp"
#include "integration/sale_fixture.hpp"
#include "integration/store_fixture.hpp"
#include "service/notification_service.hpp"
#include "service/outbox_relay.hpp"
#include "support/sse_client.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
// The relay's poll is an hour away: within a test only the nudge that every outbox write gives
// it (likes, order steps, expiry, liker events) can deliver a notification.
class NotificationsTest : public SaleTest {
  protected:
    NotificationsTest()
        : SaleTest([](app::Config& c) { c.relay_interval = std::chrono::hours(1); }) {}
    std::vector<std::string> replayed_after_the_second();
};

json::value notifications_of(HttpClient& c, const std::string& token, std::size_t at_least) {
    json::value page;
    for (int i = 0; i < 100; ++i) {
        page = call(c, token, "GET", "/api/v1/me/notifications").json();
        if (page.at("items").as_array().size() >= at_least) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return page;
}

TEST_P(NotificationsTest, ALikeReachesTheSellerOncePerDayHoweverOftenToggled) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto path = form_path(form) + "/like";
    call(client_, buyer_, "PUT", path);
    call(client_, buyer_, "DELETE", path);
    call(client_, buyer_, "PUT", path);
    EXPECT_EQ(call(client_, seller_, "PUT", path).status, 403);  // not their own form
    // Another like is the marker: events are told in order, so once its notification is here,
    // a duplicate of the buyer's (or one for the seller's own like) would be too.
    const auto marker = seeder_.user("marker@example.com");
    call(client_, marker, "PUT", path);
    auto page = notifications_of(client_, seller_, 2);
    const auto& items = page.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items.at(0).at("data").at("user_id").as_int64(), UserSeeder::id_of(marker));
    const auto& buyers = items.at(1);
    EXPECT_EQ(buyers.at("kind").as_string(), "form_liked");
    EXPECT_EQ(buyers.at("data").at("form_id").as_int64(), id(form));
    EXPECT_EQ(buyers.at("data").at("user_id").as_int64(), UserSeeder::id_of(buyer_));
    EXPECT_FALSE(buyers.at("read").as_bool());
    EXPECT_EQ(page.at("unread").as_int64(), 2);
    EXPECT_TRUE(call(client_, buyer_, "GET", "/api/v1/me/notifications")
                    .json()
                    .at("items")
                    .as_array()
                    .empty());

    clock_.advance(std::chrono::hours(24));  // a new day: a new notification
    call(client_, buyer_, "DELETE", path);
    call(client_, buyer_, "PUT", path);
    page = notifications_of(client_, seller_, 3);
    ASSERT_EQ(page.at("items").as_array().size(), 3u);
    EXPECT_EQ(page.at("items").at(0).at("data").at("user_id").as_int64(),
              UserSeeder::id_of(buyer_));

    const auto newest = page.at("items").at(0).at("id").as_int64();
    auto r = call(client_, seller_, "POST", "/api/v1/me/notifications/read",
                  R"({"up_to_id":)" + std::to_string(newest) + "}");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("unread").as_int64(), 0);
    EXPECT_EQ(call(client_, seller_, "POST", "/api/v1/me/notifications/read", "{}").status, 422);
    for (const auto* id : {"0", "-1"}) {
        EXPECT_EQ(call(client_, seller_, "POST", "/api/v1/me/notifications/read",
                       std::string(R"({"up_to_id":)") + id + "}")
                      .status,
                  422)
            << id;
    }
}

// The kinds a user has been told of, oldest first.
std::vector<std::string> kinds_of(HttpClient& c, const std::string& token, std::size_t at_least) {
    const auto page = notifications_of(c, token, at_least);
    std::vector<std::string> kinds;
    for (const auto& n : page.at("items").as_array())
        kinds.emplace(kinds.begin(), n.at("kind").as_string());
    return kinds;
}

// The buyer's stream opened with Last-Event-ID of their second notification: the kinds it sends,
// through a marker told after it opened (a deposit confirmed on a new order).
std::vector<std::string> NotificationsTest::replayed_after_the_second() {
    const auto page = notifications_of(client_, buyer_, 5);
    const auto& items = page.at("items").as_array();  // newest first
    const auto second = items.at(items.size() - 2).at("id").as_int64();
    SseClient stream(
        server_.port(), "/api/v1/me/notifications/stream",
        {{"Authorization", "Bearer " + buyer_}, {"Last-Event-ID", std::to_string(second)}});
    auto marker_form = open_form({{"Marker", 1000, 1}});
    const auto marker = id(order(buyer_, marker_form, {{product(marker_form, 0), 1}}).json());
    EXPECT_EQ(call(client_, seller_, "POST",
                   "/api/v1/orders/" + std::to_string(marker) + "/deposit-confirmation")
                  .status,
              200);
    std::vector<std::string> kinds;
    while (kinds.empty() || kinds.back() != "deposit_confirmed") {
        auto e = stream.next(std::chrono::seconds(5));
        if (!e) break;
        EXPECT_GT(e->id, second);
        kinds.push_back(e->event);
    }
    return kinds;
}

TEST_P(NotificationsTest, EachOrderStepTellsTheOtherParty) {
    auto form = open_form({{"Red", 1000, 10}});
    const auto red = product(form, 0);
    auto step = [&](const std::string& token, std::int64_t order, const std::string& what,
                    const std::string& body = "") {
        auto r = call(client_, token, "POST",
                      "/api/v1/orders/" + std::to_string(order) + "/" + what, body);
        EXPECT_EQ(r.status, 200) << what << " " << r.body;
    };
    const auto delivered = id(order(buyer_, form, {{red, 1}}).json());
    step(seller_, delivered, "deposit-confirmation");
    step(seller_, delivered, "shipment", R"({"tracking_number":"CJ-1"})");
    step(seller_, delivered, "delivery");
    const auto cancelled_by_buyer = id(order(buyer_, form, {{red, 1}}).json());
    step(buyer_, cancelled_by_buyer, "cancellation");
    const auto cancelled_by_seller = id(order(buyer_, form, {{red, 1}}).json());
    step(seller_, cancelled_by_seller, "cancellation");
    order(buyer_, form, {{red, 1}});
    clock_.advance(std::chrono::hours(25));  // the last order expires unpaid

    using Kinds = std::vector<std::string>;
    EXPECT_EQ(
        kinds_of(client_, seller_, 5),
        (Kinds{"order_placed", "order_placed", "order_cancelled", "order_placed", "order_placed"}));
    EXPECT_EQ(kinds_of(client_, buyer_, 5), (Kinds{"deposit_confirmed", "shipped", "delivered",
                                                   "order_cancelled", "order_expired"}));
    // A stream opened after the second of them replays the rest, then goes on live.
    EXPECT_EQ(replayed_after_the_second(),
              (Kinds{"delivered", "order_cancelled", "order_expired", "deposit_confirmed"}));
}

TEST_P(NotificationsTest, LikersHearOnceThatAFormOpensSoon) {
    // Opens in 30 minutes; the lead is 10 minutes.
    auto form = publish({{"Red", 1000, 5}}, at(30 * 60 * 1000), at(24 * kHour));
    const auto other = seeder_.user("other@example.com");
    call(client_, buyer_, "PUT", form_path(form) + "/like");
    call(client_, other, "PUT", form_path(form) + "/like");
    // A sweep has run since once a form opening within the lead, liked after ours, is announced.
    auto swept = [&](const std::string& watcher) {
        auto marker = publish({{"Soon", 1000, 5}}, at(5 * 60 * 1000), at(24 * kHour));
        call(client_, watcher, "PUT", form_path(marker) + "/like");
        ASSERT_EQ(kinds_of(client_, watcher, 1), std::vector<std::string>{"opening_soon"});
    };
    swept(seeder_.user("watcher@example.com"));
    EXPECT_TRUE(kinds_of(client_, buyer_, 0).empty()) << "told too early";

    clock_.advance(std::chrono::minutes(21));
    for (const auto& token : {buyer_, other}) {
        const auto page = notifications_of(client_, token, 1);
        ASSERT_EQ(page.at("items").as_array().size(), 1u);
        const auto& n = page.at("items").at(0);
        EXPECT_EQ(n.at("kind").as_string(), "opening_soon");
        EXPECT_EQ(n.at("data").at("form_id").as_int64(), id(form));
        EXPECT_EQ(n.at("data").at("opens_at").as_string(), form.at("opens_at").as_string());
        EXPECT_EQ(n.at("data").at("form_title").as_string(), "Hand-made keyrings");
        EXPECT_EQ(n.at("data").at("seller").at("name").as_string(), "Buyer seller@example.com");
    }
    clock_.advance(std::chrono::minutes(1));
    swept(seeder_.user("watcher2@example.com"));
    EXPECT_EQ(kinds_of(client_, buyer_, 1), std::vector<std::string>{"opening_soon"})
        << "told more than once";
    // A liker who comes after that hears it at once, and once however often they toggle.
    const auto late = seeder_.user("late@example.com");
    call(client_, late, "PUT", form_path(form) + "/like");
    call(client_, late, "DELETE", form_path(form) + "/like");
    call(client_, late, "PUT", form_path(form) + "/like");
    swept(seeder_.user("watcher3@example.com"));  // a marker: anything due has been told
    EXPECT_EQ(kinds_of(client_, late, 1), std::vector<std::string>{"opening_soon"});
    const auto told = notifications_of(client_, late, 1).at("items").at(0).at("data");
    EXPECT_EQ(told.at("opens_at").as_string(), form.at("opens_at").as_string());
    EXPECT_EQ(told.at("title").as_string(), "Hand-made keyrings");
    EXPECT_EQ(told.at("seller").at("name").as_string(), "Buyer seller@example.com");
}

TEST_P(NotificationsTest, LikersHearWhenASoldOutProductComesBack) {
    auto form = open_form({{"Red", 1000, 1}, {"Blue", 1000, 5}});
    const auto red = product(form, 0);
    const auto blue = product(form, 1);
    const auto fan = seeder_.user("fan@example.com");
    call(client_, fan, "PUT", form_path(form) + "/like");
    const auto blue_order = id(order(buyer_, form, {{blue, 1}}).json());
    call(client_, buyer_, "POST", "/api/v1/orders/" + std::to_string(blue_order) + "/cancellation");
    const auto red_order = id(order(buyer_, form, {{red, 1}}).json());  // Red sells out
    // Blue never sold out: its cancellation told nobody. Red's does.
    call(client_, buyer_, "POST", "/api/v1/orders/" + std::to_string(red_order) + "/cancellation");
    auto page = notifications_of(client_, fan, 1);
    ASSERT_EQ(page.at("items").as_array().size(), 1u);
    const auto& n = page.at("items").at(0);
    EXPECT_EQ(n.at("kind").as_string(), "restocked");
    EXPECT_EQ(n.at("data").at("product_id").as_int64(), red);
    EXPECT_EQ(n.at("data").at("remaining").as_int64(), 1);
    EXPECT_EQ(n.at("data").at("product_name").as_string(), "Red");
    EXPECT_EQ(n.at("data").at("form_title").as_string(), "Hand-made keyrings");
    EXPECT_EQ(n.at("data").at("seller").at("id").as_int64(), UserSeeder::id_of(seller_));

    // A seller adding stock to a sold-out product restocks it too.
    order(buyer_, form, {{red, 1}});
    auto r = call(client_, seller_, "PATCH", form_path(form),
                  R"({"products":[{"id":)" + std::to_string(red) + R"(,"stock":3}]})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(kinds_of(client_, fan, 2), (std::vector<std::string>{"restocked", "restocked"}));
}

INSTANTIATE_TEST_SUITE_P(Stores, NotificationsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

// A bus that refuses until told otherwise, then delivers like the in-process one.
class FlakyBus final : public bus::EventBus {
  public:
    bool up = false;
    bool publish(const std::vector<domain::OutboxEvent>& events) override {
        return up && inner_.publish(events);
    }
    void subscribe(Handler handler) override { inner_.subscribe(std::move(handler)); }

  private:
    bus::InProcessBus inner_;
};

using RelayTest = StoreTest;

TEST_P(RelayTest, EventsWaitOutABusOutageAndArriveOnce) {
    auto store = open_store();
    store->migrate();
    const auto seller = seed_user(*store, "s@x.com");
    const auto buyer = seed_user(*store, "b@x.com");
    const auto form = seed_form(*store, seller);
    ManualClock clock;
    FlakyBus bus;
    bus::InProcessFanout fanout;
    std::vector<domain::UserId> hinted;
    fanout.subscribe([&](std::optional<domain::UserId> u) { hinted.push_back(*u); });
    service::NotificationService notifications(store->events(), bus, fanout, clock);
    service::OutboxRelay relay(store->events(), bus, clock);

    store->likes().like(form, buyer, clock.now_millis());
    EXPECT_EQ(relay.relay_once(100), 0u);  // the bus is down: nothing is marked published
    EXPECT_EQ(store->events().unpublished(100).size(), 1u);
    bus.up = true;
    EXPECT_EQ(relay.relay_once(100), 1u);
    EXPECT_TRUE(store->events().unpublished(100).empty());
    // A redelivery of the same event stores nothing twice.
    const auto again =
        domain::OutboxEvent{store->events().notifications(seller, 10, {}).items.at(0).event_id,
                            domain::EventKind::form_liked, seller, "{}", 0};
    EXPECT_TRUE(store->events().store_notifications({again}).empty());
    EXPECT_EQ(notifications.list(seller, 10, {}).items.size(), 1u);
    EXPECT_EQ(hinted, std::vector<domain::UserId>{seller});  // the redelivery hinted nothing
}

// An account erased while an event for it waits in the outbox never gets it: its notifications
// would outlive the erasure.
TEST_P(RelayTest, AnEventForAnErasedAccountIsNotStored) {
    auto store = open_store();
    store->migrate();
    const auto seller = seed_user(*store, "s@x.com");
    const auto buyer = seed_user(*store, "b@x.com");
    const auto form = seed_form(*store, seller);
    ManualClock clock;
    FlakyBus bus;
    bus::InProcessFanout fanout;
    service::NotificationService notifications(store->events(), bus, fanout, clock);
    service::OutboxRelay relay(store->events(), bus, clock);

    store->likes().like(form, buyer, clock.now_millis());
    ASSERT_EQ(store->events().unpublished(100).size(), 1u);
    ASSERT_TRUE(store->users().erase(seller, clock.now_seconds()));
    bus.up = true;
    EXPECT_EQ(relay.relay_once(100), 1u) << "the event leaves the outbox";
    EXPECT_TRUE(store->events().notifications(seller, 10, {}).items.empty());
}

// A slow bus that records what it was given, in order.
class RecordingBus final : public bus::EventBus {
  public:
    bool publish(const std::vector<domain::OutboxEvent>& events) override {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        std::lock_guard lock(mutex_);
        for (const auto& e : events) published_.push_back(e.id);
        return true;
    }
    void subscribe(Handler) override {}
    std::vector<std::int64_t> published() {
        std::lock_guard lock(mutex_);
        return published_;
    }

  private:
    std::mutex mutex_;
    std::vector<std::int64_t> published_;
};

// Writes 200 waiting events (likes of one form), then has two relays, as on two instances,
// start together and call `relay_once(their number)` until no event waits.
template <class RelayOnce>
void two_relays(store::Store& store, RelayOnce relay_once) {
    const auto seller = seed_user(store, "seller@example.com");
    const auto form = seed_form(store, seller);
    for (int i = 0; i < 200; ++i) {
        store.likes().like(form, seed_user(store, "fan" + std::to_string(i) + "@x.com"), 0);
    }
    std::latch start(2);
    auto run = [&](int relay) {
        start.arrive_and_wait();
        while (!store.events().unpublished(1).empty()) relay_once(relay);
    };
    std::thread a(run, 0);
    std::thread b(run, 1);
    a.join();
    b.join();
}

class TwoRelaysTest : public StoreTest {
  protected:
    void SetUp() override {
        store_ = open_store();
        store_->migrate();
        // On PostgreSQL the second relay is another instance's: its own store and pool. A
        // SQLite file is served by one process.
        if (GetParam() == Backend::postgres) second_ = open_store();
    }
    store::Store& store_of(int relay) { return relay == 1 && second_ ? *second_ : *store_; }

    std::unique_ptr<store::Store> store_, second_;
    ManualClock clock_;
    RecordingBus bus_;
};

TEST_P(TwoRelaysTest, OneRelayAtATimeSoEachEventReachesTheBusOnceAndInOrder) {
    service::OutboxRelay relays[] = {{store_of(0).events(), bus_, clock_},
                                     {store_of(1).events(), bus_, clock_}};
    std::atomic<int> turns_refused{0};
    two_relays(*store_, [&](int relay) {
        if (!relays[relay].relay_once(10)) ++turns_refused;
    });
    const auto got = bus_.published();
    EXPECT_EQ(got.size(), 200u);
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    EXPECT_EQ(std::adjacent_find(got.begin(), got.end()), got.end());  // no event twice
    EXPECT_GT(turns_refused, 0);  // the two did contend for the turn
}

TEST_P(TwoRelaysTest, NegativeControlRelaysWithoutTheTurnPublishEventsTwice) {
    two_relays(*store_, [&](int relay) {
        auto& events = store_of(relay).events();
        const auto waiting = events.unpublished(10);
        if (waiting.empty() || !bus_.publish(waiting)) return;
        std::vector<std::int64_t> ids;
        for (const auto& e : waiting) ids.push_back(e.id);
        events.mark_published(ids, clock_.now_millis());
    });
    auto got = bus_.published();
    std::sort(got.begin(), got.end());
    EXPECT_NE(std::adjacent_find(got.begin(), got.end()), got.end());  // some event twice
}

INSTANTIATE_TEST_SUITE_P(Stores, TwoRelaysTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

INSTANTIATE_TEST_SUITE_P(Stores, RelayTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         param_name);

}  // namespace
}  // namespace formlympics::test
