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

// The revocations table in memory, with the store's rule (only a higher generation replaces the
// stored one); the rest of the repository is not used here.
class FakeUsers final : public store::UserRepository {
  public:
    std::map<domain::UserId, store::TokenRevocation> rows;
    int reads = 0;

    store::TokenRevocation revoke_tokens(domain::UserId id, std::int64_t generation,
                                         std::int64_t now) override {
        auto [row, added] = rows.try_emplace(id, store::TokenRevocation{generation, now});
        if (!added && generation > row->second.generation) row->second = {generation, now};
        return row->second;
    }
    std::optional<store::TokenRevocation> token_revocation(domain::UserId id) override {
        ++reads;
        auto it = rows.find(id);
        if (it == rows.end()) return std::nullopt;
        return it->second;
    }
    std::vector<std::pair<domain::UserId, store::TokenRevocation>> token_revocations(
        std::int64_t raised_after) override {
        ++reads;
        std::vector<std::pair<domain::UserId, store::TokenRevocation>> out;
        for (const auto& [id, r] : rows) {
            if (r.raised_at > raised_after) out.emplace_back(id, r);
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
    std::optional<domain::User> set_name_and_phone(domain::UserId, const std::string&,
                                                   const std::string&) override {
        throw unused();
    }
    bool set_password_hash(domain::UserId, const std::string&, const std::string&) override {
        throw unused();
    }
    domain::Result<domain::UserId> erase(domain::UserId, std::int64_t) override { throw unused(); }

  private:
    static std::logic_error unused() { return std::logic_error("not used by revocations"); }
};

// The access tokens revoked alone, in memory; refresh tokens are not used here.
class FakeTokens final : public store::TokenRepository {
  public:
    std::vector<store::RevokedToken> rows;

    void revoke_access(domain::UserId user, const std::string& jti, std::int64_t expires_at,
                       std::int64_t, std::int64_t, std::int64_t) override {
        rows.push_back({jti, user, expires_at});
    }
    std::vector<store::RevokedToken> revoked_tokens(std::int64_t live_after,
                                                    std::optional<domain::UserId> user) override {
        std::vector<store::RevokedToken> out;
        for (const auto& r : rows) {
            if (r.expires_at > live_after && (!user || r.user_id == *user)) out.push_back(r);
        }
        return out;
    }
    void create_refresh(const store::RefreshToken&) override { throw unused(); }
    store::RefreshUse use_refresh(std::string_view, store::RefreshToken, std::int64_t, std::int64_t,
                                  std::int64_t) override {
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

    formlympics::test::ManualClock clock_;
    FakeUsers users_;
    FakeTokens tokens_;
    ManualFanout here_, there_;
    TokenRevocations mine_{users_, tokens_, here_, clock_, 3600s};
    TokenRevocations theirs_{users_, tokens_, there_, clock_, 3600s};
};

// A caller signed in at generation g: what a sign-in now would carry.
domain::Caller signed_in(const TokenRevocations& r, domain::UserId user) {
    return domain::Caller{user, r.current_generation(user)};
}

TEST_F(TokenRevocationsTest, RevokesEveryTokenOfTheCallersGenerationAndNoLaterOne) {
    const auto first = signed_in(mine_, 7);
    EXPECT_EQ(first.generation, 0);
    EXPECT_EQ(mine_.revoke_all(first), 1);
    EXPECT_TRUE(mine_.revoked(7, first.generation));
    EXPECT_FALSE(mine_.revoked(8, first.generation));  // another user's tokens stand
    EXPECT_EQ(users_.rows.at(7), (store::TokenRevocation{1, now()}));  // for every instance
    EXPECT_EQ(here_.published, std::vector<domain::UserId>{7});
    const auto second = signed_in(mine_, 7);  // the same second: no matter
    EXPECT_EQ(second.generation, 1);
    EXPECT_FALSE(mine_.revoked(7, second.generation));
    mine_.revoke_all(second);
    EXPECT_TRUE(mine_.revoked(7, second.generation));
    EXPECT_FALSE(mine_.revoked(7, signed_in(mine_, 7).generation));
}

// The same sign-out sent twice (a retry, a double tap, two tabs), the second arriving after the
// user signed in again: it must not sign the new session out. Nor may a sign-out with a token
// already revoked (accepted by an instance that had not heard yet).
TEST_F(TokenRevocationsTest, ARepeatedOrStaleSignOutLeavesALaterSessionAlone) {
    const auto old = signed_in(mine_, 7);
    mine_.revoke_all(old);
    const auto fresh = signed_in(mine_, 7);
    mine_.revoke_all(old);    // the duplicate, accepted before the first landed
    theirs_.revoke_all(old);  // or accepted by an instance that had not heard
    there_.deliver(7);
    EXPECT_FALSE(mine_.revoked(7, fresh.generation));
    EXPECT_FALSE(theirs_.revoked(7, fresh.generation));
    EXPECT_TRUE(theirs_.revoked(7, old.generation));
}

// One bearer token signed out alone: that token is refused here and, once the hint arrives, on
// the other instance; the user's other tokens stand; and it is forgotten once it has expired.
TEST_F(TokenRevocationsTest, OneTokenRevokedAloneLeavesTheUsersOthersAndIsForgottenAtExpiry) {
    const domain::Caller signed_out{7, 0, 0x1234, {}};
    const domain::Caller other_token{7, 0, 0x5678, {}};
    const domain::Caller same_id_other_user{8, 0, 0x1234, {}};
    mine_.revoke_token(signed_out);
    EXPECT_TRUE(mine_.revoked(signed_out));
    EXPECT_FALSE(mine_.revoked(other_token));
    EXPECT_FALSE(mine_.revoked(same_id_other_user));
    EXPECT_FALSE(mine_.revoked(7, 0));  // the generation stands
    EXPECT_EQ(tokens_.rows.at(0).jti, "0000000000001234");
    EXPECT_FALSE(theirs_.revoked(signed_out));  // not heard yet
    there_.deliver(7);
    EXPECT_TRUE(theirs_.revoked(signed_out));
    EXPECT_FALSE(theirs_.revoked(other_token));

    // Kept until the token's last second under the leeway, then dropped by the refresh.
    clock_.advance(3600s + std::chrono::seconds(util::kJwtLeewaySeconds) - 1s);
    mine_.refresh();
    EXPECT_TRUE(mine_.revoked(signed_out));
    clock_.advance(1s);
    mine_.refresh();
    EXPECT_FALSE(mine_.revoked(signed_out));
}

TEST(TokenIdTest, AJtiIsSixteenLowercaseHexDigits) {
    const auto id = new_token_id();
    ASSERT_EQ(id.size(), 16U);
    ASSERT_TRUE(parse_token_id(id));
    EXPECT_EQ(token_id_text(*parse_token_id(id)), id);
    EXPECT_EQ(parse_token_id("00000000000000ff"), 255U);
    EXPECT_FALSE(parse_token_id("00000000000000FF"));
    EXPECT_FALSE(parse_token_id("0000000000000ff"));
    EXPECT_FALSE(parse_token_id("+000000000000fff"));
    EXPECT_FALSE(parse_token_id(""));
}

TEST_F(TokenRevocationsTest, TheListenerHearsRevocationsMadeHereAndHeardFromElsewhere) {
    std::vector<domain::UserId> ended_here, ended_there;
    mine_.on_revoked([&](domain::UserId u) { ended_here.push_back(u); });
    theirs_.on_revoked([&](domain::UserId u) { ended_there.push_back(u); });
    mine_.revoke_all(signed_in(mine_, 7));
    there_.deliver(7);
    EXPECT_EQ(ended_here, std::vector<domain::UserId>{7});
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
}

TEST_F(TokenRevocationsTest, AnotherInstanceLearnsFromTheHintAndNotBefore) {
    mine_.revoke_all(signed_in(mine_, 7));
    EXPECT_FALSE(theirs_.revoked(7, 0));  // not heard yet: the hint is what tells it
    there_.deliver(7);
    EXPECT_TRUE(theirs_.revoked(7, 0));
}

TEST_F(TokenRevocationsTest, MissedHintsAreMadeUpByReloadingEverything) {
    mine_.revoke_all(signed_in(mine_, 7));
    mine_.revoke_all(signed_in(mine_, 9));
    there_.deliver(std::nullopt);  // say, Redis came back after an outage
    EXPECT_TRUE(theirs_.revoked(7, 0));
    EXPECT_TRUE(theirs_.revoked(9, 0));
}

// Kept exactly as long as the codec would still accept a token it refuses: dropped one second
// early, that token would be accepted again for its last second.
TEST_F(TokenRevocationsTest, ARevocationIsForgottenOnlyOnceNoTokenItRefusesCouldBeAccepted) {
    const util::JwtCodec codec(std::string(32, 's'), "formlympics");
    // The last token it refuses was signed the moment before the revocation.
    const auto token = codec.sign({"7", "formlympics", now(), now() + 3600, {}, 0});
    mine_.revoke_all(signed_in(mine_, 7));
    mine_.revoke_all(signed_in(mine_, 8));

    clock_.advance(3600s + std::chrono::seconds(util::kJwtLeewaySeconds) - 1s);
    ASSERT_TRUE(codec.verify(token, now()).claims);  // its last second of life
    mine_.refresh();
    EXPECT_TRUE(mine_.revoked(7, 0));
    TokenRevocations restarted(users_, tokens_, here_, clock_, 3600s);
    EXPECT_TRUE(restarted.revoked(7, 0));

    clock_.advance(1s);
    ASSERT_FALSE(codec.verify(token, now()).claims);  // expired: nothing left to refuse
    mine_.revoke_all(signed_in(mine_, 9));
    mine_.refresh();  // sweeps the set
    EXPECT_FALSE(mine_.revoked(7, 0));
    EXPECT_FALSE(mine_.revoked(8, 0));
    EXPECT_TRUE(mine_.revoked(9, 0));
    TokenRevocations later(users_, tokens_, here_, clock_,
                           3600s);  // a restart loads only live ones
    EXPECT_FALSE(later.revoked(7, 0));
    EXPECT_TRUE(later.revoked(9, 0));
}

// A hint that never arrives (the publish failed, or reading the store after it did): the periodic
// refresh learns the revocation and ends what it opened.
TEST_F(TokenRevocationsTest, ARevocationWhoseHintWasLostIsLearntAtTheNextRefresh) {
    std::vector<domain::UserId> ended_there;
    theirs_.on_revoked([&](domain::UserId u) { ended_there.push_back(u); });
    mine_.revoke_all(signed_in(mine_, 7));  // there_ is never delivered the hint
    EXPECT_FALSE(theirs_.revoked(7, 0));
    theirs_.refresh();
    EXPECT_TRUE(theirs_.revoked(7, 0));
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
    theirs_.refresh();  // nothing new: the listener is not told again
    EXPECT_EQ(ended_there, std::vector<domain::UserId>{7});
}

// Every instance hears its own hint back (Redis delivers to all subscribers; the in-process
// channel calls straight back): streams are ended once, not twice.
TEST_F(TokenRevocationsTest, HearingItsOwnHintBackTellsTheListenerNothingNew) {
    std::vector<domain::UserId> ended;
    mine_.on_revoked([&](domain::UserId u) { ended.push_back(u); });
    mine_.revoke_all(signed_in(mine_, 7));
    here_.deliver(7);
    EXPECT_EQ(ended, std::vector<domain::UserId>{7});
}

// A sign-in on an instance that has not heard of a revocation yet still carries the new
// generation: it reads the store.
TEST_F(TokenRevocationsTest, ASignInElsewhereCarriesTheGenerationBeforeTheHintArrives) {
    mine_.revoke_all(signed_in(mine_, 7));
    const auto there = signed_in(theirs_, 7);
    EXPECT_EQ(there.generation, 1);
    there_.deliver(7);
    EXPECT_FALSE(theirs_.revoked(7, there.generation));
}

TEST_F(TokenRevocationsTest, ALaterRevocationIsNeverUndoneByAnEarlierOne) {
    mine_.revoke_all(signed_in(mine_, 7));
    clock_.advance(10s);
    mine_.revoke_all(signed_in(mine_, 7));
    there_.deliver(7);
    ASSERT_TRUE(theirs_.revoked(7, 1));
    users_.rows[7] = {1, now() - 10};  // a stale read of the older row arrives late
    there_.deliver(7);
    there_.deliver(std::nullopt);
    EXPECT_TRUE(theirs_.revoked(7, 1));
}

}  // namespace
}  // namespace formlympics::service
