// Migrations apply once, record themselves, and are safe to run from several instances at once.
#include "store/migration.hpp"

#include <thread>

#include "integration/store_fixture.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

using MigrationTest = StoreTest;

std::string dialect(Backend b) { return b == Backend::sqlite ? "sqlite" : "postgres"; }

TEST_P(MigrationTest, AppliesEveryMigrationOnceAndThenNothing) {
    const auto expected = store::migrations_for(dialect(GetParam()));
    ASSERT_FALSE(expected.empty());
    auto store = open_store();
    const auto first = store->migrate();
    ASSERT_EQ(first.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(first[i], expected[i].name);
    EXPECT_TRUE(store->migrate().empty());
    EXPECT_TRUE(open_store()->migrate().empty());  // also from a new connection
}

TEST_P(MigrationTest, InstancesMigratingAtOnceApplyEachMigrationOnce) {
    constexpr int kInstances = 4;
    std::vector<std::unique_ptr<store::Store>> stores;
    for (int i = 0; i < kInstances; ++i) stores.push_back(open_store());
    std::vector<std::size_t> applied(kInstances);
    std::vector<std::thread> threads;
    for (int i = 0; i < kInstances; ++i) {
        threads.emplace_back([&, i] { applied[i] = stores[i]->migrate().size(); });
    }
    for (auto& t : threads) t.join();
    std::size_t total = 0;
    for (auto n : applied) total += n;
    EXPECT_EQ(total, store::migrations_for(dialect(GetParam())).size());
}

// A database an earlier version left, with banks by their old names, reads them as codes once
// 0014 ran; running it again changes nothing.
TEST_P(MigrationTest, BanksStoredByTheirOldNamesBecomeTheirCodes) {
    auto store = open_store();
    store->migrate();
    const auto seller = seed_user(*store, "seller@example.com");
    const auto form = seed_form(*store, seller);
    ASSERT_TRUE(store->users().set_refund_account(seller, {domain::Bank::IBK, "123456", "S"}));
    const auto buyer = seed_user(*store, "buyer@example.com");
    SqlProbe probe(GetParam() == Backend::sqlite ? "sqlite:" + (dir_.path() / "store.db").string()
                                                 : pg_->url());
    probe.db().write([&](store::SqlSession& s) {
        s.execute("UPDATE users SET refund_bank = 'KAKAO' WHERE id = $1",
                  store::SqlParams().add(seller));
        s.execute("UPDATE users SET refund_bank = 'K_BANK' WHERE id = $1",
                  store::SqlParams().add(buyer));
        s.execute("UPDATE forms SET bank = 'NH_NONGHYUP' WHERE id = $1",
                  store::SqlParams().add(form));
        s.execute("DELETE FROM schema_migrations WHERE version = '0014_bank_codes'");
    });

    EXPECT_EQ(store->migrate(), std::vector<std::string>{"0014_bank_codes"});
    EXPECT_EQ(probe.scalar("SELECT COUNT(*) FROM users WHERE refund_bank IN ('090', '089')"), 2);
    EXPECT_EQ(store->users().find(seller)->refund_account->bank, domain::Bank::KAKAO);
    EXPECT_EQ(store->users().find(buyer)->refund_account->bank, domain::Bank::K_BANK);
    EXPECT_EQ(store->forms().find(form)->bank_account.bank, domain::Bank::NH_NONGHYUP);
    EXPECT_EQ(probe.scalar("SELECT COUNT(*) FROM forms WHERE bank = '011'"), 1);

    // Again, as if recorded lost: codes stay codes.
    probe.db().write([&](store::SqlSession& s) {
        s.execute("DELETE FROM schema_migrations WHERE version = '0014_bank_codes'");
    });
    store->migrate();
    EXPECT_EQ(store->users().find(seller)->refund_account->bank, domain::Bank::KAKAO);
    EXPECT_EQ(store->forms().find(form)->bank_account.bank, domain::Bank::NH_NONGHYUP);
}

INSTANTIATE_TEST_SUITE_P(Stores, MigrationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
