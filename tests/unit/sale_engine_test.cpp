// The sale engine against an in-memory order store: lanes per form, batching, first come first
// served, the sold-out memo, keyed retries, failure isolation and outages, without a database.
#include "service/sale_engine.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sale_engine_fakes.hpp"
#include "util/unavailable.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;
using domain::FormId;
using domain::PlaceOutcome;
using domain::ProductId;
using namespace std::chrono_literals;
using test::FakeOrders;
using test::FixedClock;
using test::Gate;
using test::kGuard;

// The answers of orders placed through the engine, in the order they were placed.
class Answers {
  public:
    SaleEngine::Callback slot() {
        std::lock_guard lock(mutex_);
        const auto i = answers_.size();
        answers_.emplace_back();
        return [this, i](std::optional<domain::PlaceOutcome> outcome) {
            {
                std::lock_guard lock(mutex_);
                answers_[i] = Answer{std::move(outcome)};
            }
            changed_.notify_all();
        };
    }
    bool wait_all() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kGuard, [&] {
            for (const auto& a : answers_) {
                if (!a) return false;
            }
            return true;
        });
    }
    bool wait_for(std::size_t i) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kGuard, [&] { return answers_.at(i).has_value(); });
    }
    bool answered(std::size_t i) {
        std::lock_guard lock(mutex_);
        return answers_.at(i).has_value();
    }
    // The order id placed, 0 for a refusal, -1 for a failure.
    std::int64_t order_id(std::size_t i) {
        std::lock_guard lock(mutex_);
        const auto& outcome = answers_.at(i).value().outcome;
        if (!outcome) return -1;
        return outcome->order ? outcome->order->id : 0;
    }
    std::optional<Errc> error(std::size_t i) {
        std::lock_guard lock(mutex_);
        const auto& outcome = answers_.at(i).value().outcome;
        if (!outcome || outcome->order) return std::nullopt;
        return outcome->order.error().code;
    }
    bool replayed(std::size_t i) {
        std::lock_guard lock(mutex_);
        return answers_.at(i).value().outcome.value().replayed;
    }

  private:
    struct Answer {
        std::optional<domain::PlaceOutcome> outcome;
    };
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::optional<Answer>> answers_;
};

domain::OrderRequest order_of(domain::UserId buyer, std::vector<domain::ItemRequest> items,
                              std::string depositor = "buyer") {
    return {buyer, std::move(items), std::move(depositor), std::nullopt};
}

class SaleEngineTest : public ::testing::Test {
  protected:
    void start(SaleEngine::Options options = {}) {
        engine_ = std::make_unique<SaleEngine>(orders_, workers_, clock_, failures_, options);
    }
    void TearDown() override { workers_.stop(); }

    // Places one unit of `product` for `buyer` on `form`.
    void buy(FormId form, domain::UserId buyer, ProductId product,
             std::optional<std::string> key = std::nullopt, std::string depositor = "buyer") {
        engine_->place(form, order_of(buyer, {{product, 1}}, std::move(depositor)), std::move(key),
                       answers_.slot());
    }
    // Holds every batch at the gate from now on; the first arrival is held alone.
    void hold_batches() {
        gate_.close();
        orders_.before_batch = [this](FormId, const auto&) { gate_.pass(); };
    }
    // Buyer 100 orders alone and is held; buyers 101 to 110 queue behind, then all are placed.
    void queue_ten_behind_one() {
        hold_batches();
        buy(7, 100, 1);
        ASSERT_TRUE(gate_.wait_until_held(1));
        for (domain::UserId buyer = 101; buyer <= 110; ++buyer) buy(7, buyer, 1);
        gate_.open();
        ASSERT_TRUE(answers_.wait_all());
    }
    std::vector<std::size_t> batch_sizes() {
        std::vector<std::size_t> out;
        for (const auto& b : orders_.batches()) out.push_back(b.requests.size());
        return out;
    }

    FakeOrders orders_;
    FixedClock clock_;
    OrderFailureLog failures_{orders_, 1h};
    util::WorkerPool workers_{2, 1024};
    Gate gate_;
    Answers answers_;
    std::unique_ptr<SaleEngine> engine_;
};

TEST_F(SaleEngineTest, ALoneOrderIsPlacedAtOnceInABatchOfItsOwn) {
    orders_.stock[1] = 5;
    start();
    buy(7, 100, 1);
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(answers_.order_id(0), 1);
    EXPECT_EQ(batch_sizes(), std::vector<std::size_t>{1});
}

