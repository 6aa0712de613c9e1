#include "store/order_batch.hpp"

#include <set>

namespace formlympics::store {
namespace {

using domain::Errc;

constexpr domain::Millis kHourMs = 3600 * 1000;

}  // namespace

std::vector<PlaceOutcome> run_batch(BatchSteps& steps, domain::FormId form_id,
                                    const std::vector<PlaceRequest>& requests, domain::Millis now) {
    std::vector<PlaceOutcome> out;
    auto form = steps.lock_form(form_id);
    if (!form) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            out.push_back({domain::fail(Errc::not_found, "no such form"), false});
        }
        return out;
    }

    // Idempotency: a key on record replays its order (or is refused for another body); a key
    // seen twice in this batch refuses the later request as in flight.
    std::vector<UserKey> keys;
    for (const auto& r : requests) {
        if (r.idempotency_key) keys.emplace_back(r.order.buyer_id, *r.idempotency_key);
    }
    const auto on_record = keys.empty() ? std::map<UserKey, KeyRecord>{} : steps.find_keys(keys);
    std::vector<std::optional<PlaceOutcome>> decided(requests.size());
    std::vector<domain::OrderRequest> fresh;
    std::vector<std::size_t> fresh_index;
    std::set<UserKey> in_batch;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& r = requests[i];
        if (r.idempotency_key) {
            const UserKey key{r.order.buyer_id, *r.idempotency_key};
            if (auto it = on_record.find(key); it != on_record.end()) {
                if (it->second.request_hash != r.request_hash) {
                    decided[i] = PlaceOutcome{
                        domain::fail(Errc::idempotency_mismatch,
                                     "this Idempotency-Key was used with a different request"),
                        false};
                } else {
                    domain::Order replay;
                    replay.id = it->second.order_id;
                    decided[i] = PlaceOutcome{std::move(replay), true};
                }
                continue;
            }
            if (!in_batch.insert(key).second) {
                decided[i] = PlaceOutcome{
                    domain::fail(Errc::idempotency_in_flight,
                                 "a request with this Idempotency-Key is in progress; retry"),
                    false};
                continue;
            }
        }
        fresh.push_back(r.order);
        fresh_index.push_back(i);
    }

    std::vector<std::pair<domain::UserId, domain::ProductId>> limited;
    for (const auto& r : fresh) {
        for (const auto& item : r.items) {
            const auto* p = form->product(item.product_id);
            if (p != nullptr && p->per_buyer_limit) limited.emplace_back(r.buyer_id, p->id);
        }
    }
    const auto held = limited.empty() ? domain::BuyerTotals{} : steps.lock_buyer_totals(limited);
    std::vector<std::int64_t> coupon_ids;
    for (const auto& r : fresh) {
        if (r.user_coupon_id) coupon_ids.push_back(*r.user_coupon_id);
    }
    const auto coupons =
        coupon_ids.empty() ? domain::HeldCoupons{} : steps.lock_coupons(coupon_ids);
    auto allocation = domain::allocate(*form, held, coupons, fresh, now);

    std::vector<std::size_t> accepted;
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        if (allocation.outcomes[k]) accepted.push_back(k);
    }
    std::vector<domain::OrderId> ids;
    if (!accepted.empty()) {
        steps.take_stock(allocation.taken);
        ids = steps.reserve_order_ids(accepted.size());
        std::vector<OrderRow> rows;
        for (std::size_t j = 0; j < accepted.size(); ++j) {
            const auto& req = requests[fresh_index[accepted[j]]];
            rows.push_back(
                OrderRow{ids[j], req.order.buyer_id, &allocation.outcomes[accepted[j]].value(),
                         &req.order.depositor_name, &req.idempotency_key, &req.request_hash});
        }
        steps.insert_orders(form_id, form->seller_id, rows, allocation.buyer_added, now,
                            now + form->deposit_deadline_hours * kHourMs);
    }

    std::size_t next_id = 0;
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        auto& outcome = allocation.outcomes[k];
        if (!outcome) {
            decided[fresh_index[k]] = PlaceOutcome{outcome.error(), false};
            continue;
        }
        const auto& req = requests[fresh_index[k]];
        domain::Order o;
        o.id = ids[next_id++];
        o.form_id = form_id;
        o.buyer_id = req.order.buyer_id;
        o.seller_id = form->seller_id;
        o.items = std::move(outcome.value().items);
        o.total = outcome.value().total;
        o.discount = outcome.value().discount;
        o.user_coupon_id = outcome.value().user_coupon_id;
        o.depositor_name = req.order.depositor_name;
        o.deposit_account = form->bank_account;
        o.deposit_deadline = now + form->deposit_deadline_hours * kHourMs;
        o.created_at = o.updated_at = now;
        decided[fresh_index[k]] = PlaceOutcome{std::move(o), false};
    }
    for (auto& d : decided) out.push_back(std::move(*d));
    return out;
}

}  // namespace formlympics::store
