// Per-user notification streams: each sends its user's notifications from the store in id
// order after the last one it sent, with no gap and no duplicate, whatever the hints do.
#include "service/notification_streams.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <latch>
#include <map>
#include <stdexcept>
#include <thread>

#include "support/guard_time.hpp"

namespace formlympics::service {
namespace {

using namespace std::chrono_literals;
using domain::UserId;
using Ids = std::vector<std::int64_t>;

using formlympics::test::kGuard;

// The store's stand-in: notifications with ids increasing across all users.
class MemoryEvents final : public store::EventRepository {
  public:
    std::atomic<bool> failing{false};    // notifications_after throws
    std::function<void()> after_newest;  // runs as notification_mark returns

    std::int64_t add(UserId user) {
        std::lock_guard lock(mutex_);
        domain::Notification n;
        n.id = ++last_id_;
        n.user_id = user;
        n.data = std::string(40, 'x');
        notes_.push_back(n);
        return n.id;
    }
    int reads(UserId user) {
        std::lock_guard lock(mutex_);
        return reads_[user];
    }

    std::vector<domain::Notification> notifications_after(UserId user, std::int64_t after,
                                                          std::size_t limit) override {
        std::lock_guard lock(mutex_);
        ++reads_[user];
        if (failing) throw std::runtime_error("the database is down");
        std::vector<domain::Notification> out;
        for (const auto& n : notes_) {
            if (n.user_id == user && n.id > after && out.size() < limit) out.push_back(n);
        }
        return out;
    }
    domain::NotificationMark notification_mark(UserId user) override {
        domain::NotificationMark mark;
        {
            std::lock_guard lock(mutex_);
            for (const auto& n : notes_) {
                if (n.user_id != user) continue;
                mark.newest = n.id;
                ++mark.unread;
            }
        }
        if (after_newest) after_newest();
        return mark;
    }

    std::vector<domain::OutboxEvent> unpublished(std::size_t) override { unused(); }
    void mark_published(const std::vector<std::int64_t>&, domain::Millis) override { unused(); }
    std::optional<std::size_t> relay(std::size_t, domain::Millis, const Publish&) override {
        unused();
    }
    std::vector<domain::Notification> store_notifications(
        const std::vector<domain::OutboxEvent>&) override {
        unused();
    }
    store::NotificationPage notifications(UserId, std::size_t,
                                          std::optional<std::int64_t>) override {
        unused();
    }
    std::int64_t mark_read(UserId, std::int64_t) override { unused(); }
    void add_stream_ticket(const std::string&, const domain::Caller&, domain::Millis) override {
        unused();
    }
    std::optional<domain::Caller> take_stream_ticket(const std::string&, domain::Millis) override {
        unused();
    }

  private:
    [[noreturn]] static void unused() { throw std::logic_error("unused"); }

    std::mutex mutex_;
    std::vector<domain::Notification> notes_;
    std::int64_t last_id_ = 0;
    std::map<UserId, int> reads_;
};

// Hints delivered at once to the one subscriber.
class Hints final : public bus::Fanout {
  public:
    void publish(UserId user) override { handler_(user); }
    void subscribe(Handler handler) override { handler_ = std::move(handler); }
    void everyone() { handler_(std::nullopt); }  // hints may have been missed

  private:
    Handler handler_;
};

// Server-Sent Events frames, as plain as they come.
class TextFrames final : public StreamFrames {
  public:
    std::string retry(std::chrono::milliseconds delay) const override {
        return "retry: " + std::to_string(delay.count()) + "\n\n";
    }
    std::string unread(const domain::NotificationMark& mark) const override {
        return "event: unread\ndata: " + std::to_string(mark.unread) + "\n\n";
    }
    std::string notification(const domain::Notification& n) const override {
        return "id: " + std::to_string(n.id) + "\ndata: " + n.data + "\n\n";
    }
    std::string stock(const domain::Product&) const override { return {}; }
    std::string form_status(domain::FormId, FormStreamStatus) const override { return {}; }
};

// The connection's side of a stream: takes what is queued when woken.
class Reader {
  public:
    explicit Reader(std::shared_ptr<util::StreamQueue> queue) : queue_(std::move(queue)) {
        queue_->set_waker([state = state_] {
            {
                std::lock_guard lock(state->mutex);
                ++state->wakes;
            }
            state->woken.notify_all();
        });
    }
    ~Reader() { queue_->set_waker({}); }

    // Takes what is queued now; the ids it held.
    Ids take() {
        const auto text = queue_->take();
        text_ += text;
        return ids_in(text);
    }
    // Reads until `done` holds of everything read; false if it never does.
    bool read_until(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + kGuard;
        for (;;) {
            int wakes = 0;
            {
                std::lock_guard lock(state_->mutex);
                wakes = state_->wakes;
            }
            take();
            if (done()) return true;
            std::unique_lock lock(state_->mutex);
            if (!state_->woken.wait_until(lock, deadline, [&] { return state_->wakes != wakes; }))
                return false;
        }
    }
    // Reads until `n` notifications came; all the ids read, in order.
    Ids read(std::size_t n) {
        EXPECT_TRUE(read_until([&] { return ids().size() >= n; })) << "read " << ids().size();
        return ids();
    }
    Ids ids() const { return ids_in(text_); }
    const std::string& text() const { return text_; }
    bool closed() const { return queue_->closed(); }
    util::StreamQueue& queue() { return *queue_; }

