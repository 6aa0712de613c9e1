// Two server instances on one PostgreSQL and one Redis: a notification stored by either reaches
// a stream held by the other, and a Redis restart loses nothing. Run twice: as two App instances
// in this process on the in-process bus, and as two formlympics processes on Kafka (librdkafka's
// mock cluster), configured by environment variables as an operator would.
#include <gtest/gtest.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "support/http_client.hpp"
#include "support/kafka_cluster.hpp"
#include "support/pg_database.hpp"
#include "support/redis_process.hpp"
#include "support/sale_client.hpp"
#include "support/server_process.hpp"
#include "support/sse_client.hpp"
#include "support/test_server.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

enum class Instances { apps_in_process, processes_on_kafka };

// Events until `count` arrived or nothing came for `quiet`.
std::vector<std::int64_t> ids_from(SseClient& s, std::size_t count,
                                   std::chrono::milliseconds quiet) {
    std::vector<std::int64_t> out;
    while (out.size() < count) {
        auto e = s.next(quiet);
        if (!e) break;
        out.push_back(e->id);
    }
    return out;
}

class FanoutTest : public ::testing::TestWithParam<Instances> {
  protected:
    FanoutTest() {
        if (GetParam() == Instances::apps_in_process) {
            app_a_ = std::make_unique<TestServer>(Backend::postgres,
                                                  [this](app::Config& c) { share(c); });
            app_b_ = std::make_unique<TestServer>(Backend::postgres, [this](app::Config& c) {
                share(c);
                c.database_url = app_a_->database_url();
            });
            database_url_ = app_a_->database_url();
            port_a_ = app_a_->port();
            port_b_ = app_b_->port();
        } else {
            pg_ = std::make_unique<PgDatabase>();
            kafka_ = std::make_unique<KafkaCluster>();
            kafka_->create_topics(prefix_, 4);
            const ServerProcess::Environment env{
                {"FORMLYMPICS_DATABASE_URL", pg_->url()},
                {"FORMLYMPICS_REDIS_URL", redis_.url()},
                {"FORMLYMPICS_REDIS_PREFIX", prefix_},
                {"FORMLYMPICS_KAFKA_BROKERS", kafka_->bootstraps()},
                {"FORMLYMPICS_KAFKA_PREFIX", prefix_},
                {"FORMLYMPICS_JWT_SECRET", kTestJwtSecret},
                {"FORMLYMPICS_LOG_LEVEL", "error"}};
            process_a_ = std::make_unique<ServerProcess>(env);
            process_b_ = std::make_unique<ServerProcess>(env);
            database_url_ = pg_->url();
            port_a_ = process_a_->port();
            port_b_ = process_b_->port();
        }
        client_a_ = std::make_unique<HttpClient>(port_a_);
        seeder_ = std::make_unique<UserSeeder>(database_url_);
        seller_ = seeder_->user("seller@example.com");
        const auto now = std::chrono::system_clock::now();
        const auto ms = [](auto t) {
            return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch())
                .count();
        };
        auto r = call(*client_a_, seller_, "POST", "/api/v1/forms",
                      form_body({{"Red", 1000, 5}}, util::format_rfc3339(ms(now - 1h)),
                                util::format_rfc3339(ms(now + 24h))));
        EXPECT_EQ(r.status, 201) << r.body;
        form_path_ = "/api/v1/forms/" + std::to_string(r.json().at("id").as_int64());
        wait_until_steady();
    }

    void share(app::Config& c) {
        c.redis_url = redis_.url();
        c.redis_prefix = prefix_;
    }
    // Likes until one crosses from A to B within a second and every like so far is stored: a
    // Kafka consumer group settles (joins, rebalances between the two) in a few seconds after
    // the instances start, and a like held up by that must not land during a test.
    void wait_until_steady() {
        auto tab = stream_on_b();
        for (int attempt = 0; attempt < 40; ++attempt) {
            const auto start = std::chrono::steady_clock::now();
            like_on_a();
            auto got = ids_from(*tab, 1, 5s);
            if (got.empty()) continue;
            const bool fast = std::chrono::steady_clock::now() - start < 1s;
            const auto late = ids_from(*tab, fans_, 300ms);  // a tab behind catches up
            got.insert(got.end(), late.begin(), late.end());
            const auto stored = stored_ids(0);
            if (fast && stored.size() == static_cast<std::size_t>(fans_) &&
                stored.back() == got.back()) {
                settled_after_ = got.back();
                return;
            }
        }
        FAIL() << "likes on A never reached B within a second";
    }
    // A new user likes the form on instance A: one notification for the seller.
    void like_on_a() {
        const auto fan = seeder_->user("fan" + std::to_string(++fans_) + "@example.com");
        ASSERT_EQ(call(*client_a_, fan, "PUT", form_path_ + "/like").status, 200);
    }
    std::unique_ptr<SseClient> stream_on_b(std::optional<std::int64_t> last_event_id = {}) {
        SseClient::Headers h{{"Authorization", "Bearer " + seller_}};
        if (last_event_id) h.emplace_back("Last-Event-ID", std::to_string(*last_event_id));
        return std::make_unique<SseClient>(port_b_, "/api/v1/me/notifications/stream", h);
    }
    // The seller's stored notifications with ids above `after` (by default, those after the
    // settling likes), oldest first.
    std::vector<std::int64_t> stored_ids(std::optional<std::int64_t> after = {}) {
        const auto above = after.value_or(settled_after_);
        std::vector<std::int64_t> ids;
        const auto page =
            call(*client_a_, seller_, "GET", "/api/v1/me/notifications?limit=100").json();
        for (const auto& n : page.at("items").as_array()) {
            if (n.at("id").as_int64() > above) {
                ids.insert(ids.begin(), n.at("id").as_int64());
            }
        }
        return ids;
    }

    RedisProcess redis_;
    std::string prefix_ = "fanout-" + std::to_string(::getpid());
    std::unique_ptr<TestServer> app_a_, app_b_;
    std::unique_ptr<PgDatabase> pg_;
    std::unique_ptr<KafkaCluster> kafka_;
    std::unique_ptr<ServerProcess> process_a_, process_b_;
    std::string database_url_;
    std::uint16_t port_a_ = 0;
    std::uint16_t port_b_ = 0;
    std::unique_ptr<HttpClient> client_a_;
    std::unique_ptr<UserSeeder> seeder_;
    std::string seller_;
    std::string form_path_;
    int fans_ = 0;
    std::int64_t settled_after_ = 0;
};

