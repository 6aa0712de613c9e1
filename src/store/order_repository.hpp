#pragma once

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/allocation.hpp"
#include "domain/event_kind.hpp"
#include "domain/order.hpp"
#include "domain/page.hpp"
#include "domain/result.hpp"

namespace formlympics::store {

// One order request of a batch, with its idempotency key if the client sent one.
struct PlaceRequest {
    domain::OrderRequest order;
    std::optional<std::string> idempotency_key;
    std::string request_hash;  // of the request body; a key reused with another body is refused
};

using domain::PlaceOutcome;

using OrderPage = domain::Page<domain::Order>;

// Which of a form's orders its seller lists.
struct OrderFilter {
    std::optional<domain::OrderStatus> status;
    // Part of the recipient's or the depositor's name, or the last digits of the phone.
    std::optional<std::string> search;
};

// A refused order attempt for the failure log.
struct OrderFailure {
    domain::UserId user_id = 0;
    domain::FormId form_id = 0;
    domain::ProductId product_id = 0;  // 0 when the refusal is not about one product
    std::string reason;                // the error code, e.g. "sold_out"
    domain::Millis at = 0;
};

// An outbox event to write with a state change: what happened, for whom, as JSON.
struct NewEvent {
    domain::EventKind kind = domain::EventKind::order_placed;
    domain::UserId receiver_id = 0;
    std::string payload;
};

// Persistent orders. Infrastructure failures throw; nothing of a failed call is committed.
class OrderRepository {
  public:
    virtual ~OrderRepository() = default;

    // Places a batch of orders on one form in one transaction, in request order: stock (by a
    // conditional decrement), buyer totals, orders, items, idempotency keys and an
    // `order_placed` outbox event per order (to the seller) commit together.
    // One outcome per request. Throws RetryBatch when another instance raced on a key.
    virtual std::vector<PlaceOutcome> place_batch(domain::FormId form,
                                                  const std::vector<PlaceRequest>& requests,
                                                  domain::Millis now) = 0;
    // Which of these (user, Idempotency-Key) pairs are on record: a read, without locks.
    virtual std::set<std::pair<domain::UserId, std::string>> keys_on_record(
        const std::vector<std::pair<domain::UserId, std::string>>& keys) = 0;
    // The order with items and deposit instructions; nullopt when there is none.
    virtual std::optional<domain::Order> find(domain::OrderId id) = 0;
    // The buyer's orders (on one form, if given), newest first, ids below `before`.
    virtual OrderPage list_for_buyer(domain::UserId buyer, std::optional<domain::FormId> form,
                                     std::size_t limit, std::optional<domain::OrderId> before) = 0;
    // A form's orders, newest first, narrowed by the filter.
    virtual OrderPage list_for_form(domain::FormId form, const OrderFilter& filter,
                                    std::size_t limit, std::optional<domain::OrderId> before) = 0;
    // Moves the order from `from` to `to` only if it is still in `from` (conflict otherwise);
    // moving to CANCELLED or EXPIRED returns its stock and the buyer's totals in the same
    // transaction, so it happens exactly once, as do the `events` written to the outbox with it.
    // The updated order; not_found.
    virtual domain::Result<domain::Order> change_status(
        domain::OrderId id, domain::OrderStatus from, domain::OrderStatus to, domain::Millis now,
        const std::optional<domain::Shipment>& shipment, const std::vector<NewEvent>& events) = 0;
    // Marks the refund of a paid order that was cancelled as sent at `now`, with the `events`,
    // once: invalid_transition when no refund is owed on it (it was not paid and cancelled, or
    // its refund is marked already), not_found without it. The updated order.
    virtual domain::Result<domain::Order> mark_refunded(domain::OrderId id, domain::Millis now,
                                                        const std::vector<NewEvent>& events) = 0;
    // CREATED orders whose deposit deadline is before `now`, oldest deadline first.
    virtual std::vector<domain::OrderId> unpaid_past_deadline(domain::Millis now,
                                                              std::size_t limit) = 0;
    // Adds refused attempts to the failure log, aggregated per user, form, product, reason and
    // minute.
    virtual void record_failures(const std::vector<OrderFailure>& failures) = 0;
    // Refused attempts on a form per reason code, sorted by reason.
    virtual std::vector<std::pair<std::string, std::int64_t>> failure_summary(
        domain::FormId form) = 0;
};

// Thrown when a batch lost a race for an idempotency key to another instance: nothing was
// committed and running the batch again answers the loser with the winner's order.
struct RetryBatch : std::runtime_error {
    RetryBatch() : std::runtime_error("idempotency key taken concurrently; batch rolled back") {}
};

}  // namespace formlympics::store
