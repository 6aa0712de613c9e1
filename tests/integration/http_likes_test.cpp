// Likes through the real server, on SQLite and on PostgreSQL: idempotent, exact under
// concurrency (with a read-then-write counter as the negative control), and the wishlist.
#include "integration/sale_fixture.hpp"
#include "support/burst.hpp"
#include "support/check_then_act.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

using LikesTest = SaleTest;

std::int64_t likes_of(HttpClient& c, const std::string& form_path) {
    return c.request("GET", form_path).json().at("likes").as_int64();
}

TEST_P(LikesTest, LikeAndUnlikeAreIdempotent) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto path = form_path(form) + "/like";
    auto r = call(client_, buyer_, "PUT", path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.json().at("liked").as_bool());
    EXPECT_EQ(r.json().at("likes").as_int64(), 1);
    EXPECT_EQ(call(client_, buyer_, "PUT", path).json().at("likes").as_int64(), 1);
    EXPECT_EQ(likes_of(client_, form_path(form)), 1);
    r = call(client_, buyer_, "DELETE", path);
    EXPECT_FALSE(r.json().at("liked").as_bool());
    EXPECT_EQ(r.json().at("likes").as_int64(), 0);
    EXPECT_EQ(call(client_, buyer_, "DELETE", path).json().at("likes").as_int64(), 0);
    EXPECT_EQ(call(client_, buyer_, "PUT", "/api/v1/forms/999999/like").status, 404);
    EXPECT_EQ(client_.request("PUT", path).status, 401);
    // A seller does not like their own form into the count.
    r = call(client_, seller_, "PUT", path);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(likes_of(client_, form_path(form)), 0);
}

// The form's page asks whether the buyer likes it, not for the whole wishlist.
TEST_P(LikesTest, EachUserReadsWhetherTheyLikeAForm) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto path = form_path(form) + "/like";
    const auto other = seeder_.user("other@example.com");
    const auto state = [&](const std::string& token) { return call(client_, token, "GET", path); };
    auto before = state(buyer_);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_FALSE(before.json().at("liked").as_bool());
    EXPECT_EQ(before.json().at("likes").as_int64(), 0);
    ASSERT_EQ(call(client_, buyer_, "PUT", path).status, 200);
    EXPECT_TRUE(state(buyer_).json().at("liked").as_bool());
    EXPECT_EQ(state(buyer_).json().at("likes").as_int64(), 1);
    EXPECT_FALSE(state(other).json().at("liked").as_bool()) << "another's like is not theirs";
    EXPECT_EQ(state(other).json().at("likes").as_int64(), 1);
    ASSERT_EQ(call(client_, buyer_, "DELETE", path).status, 200);
    EXPECT_FALSE(state(buyer_).json().at("liked").as_bool());
    EXPECT_EQ(client_.request("GET", path).status, 401);
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/forms/999999/like").status, 404);
    EXPECT_EQ(call(client_, buyer_, "GET", path + "?x=1").status, 422);
}

TEST_P(LikesTest, TheWishlistShowsLikedFormsWithTheirStatus) {
    auto first = open_form({{"Red", 1000, 5}});
    auto later = publish({{"Blue", 1000, 5}}, at(kHour), at(2 * kHour));
    call(client_, buyer_, "PUT", form_path(first) + "/like");
    call(client_, buyer_, "PUT", form_path(later) + "/like");
    const auto list = call(client_, buyer_, "GET", "/api/v1/me/likes").json();
    const auto& items = list.at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items.at(0).at("id").as_int64(), id(later));
    EXPECT_EQ(items.at(0).at("status").as_string(), "upcoming");
    EXPECT_EQ(items.at(1).at("status").as_string(), "open");
    EXPECT_TRUE(
        call(client_, seller_, "GET", "/api/v1/me/likes").json().at("items").as_array().empty());
}

TEST_P(LikesTest, CountsStayExactUnderConcurrentLikesAndUnlikes) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto path = form_path(form) + "/like";
    const auto tokens = seeder_.users(150, "liker");
    // Every user likes, unlikes and likes again; every third user ends with an unlike.
    burst(server_.port(), tokens.size(), 16, [&](std::size_t i, HttpClient& c) {
        call(c, tokens[i], "PUT", path);
        call(c, tokens[i], "DELETE", path);
        call(c, tokens[i], "PUT", path);
        if (i % 3 == 0) call(c, tokens[i], "DELETE", path);
        return std::optional<std::int64_t>{};
    });
    SqlProbe probe(server_.database_url());
    const auto rows = probe.scalar("SELECT COUNT(*) FROM likes WHERE form_id = $1",
                                   store::SqlParams().add(id(form)));
    EXPECT_EQ(rows, 100);
    EXPECT_EQ(likes_of(client_, form_path(form)), rows);
}

TEST_P(LikesTest, NegativeControlAReadThenWriteCounterDriftsAndIsCaught) {
    auto form = open_form({{"Red", 1000, 5}});
    const auto tokens = seeder_.users(20, "naive");
    // A window wide enough that the racers overlap on a loaded machine too.
    CheckThenAct naive(server_.database_url(), std::chrono::milliseconds(100));
    burst(server_.port(), tokens.size(), tokens.size(), [&](std::size_t i, HttpClient&) {
        naive.like(id(form), UserSeeder::id_of(tokens[i]));
        return std::optional<std::int64_t>{};
    });
    SqlProbe probe(server_.database_url());
    const auto rows = probe.scalar("SELECT COUNT(*) FROM likes WHERE form_id = $1",
                                   store::SqlParams().add(id(form)));
    EXPECT_EQ(rows, 20);
    EXPECT_LT(likes_of(client_, form_path(form)), rows) << "lost updates went unseen";
}

INSTANTIATE_TEST_SUITE_P(Stores, LikesTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
