// Server-Sent Events: the notification stream (tabs, replay, tickets, slow clients) and the
// public form stream, on both stores.
#include <poll.h>

#include <map>
#include <random>
#include <set>
#include <thread>

#include "integration/sale_fixture.hpp"
#include "support/sql_probe.hpp"
#include "support/sse_client.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
constexpr const char* kStream = "/api/v1/me/notifications/stream";

class StreamsTest : public SaleTest {
  protected:
    StreamsTest()
        : SaleTest([](app::Config& c) {
              c.heartbeat_interval = 300ms;
              c.write_timeout = 1s;
          }) {}

    static SseClient::Headers bearer(const std::string& token) {
        return {{"Authorization", "Bearer " + token}};
    }
    std::unique_ptr<SseClient> stream_of(const std::string& token,
                                         std::optional<std::int64_t> last_event_id = {},
                                         int receive_buffer = 0) {
        auto headers = bearer(token);
        if (last_event_id) headers.emplace_back("Last-Event-ID", std::to_string(*last_event_id));
        return std::make_unique<SseClient>(server_.port(), kStream, headers, receive_buffer);
    }
    // A new user liking the seller's form: one form_liked for the seller.
    void like_as_new_user(const json::object& form) {
        const auto fan = seeder_.user("fan" + std::to_string(++fans_) + "@example.com");
        ASSERT_EQ(call(client_, fan, "PUT", form_path(form) + "/like").status, 200);
    }
    std::string ticket_for(const std::string& token) {
        auto r = call(client_, token, "POST", "/api/v1/me/notifications/stream-tickets");
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(r.json().at("ticket").as_string());
    }
    int fans_ = 0;
};

// The events a stream receives until `count` arrived or nothing came for `quiet`.
std::vector<SseEvent> receive(SseClient& s, std::size_t count, std::chrono::milliseconds quiet) {
    std::vector<SseEvent> out;
    while (out.size() < count) {
        auto e = s.next(quiet);
        if (!e) break;
        out.push_back(std::move(*e));
    }
    return out;
}

TEST_P(StreamsTest, EveryTabSeesALikeWithItsIdKindAndData) {
    auto form = open_form({{"Red", 1000, 5}});
    auto tab1 = stream_of(seller_);
    auto tab2 = std::make_unique<SseClient>(
        server_.port(), std::string(kStream) + "?ticket=" + ticket_for(seller_));
    for (auto* tab : {tab1.get(), tab2.get()}) {
        EXPECT_EQ(tab->status(), 200);
        EXPECT_EQ(tab->header("Content-Type"), "text/event-stream");
        EXPECT_EQ(tab->header("Cache-Control"), "no-cache");
        EXPECT_EQ(tab->header("X-Accel-Buffering"), "no");
    }
    call(client_, buyer_, "PUT", form_path(form) + "/like");
    for (auto* tab : {tab1.get(), tab2.get()}) {
        auto e = tab->next(5s);
        ASSERT_TRUE(e);
        EXPECT_EQ(e->event, "form_liked");
        const auto data = json::parse(e->data);
        EXPECT_EQ(data.at("id").as_int64(), e->id);
        EXPECT_EQ(data.at("kind").as_string(), "form_liked");
        EXPECT_EQ(data.at("data").at("form_id").as_int64(), id(form));
        EXPECT_EQ(tab->retry(), 3000);
    }
    // The id is the notification's, as the list shows it.
    const auto listed = call(client_, seller_, "GET", "/api/v1/me/notifications").json();
    EXPECT_EQ(listed.at("items").at(0).at("kind").as_string(), "form_liked");
    // Idle streams carry heartbeat comments.
    for (int i = 0; i < 100 && tab1->comments() == 0; ++i) {
        std::this_thread::sleep_for(50ms);
        tab1->pump();
    }
    EXPECT_GE(tab1->comments(), 1u);
    EXPECT_FALSE(tab1->ended());
}

TEST_P(StreamsTest, AReconnectReplaysWhatItMissedThenContinuesWithNoGapOrDuplicate) {
    auto form = open_form({{"Red", 1000, 5}});
    auto tab = stream_of(seller_);
    like_as_new_user(form);
    like_as_new_user(form);
    const auto seen = receive(*tab, 2, 5s);
    ASSERT_EQ(seen.size(), 2u);
    tab.reset();  // the tab goes away
    like_as_new_user(form);
    like_as_new_user(form);
    like_as_new_user(form);
    tab = stream_of(seller_, seen.back().id);
    const auto replayed = receive(*tab, 3, 5s);
    like_as_new_user(form);  // and live again
    const auto live = receive(*tab, 1, 5s);
    ASSERT_EQ(replayed.size(), 3u);
    ASSERT_EQ(live.size(), 1u);
    like_as_new_user(form);  // a marker: the next event is it, not a repeat
    const auto marker = receive(*tab, 1, 5s);
    ASSERT_EQ(marker.size(), 1u);
    EXPECT_GT(marker[0].id, live[0].id);

    std::vector<std::int64_t> ids;
    for (const auto* batch : {&seen, &replayed, &live}) {
        for (const auto& e : *batch) ids.push_back(e.id);
    }
    std::vector<std::int64_t> stored;
    const auto listed = call(client_, seller_, "GET", "/api/v1/me/notifications").json();
    for (const auto& n : listed.at("items").as_array()) {
        stored.insert(stored.begin(), n.at("id").as_int64());
    }
    ids.push_back(marker[0].id);
    EXPECT_EQ(ids, stored);
}