TEST_F(SaleEngineTest, OrdersQueuedBehindABusyLaneGoInOneBatchFirstComeFirstServed) {
    orders_.stock[1] = 5;
    start();
    queue_ten_behind_one();

    EXPECT_EQ(batch_sizes(), (std::vector<std::size_t>{1, 10}));
    const auto second = orders_.batches().at(1).requests;
    for (std::size_t i = 0; i < second.size(); ++i) {
        EXPECT_EQ(second[i].order.buyer_id, static_cast<domain::UserId>(101 + i));
    }
    // Five units: the first five to arrive have them, the other six are told sold out.
    for (std::size_t i = 0; i < 5; ++i) EXPECT_GT(answers_.order_id(i), 0) << i;
    for (std::size_t i = 5; i < 11; ++i) EXPECT_EQ(answers_.error(i), Errc::sold_out) << i;
}

TEST_F(SaleEngineTest, ABatchHoldsAtMostMaxBatchOrders) {
    orders_.stock[1] = 100;
    SaleEngine::Options options;
    options.max_batch = 4;
    start(options);
    queue_ten_behind_one();
    EXPECT_EQ(batch_sizes(), (std::vector<std::size_t>{1, 4, 4, 2}));
}

TEST_F(SaleEngineTest, ABusyFormDoesNotHoldUpAnotherForm) {
    orders_.stock[1] = 5;
    orders_.stock[2] = 5;
    gate_.close();
    orders_.before_batch = [this](FormId form, const auto&) {
        if (form == 7) gate_.pass();
    };
    start();
    buy(7, 100, 1);
    ASSERT_TRUE(gate_.wait_until_held(1));
    buy(8, 101, 2);
    // Form 8's order is answered while form 7's batch is still held.
    EXPECT_TRUE(answers_.wait_for(1));
    EXPECT_FALSE(answers_.answered(0));
    gate_.open();
    ASSERT_TRUE(answers_.wait_all());
    for (const auto& b : orders_.batches()) {
        for (const auto& r : b.requests) {
            EXPECT_EQ(r.order.items.front().product_id, b.form == 7 ? 1 : 2);
        }
    }
}

TEST_F(SaleEngineTest, SoldOutIsRememberedAndRefusedWithoutTheStoreUntilRestocked) {
    orders_.stock[1] = 1;
    start();
    buy(7, 100, 1);
    ASSERT_TRUE(answers_.wait_all());
    buy(7, 101, 1);  // the store says sold out, and the engine learns it
    ASSERT_TRUE(answers_.wait_all());
    ASSERT_EQ(answers_.error(1), Errc::sold_out);
    buy(7, 102, 1);  // refused from memory
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(answers_.error(2), Errc::sold_out);
    EXPECT_EQ(orders_.batches().size(), 2u);

    orders_.stock[1] = 1;  // a cancellation returned the unit
    engine_->restocked(7, {1});
    buy(7, 103, 1);
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_GT(answers_.order_id(3), 0);
    EXPECT_EQ(orders_.batches().size(), 3u);
}

TEST_F(SaleEngineTest, TheMemoHoldsOnlyForTheFormWhereItWasLearned) {
    orders_.stock[1] = 0;
    start();
    buy(7, 100, 1);  // learned on form 7
    ASSERT_TRUE(answers_.wait_all());
    ASSERT_EQ(answers_.error(0), Errc::sold_out);
    buy(8, 101, 1);  // the same product id on another form is the store's to judge
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(orders_.batches().size(), 2u);
}

TEST_F(SaleEngineTest, AMemoOfZeroAsksTheStoreEveryTime) {
    orders_.stock[1] = 0;
    SaleEngine::Options options;
    options.sold_out_memo = 0ms;
    start(options);
    for (domain::UserId buyer = 100; buyer < 103; ++buyer) {
        buy(7, buyer, 1);
        ASSERT_TRUE(answers_.wait_all());
    }
    EXPECT_EQ(orders_.batches().size(), 3u);
}

TEST_F(SaleEngineTest, AKeyedRetryAfterSellOutIsAnsweredWithItsOrder) {
    orders_.stock[1] = 1;
    start();
    buy(7, 100, 1, "key-1");
    ASSERT_TRUE(answers_.wait_all());
    const auto placed = answers_.order_id(0);
    ASSERT_GT(placed, 0);
    buy(7, 101, 1);  // sold out: the memo now refuses product 1
    ASSERT_TRUE(answers_.wait_all());
    ASSERT_EQ(answers_.error(1), Errc::sold_out);

    buy(7, 100, 1, "key-1");  // the first buyer retries: its order, not "sold out"
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(answers_.order_id(2), placed);
    EXPECT_TRUE(answers_.replayed(2));
    EXPECT_EQ(orders_.key_lookups(), 1);

    const auto batches = orders_.batches().size();
    buy(7, 102, 1, "key-2");  // a key never used: refused after the lookup, not placed
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(answers_.error(3), Errc::sold_out);
    EXPECT_EQ(orders_.key_lookups(), 2);
    EXPECT_EQ(orders_.batches().size(), batches);
}

