// Contract of FormRepository and OrderRepository, the same tests on SQLite and on PostgreSQL.
#include <atomic>
#include <thread>

#include "integration/store_fixture.hpp"

namespace formlympics::test {
namespace {

using domain::Courier;
using domain::Errc;
using domain::OrderStatus;

constexpr domain::Millis kNow = 1800000000000;
constexpr domain::Millis kHour = 3600000;

class OrderStoreTest : public StoreTest {
  protected:
    void SetUp() override {
        store_ = open_store();
        store_->migrate();
        seller_ = user("seller@example.com");
        buyer_ = user("buyer@example.com");
    }

    domain::UserId user(const std::string& email) {
        return store_->users().create({"User", email, "01012345678", "hash"})->id;
    }

    domain::Form form(std::int64_t stock, std::optional<std::int64_t> limit = std::nullopt) {
        store::NewForm f;
        f.seller_id = seller_;
        f.title = "Keyrings";
        f.description = "Limited run";
        f.opens_at = kNow - kHour;
        f.closes_at = kNow + kHour;
        f.deposit_deadline_hours = 24;
        f.bank_account = {domain::Bank::SHINHAN, "110-123-456789", "Seller"};
        f.products = {{"Red", 5000, stock, limit}, {"Blue", 7000, stock, limit}};
        f.created_at = kNow - 2 * kHour;
        return store_->forms().create(f);
    }

    store::PlaceRequest order(domain::UserId buyer, std::vector<domain::ItemRequest> items,
                              std::optional<std::string> key = std::nullopt) {
        return store::PlaceRequest{
            {buyer, std::move(items), "Depositor", std::nullopt}, std::move(key), "hash-1"};
    }

    std::unique_ptr<store::Store> store_;
    domain::UserId seller_ = 0, buyer_ = 0;
};

TEST_P(OrderStoreTest, CreatesAndFindsForms) {
    auto f = form(10, 2);
    ASSERT_EQ(f.products.size(), 2u);
    EXPECT_EQ(f.products[0].name, "Red");
    EXPECT_EQ(f.products[1].stock_remaining, 10);
    EXPECT_EQ(f.products[0].per_buyer_limit, 2);
    EXPECT_EQ(f.seller_name, "User");
    auto found = store_->forms().find(f.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->bank_account.account_number, "110-123-456789");
    EXPECT_EQ(domain::form_status(*found, kNow), domain::FormStatus::open);
    EXPECT_FALSE(store_->forms().find(f.id + 100));
}

TEST_P(OrderStoreTest, PlacesABatchInArrivalOrderWithoutOverselling) {
    auto f = form(3);
    const auto red = f.products[0].id, blue = f.products[1].id;
    std::vector<store::PlaceRequest> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back(order(user("b" + std::to_string(i) + "@x.com"), {{red, 1}}));
    batch.push_back(order(buyer_, {{blue, 2}, {red, 1}}));  // red is gone by now: all or nothing
    auto out = store_->orders().place_batch(f.id, batch, kNow);
    ASSERT_EQ(out.size(), 6u);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(out[i].order) << i;
    for (int i = 3; i < 6; ++i) {
        ASSERT_FALSE(out[i].order);
        EXPECT_EQ(out[i].order.error().code, Errc::sold_out);
    }
    EXPECT_EQ(out[0].order->total, 5000);
    EXPECT_EQ(out[0].order->deposit_deadline, kNow + 24 * kHour);
    auto after = store_->forms().find(f.id);
    EXPECT_EQ(after->products[0].stock_remaining, 0);
    EXPECT_EQ(after->products[1].stock_remaining, 3);  // the refused order took nothing

    auto stored = store_->orders().find(out[1].order->id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, OrderStatus::CREATED);
    ASSERT_EQ(stored->items.size(), 1u);
    EXPECT_EQ(stored->items[0].product_name, "Red");
    EXPECT_EQ(stored->deposit_account.bank, domain::Bank::SHINHAN);
}

TEST_P(OrderStoreTest, EnforcesThePerBuyerLimitAcrossOrders) {
    auto f = form(100, 2);
    const auto red = f.products[0].id;
    auto first = store_->orders().place_batch(
        f.id, {order(buyer_, {{red, 1}}), order(buyer_, {{red, 1}})}, kNow);
    ASSERT_TRUE(first[0].order && first[1].order);
    auto third = store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow);
    ASSERT_FALSE(third[0].order);
    EXPECT_EQ(third[0].order.error().code, Errc::limit_exceeded);
    // Cancelling gives the allowance back.
    ASSERT_TRUE(store_->orders().change_status(first[0].order->id, OrderStatus::CREATED,
                                               OrderStatus::CANCELLED, kNow, std::nullopt, {}));
    EXPECT_TRUE(store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow)[0].order);
}

