// The revocations an instance holds: checked without I/O, learnt from hints, reloaded when hints
// may have been missed, and forgotten once no live token can be older than them.
#include "service/token_revocations.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "support/manual_clock.hpp"
#include "util/jwt.hpp"

namespace formlympics::service {
namespace {

using namespace std::chrono_literals;

// The revocations table in memory; the rest of the repository is not used here.
class FakeUsers final : public store::UserRepository {
  public:
    std::map<domain::UserId, std::int64_t> rows;
    int reads = 0;

    std::int64_t revoke_tokens(domain::UserId id, std::int64_t now) override {
        auto [row, added] = rows.try_emplace(id, now);
        if (!added) row->second = now > row->second ? now : row->second + 1;
        return row->second;
    }
    std::optional<std::int64_t> token_revocation(domain::UserId id) override {
        ++reads;
        auto it = rows.find(id);
        if (it == rows.end()) return std::nullopt;
        return it->second;
    }
    std::vector<std::pair<domain::UserId, std::int64_t>> token_revocations(
        std::int64_t issued_after) override {
        ++reads;
        std::vector<std::pair<domain::UserId, std::int64_t>> out;
        for (const auto& [id, cutoff] : rows) {
            if (cutoff > issued_after) out.emplace_back(id, cutoff);
        }
        return out;
    }

    domain::Result<domain::User> create(const domain::NewUser&) override { throw unused(); }
    std::optional<domain::Credentials> find_credentials(std::string_view) override {
        throw unused();
    }
    std::optional<domain::User> find(domain::UserId) override { throw unused(); }
    std::optional<domain::User> set_address(domain::UserId, const domain::Address&) override {
        throw unused();
    }
    std::optional<domain::User> set_refund_account(domain::UserId,
                                                   const domain::RefundAccount&) override {
        throw unused();
    }

  private:
    static std::logic_error unused() { return std::logic_error("not used by revocations"); }
};

// A channel the test delivers by hand, as Redis would to another instance.
class ManualFanout final : public bus::Fanout {
  public:
    void publish(domain::UserId user) override { published.push_back(user); }
    void subscribe(Handler handler) override { handlers.push_back(std::move(handler)); }
    void deliver(std::optional<domain::UserId> user) {
        for (auto& h : handlers) h(user);
    }
    std::vector<domain::UserId> published;
    std::vector<Handler> handlers;
};

class TokenRevocationsTest : public ::testing::Test {
  protected:
    std::int64_t now() const { return clock_.now_seconds(); }

