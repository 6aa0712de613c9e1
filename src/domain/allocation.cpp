#include "domain/allocation.hpp"

#include <set>

#include "domain/account_rules.hpp"
#include "domain/coupon.hpp"

namespace formlympics::domain {

std::optional<Error> check_order_request(const OrderRequest& r) {
    std::vector<FieldError> fields;
    if (r.items.empty() || r.items.size() > kMaxProductsPerForm) {
        fields.push_back({"items", "must hold 1 to 50 lines"});
    }
    std::set<ProductId> seen;
    for (std::size_t i = 0; i < r.items.size(); ++i) {
        const auto& item = r.items[i];
        const auto at = "items[" + std::to_string(i) + "]";
        if (item.quantity <= 0 || item.quantity > 1'000'000) {
            fields.push_back({at + ".quantity", "must be 1 to 1,000,000"});
        }
        if (!seen.insert(item.product_id).second) {
            fields.push_back({at + ".product_id", "appears twice in the order"});
        }
    }
    check_text(fields, "depositor_name", r.depositor_name, 1, 50);
    check_answer_shape(fields, r.answers);
    if (fields.empty()) return std::nullopt;
    return invalid_fields(std::move(fields));
}

namespace {

// The order's delivery and fee on a form with delivery options; a refusal when the request has
// none there, or one on a form without.
std::optional<Error> settle_delivery(const Form& form, const OrderRequest& req,
                                     AllocatedOrder& order) {
    if (form.delivery_options.empty()) {
        if (!req.delivery) return std::nullopt;
        return invalid_fields({{"delivery", "this form delivers nothing; leave it out"}});
    }
    if (!req.delivery) {
        return invalid_fields({{"delivery", "is required: choose one of the form's options"}});
    }
    auto delivery = resolve_delivery(form.delivery_options, *req.delivery);
    if (!delivery) return delivery.error();
    order.shipping_fee = shipping_fee(delivery->option, form.free_shipping_over, order.total);
    order.delivery = std::move(delivery.value());
    return std::nullopt;
}

// Whether the product's units count against a buyer's holdings (its own limit or its group's).
bool limited(const Product& p) { return p.per_buyer_limit || p.group_limit; }

// A refusal when the request would take a buyer past a group's limit, counting what they hold
// of every option of the group, in earlier orders and earlier in this batch.
std::optional<Error> check_group_limits(const Form& form, const BuyerTotals& held,
                                        const BuyerTotals& added, const OrderRequest& req) {
    std::map<std::string, std::int64_t> asked;
    for (const auto& item : req.items) {
        const auto* p = form.product(item.product_id);
        if (p != nullptr && p->group_limit) asked[p->group] += item.quantity;
    }
    for (const auto& [group, n] : asked) {
        std::int64_t has = 0;
        std::int64_t limit = 0;
        for (const auto& p : form.products) {
            if (p.group != group || !p.group_limit) continue;
            limit = *p.group_limit;
            for (const auto* totals : {&held, &added}) {
                if (auto it = totals->find({req.buyer_id, p.id}); it != totals->end()) {
                    has += it->second;
                }
            }
        }
        if (has + n > limit) {
            return fail(Errc::limit_exceeded, "at most " + std::to_string(limit) + " of '" + group +
                                                  "' per buyer, options together; you hold " +
                                                  std::to_string(has));
        }
    }
    return std::nullopt;
}

}  // namespace

Allocation allocate(const Form& form, const BuyerTotals& held, const HeldCoupons& coupons,
                    const std::vector<OrderRequest>& requests, Millis now) {
    Allocation out;
    std::set<std::int64_t> coupons_taken;
    out.outcomes.reserve(requests.size());
    std::map<ProductId, std::int64_t> left;
    for (const auto& p : form.products) left[p.id] = p.stock_remaining;

    for (const auto& req : requests) {
        if (req.buyer_id == form.seller_id) {
            out.outcomes.emplace_back(
                fail(Errc::forbidden, "sellers cannot order from their own form"));
            continue;
        }
        if (!published(form)) {
            out.outcomes.emplace_back(fail(Errc::not_found, "no such form"));
            continue;
        }
        if (form.closed_at || now >= form.closes_at) {
            out.outcomes.emplace_back(fail(Errc::closed, "the sale has closed"));
            continue;
        }
        if (now < form.opens_at) {
            out.outcomes.emplace_back(fail(Errc::not_open, "the sale has not opened yet"));
            continue;
        }
        std::optional<Error> refusal;
        std::vector<StockLeft> short_of;
        AllocatedOrder order;
        for (std::size_t i = 0; i < req.items.size(); ++i) {
            const auto& item = req.items[i];
            const Product* p = form.product(item.product_id);
            if (p == nullptr) {
                refusal = invalid_fields(
                    {{"items[" + std::to_string(i) + "].product_id",
                      "product " + std::to_string(item.product_id) + " is not on this form"}});
                break;
            }
            if (p->per_buyer_limit) {
                auto it = held.find({req.buyer_id, p->id});
                auto added = out.buyer_added.find({req.buyer_id, p->id});
                const auto has = (it == held.end() ? 0 : it->second) +
                                 (added == out.buyer_added.end() ? 0 : added->second);
                if (has + item.quantity > *p->per_buyer_limit) {
                    refusal = fail(Errc::limit_exceeded,
                                   "at most " + std::to_string(*p->per_buyer_limit) + " of '" +
                                       p->name + "' per buyer; you hold " + std::to_string(has));
                    break;
                }
            }
            if (left[p->id] < item.quantity) short_of.push_back({p->id, left[p->id]});
            order.items.push_back({p->id, p->name, item.quantity, p->price, p->group, p->option});
            order.total += item.quantity * p->price;
        }
        if (!refusal) refusal = check_group_limits(form, held, out.buyer_added, req);
        if (!refusal) {
            auto answers = settle_answers(form.questions, req.answers);
            if (answers) {
                order.answers = std::move(answers.value());
            } else {
                refusal = answers.error();
            }
        }
        if (!refusal) refusal = settle_delivery(form, req, order);
        if (!refusal && req.user_coupon_id) {
            auto it = coupons.find(*req.user_coupon_id);
            if (it == coupons.end() || it->second.user_id != req.buyer_id ||
                it->second.form_id != form.id || !it->second.available ||
                coupons_taken.count(*req.user_coupon_id)) {
                refusal = invalid_fields(
                    {{"user_coupon_id", "is not an available coupon of yours for this form"}});
            } else {
                order.user_coupon_id = req.user_coupon_id;
                order.discount = discount_on(order.total, it->second.discount);
            }
        }
        if (!refusal && !short_of.empty()) {
            refusal = fail(Errc::sold_out, "not enough stock left");
            refusal->stock_left = std::move(short_of);
        }
        if (refusal) {
            out.outcomes.emplace_back(std::move(*refusal));
            continue;
        }
        if (order.user_coupon_id) coupons_taken.insert(*order.user_coupon_id);
        for (const auto& item : order.items) {
            left[item.product_id] -= item.quantity;
            out.taken[item.product_id] += item.quantity;
            if (limited(*form.product(item.product_id))) {
                out.buyer_added[{req.buyer_id, item.product_id}] += item.quantity;
            }
        }
        out.outcomes.emplace_back(std::move(order));
    }
    return out;
}

}  // namespace formlympics::domain
