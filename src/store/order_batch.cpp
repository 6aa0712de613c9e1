#include "store/order_batch.hpp"

#include <set>

#include "store/event_payloads.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

constexpr domain::Millis kHourMs = 3600LL * 1000;

PlaceOutcome refusal(Errc code, std::string detail) {
    return PlaceOutcome{domain::fail(code, std::move(detail)), false};
}

// The requests a key on record decides (a replay, or a mismatch), or that repeat a key earlier in
// the batch (in flight); the others, in arrival order, are fresh.
struct Triage {
    std::vector<std::optional<PlaceOutcome>> decided;  // one per request
    std::vector<std::size_t> fresh;                    // indices of the undecided
};

Triage triage_keys(BatchSteps& steps, const std::vector<PlaceRequest>& requests) {
    std::vector<UserKey> keys;
    for (const auto& r : requests) {
        if (r.idempotency_key) keys.emplace_back(r.order.buyer_id, *r.idempotency_key);
    }
    const auto on_record = keys.empty() ? std::map<UserKey, KeyRecord>{} : steps.find_keys(keys);
    Triage t;
    t.decided.resize(requests.size());
    std::set<UserKey> in_batch;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& r = requests[i];
        if (r.idempotency_key) {
            const UserKey key{r.order.buyer_id, *r.idempotency_key};
            if (auto it = on_record.find(key); it != on_record.end()) {
                if (it->second.request_hash != r.request_hash) {
                    t.decided[i] =
                        refusal(Errc::idempotency_mismatch,
                                "this Idempotency-Key was used with a different request");
                } else {
                    domain::Order replay;
                    replay.id = it->second.order_id;
                    t.decided[i] = PlaceOutcome{std::move(replay), true};
                }
                continue;
            }
            if (!in_batch.insert(key).second) {
                t.decided[i] = refusal(Errc::idempotency_in_flight,
                                       "a request with this Idempotency-Key is in progress; retry");
                continue;
            }
        }
        t.fresh.push_back(i);
    }
    return t;
}

// What the fresh orders' buyers already hold of limited products, and the coupons they name,
// locked against concurrent batches.
std::pair<domain::BuyerTotals, domain::HeldCoupons> lock_holdings(
    BatchSteps& steps, const domain::Form& form, const std::vector<domain::OrderRequest>& fresh) {
    std::vector<std::pair<domain::UserId, domain::ProductId>> limited;
    std::vector<std::int64_t> coupon_ids;
    for (const auto& r : fresh) {
        for (const auto& item : r.items) {
            const auto* p = form.product(item.product_id);
            if (p == nullptr) continue;
            if (p->per_buyer_limit) limited.emplace_back(r.buyer_id, p->id);
            if (!p->group_limit) continue;
            // A group's limit counts what the buyer holds of each of its options.
            for (const auto& option : form.products) {
                if (option.group == p->group) limited.emplace_back(r.buyer_id, option.id);
            }
        }
        if (r.user_coupon_id) coupon_ids.push_back(*r.user_coupon_id);
    }
    return {limited.empty() ? domain::BuyerTotals{} : steps.lock_buyer_totals(limited),
            coupon_ids.empty() ? domain::HeldCoupons{} : steps.lock_coupons(coupon_ids)};
}

// The order a row places, as its caller is answered and its seller told.
domain::Order placed_order(const domain::Form& form, const OrderRow& row, std::string buyer_name,
                           domain::Millis now) {
    const auto& allocated = row.allocated;
    domain::Order o;
    o.id = row.id;
    o.form_id = form.id;
    o.buyer_id = row.buyer_id;
    o.seller_id = form.seller_id;
    o.form_title = form.title;
    o.buyer_name = std::move(buyer_name);
    o.seller_name = form.seller_name;
    o.items = allocated.items;
    o.total = allocated.total;
    o.shipping_fee = allocated.shipping_fee;
    o.discount = allocated.discount;
    o.user_coupon_id = allocated.user_coupon_id;
    o.delivery = allocated.delivery;
    o.answers = allocated.answers;
    o.depositor_name = row.depositor_name;
    o.deposit_account = form.bank_account;
    o.deposit_deadline = now + form.deposit_deadline_hours * kHourMs;
    o.created_at = o.updated_at = now;
    return o;
}

}  // namespace

std::vector<PlaceOutcome> run_batch(BatchSteps& steps, domain::FormId form_id,
                                    const std::vector<PlaceRequest>& requests, domain::Millis now) {
    auto form = steps.lock_form(form_id);
    if (!form)
        return std::vector<PlaceOutcome>(requests.size(), refusal(Errc::not_found, "no such form"));

    auto triage = triage_keys(steps, requests);
    std::vector<domain::OrderRequest> fresh;
    for (auto i : triage.fresh) fresh.push_back(requests[i].order);
    const auto [held, coupons] = lock_holdings(steps, *form, fresh);
    auto allocation = domain::allocate(*form, held, coupons, fresh, now);

    // Write the accepted orders: stock by the conditional update, then the rows.
    std::vector<OrderRow> rows;
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        if (!allocation.outcomes[k]) continue;
        const auto& req = requests[triage.fresh[k]];
        rows.push_back(OrderRow{0, req.order.buyer_id, req.order.buyer_name,
                                allocation.outcomes[k].value(), req.order.depositor_name,
                                req.idempotency_key, req.request_hash, std::string()});
    }
    std::vector<domain::Order> placed;
    if (!rows.empty()) {
        steps.take_stock(allocation.taken);
        const auto ids = steps.reserve_order_ids(rows.size());
        // Names come with the requests' credentials; the store is read only for those without.
        std::map<domain::UserId, std::string> names;
        std::vector<domain::UserId> unnamed;
        for (std::size_t j = 0; j < rows.size(); ++j) {
            rows[j].id = ids[j];
            if (rows[j].buyer_name.empty()) {
                unnamed.push_back(rows[j].buyer_id);
            } else {
                names[rows[j].buyer_id] = rows[j].buyer_name;
            }
        }
        if (!unnamed.empty()) names.merge(steps.user_names(unnamed));
        for (auto& r : rows) {
            placed.push_back(placed_order(*form, r, names[r.buyer_id], now));
            r.notice = order_payload(domain::EventKind::order_placed, placed.back(),
                                     domain::OrderStatus::CREATED, form->seller_id);
        }
        steps.insert_orders(form_id, form->seller_id, rows, allocation.buyer_added, now,
                            now + form->deposit_deadline_hours * kHourMs);
    }

    auto order = placed.begin();
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        auto& outcome = allocation.outcomes[k];
        triage.decided[triage.fresh[k]] = outcome ? PlaceOutcome{std::move(*order++), false}
                                                  : PlaceOutcome{outcome.error(), false};
    }
    std::vector<PlaceOutcome> out;
    out.reserve(requests.size());
    for (auto& d : triage.decided) out.push_back(std::move(*d));
    return out;
}

}  // namespace formlympics::store
