#include "service/sale_engine.hpp"

#include <spdlog/spdlog.h>

namespace formlympics::service {
namespace {

using domain::Errc;

constexpr int kMaxAttempts = 3;

domain::ProductId product_of(const domain::Error& e, const store::PlaceRequest& r) {
    if (!e.stock_left.empty()) return e.stock_left.front().product_id;
    return r.order.items.size() == 1 ? r.order.items.front().product_id : 0;
}

}  // namespace

SaleEngine::SaleEngine(store::OrderRepository& orders, util::WorkerPool& workers,
                       const util::Clock& clock, OrderFailureLog& failures, Options options)
    : orders_(orders),
      clock_(clock),
      failures_(failures),
      options_(options),
      lanes_(workers, options.max_batch, [this](domain::FormId form, std::vector<Pending>& batch) {
          place_batch(form, batch);
      }) {}

std::optional<store::PlaceOutcome> SaleEngine::sold_out_from_memory(const store::PlaceRequest& r) {
    const auto now = std::chrono::steady_clock::now();
    std::vector<domain::StockLeft> gone;
    {
        std::lock_guard lock(memo_mutex_);
        for (const auto& item : r.order.items) {
            auto it = sold_out_.find(item.product_id);
            if (it != sold_out_.end() && now - it->second < options_.sold_out_memo) {
                gone.push_back({item.product_id, 0});
            }
        }
    }
    if (gone.empty()) return std::nullopt;
    return store::PlaceOutcome{
        domain::Error{Errc::sold_out, "not enough stock left", {}, std::move(gone)}, false};
}

void SaleEngine::place(domain::FormId form, store::PlaceRequest request, Callback callback) {
    if (auto refused = sold_out_from_memory(request)) {
        const auto& e = refused->order.error();
        failures_.add({request.order.buyer_id, form, product_of(e, request), "sold_out",
                       clock_.now_millis()});
        return callback(std::move(refused));
    }
    if (request.idempotency_key) {
        std::lock_guard lock(keys_mutex_);
        if (!keys_in_flight_.emplace(request.order.buyer_id, *request.idempotency_key).second) {
            return callback(store::PlaceOutcome{
                domain::fail(Errc::idempotency_in_flight,
                             "a request with this Idempotency-Key is in progress; retry"),
                false});
        }
    }
    // place() may run on a network thread: the lane is always drained by a worker.
    lanes_.push(form, Pending{std::move(request), std::move(callback)});
}

std::vector<store::PlaceOutcome> SaleEngine::place_with_retry(
    domain::FormId form, const std::vector<store::PlaceRequest>& batch) {
    for (int attempt = 1;; ++attempt) {
        try {
            return orders_.place_batch(form, batch, clock_.now_millis());
        } catch (const store::RetryBatch&) {
            if (attempt >= kMaxAttempts) throw;
        }
    }
}

void SaleEngine::place_batch(domain::FormId form, std::vector<Pending>& batch) {
    std::vector<store::PlaceRequest> requests;
    requests.reserve(batch.size());
    for (const auto& p : batch) requests.push_back(p.request);
    std::optional<std::vector<store::PlaceOutcome>> outcomes;
    const auto started = std::chrono::steady_clock::now();
    try {
        outcomes = place_with_retry(form, requests);
        spdlog::debug("sale engine: form {}: batch of {} in {} us", form, batch.size(),
                      std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count());
    } catch (const std::exception& e) {
        spdlog::error("sale engine: batch of {} orders on form {} failed: {}", batch.size(), form,
                      e.what());
    }
    if (outcomes) learn(form, batch, *outcomes);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        finish_key(batch[i].request);
        if (outcomes) {
            batch[i].callback(std::move((*outcomes)[i]));
        } else {
            batch[i].callback(std::nullopt);
        }
    }
}

void SaleEngine::learn(domain::FormId form, const std::vector<Pending>& batch,
                       const std::vector<store::PlaceOutcome>& outcomes) {
    const auto now = clock_.now_millis();
    const auto seen = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (outcomes[i].order) continue;
        const auto& e = outcomes[i].order.error();
        const auto& r = batch[i].request;
        failures_.add({r.order.buyer_id, form, product_of(e, r),
                       std::string(domain::code_name(e.code)), now});
        if (e.code != Errc::sold_out) continue;
        std::lock_guard lock(memo_mutex_);
        for (const auto& left : e.stock_left) {
            if (left.remaining == 0) sold_out_[left.product_id] = seen;
        }
    }
}

void SaleEngine::finish_key(const store::PlaceRequest& request) {
    if (!request.idempotency_key) return;
    std::lock_guard lock(keys_mutex_);
    keys_in_flight_.erase({request.order.buyer_id, *request.idempotency_key});
}

void SaleEngine::restocked(const std::vector<domain::ProductId>& products) {
    std::lock_guard lock(memo_mutex_);
    for (auto id : products) sold_out_.erase(id);
}

}  // namespace formlympics::service