TEST_P(OrderStoreTest, RefusesOutsideTheWindowAndTheSellerAndForeignProducts) {
    auto f = form(5);
    auto other = form(5);
    const auto red = f.products[0].id;
    EXPECT_EQ(store_->orders()
                  .place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow - 2 * kHour)[0]
                  .order.error()
                  .code,
              Errc::not_open);
    EXPECT_EQ(store_->orders()
                  .place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow + kHour)[0]
                  .order.error()
                  .code,
              Errc::closed);
    EXPECT_EQ(store_->orders()
                  .place_batch(f.id, {order(seller_, {{red, 1}})}, kNow)[0]
                  .order.error()
                  .code,
              Errc::forbidden);
    EXPECT_EQ(store_->orders()
                  .place_batch(f.id, {order(buyer_, {{other.products[0].id, 1}})}, kNow)[0]
                  .order.error()
                  .code,
              Errc::validation_failed);
    store_->forms().close(f.id, kNow);
    EXPECT_EQ(
        store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow)[0].order.error().code,
        Errc::closed);
    EXPECT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 5);
}

TEST_P(OrderStoreTest, IdempotencyKeysReplayTheFirstOrder) {
    auto f = form(10);
    const auto red = f.products[0].id;
    auto first = store_->orders().place_batch(f.id, {order(buyer_, {{red, 2}}, "key-1")}, kNow);
    ASSERT_TRUE(first[0].order);
    auto again = store_->orders().place_batch(f.id, {order(buyer_, {{red, 2}}, "key-1")}, kNow);
    ASSERT_TRUE(again[0].order);
    EXPECT_TRUE(again[0].replayed);
    EXPECT_EQ(again[0].order->id, first[0].order->id);
    auto other_body = order(buyer_, {{red, 3}}, "key-1");
    other_body.request_hash = "hash-2";
    EXPECT_EQ(store_->orders().place_batch(f.id, {other_body}, kNow)[0].order.error().code,
              Errc::idempotency_mismatch);
    auto twice = store_->orders().place_batch(
        f.id, {order(buyer_, {{red, 1}}, "key-2"), order(buyer_, {{red, 1}}, "key-2")}, kNow);
    EXPECT_TRUE(twice[0].order);
    EXPECT_EQ(twice[1].order.error().code, Errc::idempotency_in_flight);
    EXPECT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 7);

    // Keys with the characters array literals and SQL treat specially round-trip intact.
    const std::string odd = "k\"e'y\\ {x,y} NULL";
    auto placed = store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}}, odd)}, kNow);
    ASSERT_TRUE(placed[0].order);
    auto replayed = store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}}, odd)}, kNow);
    ASSERT_TRUE(replayed[0].order);
    EXPECT_TRUE(replayed[0].replayed);
    EXPECT_EQ(replayed[0].order->id, placed[0].order->id);
}

TEST_P(OrderStoreTest, TransitionsAreConditionalAndReturnStockOnce) {
    auto f = form(5);
    const auto red = f.products[0].id;
    auto o = store_->orders().place_batch(f.id, {order(buyer_, {{red, 2}})}, kNow)[0].order->id;
    auto cancelled = store_->orders().change_status(o, OrderStatus::CREATED, OrderStatus::CANCELLED,
                                                    kNow, std::nullopt, {});
    ASSERT_TRUE(cancelled);
    auto twice = store_->orders().change_status(o, OrderStatus::CREATED, OrderStatus::EXPIRED, kNow,
                                                std::nullopt, {});
    EXPECT_FALSE(twice);
    EXPECT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 5);

    auto p = store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow)[0].order->id;
    ASSERT_TRUE(
        store_->orders().change_status(p, OrderStatus::CREATED, OrderStatus::PAID, kNow, {}, {}));
    auto shipped = store_->orders().change_status(p, OrderStatus::PAID, OrderStatus::SHIPPED, kNow,
                                                  domain::Shipment{"CJ-1234", Courier::LOTTE}, {});
    ASSERT_TRUE(shipped);
    const auto kept = store_->orders().find(p)->shipment;
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->tracking_number, "CJ-1234");
    EXPECT_EQ(kept->courier, Courier::LOTTE);
    EXPECT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 4);
}

TEST_P(OrderStoreTest, FindsUnpaidOrdersPastTheirDeadline) {
    auto f = form(5);
    const auto red = f.products[0].id;
    auto o = store_->orders().place_batch(f.id, {order(buyer_, {{red, 1}})}, kNow)[0].order->id;
    EXPECT_TRUE(store_->orders().unpaid_past_deadline(kNow + 23 * kHour, 10).empty());
    EXPECT_EQ(store_->orders().unpaid_past_deadline(kNow + 25 * kHour, 10),
              std::vector<domain::OrderId>{o});
}

