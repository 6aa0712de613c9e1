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
    deliver,           // seller: SHIPPED -> DELIVERED
    cancel_by_buyer,   // buyer: CREATED -> CANCELLED
    cancel_by_seller,  // seller: CREATED or PAID -> CANCELLED
    expire,            // system: CREATED past the deposit deadline -> EXPIRED
};

// The status an action leads to from `from`; invalid_transition when it is not allowed.
Result<OrderStatus> next_status(OrderStatus from, OrderAction action);

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

    // What the buyer transfers.
    std::int64_t amount() const { return total + shipping_fee - discount; }
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

}  // namespace formlympics::domain
