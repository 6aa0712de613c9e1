#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/delivery.hpp"
#include "domain/enum_names.hpp"
#include "domain/image.hpp"
#include "domain/question.hpp"
#include "domain/user.hpp"

namespace formlympics::domain {

using FormId = std::int64_t;
using ProductId = std::int64_t;
using Millis = std::int64_t;  // milliseconds since the Unix epoch, UTC

inline constexpr std::size_t kMaxProductsPerForm = 50;

// One product of a sale form. Money is integer won.
struct Product {
    ProductId id = 0;
    FormId form_id = 0;
    std::string name;
    std::int64_t price = 0;
    std::int64_t stock_total = 0;
    std::int64_t stock_remaining = 0;
    std::optional<std::int64_t> per_buyer_limit;  // nullopt: unlimited
    std::vector<Image> images;                    // in the seller's order
    // Products of one group are the options of one thing ("Photo card": "Version A", "Version
    // B"): each keeps its own stock and limit, and a buyer holds at most `group_limit` of the
    // group's options together. Empty group: a product on its own.
    std::string group{};
    std::string option{};
    std::optional<std::int64_t> group_limit{};  // the same on every product of the group

    std::int64_t sold() const { return stock_total - stock_remaining; }
};

// Who sees a form: a DRAFT its seller alone (it takes no orders, likes or coupon claims), a
// PUBLIC one everyone, listed and found by search, an UNLISTED one whoever has its link.
enum class Visibility { DRAFT, PUBLIC, UNLISTED };

inline constexpr EnumNames kVisibilities{std::array<std::pair<Visibility, std::string_view>, 3>{{
    {Visibility::DRAFT, "DRAFT"},
    {Visibility::PUBLIC, "PUBLIC"},
    {Visibility::UNLISTED, "UNLISTED"},
}}};

// A seller's sale form: an order window, deposit terms and products with limited stock.
struct Form {
    FormId id = 0;
    UserId seller_id = 0;
    std::string seller_name;
    std::string title;
    std::string description;
    Millis opens_at = 0;
    Millis closes_at = 0;
    int deposit_deadline_hours = 24;
    BankAccount bank_account;
    std::optional<Millis> closed_at;  // set when the seller ended the sale early
    std::int64_t likes = 0;
    Millis created_at = 0;
    std::vector<Product> products;
    // Empty: the form needs no delivery (digital goods, hand-over arranged later), and its
    // orders carry none.
    std::vector<DeliveryOption> delivery_options;
    std::optional<std::int64_t> free_shipping_over;
    std::vector<Image> images;  // the cover gallery, the first one the cover
    Visibility visibility = Visibility::PUBLIC;
    std::vector<Question> questions;  // asked of every buyer, in the seller's order

    const Product* product(ProductId id) const {
        for (const auto& p : products) {
            if (p.id == id) return &p;
        }
        return nullptr;
    }
    const DeliveryOption* delivery_option(std::int64_t id) const {
        for (const auto& o : delivery_options) {
            if (o.id == id) return &o;
        }
        return nullptr;
    }
};

enum class FormStatus { upcoming, open, sold_out, closed };

inline constexpr EnumNames kFormStatuses{std::array<std::pair<FormStatus, std::string_view>, 4>{{
    {FormStatus::upcoming, "upcoming"},
    {FormStatus::open, "open"},
    {FormStatus::sold_out, "sold_out"},
    {FormStatus::closed, "closed"},
}}};

// The wire name of a status, e.g. "sold_out".
constexpr std::string_view status_name(FormStatus status) { return kFormStatuses.name(status); }
// The status with that wire name, or nullopt.
constexpr std::optional<FormStatus> parse_form_status(std::string_view name) {
    return kFormStatuses.parse(name);
}

// Where the form stands at `now`: closed once closes_at passed or the seller closed it, upcoming
// before opens_at, sold_out while open with no stock left, open otherwise.
FormStatus form_status(const Form& form, Millis now);

// True while orders are accepted: the window is open and the seller has not closed the sale.
inline bool window_open(const Form& form, Millis now) {
    return !form.closed_at && now >= form.opens_at && now < form.closes_at;
}

// Whether anyone but the seller may see the form.
inline bool published(const Form& form) { return form.visibility != Visibility::DRAFT; }

// The picture that stands for the form in a list or a link preview: its cover, or failing that
// the first product picture (many sellers show only their products); nullptr when it has none.
const Image* cover_of(const Form& form);

}  // namespace formlympics::domain
