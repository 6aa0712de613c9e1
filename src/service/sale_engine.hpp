#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "service/order_failure_log.hpp"
#include "store/order_repository.hpp"
#include "util/batch_lanes.hpp"
#include "util/clock.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::service {

// Admits orders first come, first served. Orders for one form queue in that form's lane in
// arrival order; whenever the lane is idle, one worker takes everything queued (up to a batch)
// and places it in one transaction (group commit), then answers each caller. A lone order is
// placed at once, with no added wait. A batch that fails for its contents is placed again in
// halves, so one bad order fails alone. Products known to be sold out are refused from memory,
// without touching the database, until stock returns here or the memo ages out; a request with
// an Idempotency-Key is first looked up, since it may retry an order placed before the sell-out.
class SaleEngine {
  public:
    struct Options {
        std::size_t max_batch = 512;
        // How long "sold out" is believed without asking the database again; bounds how long a
        // restock made by another instance can go unnoticed here.
        std::chrono::milliseconds sold_out_memo{1000};
        // Place a failed batch again in halves; off only for a test to show what it prevents.
        bool isolate_failures = true;
    };
    // The outcome of one order (service_unavailable when the database is down), or nullopt when
    // placing it failed on its own (logged; answer 500).
    using Callback = std::function<void(std::optional<domain::PlaceOutcome>)>;

    SaleEngine(store::OrderRepository& orders, util::WorkerPool& workers, const util::Clock& clock,
               OrderFailureLog& failures, Options options);

    // Admits an order request (already validated in shape), with the client's Idempotency-Key if
    // it sent one: the same key with the same order (whatever the JSON looked like) answers the
    // first order; with another, idempotency_mismatch. The callback runs exactly once: at once
    // for a refusal decided from memory, else after the batch holding it committed.
    void place(domain::FormId form, domain::OrderRequest order,
               std::optional<std::string> idempotency_key, Callback callback);

    // Stock of these products of the form came back (cancellation, expiry, added stock).
    void restocked(domain::FormId form, const std::vector<domain::ProductId>& products);
    // Called with the form whenever its stock changed here: a batch of its orders committed, or
    // stock came back. Set once, at startup.
    void on_stock_changed(std::function<void(domain::FormId)> listener) {
        stock_changed_ = std::move(listener);
    }

  private:
    struct Pending {
        store::PlaceRequest request;
        Callback callback;
    };
    // When a product was found sold out, and on which form.
    struct SoldOut {
        domain::FormId form = 0;
        std::chrono::steady_clock::time_point seen;
    };

    // Places one batch of a form's lane in one transaction and answers its callers.
    void place_batch(domain::FormId form, std::vector<Pending>& batch);
    // Looks up the keys of requests the memo would refuse: those on record go on to the lane
    // (to be answered with their order), the others are refused.
    void check_keys(domain::FormId form, std::vector<Pending>& batch);
    std::vector<store::PlaceOutcome> place_with_retry(
        domain::FormId form, const std::vector<store::PlaceRequest>& batch);
    std::optional<store::PlaceOutcome> sold_out_from_memory(domain::FormId form,
                                                            const store::PlaceRequest& request);
    void refuse(domain::FormId form, Pending& pending, store::PlaceOutcome refusal);
    void learn(domain::FormId form, const std::vector<Pending>& batch,
               const std::vector<std::optional<store::PlaceOutcome>>& outcomes);
    void finish_key(const store::PlaceRequest& request);

    store::OrderRepository& orders_;
    const util::Clock& clock_;
    OrderFailureLog& failures_;
    Options options_;
    util::BatchLanes<domain::FormId, Pending> lanes_;
    util::BatchLanes<domain::FormId, Pending> key_checks_;

    std::mutex memo_mutex_;
    std::unordered_map<domain::ProductId, SoldOut> sold_out_;

    std::mutex keys_mutex_;
    std::set<std::pair<domain::UserId, std::string>> keys_in_flight_;
    std::function<void(domain::FormId)> stock_changed_;
};

}  // namespace formlympics::service