// Each connection first says how many notifications are unread and up to which id, so a page
// needs no list to show its count; a resumed one too, its count covering what it replays.
TEST_P(StreamsTest, EachConnectionFirstSaysHowManyAreUnreadUpToWhichId) {
    auto form = open_form({{"Red", 1000, 5}});
    auto tab = stream_of(seller_);
    for (int i = 0; i < 3; ++i) like_as_new_user(form);
    const auto seen = receive(*tab, 3, 5s);
    ASSERT_EQ(seen.size(), 3u);
    ASSERT_TRUE(tab->unread());
    EXPECT_EQ(json::parse(*tab->unread()), json::parse(R"({"unread":0,"as_of":0})"));
    ASSERT_EQ(call(client_, seller_, "POST", "/api/v1/me/notifications/read",
                   R"({"up_to_id":)" + std::to_string(seen[0].id) + "}")
                  .status,
              200);

    tab = stream_of(seller_);
    for (int i = 0; i < 100 && !tab->unread(); ++i) tab->next(50ms);
    ASSERT_TRUE(tab->unread());
    auto said = json::parse(*tab->unread());
    EXPECT_EQ(said.at("unread").as_int64(), 2);
    EXPECT_EQ(said.at("as_of").as_int64(), seen[2].id);

    tab = stream_of(seller_, seen[0].id);
    const auto replayed = receive(*tab, 2, 5s);
    ASSERT_EQ(replayed.size(), 2u);
    ASSERT_TRUE(tab->unread());
    said = json::parse(*tab->unread());
    EXPECT_EQ(said.at("unread").as_int64(), 2);
    EXPECT_EQ(said.at("as_of").as_int64(), replayed[1].id);
}

// A Last-Event-ID at the newest notification, or past it (say, kept from another server), is
// up to date: nothing is replayed, and new notifications still arrive.
TEST_P(StreamsTest, ALastEventIdAtOrPastTheNewestIsUpToDate) {
    auto form = open_form({{"Red", 1000, 5}});
    auto first = stream_of(seller_);
    like_as_new_user(form);
    const auto newest = receive(*first, 1, 5s);
    ASSERT_EQ(newest.size(), 1u);
    for (const auto last : {newest[0].id, newest[0].id + 1'000'000}) {
        auto tab = stream_of(seller_, last);
        like_as_new_user(form);
        const auto got = receive(*tab, 1, 5s);
        ASSERT_EQ(got.size(), 1u) << "Last-Event-ID " << last << " held back new notifications";
        EXPECT_GT(got[0].id, newest[0].id);
        EXPECT_EQ(got[0].event, "form_liked");
    }
}

// A server stopping ends each open stream with its final chunk, as a finished response.
TEST_P(StreamsTest, AStopEndsOpenStreamsCleanly) {
    auto tab = stream_of(seller_);
    auto form_stream =
        std::make_unique<SseClient>(server_.port(), form_path(open_form({{"Red"}})) + "/stream");
    std::thread stopper([this] { server_.stop_and_wait(); });
    for (auto* s : {tab.get(), form_stream.get()}) {
        while (s->pump()) std::this_thread::sleep_for(10ms);
        EXPECT_TRUE(s->finished()) << "cut without the final chunk";
    }
    stopper.join();
}

