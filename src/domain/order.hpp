#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/courier.hpp"
#include "domain/enum_names.hpp"
#include "domain/form.hpp"
#include "domain/result.hpp"

namespace formlympics::domain {

using OrderId = std::int64_t;

enum class OrderStatus { CREATED, PAID, SHIPPED, DELIVERED, CANCELLED, EXPIRED };

inline constexpr EnumNames kOrderStatuses{std::array<std::pair<OrderStatus, std::string_view>, 6>{{
    {OrderStatus::CREATED, "CREATED"},
    {OrderStatus::PAID, "PAID"},
    {OrderStatus::SHIPPED, "SHIPPED"},
    {OrderStatus::DELIVERED, "DELIVERED"},
    {OrderStatus::CANCELLED, "CANCELLED"},
    {OrderStatus::EXPIRED, "EXPIRED"},
}}};

// The wire name, e.g. "CREATED".
constexpr std::string_view status_name(OrderStatus status) { return kOrderStatuses.name(status); }
// The status with that wire name, or nullopt.
constexpr std::optional<OrderStatus> parse_order_status(std::string_view name) {
    return kOrderStatuses.parse(name);
}
// True for orders that hold stock and count against a buyer's limit.
inline bool is_active(OrderStatus s) {
    return s != OrderStatus::CANCELLED && s != OrderStatus::EXPIRED;
}

// What may happen to an order, and who does it.
enum class OrderAction {
    confirm_deposit,   // seller: CREATED -> PAID
    ship,              // seller: PAID -> SHIPPED
    deliver,           // seller: SHIPPED -> DELIVERED, or PAID -> DELIVERED when handed over
    cancel_by_buyer,   // buyer: CREATED -> CANCELLED
    cancel_by_seller,  // seller: CREATED or PAID -> CANCELLED
    expire,            // system: CREATED past the deposit deadline -> EXPIRED
};

struct OrderItem {
    ProductId product_id = 0;
    std::string product_name;
    std::int64_t quantity = 0;
    std::int64_t unit_price = 0;
    std::string group{};  // the product's option group and option, if it is one
    std::string option{};
};

// An order and the deposit instructions it carries.
struct Order {
    OrderId id = 0;
    FormId form_id = 0;
    UserId buyer_id = 0;
    UserId seller_id = 0;
    // Who and what an order is about, as its notifications name them.
    std::string form_title;
    std::string buyer_name;
    std::string seller_name;
    OrderStatus status = OrderStatus::CREATED;
    std::vector<OrderItem> items;
    std::int64_t total = 0;         // sum of the items
    std::int64_t shipping_fee = 0;  // of the delivery option, unless free shipping applied
    std::int64_t discount = 0;      // what a coupon took off, at most the total
    std::optional<std::int64_t> user_coupon_id;
    std::string depositor_name;
    BankAccount deposit_account;
    Millis deposit_deadline = 0;
    std::optional<Shipment> shipment;  // once shipped: the tracking number and courier
    std::optional<Delivery> delivery;  // on forms with delivery options only
    std::vector<Answer> answers;       // to the form's questions, as asked then
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> paid_at;      // when the seller confirmed the deposit
    std::optional<Millis> refunded_at;  // when the seller marked its refund sent
    // Where the refund goes: the buyer's refund account as their profile has it now, or, once the
    // refund is marked sent, as it was then (personal data: for the order's buyer and seller
    // only, and shown only on a paid order that was cancelled).
    std::optional<BankAccount> refund_account;

    // What the buyer transfers.
    std::int64_t amount() const { return total + shipping_fee - discount; }
    // A cancelled order the buyer had paid something for: the seller owes them its amount
    // back, until they mark the refund sent.
    bool refunded_or_due() const {
        return status == OrderStatus::CANCELLED && paid_at.has_value() && amount() > 0;
    }
    bool refund_due() const { return refunded_or_due() && !refunded_at; }
    // Goes by post (courier or convenience store), so it is shipped with a tracking number
    // before it is delivered; a pick-up order, or one on a form without delivery, is handed over.
    bool sent_by_post() const { return delivery && delivery->option.kind != DeliveryKind::PICKUP; }
};

// The outcome of placing one order: the order or why not, and whether it is the earlier order
// its Idempotency-Key named (a replay).
struct PlaceOutcome {
    Result<Order> order;
    bool replayed = false;
};

// One line of an order request.
struct ItemRequest {
    ProductId product_id = 0;
    std::int64_t quantity = 0;
};

// The status an action leads to from the order's status; invalid_transition when it is not
// allowed. An order that is not sent by post is delivered (handed over) straight from PAID.
Result<OrderStatus> next_status(const Order& order, OrderAction action);

}  // namespace formlympics::domain
