// Each defence against overselling stock and over-issuing coupons, tested alone: the store's own
// code runs with every other defence taken away (a stale read in place of the locked one, a
// condition dropped from a statement, CHECK constraints ignored), and the one left must still
// hold. Remove that one from the code and its test goes red. On SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "integration/store_fixture.hpp"
#include "store/coupon_store.hpp"
#include "store/order_store.hpp"
#include "support/sql_probe.hpp"
#include "support/tampered_database.hpp"

namespace formlympics::test {
namespace {

constexpr std::int64_t kStock = 2;
constexpr std::int64_t kFixedNow = 1'900'000'000'000;

// Rewrites one column of the rows a query returned, for queries containing `marker`.
std::function<void(const std::string&, store::SqlRows&)> rewrite(std::string marker,
                                                                 std::size_t column,
                                                                 std::string value) {
    return [=](const std::string& sql, store::SqlRows& rows) {
        if (sql.find(marker) == std::string::npos) return;
        for (auto& row : rows.rows) row.at(column) = value;
    };
}

// The statement without `condition`.
std::function<std::string(const std::string&)> drop(std::string condition) {
    return [=](std::string sql) {
        if (auto at = sql.find(condition); at != std::string::npos) sql.erase(at, condition.size());
        return sql;
    };
}

class GuardTest : public StoreTest {
  protected:
    void SetUp() override {
        store_ = open_store();
        store_->migrate();
        probe_ = std::make_unique<SqlProbe>(GetParam() == Backend::sqlite
                                                ? "sqlite:" + (dir_.path() / "store.db").string()
                                                : pg_->url());
        seller_ = seed_user(*store_, "seller@example.com");
        for (int i = 0; i < 5; ++i) {
            buyers_.push_back(seed_user(*store_, "b" + std::to_string(i) + "@example.com"));
        }
        form_ = seed_form(*store_, seller_, kStock);
        product_ = store_->forms().find(form_)->products.at(0).id;
    }

    // One unit for each buyer, in one batch.
    std::vector<store::PlaceRequest> orders_for_everyone() const {
        std::vector<store::PlaceRequest> out;
        for (auto b : buyers_) {
            domain::OrderRequest o;
            o.buyer_id = b;
            o.items = {{product_, 1}};
            o.depositor_name = "D";
            out.push_back({o, std::nullopt, ""});
        }
        return out;
    }
    std::int64_t remaining() {
        return probe_->scalar("SELECT stock_remaining FROM products WHERE id = $1",
                              store::SqlParams().add(product_));
    }
    std::int64_t units_sold() {
        return probe_->scalar(
            "SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = "
            "i.order_id WHERE i.product_id = $1 AND o.status IN ('CREATED', 'PAID')",
            store::SqlParams().add(product_));
    }
    void expect_not_oversold() {
        EXPECT_GE(remaining(), 0);
        EXPECT_LE(units_sold(), kStock);
        EXPECT_EQ(remaining() + units_sold(), kStock);
    }

    // The read the batch locks, stale: it sees ten units more than there are.
    Tampering stale_stock() const {
        return {.rows = rewrite("FROM products WHERE form_id IN", 5, std::to_string(kStock + 10))};
    }
    static constexpr const char* kStockCondition = " AND stock_remaining >= $1";

