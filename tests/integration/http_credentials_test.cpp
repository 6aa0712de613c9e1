// A person's credentials through the real server, on SQLite and on PostgreSQL: changing the
// password ends every other session and token, signing one API client out leaves the others,
// and refresh tokens rotate, with reuse of a spent one ending its whole family.
#include <atomic>
#include <functional>
#include <thread>

#include "integration/account_fixture.hpp"
#include "support/sql_probe.hpp"
#include "util/encoding.hpp"
#include "util/sha256.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

class CredentialsTest : public AccountTest {
  protected:
    CredentialsTest() { EXPECT_EQ(sign_up("kim@example.com").status, 201); }

    // Sends `n` requests at once, each on its own connection: send(i, client) makes request i.
    std::vector<HttpResponse> race(int n,
                                   const std::function<HttpResponse(int, HttpClient&)>& send) {
        std::atomic<int> ready{0};
        std::vector<HttpResponse> answers(n);
        std::vector<std::thread> racers;
        for (int i = 0; i < n; ++i) {
            racers.emplace_back([&, i] {
                HttpClient own(server_.port());
                ++ready;
                while (ready.load() < n) std::this_thread::yield();
                answers[i] = send(i, own);
            });
        }
        for (auto& r : racers) r.join();
        return answers;
    }

    HttpResponse change_password(const std::string& token, const std::string& current,
                                 const std::string& next) {
        return call(
            client_, token, "PUT", "/api/v1/me/password",
            json::serialize(json::object{{"current_password", current}, {"new_password", next}}));
    }
};

TEST_P(CredentialsTest, APasswordChangeEndsEveryOtherCredentialAndKeepsTheCallerSignedIn) {
    const auto caller = sign_in("kim@example.com");
    const auto other = sign_in("kim@example.com");
    const auto browser = web_sign_in("kim@example.com");

    // A wrong current password, or a new one that breaks the rules, changes nothing.
    auto wrong = change_password(caller.access, "not-my-password", "new-password-1");
    EXPECT_EQ(wrong.status, 403) << wrong.body;
    EXPECT_EQ(code(wrong), "wrong_password");
    auto weak = change_password(caller.access, kPassword, "short");
    EXPECT_EQ(weak.status, 422) << weak.body;
    EXPECT_EQ(weak.json().at("errors").at(0).at("field").as_string(), "new_password");
    EXPECT_EQ(change_password(caller.access, kPassword, "").status, 422);
    EXPECT_EQ(me_status(other.access), 200);
    EXPECT_EQ(with_cookie(browser, "GET", "/api/v1/me").status, 200);
    EXPECT_EQ(sign_in_response("kim@example.com").status, 200);  // the old password stands

    auto changed = change_password(caller.access, kPassword, "new-password-1");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.header("cache-control"), "no-store");
    const auto fresh = pair_of(changed);
    EXPECT_EQ(me_status(fresh.access), 200);
    EXPECT_EQ(refresh(fresh.refresh).status, 200);
    // Every other credential: the other client's access and refresh tokens, the browser's
    // cookie, and the caller's own old tokens.
    EXPECT_EQ(me_status(other.access), 401);
    EXPECT_EQ(refresh(other.refresh).status, 401);
    EXPECT_EQ(with_cookie(browser, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(me_status(caller.access), 401);
    EXPECT_EQ(refresh(caller.refresh).status, 401);
    // Past the cookie's lifetime a renewal reads the store: still refused.
    clock_.advance(20min);
    EXPECT_EQ(with_cookie(browser, "GET", "/api/v1/me").status, 401);

    EXPECT_EQ(sign_in_response("kim@example.com").status, 401);
    EXPECT_EQ(sign_in_response("kim@example.com", "new-password-1").status, 200);
}

// The browser that changes the password gets a new session cookie and stays signed in, even
// when its old cookie was due for renewal in the same request.
TEST_P(CredentialsTest, ABrowserThatChangesThePasswordCarriesOnWithANewCookie) {
    const auto browser = web_sign_in("kim@example.com");
    const auto other_browser = web_sign_in("kim@example.com");
    const auto client = sign_in("kim@example.com");
    clock_.advance(6min);  // past the renewal age: the pipeline renews the old cookie too
    auto r = with_cookie(browser, "PUT", "/api/v1/me/password",
                         json::serialize(json::object{{"current_password", kPassword},
                                                      {"new_password", "new-password-1"}}));
    ASSERT_EQ(r.status, 204) << r.body;
    // The browser keeps the last Set-Cookie: it must be the new session's, not the old one's
    // renewal.
    const auto fresh = cookie_of(r);
    ASSERT_FALSE(fresh.empty());
    EXPECT_EQ(with_cookie(fresh, "GET", "/api/v1/me").status, 200);
    EXPECT_EQ(with_cookie(browser, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(with_cookie(other_browser, "GET", "/api/v1/me").status, 401);
    EXPECT_EQ(me_status(client.access), 401);
}

// Guessing the current password with a stolen session is slowed as sign-ins are: after five
// wrong ones from one address, the sixth is not even checked.
TEST_P(CredentialsTest, GuessingTheCurrentPasswordIsLimitedLikeSigningIn) {
    const auto t = sign_in("kim@example.com");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(change_password(t.access, "guess-" + std::to_string(i), "new-password-1").status,
                  403);
    }
    auto limited = change_password(t.access, kPassword, "new-password-1");
    EXPECT_EQ(limited.status, 429) << limited.body;
    EXPECT_FALSE(limited.header("retry-after").empty());
    EXPECT_EQ(sign_in_response("kim@example.com").status, 429) << "the same count as sign-ins";
}

TEST_P(CredentialsTest, SigningOutTheCurrentTokenLeavesTheUsersOtherTokens) {
    const auto leaving = sign_in("kim@example.com");
    const auto staying = sign_in("kim@example.com");
    const auto form = open_form({{"Red", 1000, 10}});
    ASSERT_EQ(call(client_, leaving.access, "DELETE", "/api/v1/sessions/current").status, 204);
    EXPECT_EQ(me_status(leaving.access), 401);
    EXPECT_EQ(order(leaving.access, form, {{product(form, 0), 1}}).status, 401)
        << "the hot route refuses it too";
    EXPECT_EQ(refresh(leaving.refresh).status, 401) << "its refresh family ended with it";
    EXPECT_EQ(call(client_, leaving.access, "DELETE", "/api/v1/sessions/current").status, 401);

    EXPECT_EQ(me_status(staying.access), 200);
    EXPECT_EQ(order(staying.access, form, {{product(form, 0), 1}}).status, 201);
    EXPECT_EQ(refresh(staying.refresh).status, 200);
}

TEST_P(CredentialsTest, ARefreshTokenIsSpentOnUseStoredHashedAndOutlivesItsAccessToken) {
    auto first = sign_in_response("kim@example.com");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.json().at("expires_in").as_int64(), 900);
    EXPECT_EQ(first.json().at("refresh_expires_in").as_int64(), 30 * 24 * 3600);
    const auto t1 = pair_of(first);
    SqlProbe db(server_.database_url());
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = $1",
                        store::SqlParams().add(util::sha256_hex(t1.refresh))),
              1);
    for (const auto& [table, rows] : db.dump()) {
        for (const auto& row : rows) {
            EXPECT_EQ(row.find(t1.refresh), std::string::npos) << "kept in clear in " << table;
        }
    }

    clock_.advance(16min);
    EXPECT_EQ(me_status(t1.access), 401) << "the access token lives 15 minutes";
    auto r = refresh(t1.refresh);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto t2 = pair_of(r);
    EXPECT_NE(t2.refresh, t1.refresh);
    EXPECT_EQ(me_status(t2.access), 200);
    EXPECT_EQ(refresh(t2.refresh).status, 200);

    clock_.advance(31 * 24h);
    EXPECT_EQ(refresh(pair_of(r).refresh).status, 401);
    for (const auto* bad : {"", "not-a-token", "0123"}) {
        EXPECT_EQ(refresh(bad).status, 401) << bad;
    }
}

