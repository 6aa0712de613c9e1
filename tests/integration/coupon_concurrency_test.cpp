// Coupon claims under a burst, through the real server on SQLite and on PostgreSQL: exactly
// min(quantity, users) are issued, at most one per user, and the counter equals the claim rows.
// The negative control claims by check-then-act through the same harness and checks, and must be
// caught over-issuing.
#include <atomic>
#include <map>
#include <mutex>

#include "integration/sale_fixture.hpp"
#include "redis/redis_client.hpp"
#include "support/burst.hpp"
#include "support/check_then_act.hpp"
#include "support/redis_process.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

struct Tally {
    std::int64_t issued = 0;      // the coupon's counter
    std::int64_t claim_rows = 0;  // rows in user_coupons
    std::int64_t most_per_user = 0;
};

class CouponConcurrencyTest : public SaleTest {
  protected:
    std::int64_t create_coupon(std::int64_t quantity) {
        auto form = open_form({{"Red", 1000, 10}});
        auto r =
            call(client_, seller_, "POST", form_path(form) + "/coupons",
                 R"({"name":"Burst","discount":500,"quantity":)" + std::to_string(quantity) + "}");
        EXPECT_EQ(r.status, 201) << r.body;
        return id(r.json());
    }

    Tally tally(std::int64_t coupon) {
        SqlProbe probe(server_.database_url());
        const store::SqlParams p = store::SqlParams().add(coupon);
        Tally t;
        t.issued = probe.scalar("SELECT issued FROM coupons WHERE id = $1", p);
        t.claim_rows = probe.scalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = $1", p);
        t.most_per_user = probe.scalar(
            "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM user_coupons WHERE "
            "coupon_id = $1 GROUP BY user_id) per_user",
            p);
        return t;
    }

    // 1,000 distinct users; user i sends 1 + i % 3 claims at once.
    void run(std::int64_t quantity) {
        constexpr std::size_t kUsers = 1000;
        const auto coupon = create_coupon(quantity);
        const auto tokens = seeder_.users(kUsers, "claimer");
        std::vector<std::size_t> attempts;
        for (std::size_t u = 0; u < kUsers; ++u) {
            for (std::size_t k = 0; k <= u % 3; ++k) attempts.push_back(u);
        }
        std::mutex mutex;
        std::map<int, std::size_t> statuses;
        const auto path = "/api/v1/coupons/" + std::to_string(coupon) + "/claims";
        auto granted =
            burst(server_.port(), attempts.size(), 32, [&](std::size_t i, HttpClient& c) {
                auto r = call(c, tokens[attempts[i]], "POST", path);
                {
                    std::lock_guard lock(mutex);
                    ++statuses[r.status];
                }
                return r.status == 201 ? std::optional(id(r.json())) : std::nullopt;
            });
        const auto expected = std::min<std::int64_t>(quantity, kUsers);
        const auto t = tally(coupon);
        EXPECT_EQ(static_cast<std::int64_t>(granted.size()), expected);
        EXPECT_EQ(t.issued, expected);
        EXPECT_EQ(t.claim_rows, t.issued);
        EXPECT_LE(t.most_per_user, 1);
        EXPECT_EQ(statuses[201] + statuses[409], attempts.size()) << "other statuses seen";
        if (uses_redis()) expect_gate_used(coupon, quantity, t.issued);
    }

    bool uses_redis() const {
        return GetParam() == Backend::sqlite_redis || GetParam() == Backend::postgres_redis;
    }
    // How many scripts Redis has run (the gate is one).
    static std::int64_t scripts_run(redis::RedisClient& redis) {
        auto info = redis.command({"INFO", "commandstats"});
        if (!info) return -1;
        const auto at = info->str.find("cmdstat_eval:calls=");
        if (at == std::string::npos) return 0;
        return std::stoll(info->str.substr(at + 19));
    }
    // The gate mirrors exactly what the database granted, and answered claims.
    void expect_gate_used(std::int64_t coupon, std::int64_t quantity, std::int64_t issued) {
        redis::RedisClient redis(*redis::parse_redis_url(test_redis_url()), 1s, 1);
        const auto key = server_.redis_prefix() + ":coupon:" + std::to_string(coupon);
        auto claimed = redis.command({"SCARD", key + ":claimed"});
        auto mirrored = redis.command({"GET", key + ":quantity"});
        ASSERT_TRUE(claimed && mirrored) << "Redis unreachable";
        EXPECT_EQ(claimed->integer, issued) << "the gate's mirror of the claims";
        EXPECT_EQ(mirrored->str, std::to_string(quantity));
        EXPECT_GT(scripts_run(redis), scripts_before_) << "the gate was never asked";
    }
    void SetUp() override {
        if (!uses_redis()) return;
        redis::RedisClient redis(*redis::parse_redis_url(test_redis_url()), 1s, 1);
        scripts_before_ = scripts_run(redis);
        ASSERT_GE(scripts_before_, 0) << "Redis unreachable";
    }
    std::int64_t scripts_before_ = 0;
};

