// Migrations apply once, record themselves, and are safe to run from several instances at once.
#include "store/migration.hpp"

#include <thread>

#include "integration/store_fixture.hpp"

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

INSTANTIATE_TEST_SUITE_P(Stores, MigrationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