  private:
    static Ids ids_in(const std::string& text) {
        Ids out;
        for (std::size_t at = text.find("id: "); at != std::string::npos;
             at = text.find("id: ", at + 1)) {
            out.push_back(std::stoll(text.substr(at + 4)));
        }
        return out;
    }
    struct State {
        std::mutex mutex;
        std::condition_variable woken;
        int wakes = 0;
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
    std::shared_ptr<util::StreamQueue> queue_;
    std::string text_;
};

const std::string kRetry = "retry: 3000\n\n";
// What TextFrames says of `n` unread.
std::string unread(int n) { return "event: unread\ndata: " + std::to_string(n) + "\n\n"; }

class NotificationStreamsTest : public ::testing::Test {
  protected:
    NotificationStreamsTest() { start({64 * 1024, 3, 3000ms}); }  // small pages: replays page
    ~NotificationStreamsTest() override { workers.stop(); }

    void start(NotificationStreams::Options options) {
        streams = std::make_unique<NotificationStreams>(events, workers, hints, frames, options);
    }
    // Waits until the one worker has done everything queued before now.
    void settle() {
        auto done = std::make_shared<std::promise<void>>();
        workers.submit([done] { done->set_value(); });
        ASSERT_EQ(done->get_future().wait_for(kGuard), std::future_status::ready);
    }
    // Adds `n` notifications for the user; their ids.
    Ids add(UserId user, int n) {
        Ids ids;
        for (int i = 0; i < n; ++i) ids.push_back(events.add(user));
        return ids;
    }

