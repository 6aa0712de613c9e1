#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/allocation.hpp"
#include "store/order_repository.hpp"

namespace formlympics::store {

// An idempotency key already on record.
struct KeyRecord {
    std::string request_hash;
    domain::OrderId order_id = 0;
};

using UserKey = std::pair<domain::UserId, std::string>;

// One order to insert, with the id the store reserved for it.
struct OrderRow {
    domain::OrderId id = 0;
    domain::UserId buyer_id = 0;
    std::string buyer_name;  // from the request's credential; empty if it carried none
    domain::AllocatedOrder allocated;
    std::string depositor_name;
    std::optional<std::string> idempotency_key;
    std::string request_hash;
    std::string notice;  // the order_placed payload for the seller
};

// What a store does, inside its own transaction, for place_batch; run_batch drives the steps.
class BatchSteps {
  public:
    virtual ~BatchSteps() = default;
    // The form with its products, locked against concurrent stock changes; nullopt if none.
    virtual std::optional<domain::Form> lock_form(domain::FormId id) = 0;
    // What these buyers hold of these products in active orders, locked.
    virtual domain::BuyerTotals lock_buyer_totals(
        const std::vector<std::pair<domain::UserId, domain::ProductId>>& pairs) = 0;
    // The claimed coupons among these ids, locked.
    virtual domain::HeldCoupons lock_coupons(const std::vector<std::int64_t>& user_coupon_ids) = 0;
    // The idempotency records among these keys.
    virtual std::map<UserKey, KeyRecord> find_keys(const std::vector<UserKey>& keys) = 0;
    // Decrements stock by a conditional write per product; throws if one finds too little.
    virtual void take_stock(const std::map<domain::ProductId, std::int64_t>& taken) = 0;
    // Reserves `n` order ids.
    virtual std::vector<domain::OrderId> reserve_order_ids(std::size_t n) = 0;
    // The display names of these users, for the seller's notifications of orders whose
    // credentials carried none: one read per batch.
    virtual std::map<domain::UserId, std::string> user_names(
        const std::vector<domain::UserId>& ids) = 0;
    // Inserts the orders, their items, the buyer totals, the idempotency keys and an
    // `order_placed` event per order for the seller (its row's `notice`), and marks the orders'
    // coupons used. Throws
    // RetryBatch when a key was inserted by someone else meanwhile.
    virtual void insert_orders(
        domain::FormId form, domain::UserId seller, const std::vector<OrderRow>& rows,
        const std::map<std::pair<domain::UserId, domain::ProductId>, std::int64_t>& buyer_added,
        domain::Millis now, domain::Millis deadline) = 0;
};

// The shared body of place_batch: lock the snapshot, allocate in arrival order, write. Replayed
// outcomes carry only the order id (the caller loads them after commit).
std::vector<PlaceOutcome> run_batch(BatchSteps& steps, domain::FormId form_id,
                                    const std::vector<PlaceRequest>& requests, domain::Millis now);

}  // namespace formlympics::store