    test::ManualClock clock_;
    FakeUsers users_;
    ManualFanout here_, there_;
    TokenRevocations mine_{users_, here_, clock_, 3600s};
    TokenRevocations theirs_{users_, there_, clock_, 3600s};
};

TEST_F(TokenRevocationsTest, RevokesEveryTokenIssuedUpToNowAndNoLaterOne) {
    const auto cutoff = mine_.revoke_all(7);
    EXPECT_EQ(cutoff, now());
    EXPECT_TRUE(mine_.revoked(7, now() - 100));
    EXPECT_TRUE(mine_.revoked(7, now()));
    EXPECT_FALSE(mine_.revoked(7, now() + 1));
    EXPECT_FALSE(mine_.revoked(8, now() - 100));  // another user's tokens stand
    EXPECT_EQ(users_.rows.at(7), cutoff);         // in the store, for every instance
    EXPECT_EQ(here_.published, std::vector<domain::UserId>{7});
    // A token signed in the same second is dated after the cutoff.
    EXPECT_EQ(mine_.first_valid_issue_time(7), now() + 1);
    EXPECT_EQ(mine_.first_valid_issue_time(8), now());
}

// Signing out, signing in and signing out again within one second: the second token is dated
// after the first cutoff, and the second revocation still reaches it.
TEST_F(TokenRevocationsTest, ASecondRevocationInTheSameSecondReachesTheTokenDatedAfterTheFirst) {
    mine_.revoke_all(7);
    const auto second_token = mine_.first_valid_issue_time(7);
    EXPECT_FALSE(mine_.revoked(7, second_token));
    mine_.revoke_all(7);
    EXPECT_TRUE(mine_.revoked(7, second_token));
    EXPECT_GT(mine_.first_valid_issue_time(7), second_token);
}

TEST_F(TokenRevocationsTest, TheListenerHearsRevocationsMadeHereAndHeardFromElsewhere) {
    std::vector<domain::UserId> ended_here, ended_there;
    mine_.on_revoked([&](domain::UserId u) { ended_here.push_back(u); });
    theirs_.on_revoked([&](domain::UserId u) { ended_there.push_back(u); });
    mine_.revoke_all(7);
    there_.deliver(7);
    EXPECT_EQ(ended_here, std::vector<domain::UserId>{7});
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
}

TEST_F(TokenRevocationsTest, AnotherInstanceLearnsFromTheHintAndNotBefore) {
    mine_.revoke_all(7);
    EXPECT_FALSE(theirs_.revoked(7, now()));  // not heard yet: the hint is what tells it
    there_.deliver(7);
    EXPECT_TRUE(theirs_.revoked(7, now()));
}

TEST_F(TokenRevocationsTest, MissedHintsAreMadeUpByReloadingEverything) {
    mine_.revoke_all(7);
    mine_.revoke_all(9);
    there_.deliver(std::nullopt);  // say, Redis came back after an outage
    EXPECT_TRUE(theirs_.revoked(7, now()));
    EXPECT_TRUE(theirs_.revoked(9, now()));
}

// Kept exactly as long as the codec would still accept a token it refuses: dropped one second
// early, that token would be accepted again for its last second.
TEST_F(TokenRevocationsTest, ARevocationIsForgottenOnlyOnceNoTokenItRefusesCouldBeAccepted) {
    const util::JwtCodec codec(std::string(32, 's'), "formlympics");
    const auto cutoff = mine_.revoke_all(7);
    const auto token = codec.sign({"7", "formlympics", cutoff, cutoff + 3600, {}});
    mine_.revoke_all(8);

    clock_.advance(3600s + std::chrono::seconds(util::kJwtLeewaySeconds) - 1s);
    ASSERT_TRUE(codec.verify(token, now()).claims);  // its last second of life
    mine_.refresh();
    EXPECT_TRUE(mine_.revoked(7, cutoff));
    TokenRevocations restarted(users_, here_, clock_, 3600s);
    EXPECT_TRUE(restarted.revoked(7, cutoff));

    clock_.advance(1s);
    ASSERT_FALSE(codec.verify(token, now()).claims);  // expired: nothing left to refuse
    mine_.revoke_all(9);
    mine_.refresh();  // sweeps the set
    EXPECT_FALSE(mine_.revoked(7, cutoff));
    EXPECT_FALSE(mine_.revoked(8, cutoff));
    EXPECT_TRUE(mine_.revoked(9, now()));
    TokenRevocations later(users_, here_, clock_, 3600s);  // a restart loads only live ones
    EXPECT_FALSE(later.revoked(7, cutoff));
    EXPECT_TRUE(later.revoked(9, now()));
}

// A hint that never arrives (the publish failed, or reading the store after it did): the periodic
// refresh learns the revocation and ends what it opened.
TEST_F(TokenRevocationsTest, ARevocationWhoseHintWasLostIsLearntAtTheNextRefresh) {
    std::vector<domain::UserId> ended_there;
    theirs_.on_revoked([&](domain::UserId u) { ended_there.push_back(u); });
    mine_.revoke_all(7);  // there_ is never delivered the hint
    EXPECT_FALSE(theirs_.revoked(7, now()));
    theirs_.refresh();
    EXPECT_TRUE(theirs_.revoked(7, now()));
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
    theirs_.refresh();  // nothing new: the listener is not told again
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
}

// Every instance hears its own hint back (Redis delivers to all subscribers; the in-process
// channel calls straight back): streams are ended once, not twice.
TEST_F(TokenRevocationsTest, HearingItsOwnHintBackTellsTheListenerNothingNew) {
    std::vector<domain::UserId> ended;
    mine_.on_revoked([&](domain::UserId u) { ended.push_back(u); });
    mine_.revoke_all(7);
    here_.deliver(7);
    EXPECT_EQ(ended, std::vector<domain::UserId>{7});
}

// Two instances revoking the same user in the same second, neither having heard of the other's:
// the store decides, so the second cutoff reaches the token signed in between, and a sign-in on
// an instance that has not heard yet is still dated after both.
TEST_F(TokenRevocationsTest, TheStoreOrdersRevocationsMadeOnTwoInstancesInOneSecond) {
    const auto first = mine_.revoke_all(7);
    const auto between = mine_.first_valid_issue_time(7);
    EXPECT_GT(between, first);
    const auto second = theirs_.revoke_all(7);
    EXPECT_GE(second, between);
    EXPECT_TRUE(theirs_.revoked(7, between));
    EXPECT_GT(theirs_.first_valid_issue_time(7), second);
    here_.deliver(7);
    EXPECT_TRUE(mine_.revoked(7, between));
}

TEST_F(TokenRevocationsTest, ALaterRevocationIsNeverUndoneByAnEarlierOne) {
    mine_.revoke_all(7);
    const auto first = now();
    clock_.advance(10s);
    mine_.revoke_all(7);
    there_.deliver(7);
    ASSERT_TRUE(theirs_.revoked(7, first + 5));
    users_.rows[7] = first;  // a stale read of the older row arrives late
    there_.deliver(7);
    there_.deliver(std::nullopt);
    EXPECT_TRUE(theirs_.revoked(7, first + 5));
}

}  // namespace
}  // namespace formlympics::service
