// Stand-ins for the sale engine's unit tests: an order store in memory and a gate that holds
// its batches.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/order_repository.hpp"
#include "support/guard_time.hpp"
#include "util/clock.hpp"

namespace formlympics::service::test {

using domain::Errc;
using domain::FormId;
using domain::PlaceOutcome;
using domain::ProductId;
using namespace std::chrono_literals;

using formlympics::test::kGuard;

// Holds place_batch calls while closed, and tells the test how many are held.
class Gate {
  public:
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    void open() {
        {
            std::lock_guard lock(mutex_);
            closed_ = false;
        }
        changed_.notify_all();
    }
    void pass() {
        std::unique_lock lock(mutex_);
        ++held_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !closed_; });
        --held_;
    }
    bool wait_until_held(int n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kGuard, [&] { return held_ >= n; });
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool closed_ = false;
    int held_ = 0;
};

// Orders in memory: stock per product, placed all or nothing per order, Idempotency-Keys
// answered with their first order. Records every batch it is given.
class FakeOrders final : public store::OrderRepository {
  public:
    struct Batch {
        FormId form;
        std::vector<store::PlaceRequest> requests;
    };

    std::map<ProductId, std::int64_t> stock;
    // Runs for each batch once it is recorded, before it is placed: may hold it or throw.
    std::function<void(FormId, const std::vector<store::PlaceRequest>&)> before_batch;

    std::vector<PlaceOutcome> place_batch(FormId form,
                                          const std::vector<store::PlaceRequest>& requests,
                                          domain::Millis now) override {
        {
            std::lock_guard lock(mutex_);
            batches_.push_back({form, requests});
        }
        if (before_batch) before_batch(form, requests);
        std::lock_guard lock(mutex_);
        std::vector<PlaceOutcome> out;
        for (const auto& r : requests) out.push_back(place_one(form, r, now));
        return out;
    }
    std::set<std::pair<domain::UserId, std::string>> keys_on_record(
        const std::vector<std::pair<domain::UserId, std::string>>& keys) override {
        std::lock_guard lock(mutex_);
        ++key_lookups_;
        std::set<std::pair<domain::UserId, std::string>> out;
        for (const auto& k : keys) {
            if (keys_.count(k) != 0) out.insert(k);
        }
        return out;
    }
    void record_failures(const std::vector<store::OrderFailure>&) override {}

    std::optional<domain::Order> find(domain::OrderId) override { throw unused(); }
    store::OrderPage list_for_buyer(domain::UserId, std::optional<domain::FormId>, std::size_t,
                                    std::optional<domain::OrderId>) override {
        throw unused();
    }
    store::OrderPage list_for_form(FormId, const store::OrderFilter&, std::size_t,
                                   std::optional<domain::OrderId>) override {
        throw unused();
    }
    domain::Result<domain::Order> change_status(domain::OrderId, domain::OrderStatus,
                                                domain::OrderStatus, domain::Millis,
                                                const std::optional<domain::Shipment>&,
                                                const std::vector<store::NewEvent>&) override {
        throw unused();
    }
    domain::Result<domain::Order> mark_refunded(domain::OrderId, domain::Millis,
                                                const std::vector<store::NewEvent>&) override {
        throw unused();
    }
    std::vector<domain::OrderId> unpaid_past_deadline(domain::Millis, std::size_t) override {
        throw unused();
    }
    std::vector<std::pair<std::string, std::int64_t>> failure_summary(FormId) override {
        throw unused();
    }

    std::vector<Batch> batches() {
        std::lock_guard lock(mutex_);
        return batches_;
    }
    int key_lookups() {
        std::lock_guard lock(mutex_);
        return key_lookups_;
    }

  private:
    static std::logic_error unused() { return std::logic_error("not used by the sale engine"); }

    PlaceOutcome place_one(FormId form, const store::PlaceRequest& r, domain::Millis now) {
        if (r.idempotency_key) {
            auto it = keys_.find({r.order.buyer_id, *r.idempotency_key});
            if (it != keys_.end()) return {orders_.at(it->second), true};
        }
        std::vector<domain::StockLeft> short_of;
        for (const auto& item : r.order.items) {
            const auto left = stock[item.product_id];
            if (left < item.quantity) short_of.push_back({item.product_id, left});
        }
        if (!short_of.empty()) {
            auto error = domain::fail(Errc::sold_out, "not enough stock left");
            error.stock_left = std::move(short_of);
            return {std::move(error), false};
        }
        domain::Order order;
        order.id = static_cast<domain::OrderId>(orders_.size()) + 1;
        order.form_id = form;
        order.buyer_id = r.order.buyer_id;
        order.depositor_name = r.order.depositor_name;
        order.created_at = now;
        for (const auto& item : r.order.items) {
            stock[item.product_id] -= item.quantity;
            order.items.push_back({item.product_id, "goods", item.quantity, 1000});
        }
        orders_[order.id] = order;
        if (r.idempotency_key) keys_[{r.order.buyer_id, *r.idempotency_key}] = order.id;
        return {order, false};
    }

    std::mutex mutex_;
    std::vector<Batch> batches_;
    std::map<domain::OrderId, domain::Order> orders_;
    std::map<std::pair<domain::UserId, std::string>, domain::OrderId> keys_;
    int key_lookups_ = 0;
};

class FixedClock final : public util::Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::time_point(1'800'000'000s);
    }
};

}  // namespace formlympics::service::test