// Reuse of a spent refresh token (a thief's copy, or the owner's after the thief used it) ends
// the family: the newest access and refresh tokens, which worked a moment before, are refused.
TEST_P(CredentialsTest, ReusingASpentRefreshTokenEndsTheWholeFamily) {
    const auto t1 = sign_in("kim@example.com");
    const auto elsewhere = sign_in("kim@example.com");  // another family: untouched
    auto r2 = refresh(t1.refresh);
    ASSERT_EQ(r2.status, 200);
    const auto t2 = pair_of(r2);
    auto r3 = refresh(t2.refresh);
    ASSERT_EQ(r3.status, 200);
    const auto t3 = pair_of(r3);
    EXPECT_EQ(me_status(t3.access), 200);
    EXPECT_EQ(me_status(t2.access), 200);

    auto reused = refresh(t1.refresh);
    EXPECT_EQ(reused.status, 401);
    EXPECT_EQ(code(reused), "refresh_token_reused");
    EXPECT_EQ(me_status(t3.access), 401) << "the family's newest access token";
    EXPECT_EQ(me_status(t2.access), 401);
    EXPECT_EQ(refresh(t3.refresh).status, 401) << "the family's newest refresh token";

    EXPECT_EQ(me_status(elsewhere.access), 200);
    EXPECT_EQ(refresh(elsewhere.refresh).status, 200);
}

