#include "service/sale_engine.hpp"

#include <algorithm>

#include "util/isolate_failures.hpp"
#include "util/logging.hpp"
#include "util/sha256.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

constexpr int kMaxAttempts = 3;

// What an Idempotency-Key is held to: the order itself, not the bytes that carried it, so the
// same order sent with its JSON keys in another order or other spacing is the same request.
std::string fingerprint(domain::FormId form, const domain::OrderRequest& o) {
    auto items = o.items;
    std::sort(items.begin(), items.end(),
              [](const auto& a, const auto& b) { return a.product_id < b.product_id; });
    std::string canonical = std::to_string(form) + "\n" + std::to_string(o.depositor_name.size()) +
                            ":" + o.depositor_name + "\n" +
                            (o.user_coupon_id ? std::to_string(*o.user_coupon_id) : "-") + "\n";
    for (const auto& i : items) {
        canonical += std::to_string(i.product_id) + "x" + std::to_string(i.quantity) + ";";
    }
    auto answers = o.answers;
    std::sort(answers.begin(), answers.end(),
              [](const auto& a, const auto& b) { return a.question_id < b.question_id; });
    for (const auto& a : answers) {
        canonical += "\nanswer " + std::to_string(a.question_id) + " " +
                     std::to_string(a.value.size()) + ":" + a.value;
    }
    if (const auto& d = o.delivery) {
        canonical += "\ndelivery " + std::to_string(d->option_id);
        for (const auto* field :
             {&d->recipient_name, &d->phone, &d->address1, &d->address2, &d->zipcode}) {
            // Length-prefixed, so no value can pass for the next field.
            canonical += *field ? "\n" + std::to_string((*field)->size()) + ":" + **field : "\n-";
        }
    }
    return util::sha256_hex(canonical);
}

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
      lanes_(
          workers, options.max_batch,
          [this](domain::FormId form, std::vector<Pending>& batch) { place_batch(form, batch); }),
      key_checks_(
          workers, options.max_batch,
          [this](domain::FormId form, std::vector<Pending>& batch) { check_keys(form, batch); }) {}

std::optional<store::PlaceOutcome> SaleEngine::sold_out_from_memory(domain::FormId form,
                                                                    const store::PlaceRequest& r) {
    const auto now = std::chrono::steady_clock::now();
    std::vector<domain::StockLeft> gone;
    {
        std::lock_guard lock(memo_mutex_);
        for (const auto& item : r.order.items) {
            auto it = sold_out_.find(item.product_id);
            // A product of another form is the store's to refuse (as unknown here), not ours.
            if (it != sold_out_.end() && it->second.form == form &&
                now - it->second.seen < options_.sold_out_memo) {
                gone.push_back({item.product_id, 0});
            }
        }
    }
    if (gone.empty()) return std::nullopt;
    auto error = domain::fail(Errc::sold_out, "not enough stock left");
    error.stock_left = std::move(gone);
    return store::PlaceOutcome{std::move(error), false};
}

void SaleEngine::refuse(domain::FormId form, Pending& pending, store::PlaceOutcome refusal) {
    const auto& e = refusal.order.error();
    failures_.add({pending.request.order.buyer_id, form, product_of(e, pending.request),
                   std::string(domain::code_name(e.code)), clock_.now_millis()});
    finish_key(pending.request);
    pending.callback(std::move(refusal));
}

void SaleEngine::place(domain::FormId form, domain::OrderRequest order,
                       std::optional<std::string> idempotency_key, Callback callback) {
    store::PlaceRequest request{std::move(order), std::move(idempotency_key), ""};
    if (request.idempotency_key) request.request_hash = fingerprint(form, request.order);
    if (request.idempotency_key) {
        std::lock_guard lock(keys_mutex_);
        if (!keys_in_flight_.emplace(request.order.buyer_id, *request.idempotency_key).second) {
            return callback(store::PlaceOutcome{
                domain::fail(Errc::idempotency_in_flight,
                             "a request with this Idempotency-Key is in progress; retry"),
                false});
        }
    }
    Pending pending{std::move(request), std::move(callback)};
    if (auto refused = sold_out_from_memory(form, pending.request)) {
        // A keyed request may retry an order placed before the sell-out whose answer was lost:
        // the store knows, so ask it (many keys in one read) before refusing.
        if (pending.request.idempotency_key) return key_checks_.push(form, std::move(pending));
        return refuse(form, pending, std::move(*refused));
    }
    // place() may run on a network thread: the lane is always drained by a worker.
    lanes_.push(form, std::move(pending));
}

