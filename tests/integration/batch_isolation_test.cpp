// One bad order (or claim) in a group commit fails alone: the sale engine and the coupon service
// place a failed batch again in halves, so its innocent neighbours still go through, while a
// database outage fails the batch at once. On SQLite and on PostgreSQL, where the poison is also
// the real one the audit found: a NUL byte that PostgreSQL cannot store. The negative control
// turns isolation off and must see the innocent orders fail.
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>

#include "integration/store_fixture.hpp"
#include "service/coupon_service.hpp"
#include "service/sale_engine.hpp"
#include "support/manual_clock.hpp"
#include "util/unavailable.hpp"

namespace formlympics::test {
namespace {

constexpr std::size_t kQueued = 24;
constexpr std::size_t kPoisoned = 9;  // the index, among the queued, of the bad one
const std::string kPoison = "poison";

// The real order store, with a gate that holds the first batch until the test has queued the
// next one behind it, and a poison: a batch holding a request of that depositor fails (as the
// database fails a statement), or every batch fails as Unavailable when the store is "down".
class GatedOrders final : public store::OrderRepository {
  public:
    explicit GatedOrders(store::OrderRepository& real) : real_(real) {}

    void release() {
        std::lock_guard lock(mutex_);
        released_ = true;
        changed_.notify_all();
    }
    void wait_until_held() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return held_; });
    }
    std::atomic<bool> down{false};
    std::atomic<int> batches{0};

    std::vector<store::PlaceOutcome> place_batch(domain::FormId form,
                                                 const std::vector<store::PlaceRequest>& requests,
                                                 domain::Millis now) override {
        {
            std::unique_lock lock(mutex_);
            held_ = true;
            changed_.notify_all();
            changed_.wait(lock, [this] { return released_; });
        }
        ++batches;
        if (down) throw util::Unavailable("the database is down");
        for (const auto& r : requests) {
            if (r.order.depositor_name == kPoison) throw std::runtime_error("poisoned statement");
        }
        return real_.place_batch(form, requests, now);
    }
    std::set<std::pair<domain::UserId, std::string>> keys_on_record(
        const std::vector<std::pair<domain::UserId, std::string>>& keys) override {
        return real_.keys_on_record(keys);
    }
    std::optional<domain::Order> find(domain::OrderId id) override { return real_.find(id); }
    store::OrderPage list_for_buyer(domain::UserId buyer, std::optional<domain::FormId> form,
                                    std::size_t limit,
                                    std::optional<domain::OrderId> before) override {
        return real_.list_for_buyer(buyer, form, limit, before);
    }
    store::OrderPage list_for_form(domain::FormId form, const store::OrderFilter& filter,
                                   std::size_t limit,
                                   std::optional<domain::OrderId> before) override {
        return real_.list_for_form(form, filter, limit, before);
    }
    domain::Result<domain::Order> change_status(
        domain::OrderId id, domain::OrderStatus from, domain::OrderStatus to, domain::Millis now,
        const std::optional<domain::Shipment>& shipment,
        const std::vector<store::NewEvent>& events) override {
        return real_.change_status(id, from, to, now, shipment, events);
    }
    domain::Result<domain::Order> mark_refunded(
        domain::OrderId id, domain::Millis now,
        const std::vector<store::NewEvent>& events) override {
        return real_.mark_refunded(id, now, events);
    }
    std::vector<domain::OrderId> unpaid_past_deadline(domain::Millis now,
                                                      std::size_t limit) override {
        return real_.unpaid_past_deadline(now, limit);
    }
    void record_failures(const std::vector<store::OrderFailure>& failures) override {
        real_.record_failures(failures);
    }
    std::vector<std::pair<std::string, std::int64_t>> failure_summary(
        domain::FormId form) override {
        return real_.failure_summary(form);
    }

  private:
    store::OrderRepository& real_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool held_ = false;
    bool released_ = false;
};