// Two uses of one refresh token at once: the store's conditional update lets exactly one
// rotate it; the other is reuse, which ends the family (the winner's new pair too).
TEST_P(CredentialsTest, ConcurrentRefreshesWithOneTokenMakeExactlyOneWinner) {
    constexpr int kRacers = 6;
    const auto t = sign_in("kim@example.com");
    const auto answers = race(kRacers, [&](int, HttpClient& own) {
        return own.request("POST", "/api/v1/sessions/refresh",
                           json::serialize(json::object{{"refresh_token", t.refresh}}));
    });
    int won = 0;
    int reused = 0;
    TokenPair winner;
    for (const auto& a : answers) {
        if (a.status == 200) {
            ++won;
            winner = pair_of(a);
        } else if (a.status == 401 && code(a) == "refresh_token_reused") {
            ++reused;
        }
    }
    EXPECT_EQ(won, 1);
    EXPECT_EQ(reused, kRacers - 1);
    EXPECT_EQ(refresh(winner.refresh).status, 401);
    EXPECT_EQ(me_status(winner.access), 401);
}

// Two changes with one token at once both pass the password check; the store takes only the
// first over the password checked, so the second caller gets no session that outlives it.
TEST_P(CredentialsTest, ConcurrentPasswordChangesMakeOneWinnerAndNoLeftoverSession) {
    constexpr int kRacers = 4;
    const auto t = sign_in("kim@example.com");
    const auto answers = race(kRacers, [&](int i, HttpClient& own) {
        return call(
            own, t.access, "PUT", "/api/v1/me/password",
            json::serialize(json::object{{"current_password", kPassword},
                                         {"new_password", "racer-password-" + std::to_string(i)}}));
    });
    int won = -1;
    for (int i = 0; i < kRacers; ++i) {
        if (answers[i].status == 200) {
            EXPECT_EQ(won, -1) << "a second change succeeded: " << answers[i].body;
            won = i;
        } else {
            EXPECT_TRUE(answers[i].status == 401 || answers[i].status == 403) << answers[i].body;
        }
    }
    ASSERT_NE(won, -1);
    EXPECT_EQ(me_status(pair_of(answers[won]).access), 200);
    for (int i = 0; i < kRacers; ++i) {
        const auto r = client_.request(
            "POST", "/api/v1/sessions",
            json::serialize(json::object{{"email", "kim@example.com"},
                                         {"password", "racer-password-" + std::to_string(i)}}));
        EXPECT_EQ(r.status, i == won ? 200 : 401) << "racer " << i;
    }
}

// The display name a token or cookie carries (its `name` claim), "" without one.
std::string name_claim(const std::string& token) {
    const auto first = token.find('.');
    const auto payload = util::base64url_decode(
        std::string_view(token).substr(first + 1, token.find('.', first + 1) - first - 1));
    if (!payload) return "<undecodable>";
    const auto claims = json::parse(*payload);
    const auto* name = claims.as_object().if_contains("name");
    return name == nullptr ? "" : std::string(name->as_string());
}

// A seller is told who ordered by the name the buyer's credential carries, so a batch of orders
// never reads the buyers' profiles; a renamed buyer's next token and renewed cookie carry the
// new name.
TEST_P(CredentialsTest, CredentialsCarryTheNameTheSellerIsToldOf) {
    const auto kim = sign_in("kim@example.com");
    const auto browser = web_sign_in("kim@example.com");
    EXPECT_EQ(name_claim(kim.access), "Kim");
    EXPECT_EQ(name_claim(browser), "Kim");
    auto form = open_form({{"Red", 1500, 10}});
    const auto seller_told = [&](std::int64_t order) -> std::string {
        for (int i = 0; i < 200; ++i) {
            const auto page = call(client_, seller_, "GET", "/api/v1/me/notifications").json();
            for (const auto& n : page.at("items").as_array()) {
                const auto& d = n.at("data");
                if (d.at("order_id").as_int64() == order)
                    return std::string(d.at("buyer").at("name").as_string());
            }
            std::this_thread::sleep_for(20ms);
        }
        return "<not told>";
    };
    auto r = order(kim.access, form, {{product(form, 0), 1}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(seller_told(id(r.json())), "Kim");

    // The profile is renamed; the credentials signed before keep the old name until renewed.
    ASSERT_EQ(call(client_, kim.access, "PUT", "/api/v1/me",
                   R"({"name":"Kim Minji","phone":"010-1234-5678"})")
                  .status,
              200);
    r = order(kim.access, form, {{product(form, 0), 1}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(seller_told(id(r.json())), "Kim");  // from the token, not the profile
    auto renewed = refresh(kim.refresh);
    ASSERT_EQ(renewed.status, 200) << renewed.body;
    const auto next = pair_of(renewed);
    EXPECT_EQ(name_claim(next.access), "Kim Minji");
    r = order(next.access, form, {{product(form, 0), 1}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(seller_told(id(r.json())), "Kim Minji");
    clock_.advance(6min);  // past the cookie's renewal age
    const auto page = with_cookie(browser, "GET", "/api/v1/me");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(name_claim(cookie_of(page)), "Kim Minji");
}

INSTANTIATE_TEST_SUITE_P(Stores, CredentialsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