TEST_P(CouponConcurrencyTest, QuantityOne) { run(1); }
TEST_P(CouponConcurrencyTest, QuantityHundred) { run(100); }
TEST_P(CouponConcurrencyTest, QuantityFiveThousandMoreThanUsers) { run(5000); }

TEST_P(CouponConcurrencyTest, NegativeControlCheckThenActOverIssuesAndIsCaught) {
    const auto coupon = create_coupon(1);
    const auto tokens = seeder_.users(20, "naive");
    // A window wide enough that the racers overlap on a loaded machine too.
    CheckThenAct naive(server_.database_url(), std::chrono::milliseconds(100));
    auto granted =
        burst(server_.port(), tokens.size(), tokens.size(), [&](std::size_t i, HttpClient&) {
            return naive.claim(coupon, UserSeeder::id_of(tokens[i]))
                       ? std::optional<std::int64_t>(1)
                       : std::nullopt;
        });
    const auto t = tally(coupon);
    EXPECT_GT(t.claim_rows, 1) << "check-then-act did not over-issue; the harness cannot see it";
    EXPECT_NE(t.claim_rows, t.issued) << "the counter check missed the lost updates";
}

INSTANTIATE_TEST_SUITE_P(Stores, CouponConcurrencyTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres,
                                           Backend::sqlite_redis, Backend::postgres_redis),
                         sale_param_name);

// Redis killed in the middle of a burst and restarted empty: still exactly the quantity.
TEST(CouponRedisOutageTest, RedisLostMidBurstStillIssuesExactly) {
    RedisProcess redis;
    ManualClock clock{std::chrono::system_clock::now()};
    TestServer server(
        Backend::sqlite, [&](app::Config& c) { c.redis_url = redis.url(); }, &clock);
    HttpClient client(server.port());
    UserSeeder seeder(server);
    const auto seller = seeder.user("seller@example.com");
    const auto now = util::format_rfc3339(clock.now_millis());
    const auto later = util::format_rfc3339(clock.now_millis() + 3600 * 1000);
    auto form =
        call(client, seller, "POST", "/api/v1/forms", form_body({{"Red"}}, now, later)).json();
    auto coupon = call(client, seller, "POST",
                       "/api/v1/forms/" + std::to_string(form.at("id").as_int64()) + "/coupons",
                       R"({"name":"Burst","discount":500,"quantity":300})")
                      .json();
    const auto id = coupon.at("id").as_int64();
    const auto tokens = seeder.users(600, "outage");
    const auto path = "/api/v1/coupons/" + std::to_string(id) + "/claims";
    std::atomic<bool> restarted{false};
    auto granted = burst(server.port(), 1200, 16, [&](std::size_t i, HttpClient& c) {
        if (i == 400 && !restarted.exchange(true)) {
            redis.kill();
            redis.start();
        }
        auto r = call(c, tokens[i % tokens.size()], "POST", path);
        return r.status == 201 ? std::optional<std::int64_t>(1) : std::nullopt;
    });
    SqlProbe probe(server.database_url());
    EXPECT_EQ(granted.size(), 300u);
    EXPECT_EQ(probe.scalar("SELECT issued FROM coupons WHERE id = $1", store::SqlParams().add(id)),
              300);
    EXPECT_EQ(probe.scalar("SELECT COUNT(*) FROM user_coupons WHERE coupon_id = $1",
                           store::SqlParams().add(id)),
              300);
    EXPECT_EQ(probe.scalar("SELECT COUNT(DISTINCT user_id) FROM user_coupons WHERE coupon_id = $1",
                           store::SqlParams().add(id)),
              300);
}

}  // namespace
}  // namespace formlympics::test