TEST_P(FanoutTest, ALikeOnOneInstanceReachesAStreamOnTheOther) {
    // Streams do not poll: only the hint from A can wake the stream on B.
    auto tab = stream_on_b();
    like_on_a();
    const auto got = ids_from(*tab, 1, 10s);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got, stored_ids());
}

TEST_P(FanoutTest, AReconnectWithLastEventIdReplaysWhatCameAfterIt) {
    auto tab = stream_on_b();
    for (int i = 0; i < 3; ++i) like_on_a();
    const auto first = ids_from(*tab, 3, 10s);
    ASSERT_EQ(first.size(), 3u);
    tab.reset();  // the client goes away...
    like_on_a();  // ...and misses these
    like_on_a();
    auto again = stream_on_b(first[1]);
    like_on_a();  // told live, after the replay
    const auto got = ids_from(*again, 4, 10s);
    const auto stored = stored_ids();
    ASSERT_EQ(stored.size(), 6u);
    EXPECT_EQ(got, std::vector<std::int64_t>(stored.begin() + 2, stored.end()));
}

TEST_P(FanoutTest, ARedisRestartMidStreamLosesNothingAndDuplicatesNothing) {
    auto tab = stream_on_b();
    like_on_a();
    auto got = ids_from(*tab, 1, 5s);
    ASSERT_EQ(got.size(), 1u);

    redis_.kill();
    like_on_a();  // hints published now are lost with Redis
    like_on_a();
    // Both stored (and their hints lost) before Redis comes back.
    for (int i = 0; i < 500 && stored_ids().size() < 3; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(stored_ids().size(), 3u);
    redis_.start();  // empty, as after a crash
    // The stream either carries on (its instance resubscribed and looked) or ends; a client
    // that sees it end reconnects after the last id, as EventSource does.
    for (int attempt = 0; attempt < 20 && got.size() < 3; ++attempt) {
        auto more = ids_from(*tab, 3 - got.size(), 500ms);
        got.insert(got.end(), more.begin(), more.end());
        if (tab->ended()) tab = stream_on_b(got.back());
    }
    like_on_a();  // and live again through Redis
    auto live = ids_from(*tab, 1, 5s);
    got.insert(got.end(), live.begin(), live.end());

    EXPECT_EQ(got, stored_ids());
    EXPECT_EQ(got.size(), 4u);
    EXPECT_EQ(std::set<std::int64_t>(got.begin(), got.end()).size(), got.size());
}

TEST_P(FanoutTest, AProfileChangedOnOneInstanceIsSeenOnTheOtherAtOnce) {
    HttpClient client_b(port_b_);
    // B reads the profile twice: the second read is served from B's own near copy.
    for (int i = 0; i < 2; ++i) {
        auto me = call(client_b, seller_, "GET", "/api/v1/me");
        ASSERT_EQ(me.status, 200);
        EXPECT_TRUE(me.json().at("address").is_null());
    }
    auto r = call(*client_a_, seller_, "PUT", "/api/v1/me/address",
                  R"({"address1":"110 Sejong-daero","address2":"101","zipcode":"04524"})");
    ASSERT_EQ(r.status, 200) << r.body;
    // The change's message crosses through Redis; B drops its copy and reads the new profile
    // well within the copy's 5 s life.
    std::string zipcode;
    for (int i = 0; i < 50 && zipcode.empty(); ++i) {
        const auto me = call(client_b, seller_, "GET", "/api/v1/me").json();
        if (!me.at("address").is_null()) zipcode = me.at("address").at("zipcode").as_string();
        if (zipcode.empty()) std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(zipcode, "04524");
    // The same for a new name and phone (PUT /api/v1/me).
    ASSERT_EQ(call(*client_a_, seller_, "PUT", "/api/v1/me",
                   R"({"name":"Seller Park","phone":"010-2222-3333"})")
                  .status,
              200);
    std::string name;
    for (int i = 0; i < 50 && name != "Seller Park"; ++i) {
        name = call(client_b, seller_, "GET", "/api/v1/me").json().at("name").as_string();
        if (name != "Seller Park") std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(name, "Seller Park");
}

INSTANTIATE_TEST_SUITE_P(Instances, FanoutTest,
                         ::testing::Values(Instances::apps_in_process,
                                           Instances::processes_on_kafka),
                         [](const auto& info) {
                             return info.param == Instances::apps_in_process
                                        ? std::string("apps_in_process")
                                        : std::string("processes_on_kafka");
                         });

}  // namespace
}  // namespace formlympics::test
