// Contract of UserRepository, the same tests on SQLite and on PostgreSQL.
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

INSTANTIATE_TEST_SUITE_P(Stores, UserStoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