TEST_P(StreamsTest, TicketsAreSingleUseShortLivedAndTheirOwnersOnly) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto ticket = ticket_for(buyer_);
    const auto with_ticket = [&](const std::string& t) {
        return std::make_unique<SseClient>(server_.port(), std::string(kStream) + "?ticket=" + t);
    };
    auto buyer_tab = with_ticket(ticket);
    EXPECT_EQ(buyer_tab->status(), 200);
    EXPECT_EQ(with_ticket(ticket)->status(), 401);  // used
    const auto stale = ticket_for(buyer_);
    clock_.advance(61s);
    EXPECT_EQ(with_ticket(stale)->status(), 401);  // expired
    EXPECT_EQ(with_ticket(std::string(48, 'a'))->status(), 401);
    EXPECT_EQ(with_ticket("")->status(), 401);
    EXPECT_EQ(SseClient(server_.port(), kStream).status(), 401);
    // Who asks comes before what they asked: no credential at all is 401 whatever the query.
    EXPECT_EQ(SseClient(server_.port(), std::string(kStream) + "?forms=abc").status(), 401);
    EXPECT_EQ(SseClient(server_.port(), std::string(kStream) + "?last_event_id=x").status(), 401);
    EXPECT_EQ(SseClient(server_.port(), kStream, bearer("not-a-token")).status(), 401);
    // ... and a credential that is not good is 401 before its query is judged.
    EXPECT_EQ(SseClient(server_.port(), std::string(kStream) + "?forms=abc", bearer("not-a-token"))
                  .status(),
              401);
    EXPECT_EQ(call(client_, "", "POST", "/api/v1/me/notifications/stream-tickets").status, 401);
    auto bad = SseClient(server_.port(), kStream,
                         {{"Authorization", "Bearer " + seller_}, {"Last-Event-ID", "x"}});
    EXPECT_EQ(bad.status(), 422);

    // A buyer's ticket opens the buyer's stream: the seller's news is not on it.
    auto seller_tab = stream_of(seller_);
    call(client_, buyer_, "PUT", form_path(form) + "/like");
    EXPECT_EQ(receive(*seller_tab, 1, 5s).size(), 1u);
    EXPECT_TRUE(receive(*buyer_tab, 1, 500ms).empty());
}

// A stream takes one credential: a ticket and a bearer token together, or two tickets, could
// name two callers; they are refused before the ticket is spent. HEAD does not spend one either.
TEST_P(StreamsTest, ATicketIsTheOnlyCredentialOfItsRequestAndOnlyAGetSpendsIt) {
    const auto ticket = ticket_for(buyer_);
    const auto path = std::string(kStream) + "?ticket=" + ticket;
    EXPECT_EQ(SseClient(server_.port(), path, bearer(seller_)).status(), 400);
    EXPECT_EQ(SseClient(server_.port(), path + "&ticket=" + std::string(48, 'a')).status(), 400);
    EXPECT_EQ(SseClient(server_.port(), std::string(kStream) + "?ticket=" + std::string(48, 'a') +
                                            "&ticket=" + ticket)
                  .status(),
              400);
    const auto head = client_.request("HEAD", path, "", {});
    EXPECT_EQ(head.status, 405);
    EXPECT_EQ(SseClient(server_.port(), path).status(), 200);  // still unspent until now
    EXPECT_EQ(SseClient(server_.port(), path).status(), 401);
}

TEST_P(StreamsTest, AClientTooSlowToReadIsCutOffAndCatchesUpOnReconnect) {
    const auto seller_id = UserSeeder::id_of(seller_);
    auto tab = stream_of(seller_, std::nullopt, 4096);  // and it does not read
    // 6,000 events of 1 KiB: more than socket buffers and the stream's bounded queue hold, so
    // the server's write stalls past its timeout.
    constexpr int kEvents = 6000;
    SqlProbe probe(server_.database_url());
    const std::string payload = "{\"pad\":\"" + std::string(1000, 'x') + "\"}";
    probe.db().write([&](store::SqlSession& s) {
        for (int i = 0; i < kEvents; ++i) {
            s.execute(
                "INSERT INTO outbox (kind, receiver_id, payload, created_at) VALUES ('restocked', "
                "$1, "
                "$2, 0)",
                store::SqlParams().add(seller_id).add(payload));
        }
    });
    const auto all_stored = [&] {
        return probe.scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1",
                            store::SqlParams().add(seller_id)) == kEvents;
    };
    for (int i = 0; i < 300 && !all_stored(); ++i) std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(all_stored());
    std::this_thread::sleep_for(2s);

    std::vector<SseEvent> got = receive(*tab, kEvents, 2s);
    EXPECT_TRUE(tab->ended()) << "the stream was not cut off";
    EXPECT_LT(got.size(), static_cast<std::size_t>(kEvents));
    // Reconnecting after the last event it read, it gets the rest, each once.
    while (got.size() < static_cast<std::size_t>(kEvents)) {
        tab = stream_of(seller_, got.empty() ? 0 : got.back().id);
        auto more = receive(*tab, kEvents - got.size(), 2s);
        if (more.empty()) break;
        got.insert(got.end(), more.begin(), more.end());
    }
    std::set<std::int64_t> distinct;
    for (const auto& e : got) distinct.insert(e.id);
    EXPECT_EQ(got.size(), static_cast<std::size_t>(kEvents));
    EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kEvents));
}

// One tab: its user, its stream and every id it received.
struct Tab {
    domain::UserId user = 0;
    std::string token;
    std::unique_ptr<SseClient> stream;
    std::vector<std::int64_t> ids;
    std::int64_t last() const { return ids.empty() ? 0 : ids.back(); }
};