TEST_P(OrderStoreTest, SweepersRacingExpireEachOrderOnceAndReturnItsStockOnce) {
    auto f = form(40);
    const auto red = f.products[0].id;
    std::vector<store::PlaceRequest> batch;
    for (int i = 0; i < 30; ++i)
        batch.push_back(order(user(std::to_string(i) + "-sweep@x.com"), {{red, 1}}));
    ASSERT_EQ(store_->orders().place_batch(f.id, batch, kNow).size(), 30u);
    ASSERT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 10);

    // Four instances sweep at once, each the way OrderService::expire_unpaid does.
    std::atomic<int> expired{0};
    std::vector<std::thread> sweepers;
    for (int i = 0; i < 4; ++i) {
        sweepers.emplace_back([&] {
            auto other = open_store();
            for (auto id : other->orders().unpaid_past_deadline(kNow + 25 * kHour, 100)) {
                if (other->orders().change_status(id, OrderStatus::CREATED, OrderStatus::EXPIRED,
                                                  kNow + 25 * kHour, std::nullopt, {})) {
                    ++expired;
                }
            }
        });
    }
    for (auto& t : sweepers) t.join();
    EXPECT_EQ(expired.load(), 30);
    EXPECT_EQ(store_->forms().find(f.id)->products[0].stock_remaining, 40);
}

TEST_P(OrderStoreTest, ListsFormsAndOrdersNewestFirstByKeyset) {
    std::vector<domain::FormId> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(form(1).id);
    auto page = store_->forms().list({}, 2, std::nullopt, kNow);
    ASSERT_EQ(page.items.size(), 2u);
    EXPECT_EQ(page.items[0].id, ids[4]);
    ASSERT_TRUE(page.next_cursor);
    page = store_->forms().list({}, 10, page.next_cursor, kNow);
    EXPECT_EQ(page.items.size(), 3u);
    EXPECT_FALSE(page.next_cursor);
    EXPECT_EQ(store_->forms().list({domain::FormStatus::open}, 10, std::nullopt, kNow).items.size(),
              5u);
    EXPECT_EQ(
        store_->forms().list({domain::FormStatus::upcoming}, 10, std::nullopt, kNow).items.size(),
        0u);

    const auto red = store_->forms().find(ids[0])->products[0].id;
    store_->orders().place_batch(ids[0], {order(buyer_, {{red, 1}})}, kNow);
    EXPECT_EQ(store_->forms().list({domain::FormStatus::open}, 10, std::nullopt, kNow).items.size(),
              5u);
    const auto blue = store_->forms().find(ids[0])->products[1].id;
    store_->orders().place_batch(ids[0], {order(buyer_, {{blue, 1}})}, kNow);
    auto sold_out = store_->forms().list({domain::FormStatus::sold_out}, 10, std::nullopt, kNow);
    ASSERT_EQ(sold_out.items.size(), 1u);
    EXPECT_EQ(sold_out.items[0].id, ids[0]);
    EXPECT_EQ(store_->orders().list_for_buyer(buyer_, std::nullopt, 1, std::nullopt).items.size(),
              1u);
    EXPECT_TRUE(store_->orders().list_for_buyer(buyer_, std::nullopt, 1, std::nullopt).next_cursor);
    EXPECT_EQ(store_->orders()
                  .list_for_form(ids[0], {OrderStatus::CREATED, {}}, 10, std::nullopt)
                  .items.size(),
              2u);
}

TEST_P(OrderStoreTest, StockChangesNeverDropBelowWhatIsSold) {
    auto f = form(5);
    const auto red = f.products[0].id;
    store_->orders().place_batch(f.id, {order(buyer_, {{red, 3}})}, kNow);
    store::FormChanges c;
    c.products.push_back({red, std::nullopt, std::nullopt, 2, std::nullopt});
    auto r = store_->forms().update(f.id, c, std::nullopt);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::validation_failed);
    c.products[0].stock_total = 8;
    r = store_->forms().update(f.id, c, std::nullopt);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->products[0].stock_total, 8);
    EXPECT_EQ(r->products[0].stock_remaining, 5);
    store::FormChanges title;
    title.title = "New";
    EXPECT_EQ(store_->forms().update(f.id, title, kNow).error().code, Errc::conflict);
}

TEST_P(OrderStoreTest, RecordsFailuresAggregated) {
    auto f = form(1);
    std::vector<store::OrderFailure> failures(3,
                                              {buyer_, f.id, f.products[0].id, "sold_out", kNow});
    failures.push_back({buyer_, f.id, 0, "closed", kNow + 120000});
    store_->orders().record_failures(failures);
    store_->orders().record_failures(failures);
    using Summary = std::vector<std::pair<std::string, std::int64_t>>;
    EXPECT_EQ(store_->orders().failure_summary(f.id), (Summary{{"closed", 2}, {"sold_out", 6}}));
}

INSTANTIATE_TEST_SUITE_P(Stores, OrderStoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
