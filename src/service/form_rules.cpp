#include "service/form_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/account_rules.hpp"
#include "domain/text.hpp"

namespace formlympics::service {
namespace {

constexpr std::int64_t kMaxPrice = 100'000'000'000;  // 100 billion won
constexpr std::int64_t kMaxStock = 10'000'000;

void check_product(std::vector<domain::FieldError>& out, const std::string& at,
                   const std::optional<std::string>& name, std::optional<std::int64_t> price,
                   std::optional<std::int64_t> stock, std::optional<std::int64_t> limit) {
    if (name) domain::check_text(out, at + ".name", *name, 1, 100);
    if (price && (*price < 0 || *price > kMaxPrice)) {
        out.push_back({at + ".price", "must be 0 to 100,000,000,000 won"});
    }
    if (stock && (*stock < 0 || *stock > kMaxStock)) {
        out.push_back({at + ".stock", "must be 0 to 10,000,000"});
    }
    if (limit && (*limit < 1 || *limit > kMaxStock)) {
        out.push_back({at + ".per_buyer_limit", "must be 1 to 10,000,000"});
    }
}

// A product as its group sees it, for the group rules of a new form and of a change.
struct GroupSlot {
    std::string at;  // the field that names it in an error
    std::string group;
    std::string option;
    std::optional<std::int64_t> limit;
    bool limit_given = false;  // stated in this request (null lifts it)
};

// Checks the option groups and settles each group's limit: the one stated in the request
// (every statement must agree), else the one the group had. Every slot of a group gets it.
void settle_groups(std::vector<domain::FieldError>& out, std::vector<GroupSlot>& slots) {
    std::map<std::string, std::optional<std::int64_t>> stated;
    std::map<std::string, std::optional<std::int64_t>> had;
    std::set<std::pair<std::string, std::string>> options;
    for (const auto& s : slots) {
        if (s.group.empty()) {
            if (!s.option.empty()) out.push_back({s.at + ".option", "needs a group"});
            if (s.limit_given && s.limit) out.push_back({s.at + ".group_limit", "needs a group"});
            continue;
        }
        domain::check_text(out, s.at + ".group", s.group, 1, 50);
        domain::check_text(out, s.at + ".option", s.option, 1, 50);
        if (!options.emplace(s.group, s.option).second) {
            out.push_back(
                {s.at + ".option", "'" + s.option + "' is already an option of '" + s.group + "'"});
        }
        if (s.limit && (*s.limit < 1 || *s.limit > kMaxStock)) {
            out.push_back({s.at + ".group_limit", "must be 1 to 10,000,000"});
        }
        if (!s.limit_given) {
            had.emplace(s.group, s.limit);
        } else if (auto [it, first] = stated.emplace(s.group, s.limit);
                   !first && it->second != s.limit) {
            out.push_back({s.at + ".group_limit",
                           "every option of '" + s.group + "' has the same group_limit"});
        }
    }
    for (auto& s : slots) {
        if (s.group.empty()) {
            s.limit.reset();
        } else if (auto it = stated.find(s.group); it != stated.end()) {
            s.limit = it->second;
        } else {
            s.limit = had[s.group];
        }
    }
}

void check_products_count(std::vector<domain::FieldError>& out, std::size_t n) {
    if (n == 0 || n > domain::kMaxProductsPerForm) {
        out.push_back({"products", "must hold 1 to 50 products"});
    }
}

void check_texts(std::vector<domain::FieldError>& out, const std::optional<std::string>& title,
                 const std::optional<std::string>& description) {
    if (title) domain::check_text(out, "title", *title, 1, 100);
    if (description) {
        domain::check_text(out, "description", *description, 0, 5000, domain::TextKind::multiline);
    }
}

void check_bank_account(std::vector<domain::FieldError>& out, const domain::BankAccount& account) {
    for (auto& e : domain::check_refund_account(account)) {
        out.push_back({"bank_account." + e.field, e.message, e.rule});
    }
}

void check_deposit_hours(std::vector<domain::FieldError>& out, int hours) {
    if (hours < 1 || hours > 720) out.push_back({"deposit_deadline_hours", "must be 1 to 720"});
}

// The problems of a change to the delivery options: ids of other forms, and after the opening
// anything that would change what a buyer already agreed to (an option removed or of another
// kind, a fee changed, delivery started on a form that opened without it).
void check_delivery_change(std::vector<domain::FieldError>& out, const domain::Form& form,
                           const domain::FormChanges& c, bool opened) {
    const auto& options = c.delivery_options ? *c.delivery_options : form.delivery_options;
    const auto threshold = c.free_shipping_over ? *c.free_shipping_over : form.free_shipping_over;
    if (c.delivery_options || c.free_shipping_over) {
        for (auto& e : domain::check_delivery_options(options, threshold)) {
            out.push_back(std::move(e));
        }
    }
    if (opened && c.free_shipping_over && *c.free_shipping_over != form.free_shipping_over) {
        out.push_back({"free_shipping_over", "may not change after the sale opened"});
    }
    if (!c.delivery_options) return;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const auto& o = options[i];
        const auto at = "delivery_options[" + std::to_string(i) + "]";
        if (o.id == 0) {
            if (opened && form.delivery_options.empty()) {
                out.push_back({at, "a form that opened without delivery cannot start one"});
            }
            continue;
        }
        const auto* current = form.delivery_option(o.id);
        if (current == nullptr) {
            out.push_back({at + ".id", "is not a delivery option of this form"});
        } else if (opened && (o.fee != current->fee || o.kind != current->kind)) {
            out.push_back({at, "its fee and kind may not change after the sale opened"});
        }
    }
    if (!opened) return;
    for (const auto& current : form.delivery_options) {
        const bool kept = std::any_of(options.begin(), options.end(),
                                      [&](const auto& o) { return o.id == current.id; });
        if (!kept) {
            out.push_back({"delivery_options", "option " + std::to_string(current.id) +
                                                   " may not be removed after the sale opened"});
        }
    }
}

}  // namespace

