#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/form.hpp"
#include "domain/user.hpp"

namespace formlympics::domain {

// What a seller submits to publish a form, and to change one.

struct NewProduct {
    std::string name;
    std::int64_t price = 0;
    std::int64_t stock = 0;
    std::optional<std::int64_t> per_buyer_limit;
    std::string group{};  // empty: a product on its own
    std::string option{};
    std::optional<std::int64_t> group_limit{};
};

struct NewForm {
    UserId seller_id = 0;
    std::string title;
    std::string description;
    Millis opens_at = 0;
    Millis closes_at = 0;
    int deposit_deadline_hours = 24;
    BankAccount bank_account;
    std::vector<NewProduct> products;
    std::vector<DeliveryOption> delivery_options;  // ids unset
    std::optional<std::int64_t> free_shipping_over;
    Visibility visibility = Visibility::PUBLIC;
    std::vector<Question> questions;  // ids unset
    Millis created_at = 0;
};

// A change to one product; unset members stay as they are.
struct ProductChange {
    ProductId id = 0;
    std::optional<std::string> name;
    std::optional<std::int64_t> price;
    std::optional<std::int64_t> stock_total;
    std::optional<std::optional<std::int64_t>> per_buyer_limit;
    std::optional<std::string> group{};
    std::optional<std::string> option{};
    std::optional<std::optional<std::int64_t>> group_limit{};
};

// A change to a form; unset members stay as they are.
struct FormChanges {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<Millis> opens_at;
    std::optional<Millis> closes_at;
    std::optional<int> deposit_deadline_hours;
    std::optional<BankAccount> bank_account;
    std::vector<ProductChange> products;
    // The whole new list: an option with an id keeps it (and is changed), one without is added,
    // and the form's options not listed are removed.
    std::optional<std::vector<DeliveryOption>> delivery_options;
    std::optional<std::optional<std::int64_t>> free_shipping_over;  // null: none
    std::vector<NewProduct> added_products;                         // placed after the others
    std::vector<ProductId> removed_products;  // only while no order holds them
    // The whole new list, like delivery_options.
    std::optional<std::vector<Question>> questions;
    Millis changed_at = 0;  // when the change is made (stamps the events it causes)
};

}  // namespace formlympics::domain