    MemoryEvents events;
    Hints hints;
    TextFrames frames;
    util::WorkerPool workers{1, 1000};
    std::unique_ptr<NotificationStreams> streams;
};

// Without Last-Event-ID a stream starts with the reconnect delay and the unread count, and sends
// only what is new.
TEST_F(NotificationStreamsTest, NewStreamSendsOnlyNotificationsThatComeAfterIt) {
    add(1, 2);
    add(2, 1);
    Reader r(streams->open(1, std::nullopt));
    settle();
    r.take();
    EXPECT_EQ(r.text(), kRetry + unread(2));
    const auto fresh = add(1, 1);
    hints.publish(1);
    EXPECT_EQ(r.read(1), fresh);
}

// Each stream sends its own user's notifications and nobody else's.
TEST_F(NotificationStreamsTest, SubscriberGetsOnlyItsOwnNotifications) {
    Reader mine(streams->open(1, std::nullopt));
    Reader theirs(streams->open(2, std::nullopt));
    const auto for_them = add(2, 2);
    hints.publish(2);
    const auto for_me = add(1, 2);
    hints.publish(1);
    EXPECT_EQ(mine.read(2), for_me);
    EXPECT_EQ(theirs.read(2), for_them);
    settle();
    mine.take();
    EXPECT_EQ(mine.ids(), for_me);  // nothing of theirs came later either
}

// A user with two streams open (two tabs) gets every notification on both.
TEST_F(NotificationStreamsTest, EveryStreamOfAUserGetsItsNotifications) {
    Reader tab1(streams->open(1, std::nullopt));
    Reader tab2(streams->open(1, std::nullopt));
    const auto ids = add(1, 2);
    hints.publish(1);
    EXPECT_EQ(tab1.read(2), ids);
    EXPECT_EQ(tab2.read(2), ids);
}

// A reconnect with Last-Event-ID gets exactly what came after that id, in order, across
// several store pages.
TEST_F(NotificationStreamsTest, LastEventIdReplaysWhatCameAfterIt) {
    const auto ids = add(1, 7);
    Reader r(streams->open(1, ids[1]));
    EXPECT_EQ(r.read(5), Ids(ids.begin() + 2, ids.end()));
    // The reconnect delay comes first, then the count, which covers what is replayed after it.
    EXPECT_EQ(r.text().rfind(kRetry + unread(7), 0), 0u);
}

// Last-Event-ID 0 replays all of the user's notifications.
TEST_F(NotificationStreamsTest, LastEventIdZeroReplaysEverything) {
    add(2, 1);
    const auto ids = add(1, 7);
    Reader r(streams->open(1, 0));
    EXPECT_EQ(r.read(7), ids);
}

// A Last-Event-ID past the newest counts as up to date: nothing is replayed, and the next
// notification is still sent although its id is below the one given.
TEST_F(NotificationStreamsTest, LastEventIdAboveTheNewestStillGetsNewNotifications) {
    add(1, 3);
    Reader r(streams->open(1, 99));
    settle();
    EXPECT_TRUE(r.take().empty());
    const auto fresh = add(1, 1);
    hints.publish(1);
    EXPECT_EQ(r.read(1), fresh);
}

// A hint for everyone (after missed hints) makes every stream look.
TEST_F(NotificationStreamsTest, HintForEveryoneReachesEveryStream) {
    Reader one(streams->open(1, std::nullopt));
    Reader two(streams->open(2, std::nullopt));
    const auto for_one = add(1, 1);
    const auto for_two = add(2, 1);
    hints.everyone();
    EXPECT_EQ(one.read(1), for_one);
    EXPECT_EQ(two.read(1), for_two);
}

// A notification stored and hinted while the stream reads its starting point is still sent.
TEST_F(NotificationStreamsTest, HintWhileOpeningIsNotLost) {
    std::int64_t fresh = 0;
    events.after_newest = [&] {
        fresh = events.add(1);
        streams->notify(1);
    };
    Reader r(streams->open(1, std::nullopt));
    EXPECT_EQ(r.read(1), Ids{fresh});
}

// Notifications stored and hinted from another thread while the client reads arrive in id
// order, each once.
TEST_F(NotificationStreamsTest, ConcurrentNotificationsArriveInOrderWithoutGapsOrDuplicates) {
    constexpr int kCount = 300;
    Reader r(streams->open(1, std::nullopt));
    std::latch start(2);
    Ids sent;
    std::jthread producer([&] {
        start.arrive_and_wait();
        for (int i = 0; i < kCount; ++i) {
            sent.push_back(events.add(1));
            if (i % 3 == 0) events.add(2);      // gaps in this user's ids
            if (i % 5 != 0) hints.publish(1);   // some hints are missed...
            if (i % 50 == 0) hints.everyone();  // ...and made up for
        }
        hints.publish(1);
    });
    start.arrive_and_wait();
    r.read(kCount);
    producer.join();
    settle();
    r.take();  // anything sent twice would be here by now
    EXPECT_EQ(r.ids(), sent);
}

// A client that reads slowly is sent only what fits in its queue; the rest follows as it
// reads, and the stream is never cut off for it.
TEST_F(NotificationStreamsTest, SlowClientIsHeldBackInsteadOfOverflowed) {
    start({200, 3, 3000ms});  // room for about three notifications
    const auto ids = add(1, 10);
    Reader r(streams->open(1, 0));
    settle();
    EXPECT_LE(r.queue().queued_bytes(), 200u);
    const auto first = r.take();
    EXPECT_FALSE(first.empty());
    EXPECT_LT(first.size(), ids.size());
    EXPECT_EQ(r.read(10), ids);
    EXPECT_FALSE(r.closed());
}

// The periodic tick resumes a replay waiting for room, even if the wake-up on reading was
// missed.
TEST_F(NotificationStreamsTest, TickResumesAReplayWaitingForRoom) {
    start({200, 3, 3000ms});
    const auto ids = add(1, 10);
    Reader r(streams->open(1, 0));
    settle();
    r.queue().set_on_taken({});  // as if the wake-up on reading was missed
    EXPECT_EQ(r.take(), Ids(ids.begin(), ids.begin() + 3));
    settle();
    EXPECT_TRUE(r.take().empty());
    streams->tick();
    settle();
    EXPECT_EQ(r.take(), Ids(ids.begin() + 3, ids.begin() + 6));
}

// A stream the client closed is forgotten on the next tick: hints no longer read for it.
TEST_F(NotificationStreamsTest, ClosedStreamIsForgottenOnTick) {
    Reader r(streams->open(1, std::nullopt));
    r.queue().close();
    settle();
    streams->tick();
    const auto reads = events.reads(1);
    add(1, 1);
    hints.publish(1);
    settle();
    EXPECT_EQ(events.reads(1), reads);
}

// When the store fails the stream closes; the client reconnects with its Last-Event-ID and
// resumes where it was, with no gap and no duplicate.
TEST_F(NotificationStreamsTest, StoreFailureClosesTheStreamAndReconnectResumes) {
    Reader before(streams->open(1, std::nullopt));
    const auto ids = add(1, 2);
    hints.publish(1);
    ASSERT_EQ(before.read(2), ids);
    events.failing = true;
    const auto missed = add(1, 2);
    hints.publish(1);
    EXPECT_TRUE(before.read_until([&] { return before.closed(); }));
    EXPECT_EQ(before.ids(), ids);
    events.failing = false;
    Reader after(streams->open(1, before.ids().back()));
    EXPECT_EQ(after.read(2), missed);
}

// Shutting the streams down ends every open stream.
TEST_F(NotificationStreamsTest, ShutdownClosesEveryStream) {
    Reader one(streams->open(1, std::nullopt));
    Reader two(streams->open(2, std::nullopt));
    Reader tab(streams->open(1, std::nullopt));
    settle();
    EXPECT_FALSE(one.closed());
    streams.reset();
    EXPECT_TRUE(one.closed());
    EXPECT_TRUE(two.closed());
    EXPECT_TRUE(tab.closed());
    // What was queued stays.
    EXPECT_TRUE(one.read_until([&] { return one.text() == kRetry + unread(0); }));
}

}  // namespace
}  // namespace formlympics::service
