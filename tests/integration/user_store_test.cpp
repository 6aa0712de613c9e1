// Contract of UserRepository, the same tests on SQLite and on PostgreSQL.
#include <algorithm>
#include <atomic>
#include <thread>

#include "integration/store_fixture.hpp"

namespace formlympics::test {
namespace {

using domain::Errc;

domain::NewUser new_user(const std::string& email) {
    return domain::NewUser{"Kim", email, "010-1234-5678", "$argon2id$fake-hash"};
}

class UserStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        store_ = open_store();
        store_->migrate();
    }
    store::UserRepository& users() { return store_->users(); }

    std::unique_ptr<store::Store> store_;
};

TEST_P(UserStoreTest, CreatesAndFindsAUser) {
    auto created = users().create(new_user("Kim@Example.com"));
    ASSERT_TRUE(created);
    EXPECT_GT(created->id, 0);
    EXPECT_EQ(created->email, "Kim@Example.com");
    EXPECT_FALSE(created->address);
    EXPECT_FALSE(created->refund_account);

    auto found = users().find(created->id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Kim");
    EXPECT_EQ(found->phone, "010-1234-5678");
}

TEST_P(UserStoreTest, EmailsAreUniqueIgnoringCase) {
    ASSERT_TRUE(users().create(new_user("kim@example.com")));
    auto again = users().create(new_user("KIM@EXAMPLE.COM"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::email_taken);
    ASSERT_TRUE(users().create(new_user("lee@example.com")));
}

TEST_P(UserStoreTest, FindsCredentialsByEmailKey) {
    auto created = users().create(new_user("Park@Example.com"));
    ASSERT_TRUE(created);
    auto creds = users().find_credentials("park@example.com");
    ASSERT_TRUE(creds);
    EXPECT_EQ(creds->id, created->id);
    EXPECT_EQ(creds->password_hash, "$argon2id$fake-hash");
    EXPECT_FALSE(users().find_credentials("nobody@example.com"));
}

TEST_P(UserStoreTest, UnknownIdsAreAbsent) {
    EXPECT_FALSE(users().find(987654));
    EXPECT_FALSE(users().set_address(987654, {"Seoul", "", "04524"}));
    EXPECT_FALSE(users().set_refund_account(987654, {domain::Bank::IBK, "123456", "Kim"}));
}

TEST_P(UserStoreTest, SetsAddressAndRefundAccount) {
    auto id = users().create(new_user("choi@example.com"))->id;
    auto after = users().set_address(id, {"Seoul Jung-gu", "Apt 101", "04524"});
    ASSERT_TRUE(after && after->address);
    EXPECT_EQ(after->address->address2, "Apt 101");
    after = users().set_refund_account(id, {domain::Bank::K_BANK, "100-200-300400", "Choi"});
    ASSERT_TRUE(after && after->refund_account);
    EXPECT_EQ(after->refund_account->bank, domain::Bank::K_BANK);
    ASSERT_TRUE(after->address);  // the address stays

    auto found = users().find(id);
    ASSERT_TRUE(found && found->refund_account && found->address);
    EXPECT_EQ(found->refund_account->account_number, "100-200-300400");
    EXPECT_EQ(found->address->zipcode, "04524");
}

TEST_P(UserStoreTest, ConcurrentSignUpsWithOneEmailCreateExactlyOneUser) {
    constexpr int kThreads = 16;
    std::atomic<int> created{0}, taken{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            auto r = users().create(new_user(i % 2 ? "race@example.com" : "RACE@example.com"));
            (r ? created : taken)++;
            if (!r) {
                EXPECT_EQ(r.error().code, Errc::email_taken);
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(taken.load(), kThreads - 1);
}

TEST_P(UserStoreTest, KeepsUnicodeIntact) {
    auto u = new_user("unicode@example.com");
    u.name = "김민지 🎉";
    auto id = users().create(u)->id;
    EXPECT_EQ(users().find(id)->name, "김민지 🎉");
}

// Only a higher generation replaces the stored one, and only then is the raise dated: a repeated
// sign-out changes nothing.
TEST_P(UserStoreTest, RevocationGenerationsOnlyRise) {
    auto kim = users().create(new_user("kim@example.com"));
    auto lee = users().create(new_user("lee@example.com"));
    ASSERT_TRUE(kim && lee);
    using store::TokenRevocation;
    EXPECT_FALSE(users().token_revocation(kim->id));
    EXPECT_EQ(users().revoke_tokens(kim->id, 1, 1000), (TokenRevocation{1, 1000}));
    EXPECT_EQ(users().revoke_tokens(kim->id, 1, 1005), (TokenRevocation{1, 1000}));  // repeated
    EXPECT_EQ(users().revoke_tokens(kim->id, 2, 2000), (TokenRevocation{2, 2000}));
    EXPECT_EQ(users().revoke_tokens(kim->id, 1, 2500), (TokenRevocation{2, 2000}));  // stale
    EXPECT_EQ(users().token_revocation(kim->id), (TokenRevocation{2, 2000}));
    EXPECT_EQ(users().revoke_tokens(lee->id, 1, 1500), (TokenRevocation{1, 1500}));

    using Live = std::vector<std::pair<domain::UserId, TokenRevocation>>;
    auto live = users().token_revocations(1499);
    std::sort(live.begin(), live.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    EXPECT_EQ(live, (Live{{kim->id, {2, 2000}}, {lee->id, {1, 1500}}}));
    EXPECT_EQ(users().token_revocations(1500), (Live{{kim->id, {2, 2000}}}));
}

// A stream ticket stands for the token it was issued with: it brings back that token's
// generation (so a revocation of the token reaches the stream), and a revocation voids the
// unused tickets it reaches, not those of a later sign-in.
TEST_P(UserStoreTest, StreamTicketsCarryTheirTokensGenerationAndGoWithARevocation) {
    auto kim = users().create(new_user("kim@example.com"));
    ASSERT_TRUE(kim);
    auto& events = store_->events();
    events.add_stream_ticket("a", domain::Caller{kim->id, 0}, 5000);
    events.add_stream_ticket("b", domain::Caller{kim->id, 0}, 5000);
    const auto taken = events.take_stream_ticket("a", 4000);
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->id, kim->id);
    EXPECT_EQ(taken->generation, 0);
    EXPECT_FALSE(events.take_stream_ticket("a", 4000));  // single use
    users().revoke_tokens(kim->id, 1, 2000);
    events.add_stream_ticket("c", domain::Caller{kim->id, 1}, 5000);
    EXPECT_FALSE(events.take_stream_ticket("b", 4000));
    users().revoke_tokens(kim->id, 1, 2001);  // repeated: the new session's ticket stands
    const auto later = events.take_stream_ticket("c", 4000);
    ASSERT_TRUE(later);
    EXPECT_EQ(later->generation, 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, UserStoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