    std::unique_ptr<store::Store> store_;
    std::unique_ptr<SqlProbe> probe_;
    domain::UserId seller_ = 0;
    std::vector<domain::UserId> buyers_;
    domain::FormId form_ = 0;
    domain::ProductId product_ = 0;
};

TEST_P(GuardTest, TheConditionalStockUpdateAloneRefusesAnOversell) {
    drop_checks(probe_->db(), "products");
    auto t = stale_stock();
    t.ignore_checks = true;
    TamperedDatabase db(probe_->db(), t);
    store::OrderStore orders(db);
    EXPECT_ANY_THROW(orders.place_batch(form_, orders_for_everyone(), kFixedNow));
    expect_not_oversold();
    EXPECT_EQ(units_sold(), 0) << "the batch was refused whole";
}

TEST_P(GuardTest, TheCheckConstraintAloneRefusesAnOversell) {
    auto t = stale_stock();
    t.statement = drop(kStockCondition);
    TamperedDatabase db(probe_->db(), t);
    store::OrderStore orders(db);
    EXPECT_ANY_THROW(orders.place_batch(form_, orders_for_everyone(), kFixedNow));
    expect_not_oversold();
}

TEST_P(GuardTest, TheAllocationAloneSellsExactlyTheStock) {
    drop_checks(probe_->db(), "products");
    TamperedDatabase db(probe_->db(), {.statement = drop(kStockCondition), .ignore_checks = true});
    store::OrderStore orders(db);
    const auto out = orders.place_batch(form_, orders_for_everyone(), kFixedNow);
    std::size_t placed = 0;
    for (const auto& o : out) placed += o.order ? 1 : 0;
    EXPECT_EQ(placed, static_cast<std::size_t>(kStock));
    expect_not_oversold();
    EXPECT_EQ(remaining(), 0);
}

class CouponGuardTest : public GuardTest {
  protected:
    void SetUp() override {
        GuardTest::SetUp();
        coupon_ =
            store_->coupons().create({form_, "C", 100, kStock, 0, 4'000'000'000'000, kFixedNow}).id;
        // The first two buyers hold the two coupons.
        store_->coupons().claim_batch(coupon_, {buyers_[0], buyers_[1]}, kFixedNow);
    }
    std::vector<domain::Result<domain::UserCoupon>> claim_rest(store::SqlDatabase& db) {
        store::CouponStore coupons(db);
        return coupons.claim_batch(coupon_, {buyers_[2], buyers_[3], buyers_[4]}, kFixedNow);
    }
    void expect_exactly_the_quantity() {
        EXPECT_EQ(store_->coupons().claimers(coupon_).size(), static_cast<std::size_t>(kStock));
        EXPECT_EQ(store_->coupons().find(coupon_)->issued, kStock);
    }
    // The coupon as the batch locks it, stale: none issued yet.
    Tampering stale_issued() const {
        return {.rows = rewrite("FROM coupons WHERE id = $1", 5, "0")};
    }
    static constexpr const char* kIssuedCondition = " AND issued + $1 <= quantity";

    domain::CouponId coupon_ = 0;
};

TEST_P(CouponGuardTest, TheConditionalIncrementAloneRefusesOneTooMany) {
    drop_checks(probe_->db(), "coupons");
    auto t = stale_issued();
    t.ignore_checks = true;
    TamperedDatabase db(probe_->db(), t);
    EXPECT_ANY_THROW(claim_rest(db));
    expect_exactly_the_quantity();
}

TEST_P(CouponGuardTest, TheCheckConstraintAloneRefusesOneTooMany) {
    auto t = stale_issued();
    t.statement = drop(kIssuedCondition);
    TamperedDatabase db(probe_->db(), t);
    EXPECT_ANY_THROW(claim_rest(db));
    expect_exactly_the_quantity();
}

TEST_P(CouponGuardTest, TheCountUnderTheLockAloneIssuesExactlyTheQuantity) {
    drop_checks(probe_->db(), "coupons");
    TamperedDatabase db(probe_->db(), {.statement = drop(kIssuedCondition), .ignore_checks = true});
    for (const auto& r : claim_rest(db)) {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, domain::Errc::exhausted);
    }
    expect_exactly_the_quantity();
}

TEST_P(CouponGuardTest, TheUniqueClaimAloneRefusesASecondCouponForOneUser) {
    // A stale read of who holds the coupon (nobody) and of the count, no conditional increment
    // and no CHECK: the holder's second claim gets through to the insert, where the unique
    // (coupon, user) key alone must stop it.
    TamperedDatabase db(
        probe_->db(),
        {.statement = drop(kIssuedCondition),
         .rows =
             [](const std::string& sql, store::SqlRows& rows) {
                 if (sql.find("SELECT user_id FROM user_coupons") != std::string::npos) {
                     rows.rows.clear();
                 }
                 if (sql.find("FROM coupons WHERE id = $1") != std::string::npos) {
                     for (auto& row : rows.rows) row.at(5) = "0";
                 }
             },
         .ignore_checks = true});
    drop_checks(probe_->db(), "coupons");
    store::CouponStore coupons(db);
    EXPECT_ANY_THROW(coupons.claim_batch(coupon_, {buyers_[0]}, kFixedNow));
    EXPECT_EQ(store_->coupons().claimers(coupon_).size(), static_cast<std::size_t>(kStock));
}

INSTANTIATE_TEST_SUITE_P(Stores, GuardTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         param_name);
INSTANTIATE_TEST_SUITE_P(Stores, CouponGuardTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