class BatchIsolationTest : public StoreTest {
  protected:
    void SetUp() override {
        store_ = open_store();
        store_->migrate();
        seller_ = seed_user(*store_, "seller@example.com");
        for (std::size_t i = 0; i <= kQueued; ++i) {
            buyers_.push_back(seed_user(*store_, "b" + std::to_string(i) + "@example.com"));
        }
        form_ = seed_form(*store_, seller_, 100);
        product_ = store_->forms().find(form_)->products.at(0).id;
    }

    domain::OrderRequest request(domain::UserId buyer, const std::string& depositor) const {
        domain::OrderRequest o;
        o.buyer_id = buyer;
        o.items = {{product_, 1}};
        o.depositor_name = depositor;
        return o;
    }

    // Places a first order that the gate holds, queues kQueued behind it (the one at kPoisoned
    // with `poison` as its depositor) so they make one batch, releases the gate and collects
    // the outcomes of the queued ones.
    std::vector<std::optional<store::PlaceOutcome>> burst(bool isolate, const std::string& poison) {
        GatedOrders gated(store_->orders());
        service::OrderFailureLog failures(store_->orders(), std::chrono::hours(1));
        util::WorkerPool workers(4, 1000);
        service::SaleEngine::Options options;
        options.isolate_failures = isolate;
        service::SaleEngine engine(gated, workers, clock_, failures, options);
        std::promise<void> first_done;
        engine.place(form_, request(buyers_[0], "First"), std::nullopt,
                     [&](std::optional<store::PlaceOutcome>) { first_done.set_value(); });
        gated.wait_until_held();
        std::vector<std::promise<std::optional<store::PlaceOutcome>>> promises(kQueued);
        for (std::size_t i = 0; i < kQueued; ++i) {
            engine.place(
                form_,
                request(buyers_[i + 1], i == kPoisoned ? poison : "Innocent " + std::to_string(i)),
                std::nullopt, [&promises, i](std::optional<store::PlaceOutcome> o) {
                    promises[i].set_value(std::move(o));
                });
        }
        gated.down = down_;
        gated.release();
        first_done.get_future().wait();
        std::vector<std::optional<store::PlaceOutcome>> out;
        for (auto& p : promises) out.push_back(p.get_future().get());
        batches_ = gated.batches.load();
        workers.stop();
        return out;
    }

    std::int64_t remaining() { return store_->forms().find(form_)->products.at(0).stock_remaining; }

    ManualClock clock_{std::chrono::system_clock::now()};
    std::unique_ptr<store::Store> store_;
    domain::UserId seller_ = 0;
    std::vector<domain::UserId> buyers_;
    domain::FormId form_ = 0;
    domain::ProductId product_ = 0;
    bool down_ = false;
    int batches_ = 0;
};

// How many innocent orders were placed, and whether the poisoned one failed (500).
std::pair<std::size_t, bool> tally(const std::vector<std::optional<store::PlaceOutcome>>& out) {
    std::size_t placed = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i != kPoisoned && out[i] && out[i]->order) ++placed;
    }
    return {placed, !out[kPoisoned].has_value()};
}

TEST_P(BatchIsolationTest, OnePoisonedOrderFailsAloneAndItsNeighboursArePlaced) {
    const auto out = burst(true, kPoison);
    const auto [placed, poison_failed] = tally(out);
    EXPECT_EQ(placed, kQueued - 1);
    EXPECT_TRUE(poison_failed);
    EXPECT_EQ(remaining(), 100 - 1 - static_cast<std::int64_t>(kQueued - 1));
    // Halving finds one bad order in about 2 log2(n) extra batches, not one per order.
    EXPECT_LE(batches_, 2 + 2 * 5);
}

TEST_P(BatchIsolationTest, WithoutIsolationTheWholeBatchFailsNegativeControl) {
    const auto out = burst(false, kPoison);
    const auto [placed, poison_failed] = tally(out);
    EXPECT_EQ(placed, 0u) << "the poisoned order took its batch with it";
    EXPECT_TRUE(poison_failed);
    EXPECT_EQ(remaining(), 99);
}