TEST_F(SaleEngineTest, AKeyStillInFlightIsRefusedAndFreeOnceAnswered) {
    orders_.stock[1] = 5;
    start();
    hold_batches();
    buy(7, 100, 1, "key-1");
    ASSERT_TRUE(gate_.wait_until_held(1));
    buy(7, 100, 1, "key-1");
    EXPECT_TRUE(answers_.answered(1));  // at once, from place()
    EXPECT_EQ(answers_.error(1), Errc::idempotency_in_flight);
    gate_.open();
    ASSERT_TRUE(answers_.wait_all());
    buy(7, 100, 1, "key-1");
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_EQ(answers_.order_id(2), answers_.order_id(0));
    EXPECT_TRUE(answers_.replayed(2));
}

TEST_F(SaleEngineTest, TheFingerprintIsOfTheOrderNotTheOrderOfItsItems) {
    orders_.stock = {{1, 9}, {2, 9}};
    start();
    const std::vector<std::vector<domain::ItemRequest>> orders = {
        {{1, 1}, {2, 2}}, {{2, 2}, {1, 1}}, {{1, 2}, {2, 1}}};
    for (std::size_t i = 0; i < orders.size(); ++i) {
        engine_->place(7, order_of(100, orders[i]), "key-" + std::to_string(i), answers_.slot());
        ASSERT_TRUE(answers_.wait_all());
    }
    const auto batches = orders_.batches();
    ASSERT_EQ(batches.size(), 3u);
    const auto hash = [&](std::size_t i) { return batches[i].requests.front().request_hash; };
    EXPECT_FALSE(hash(0).empty());
    EXPECT_EQ(hash(0), hash(1));
    EXPECT_NE(hash(0), hash(2));
}

class PoisonTest : public SaleEngineTest {
  protected:
    // Queues seven orders behind a held lone one; the fourth of them is poisoned.
    void queue_with_poison(SaleEngine::Options options) {
        orders_.stock[1] = 100;
        start(options);
        gate_.close();
        orders_.before_batch = [this](FormId, const std::vector<store::PlaceRequest>& batch) {
            gate_.pass();
            for (const auto& r : batch) {
                if (r.order.depositor_name == "poison") {
                    throw std::runtime_error("malformed array literal");
                }
            }
        };
        buy(7, 100, 1);
        ASSERT_TRUE(gate_.wait_until_held(1));
        for (int i = 0; i < 7; ++i) buy(7, 101 + i, 1, std::nullopt, i == 3 ? "poison" : "buyer");
        gate_.open();
        ASSERT_TRUE(answers_.wait_all());
    }
};

TEST_F(PoisonTest, OnePoisonedOrderFailsAloneAndTheRestArePlaced) {
    queue_with_poison({});
    for (std::size_t i = 0; i < 8; ++i) {
        if (i == 4) {
            EXPECT_EQ(answers_.order_id(i), -1);
        } else {
            EXPECT_GT(answers_.order_id(i), 0) << i;
        }
    }
}

// The negative control: without isolation the same poison fails all seven, so the test above
// would catch its loss.
TEST_F(PoisonTest, WithoutIsolationThePoisonFailsItsWholeBatch) {
    SaleEngine::Options options;
    options.isolate_failures = false;
    queue_with_poison(options);
    EXPECT_GT(answers_.order_id(0), 0);
    for (std::size_t i = 1; i < 8; ++i) EXPECT_EQ(answers_.order_id(i), -1) << i;
}

TEST_F(SaleEngineTest, AnOutageAnswersServiceUnavailableWithoutSplittingTheBatch) {
    orders_.stock[1] = 100;
    start();
    gate_.close();
    orders_.before_batch = [this](FormId, const auto&) {
        gate_.pass();
        throw util::Unavailable("database down");
    };
    buy(7, 100, 1);
    ASSERT_TRUE(gate_.wait_until_held(1));
    for (domain::UserId buyer = 101; buyer <= 106; ++buyer) buy(7, buyer, 1);
    gate_.open();
    ASSERT_TRUE(answers_.wait_all());
    for (std::size_t i = 0; i <= 6; ++i) {
        EXPECT_EQ(answers_.error(i), Errc::service_unavailable) << i;
    }
    // One try per batch, not one per order.
    EXPECT_EQ(batch_sizes(), (std::vector<std::size_t>{1, 6}));
}

TEST_F(SaleEngineTest, ABatchThatLostAKeyRaceIsRunAgain) {
    orders_.stock[1] = 5;
    int races = 2;
    orders_.before_batch = [&](FormId, const auto&) {
        if (races-- > 0) throw store::RetryBatch();
    };
    start();
    buy(7, 100, 1, "key-1");
    ASSERT_TRUE(answers_.wait_all());
    EXPECT_GT(answers_.order_id(0), 0);
    EXPECT_EQ(orders_.batches().size(), 3u);
}

}  // namespace
}  // namespace formlympics::service