TEST_P(StreamsTest, AThousandStreamsAFifthReconnectingEachGetEveryEventOnce) {
    constexpr std::size_t kUsers = 200, kTabsPerUser = 5, kRounds = 10, kEventsPerRound = 60;
    const auto tokens = seeder_.users(kUsers, "tab");
    std::vector<Tab> tabs;
    for (std::size_t i = 0; i < kUsers * kTabsPerUser; ++i) {
        Tab t;
        t.token = tokens[i % kUsers];
        t.user = UserSeeder::id_of(t.token);
        t.stream = stream_of(t.token, 0);
        ASSERT_EQ(t.stream->status(), 200);
        tabs.push_back(std::move(t));
    }
    const auto drain = [&](std::chrono::milliseconds for_how_long) {
        const auto until = std::chrono::steady_clock::now() + for_how_long;
        std::vector<pollfd> fds(tabs.size());
        while (std::chrono::steady_clock::now() < until) {
            for (std::size_t i = 0; i < tabs.size(); ++i)
                fds[i] = {tabs[i].stream->fd(), POLLIN, 0};
            ::poll(fds.data(), fds.size(), 50);
            for (auto& t : tabs) {
                t.stream->pump();
                for (auto& e : t.stream->take()) t.ids.push_back(e.id);
                if (t.stream->ended()) t.stream = stream_of(t.token, t.last());
            }
        }
    };
    SqlProbe probe(server_.database_url());
    std::mt19937 rng(7);
    for (std::size_t round = 0; round < kRounds; ++round) {
        probe.db().write([&](store::SqlSession& s) {
            for (std::size_t i = 0; i < kEventsPerRound; ++i) {
                const auto user = UserSeeder::id_of(tokens[rng() % kUsers]);
                s.execute(
                    "INSERT INTO outbox (kind, receiver_id, payload, created_at) VALUES "
                    "('restocked', $1, '{}', 0)",
                    store::SqlParams().add(user));
            }
        });
        // A fifth of the tabs drop and come back after the last event they saw.
        for (std::size_t i = round % 5; i < tabs.size(); i += 5) {
            tabs[i].stream = stream_of(tabs[i].token, tabs[i].last());
        }
        drain(300ms);
    }
    drain(3s);
    std::map<domain::UserId, std::vector<std::int64_t>> stored;
    probe.db().read([&](store::SqlSession& s) {
        const auto r = s.query("SELECT user_id, id FROM notifications ORDER BY id");
        for (std::size_t i = 0; i < r.size(); ++i) stored[r.int64(i, 0)].push_back(r.int64(i, 1));
    });
    std::size_t total = 0;
    for (const auto& [user, ids] : stored) total += ids.size();
    ASSERT_EQ(total, kRounds * kEventsPerRound);
    std::size_t wrong = 0;
    for (const auto& t : tabs) {
        if (t.ids != stored[t.user]) ++wrong;
    }
    EXPECT_EQ(wrong, 0u) << "tabs that missed or repeated an event";
}

TEST_P(StreamsTest, AFormStreamShowsStockAndStatusLive) {
    auto form = publish({{"Red", 1000, 2}}, at(kHour), at(3 * kHour));
    const auto red = product(form, 0);
    SseClient watch(server_.port(), form_path(form) + "/stream");
    ASSERT_EQ(watch.status(), 200);
    auto e = watch.next(5s);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->event, "stock");
    EXPECT_EQ(json::parse(e->data),
              json::parse(R"({"form_id":)" + std::to_string(id(form)) + R"(,"product_id":)" +
                          std::to_string(red) + R"(,"remaining":2})"));
    clock_.advance(std::chrono::minutes(61));
    e = watch.next(5s);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->event, "opened");

    order(buyer_, form, {{red, 1}});
    order(buyer_, form, {{red, 1}});
    std::vector<std::string> seen;
    while (auto next = watch.next(5s)) {
        seen.push_back(next->event + " " + next->data);
        if (next->event == "sold_out") break;
    }
    ASSERT_GE(seen.size(), 2u);
    EXPECT_EQ(seen.back(), "sold_out {\"form_id\":" + std::to_string(id(form)) + "}");
    EXPECT_EQ(seen[seen.size() - 2], "stock {\"form_id\":" + std::to_string(id(form)) +
                                         ",\"product_id\":" + std::to_string(red) +
                                         ",\"remaining\":0}");

    ASSERT_EQ(call(client_, seller_, "POST", form_path(form) + "/close").status, 200);
    e = watch.next(5s);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->event, "closed");
    EXPECT_EQ(SseClient(server_.port(), "/api/v1/forms/999999/stream").status(), 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, StreamsTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
