// Migrations apply once, record themselves, and are safe to run from several instances at once.
#include "store/migration.hpp"

#include <thread>

#include "integration/store_fixture.hpp"
#include "store/event_payloads.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

class MigrationTest : public StoreTest {
  protected:
    // A migrated store with a seller's form of ten units and a buyer who orders one at a time.
    struct Sale {
        std::unique_ptr<store::Store> store;
        domain::UserId buyer = 0;
        domain::FormId form = 0;
        domain::ProductId product = 0;

        domain::OrderId place() {
            store::PlaceRequest r{{buyer, {{product, 1}}, "D", std::nullopt}, std::nullopt, "h"};
            return store->orders().place_batch(form, {r}, 1)[0].order->id;
        }
    };
    Sale sale() {
        Sale s{open_store()};
        s.store->migrate();
        const auto seller = seed_user(*s.store, "seller@example.com");
        s.buyer = seed_user(*s.store, "buyer@example.com");
        s.form = seed_form(*s.store, seller, 10);
        s.product = s.store->forms().find(s.form)->products[0].id;
        return s;
    }
    // The database as the version before `migration` left it: without its new orders column.
    void before(const std::string& migration, const std::string& column) {
        SqlProbe probe(GetParam() == Backend::sqlite
                           ? "sqlite:" + (dir_.path() / "store.db").string()
                           : pg_->url());
        probe.db().write([&](store::SqlSession& s) {
            s.execute("ALTER TABLE orders DROP COLUMN " + column);
            s.execute("DELETE FROM schema_migrations WHERE version = '" + migration + "'");
        });
    }
};

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

// Orders shipped before orders kept their courier take it from their "shipped" event once 0015
// ran; an order shipped without one, or not shipped, has none.
TEST_P(MigrationTest, OrdersShippedBeforeTheCourierColumnTakeItFromTheirShippedEvent) {
    using domain::OrderStatus;
    auto sale = this->sale();
    auto& store = sale.store;
    const auto buyer = sale.buyer;
    const auto place = [&] { return sale.place(); };
    const auto ship = [&](domain::OrderId id, const domain::Shipment& shipment) {
        ASSERT_TRUE(store->orders().change_status(id, OrderStatus::CREATED, OrderStatus::PAID, 2,
                                                  std::nullopt, {}));
        const auto order = store->orders().find(id).value();
        const std::string payload = store::order_payload(
            domain::EventKind::shipped, order, OrderStatus::SHIPPED, buyer, {shipment, {}});
        ASSERT_TRUE(store->orders().change_status(id, OrderStatus::PAID, OrderStatus::SHIPPED, 3,
                                                  shipment,
                                                  {{domain::EventKind::shipped, buyer, payload}}));
    };
    const auto with_cj = place();
    const auto without = place();
    const auto unshipped = place();
    ship(with_cj, {"6123-4567", domain::Courier::CJ});
    ship(without, {"AB-1", std::nullopt});
    ASSERT_EQ(store->orders().find(with_cj)->shipment->courier, domain::Courier::CJ);

    before("0015_order_courier", "courier");
    EXPECT_EQ(store->migrate(), std::vector<std::string>{"0015_order_courier"});

    const auto kept = store->orders().find(with_cj)->shipment;
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->tracking_number, "6123-4567");
    EXPECT_EQ(kept->courier, domain::Courier::CJ);
    ASSERT_TRUE(store->orders().find(without)->shipment);
    EXPECT_FALSE(store->orders().find(without)->shipment->courier);
    EXPECT_FALSE(store->orders().find(unshipped)->shipment);
}

// Orders paid before orders kept when they were paid take it from their "deposit_confirmed" event
// once 0016 ran, so a paid order cancelled then still shows the refund it is owed; an unpaid one
// has none.
TEST_P(MigrationTest, OrdersPaidBeforeThePaidAtColumnTakeItFromTheirDepositEvent) {
    using domain::OrderStatus;
    auto sale = this->sale();
    auto& store = sale.store;
    const auto buyer = sale.buyer;
    const auto cancel = [&](domain::OrderId id, OrderStatus from) {
        ASSERT_TRUE(
            store->orders().change_status(id, from, OrderStatus::CANCELLED, 9, std::nullopt, {}));
    };
    const auto paid = sale.place();
    const auto unpaid = sale.place();
    const auto order = store->orders().find(paid).value();
    const std::string payload = store::order_payload(domain::EventKind::deposit_confirmed, order,
                                                     OrderStatus::PAID, buyer, {});
    ASSERT_TRUE(store->orders().change_status(
        paid, OrderStatus::CREATED, OrderStatus::PAID, 5, std::nullopt,
        {{domain::EventKind::deposit_confirmed, buyer, payload}}));
    cancel(paid, OrderStatus::PAID);
    cancel(unpaid, OrderStatus::CREATED);
    ASSERT_EQ(store->orders().find(paid)->paid_at, 5);
    ASSERT_TRUE(store->orders().find(paid)->refund_due());

    before("0016_order_paid_at", "paid_at");
    EXPECT_EQ(store->migrate(), std::vector<std::string>{"0016_order_paid_at"});

    const auto kept = store->orders().find(paid).value();
    EXPECT_EQ(kept.paid_at, 5);
    EXPECT_TRUE(kept.refund_due());
    EXPECT_FALSE(store->orders().find(unpaid)->paid_at);
    EXPECT_FALSE(store->orders().find(unpaid)->refund_due());
}

// The form page asks for the buyer's orders on it on every reload once the sale is open, when the
// form's orders grow fastest: the lookup probes an index on both, never walking the form's orders
// for the buyer's few (SQLite chose the form's index before 0018).
TEST_P(MigrationTest, ABuyersOrdersOnOneFormAreFoundByAnIndexOnBoth) {
    auto s = sale();
    s.place();
    SqlProbe probe(GetParam() == Backend::sqlite ? "sqlite:" + (dir_.path() / "store.db").string()
                                                 : pg_->url());
    const std::string query =
        "SELECT o.id FROM orders o WHERE o.buyer_id = $1 AND o.form_id = $2 ORDER BY o.id DESC "
        "LIMIT 6";
    std::string plan;
    probe.db().read([&](store::SqlSession& session) {
        // PostgreSQL would scan a table this small whole; the question is which index it takes.
        if (GetParam() == Backend::postgres) session.execute("SET enable_seqscan = off");
        const auto explain = GetParam() == Backend::sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        const auto rows =
            session.query(explain + query, store::SqlParams().add(s.buyer).add(s.form));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (std::size_t c = 0; c < rows.rows[r].size(); ++c) plan += rows.str(r, c) + " ";
        }
    });
    EXPECT_NE(plan.find("orders_buyer_form"), std::string::npos) << plan;
}

INSTANTIATE_TEST_SUITE_P(Stores, MigrationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