TEST_P(BatchIsolationTest, ANulByteTheDatabaseRefusesFailsOnlyItsOwnOrder) {
    // Input validation refuses NUL at the door; this gets past it, to the store itself.
    const auto out = burst(true, std::string("a\0b", 3));
    const auto [placed, poison_failed] = tally(out);
    EXPECT_EQ(placed, kQueued - 1);
    if (GetParam() == Backend::postgres) {
        EXPECT_TRUE(poison_failed) << "PostgreSQL cannot store NUL in text";
    } else {
        // SQLite stores the bytes exactly.
        ASSERT_TRUE(out[kPoisoned] && out[kPoisoned]->order);
        EXPECT_EQ(store_->orders().find(out[kPoisoned]->order->id)->depositor_name,
                  std::string("a\0b", 3));
    }
}

TEST_P(BatchIsolationTest, AnOutageFailsTheBatchAtOnceAsUnavailable) {
    down_ = true;
    const auto out = burst(true, kPoison);
    for (const auto& o : out) {
        ASSERT_TRUE(o.has_value());
        ASSERT_FALSE(o->order);
        EXPECT_EQ(o->order.error().code, domain::Errc::service_unavailable);
    }
    EXPECT_EQ(batches_, 2) << "the held batch and the queued one, never split";
    EXPECT_EQ(remaining(), 100);
}

// The coupon service's claim lanes, with a store that fails any batch holding one user.
class PoisonedCoupons final : public store::CouponRepository {
  public:
    PoisonedCoupons(store::CouponRepository& real, domain::UserId poisoned)
        : real_(real), poisoned_(poisoned) {}
    std::atomic<bool> hold{true};

    domain::Coupon create(const store::NewCoupon& c) override { return real_.create(c); }
    std::optional<domain::Coupon> find(domain::CouponId id) override { return real_.find(id); }
    std::vector<domain::Coupon> list_for_form(domain::FormId form) override {
        return real_.list_for_form(form);
    }
    std::vector<domain::Result<domain::UserCoupon>> claim_batch(
        domain::CouponId coupon, const std::vector<domain::UserId>& users,
        domain::Millis now) override {
        while (hold) std::this_thread::yield();
        for (auto u : users) {
            if (u == poisoned_) throw std::runtime_error("poisoned statement");
        }
        return real_.claim_batch(coupon, users, now);
    }
    std::vector<domain::UserId> claimers(domain::CouponId coupon) override {
        return real_.claimers(coupon);
    }
    std::vector<domain::Coupon> claimable(domain::Millis now) override {
        return real_.claimable(now);
    }
    std::vector<domain::UserCoupon> list_for_user(domain::UserId user,
                                                  domain::Millis now) override {
        return real_.list_for_user(user, now);
    }

  private:
    store::CouponRepository& real_;
    domain::UserId poisoned_;
};

TEST_P(BatchIsolationTest, OnePoisonedClaimFailsAloneAndItsNeighboursGetCoupons) {
    const auto coupon =
        store_->coupons().create({form_, "C", 100, 100, 0, 4'000'000'000'000, clock_.now_millis()});
    PoisonedCoupons poisoned(store_->coupons(), buyers_[kPoisoned]);
    util::WorkerPool workers(4, 1000);
    service::CouponService coupons(poisoned, store_->forms(), clock_, workers);
    std::vector<std::promise<std::optional<domain::Result<domain::UserCoupon>>>> promises(
        buyers_.size());
    for (std::size_t i = 0; i < buyers_.size(); ++i) {
        coupons.claim(buyers_[i], coupon.id,
                      [&promises, i](auto r) { promises[i].set_value(std::move(r)); });
    }
    poisoned.hold = false;
    std::size_t granted = 0;
    for (std::size_t i = 0; i < buyers_.size(); ++i) {
        auto r = promises[i].get_future().get();
        if (i == kPoisoned) {
            EXPECT_FALSE(r.has_value());
        } else if (r && *r) {
            ++granted;
        }
    }
    workers.stop();
    EXPECT_EQ(granted, buyers_.size() - 1);
    EXPECT_EQ(store_->coupons().claimers(coupon.id).size(), buyers_.size() - 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, BatchIsolationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), param_name);

}  // namespace
}  // namespace formlympics::test