std::vector<domain::FieldError> check_new_form(domain::NewForm& f) {
    std::vector<domain::FieldError> out;
    check_texts(out, f.title, f.description);
    if (f.opens_at >= f.closes_at) out.push_back({"closes_at", "must be after opens_at"});
    check_deposit_hours(out, f.deposit_deadline_hours);
    check_bank_account(out, f.bank_account);
    check_products_count(out, f.products.size());
    std::vector<GroupSlot> slots;
    for (std::size_t i = 0; i < f.products.size(); ++i) {
        const auto& p = f.products[i];
        const auto at = "products[" + std::to_string(i) + "]";
        check_product(out, at, p.name, p.price, p.stock, p.per_buyer_limit);
        slots.push_back({at, p.group, p.option, p.group_limit, p.group_limit.has_value()});
    }
    settle_groups(out, slots);
    for (std::size_t i = 0; i < f.products.size(); ++i) f.products[i].group_limit = slots[i].limit;
    for (auto& e : domain::check_delivery_options(f.delivery_options, f.free_shipping_over)) {
        out.push_back(std::move(e));
    }
    for (auto& e : domain::check_questions(f.questions)) out.push_back(std::move(e));
    return out;
}

namespace {

// Checks the products a change names, adds and removes, then settles the groups of the
// products as they will be, adding to the change what settling changed.
void check_product_changes(std::vector<domain::FieldError>& out, const domain::Form& form,
                           domain::FormChanges& c, bool opened) {
    for (std::size_t i = 0; i < c.products.size(); ++i) {
        const auto& pc = c.products[i];
        const auto at = "products[" + std::to_string(i) + "]";
        std::optional<std::int64_t> limit;
        if (pc.per_buyer_limit) limit = *pc.per_buyer_limit;
        check_product(out, at, pc.name, pc.price, pc.stock_total, limit);
        const auto* current = form.product(pc.id);
        if (current == nullptr) {
            out.push_back({at + ".id", "is not a product of this form"});
            continue;
        }
        if (opened && (pc.name || pc.price || pc.per_buyer_limit || pc.group || pc.option ||
                       pc.group_limit)) {
            out.push_back({at, "only stock may change after the sale opened"});
        }
        if (opened && pc.stock_total && *pc.stock_total < current->stock_total) {
            out.push_back({at + ".stock", "may only grow after the sale opened"});
        }
    }
    for (std::size_t i = 0; i < c.added_products.size(); ++i) {
        const auto& p = c.added_products[i];
        check_product(out, "add_products[" + std::to_string(i) + "]", p.name, p.price, p.stock,
                      p.per_buyer_limit);
    }
    for (const auto id : c.removed_products) {
        if (form.product(id) == nullptr) {
            out.push_back({"remove_products",
                           "product " + std::to_string(id) + " is not a product of this form"});
        }
    }
    if (opened) {
        if (!c.added_products.empty() || !c.removed_products.empty()) {
            out.push_back({"products", "products may be added or removed only before the opening"});
        }
        return;
    }
    std::size_t kept = 0;
    std::vector<GroupSlot> slots;
    std::vector<const domain::Product*> current;
    for (const auto& p : form.products) {
        if (std::find(c.removed_products.begin(), c.removed_products.end(), p.id) !=
            c.removed_products.end()) {
            continue;
        }
        ++kept;
        GroupSlot s{"products", p.group, p.option, p.group_limit, false};
        for (const auto& pc : c.products) {
            if (pc.id != p.id) continue;
            if (pc.group) s.group = *pc.group;
            if (pc.option) s.option = *pc.option;
            if (pc.group_limit) {
                s.limit = *pc.group_limit;
                s.limit_given = true;
            }
        }
        slots.push_back(std::move(s));
        current.push_back(&p);
    }
    for (const auto& p : c.added_products) {
        slots.push_back({"products", p.group, p.option, p.group_limit, p.group_limit.has_value()});
    }
    check_products_count(out, kept + c.added_products.size());
    settle_groups(out, slots);
    for (std::size_t k = 0; k < current.size(); ++k) {
        if (slots[k].limit == current[k]->group_limit) continue;
        auto it = std::find_if(c.products.begin(), c.products.end(),
                               [&](const auto& pc) { return pc.id == current[k]->id; });
        if (it == c.products.end()) {
            domain::ProductChange settled;
            settled.id = current[k]->id;
            c.products.push_back(std::move(settled));
            it = std::prev(c.products.end());
        }
        it->group_limit = slots[k].limit;
    }
    for (std::size_t k = 0; k < c.added_products.size(); ++k) {
        c.added_products[k].group_limit = slots[current.size() + k].limit;
    }
}

}  // namespace

std::vector<domain::FieldError> check_form_change(const domain::Form& form, domain::FormChanges& c,
                                                  domain::Millis now) {
    const bool opened = domain::published(form) && now >= form.opens_at;
    std::vector<domain::FieldError> errors;
    check_texts(errors, c.title, c.description);
    if (c.deposit_deadline_hours) check_deposit_hours(errors, *c.deposit_deadline_hours);
    if (c.bank_account) check_bank_account(errors, *c.bank_account);
    if (c.closes_at && *c.closes_at <= now && opened) {
        errors.push_back({"closes_at", "must not be in the past"});
    }
    check_product_changes(errors, form, c, opened);
    check_delivery_change(errors, form, c, opened);
    if (c.questions) {
        for (auto& e : domain::check_questions(*c.questions)) errors.push_back(std::move(e));
        if (opened) errors.push_back({"questions", "may change only before the opening"});
    }
    if (opened && (c.title || c.opens_at || c.deposit_deadline_hours || c.bank_account)) {
        errors.push_back(
            {"form", "after opening only description, closes_at and added stock may change"});
    }
    return errors;
}

}  // namespace formlympics::service
