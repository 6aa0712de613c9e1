#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/form.hpp"
#include "domain/order.hpp"
#include "domain/result.hpp"

namespace formlympics::domain {

// One order request in a batch, as the sale engine admitted it.
struct OrderRequest {
    UserId buyer_id = 0;
    std::vector<ItemRequest> items;
    std::string depositor_name;
    std::optional<std::int64_t> user_coupon_id;
    std::optional<DeliveryRequest> delivery{};  // required on forms with delivery options
    std::vector<AnswerRequest> answers{};       // to the form's questions
    // The buyer's display name from their credential, for the seller's notification; empty
    // when the credential carries none (the store then reads it).
    std::string buyer_name{};
};

// A claimed coupon as the batch found it under lock.
struct HeldCoupon {
    UserId user_id = 0;
    FormId form_id = 0;
    std::int64_t discount = 0;
    bool available = false;
};
using HeldCoupons = std::map<std::int64_t, HeldCoupon>;

// The order a request earns: its lines (with prices) and total, before it has an id.
struct AllocatedOrder {
    std::vector<OrderItem> items;
    std::int64_t total = 0;
    std::int64_t shipping_fee = 0;
    std::int64_t discount = 0;
    std::optional<std::int64_t> user_coupon_id;
    std::optional<Delivery> delivery;
    std::vector<Answer> answers;
};

// The decisions for one batch: for each request, its order or the reason it was refused; and
// the writes that carry them out.
struct Allocation {
    std::vector<Result<AllocatedOrder>> outcomes;  // one per request, same order
    std::map<ProductId, std::int64_t> taken;       // units taken per product
    std::map<std::pair<UserId, ProductId>, std::int64_t> buyer_added;  // per buyer and product
};

// What a buyer already holds of a product in active orders.
using BuyerTotals = std::map<std::pair<UserId, ProductId>, std::int64_t>;

// Decides a batch of orders for one form in arrival order against a snapshot taken under the
// store's locks: each order gets all its items or nothing (not_found for a draft, not_open,
// closed, sold_out with what remains, limit_exceeded for a product's or a group's limit,
// forbidden for the form's seller, validation_failed for a product of another form, answers
// that do not answer the form's questions, or a coupon that is not the buyer's, not available or
// of another form). `held` covers every product of a limited group the requests touch.
// `form.products` holds the stock before the batch; `coupons` the coupons the batch uses.
Allocation allocate(const Form& form, const BuyerTotals& held, const HeldCoupons& coupons,
                    const std::vector<OrderRequest>& requests, Millis now);

// Checks the shape of an order request: 1 to 50 lines, positive quantities, no product twice,
// a depositor name of 1 to 50 characters, answers of the right shape. validation_failed naming
// the fields, or nullopt.
std::optional<Error> check_order_request(const OrderRequest& request);

}  // namespace formlympics::domain
