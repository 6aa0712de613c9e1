#include "service/form_service.hpp"

#include <algorithm>

#include "domain/account_rules.hpp"
#include "store/event_payloads.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

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

}  // namespace

std::vector<domain::FieldError> check_new_form(const domain::NewForm& f) {
    std::vector<domain::FieldError> out;
    domain::check_text(out, "title", f.title, 1, 100);
    domain::check_text(out, "description", f.description, 0, 5000, domain::TextKind::multiline);
    if (f.opens_at >= f.closes_at) out.push_back({"closes_at", "must be after opens_at"});
    if (f.deposit_deadline_hours < 1 || f.deposit_deadline_hours > 720) {
        out.push_back({"deposit_deadline_hours", "must be 1 to 720"});
    }
    for (auto& e : domain::check_refund_account(f.bank_account)) {
        out.push_back({"bank_account." + e.field, e.message});
    }
    if (f.products.empty() || f.products.size() > domain::kMaxProductsPerForm) {
        out.push_back({"products", "must hold 1 to 50 products"});
    }
    for (std::size_t i = 0; i < f.products.size(); ++i) {
        const auto& p = f.products[i];
        check_product(out, "products[" + std::to_string(i) + "]", p.name, p.price, p.stock,
                      p.per_buyer_limit);
    }
    for (auto& e : domain::check_delivery_options(f.delivery_options, f.free_shipping_over)) {
        out.push_back(std::move(e));
    }
    return out;
}

namespace {

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

FormService::FormService(store::FormRepository& forms, SaleEngine& engine, const util::Clock& clock)
    : forms_(forms), engine_(engine), clock_(clock) {}

domain::Result<domain::Form> FormService::create(domain::UserId seller, domain::NewForm form) {
    form.seller_id = seller;
    form.created_at = clock_.now_millis();
    if (auto errors = check_new_form(form); !errors.empty()) {
        return domain::invalid_fields(std::move(errors));
    }
    return forms_.create(form);
}

domain::Result<domain::Form> FormService::get(domain::FormId id) {
    auto form = forms_.find(id);
    if (!form) return domain::fail(Errc::not_found, "no such form");
    return std::move(*form);
}

domain::Page<domain::Form> FormService::list(std::optional<domain::FormStatus> status,
                                             std::size_t limit,
                                             std::optional<domain::FormId> cursor) {
    return forms_.list(status, limit, cursor, clock_.now_millis());
}

domain::Result<domain::Form> FormService::owned(domain::UserId caller, domain::FormId id) {
    auto form = get(id);
    if (form && form->seller_id != caller) {
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    }
    return form;
}

domain::Result<SellerForm> FormService::mine(domain::UserId seller, domain::FormId id) {
    auto form = get(id);
    // Another seller's form is not theirs to find: the same answer as no form.
    if (!form || form->seller_id != seller) return domain::fail(Errc::not_found, "no such form");
    auto counts = forms_.order_counts({id});
    return SellerForm{std::move(form.value()), std::move(counts[id])};
}

domain::Page<SellerForm> FormService::mine(domain::UserId seller, std::size_t limit,
                                           std::optional<domain::FormId> cursor) {
    auto page = forms_.list_by_seller(seller, limit, cursor);
    std::vector<domain::FormId> ids;
    for (const auto& f : page.items) ids.push_back(f.id);
    auto counts = forms_.order_counts(ids);
    domain::Page<SellerForm> out;
    out.next_cursor = page.next_cursor;
    for (auto& f : page.items) {
        auto orders = std::move(counts[f.id]);
        out.items.push_back(SellerForm{std::move(f), std::move(orders)});
    }
    return out;
}

domain::Result<domain::Form> FormService::update(domain::UserId caller, domain::FormId id,
                                                 const domain::FormChanges& c) {
    auto form = owned(caller, id);
    if (!form) return form;
    const auto now = clock_.now_millis();
    if (domain::form_status(form.value(), now) == domain::FormStatus::closed) {
        return domain::fail(Errc::conflict, "the sale has closed; a closed form cannot be changed");
    }
    const bool opened = now >= form->opens_at;
    std::vector<domain::FieldError> errors;
    if (c.title) domain::check_text(errors, "title", *c.title, 1, 100);
    if (c.description) {
        domain::check_text(errors, "description", *c.description, 0, 5000,
                           domain::TextKind::multiline);
    }
    if (c.deposit_deadline_hours &&
        (*c.deposit_deadline_hours < 1 || *c.deposit_deadline_hours > 720)) {
        errors.push_back({"deposit_deadline_hours", "must be 1 to 720"});
    }
    if (c.bank_account) {
        for (auto& e : domain::check_refund_account(*c.bank_account)) {
            errors.push_back({"bank_account." + e.field, e.message});
        }
    }
    if (c.closes_at && *c.closes_at <= now && opened) {
        errors.push_back({"closes_at", "must not be in the past"});
    }
    std::vector<domain::ProductId> more_stock;
    for (std::size_t i = 0; i < c.products.size(); ++i) {
        const auto& pc = c.products[i];
        const auto at = "products[" + std::to_string(i) + "]";
        std::optional<std::int64_t> limit;
        if (pc.per_buyer_limit) limit = *pc.per_buyer_limit;
        check_product(errors, at, pc.name, pc.price, pc.stock_total, limit);
        const auto* current = form->product(pc.id);
        if (current == nullptr) {
            errors.push_back({at + ".id", "is not a product of this form"});
            continue;
        }
        if (opened && (pc.name || pc.price || pc.per_buyer_limit)) {
            errors.push_back({at, "only stock may change after the sale opened"});
        }
        if (pc.stock_total && *pc.stock_total > current->stock_total) more_stock.push_back(pc.id);
        if (opened && pc.stock_total && *pc.stock_total < current->stock_total) {
            errors.push_back({at + ".stock", "may only grow after the sale opened"});
        }
    }
    check_delivery_change(errors, form.value(), c, opened);
    if (opened && (c.title || c.opens_at || c.deposit_deadline_hours || c.bank_account)) {
        errors.push_back(
            {"form", "after opening only description, closes_at and added stock may change"});
    }
    if (!errors.empty()) return domain::invalid_fields(std::move(errors));
    // Before opening, the store re-checks that the form has still not opened when it writes.
    auto stamped = c;
    stamped.changed_at = now;
    auto updated = forms_.update(id, stamped, opened ? std::nullopt : std::optional(now));
    if (updated && !more_stock.empty()) engine_.restocked(id, more_stock);
    return updated;
}

domain::Result<domain::Form> FormService::close(domain::UserId caller, domain::FormId id) {
    auto form = owned(caller, id);
    if (!form) return form;
    auto closed = forms_.close(id, clock_.now_millis());
    if (!closed) return domain::fail(Errc::not_found, "no such form");
    return std::move(*closed);
}

std::size_t FormService::announce_opening_soon(std::chrono::milliseconds lead, std::size_t limit) {
    const auto now = clock_.now_millis();
    std::size_t told = 0;
    for (const auto& f : forms_.opening_soon(now, lead.count(), limit)) {
        const store::FormNotice notice{f.id, f.title, f.seller_id, f.seller_name};
        if (forms_.announce_opening(f.id, store::opening_soon_payload(notice, f.opens_at), now)) {
            ++told;
        }
    }
    return told;
}

}  // namespace formlympics::service