void SaleEngine::check_keys(domain::FormId form, std::vector<Pending>& batch) {
    std::vector<std::pair<domain::UserId, std::string>> keys;
    keys.reserve(batch.size());
    for (const auto& p : batch) {
        keys.emplace_back(p.request.order.buyer_id, *p.request.idempotency_key);
    }
    std::set<std::pair<domain::UserId, std::string>> on_record;
    try {
        on_record = orders_.keys_on_record(keys);
    } catch (const std::exception& e) {
        const bool down = dynamic_cast<const util::Unavailable*>(&e) != nullptr;
        logging::log(down ? logging::Level::warn : logging::Level::error,
                     "sale engine: looking up {} keys on form {} failed: {}", keys.size(), form,
                     e.what());
        for (auto& p : batch) {
            finish_key(p.request);
            p.callback(down ? std::optional(store::PlaceOutcome{domain::unavailable(), false})
                            : std::nullopt);
        }
        return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        auto& p = batch[i];
        if (on_record.count(keys[i]) == 0) {
            // Not a retry of a placed order; refused, unless stock came back meanwhile.
            if (auto refused = sold_out_from_memory(form, p.request)) {
                refuse(form, p, std::move(*refused));
                continue;
            }
        }
        lanes_.push(form, std::move(p));
    }
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
    std::vector<std::optional<store::PlaceOutcome>> outcomes(batch.size());
    const auto started = std::chrono::steady_clock::now();
    util::isolate_failures<store::PlaceOutcome>(
        batch.size(),
        [&](std::size_t first, std::size_t last) {
            try {
                return place_with_retry(form,
                                        std::vector<store::PlaceRequest>(requests.begin() + first,
                                                                         requests.begin() + last));
            } catch (const util::Unavailable&) {
                throw;
            } catch (const std::exception& e) {
                if (last - first > 1 && options_.isolate_failures) {
                    logging::warn(
                        "sale engine: batch of {} orders on form {} failed: {}; placing "
                        "them again in halves",
                        last - first, form, e.what());
                }
                throw;
            }
        },
        [&](std::size_t first, std::vector<store::PlaceOutcome>& placed) {
            for (std::size_t k = 0; k < placed.size(); ++k) {
                outcomes[first + k] = std::move(placed[k]);
            }
        },
        [&](std::size_t i, util::ItemFailure why, const std::exception& e) {
            if (why == util::ItemFailure::unavailable) {
                logging::warn("sale engine: order of user {} on form {} not placed: {}",
                              requests[i].order.buyer_id, form, e.what());
                outcomes[i] = store::PlaceOutcome{domain::unavailable(), false};
            } else {
                logging::error("sale engine: order of user {} on form {} failed: {}",
                               requests[i].order.buyer_id, form, e.what());
            }
        },
        options_.isolate_failures);
    logging::debug("sale engine: form {}: batch of {} in {} us", form, batch.size(),
                   std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - started)
                       .count());
    learn(form, batch, outcomes);
    const bool sold =
        std::any_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return o && o->order; });
    if (sold && stock_changed_) stock_changed_(form);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        finish_key(batch[i].request);
        batch[i].callback(std::move(outcomes[i]));
    }
}

void SaleEngine::learn(domain::FormId form, const std::vector<Pending>& batch,
                       const std::vector<std::optional<store::PlaceOutcome>>& outcomes) {
    const auto now = clock_.now_millis();
    const auto seen = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!outcomes[i] || outcomes[i]->order) continue;
        const auto& e = outcomes[i]->order.error();
        if (e.code == Errc::service_unavailable) continue;  // no attempt was judged
        const auto& r = batch[i].request;
        failures_.add({r.order.buyer_id, form, product_of(e, r),
                       std::string(domain::code_name(e.code)), now});
        if (e.code != Errc::sold_out) continue;
        std::lock_guard lock(memo_mutex_);
        for (const auto& left : e.stock_left) {
            if (left.remaining == 0) sold_out_[left.product_id] = SoldOut{form, seen};
        }
    }
}

void SaleEngine::finish_key(const store::PlaceRequest& request) {
    if (!request.idempotency_key) return;
    std::lock_guard lock(keys_mutex_);
    keys_in_flight_.erase({request.order.buyer_id, *request.idempotency_key});
}

void SaleEngine::restocked(domain::FormId form, const std::vector<domain::ProductId>& products) {
    {
        std::lock_guard lock(memo_mutex_);
        for (auto id : products) sold_out_.erase(id);
    }
    if (stock_changed_) stock_changed_(form);
}

}  // namespace formlympics::service
