#include "service/form_service.hpp"

#include "store/event_payloads.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

// A new draft carrying what a form asks and sells, with fresh stock and no orders.
domain::NewForm draft_of(const domain::Form& f, domain::Millis now) {
    domain::NewForm n;
    n.seller_id = f.seller_id;
    n.title = f.title;
    n.description = f.description;
    n.opens_at = f.opens_at;
    n.closes_at = f.closes_at;
    n.deposit_deadline_hours = f.deposit_deadline_hours;
    n.bank_account = f.bank_account;
    for (const auto& p : f.products) {
        n.products.push_back(domain::NewProduct{p.name, p.price, p.stock_total, p.per_buyer_limit,
                                                p.group, p.option, p.group_limit});
    }
    n.delivery_options = f.delivery_options;
    for (auto& o : n.delivery_options) o.id = 0;
    n.free_shipping_over = f.free_shipping_over;
    n.visibility = domain::Visibility::DRAFT;
    n.questions = f.questions;
    for (auto& q : n.questions) q.id = 0;
    n.created_at = now;
    return n;
}

}  // namespace

FormService::FormService(store::FormRepository& forms, SaleEngine& engine, const util::Clock& clock)
    : forms_(forms), engine_(engine), clock_(clock) {}

void FormService::drop_images(const std::vector<std::string>& ids) const {
    if (!ids.empty() && images_dropped_) images_dropped_(ids);
}

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
    // A draft is its seller's alone: to anyone else it does not exist.
    if (!form || !domain::published(*form)) return domain::fail(Errc::not_found, "no such form");
    return std::move(*form);
}

domain::Page<domain::Form> FormService::list(const store::FormFilter& filter, std::size_t limit,
                                             std::optional<domain::FormId> cursor) {
    return forms_.list(filter, limit, cursor, clock_.now_millis());
}

domain::Result<domain::Form> FormService::owned(domain::UserId caller, domain::FormId id) {
    auto form = forms_.find(id);
    if (!form) return domain::fail(Errc::not_found, "no such form");
    if (form->seller_id == caller) return std::move(*form);
    // Someone else's draft is not theirs to learn of.
    if (!domain::published(*form)) return domain::fail(Errc::not_found, "no such form");
    return domain::fail(Errc::forbidden, "only the form's seller may do that");
}

domain::Result<SellerForm> FormService::mine(domain::UserId seller, domain::FormId id) {
    auto form = forms_.find(id);
    // Another seller's form is not theirs to find: the same answer as no form.
    if (!form || form->seller_id != seller) return domain::fail(Errc::not_found, "no such form");
    auto counts = forms_.order_counts({id});
    return SellerForm{std::move(*form), std::move(counts[id])};
}

domain::Page<SellerForm> FormService::mine(domain::UserId seller, const store::SellerFilter& filter,
                                           std::size_t limit,
                                           std::optional<domain::FormId> cursor) {
    auto page = forms_.list_by_seller(seller, filter, limit, cursor, clock_.now_millis());
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
                                                 domain::FormChanges c) {
    auto form = owned(caller, id);
    if (!form) return form;
    const auto now = clock_.now_millis();
    if (domain::form_status(form.value(), now) == domain::FormStatus::closed) {
        return domain::fail(Errc::conflict, "the sale has closed; a closed form cannot be changed");
    }
    if (auto errors = check_form_change(form.value(), c, now); !errors.empty()) {
        return domain::invalid_fields(std::move(errors));
    }
    std::vector<domain::ProductId> more_stock;
    for (const auto& pc : c.products) {
        const auto* current = form->product(pc.id);
        if (pc.stock_total && *pc.stock_total > current->stock_total) more_stock.push_back(pc.id);
    }
    std::vector<std::string> dropped;
    for (const auto pid : c.removed_products) {
        for (const auto& image : form->product(pid)->images) dropped.push_back(image.id);
    }
    // Before opening, the store re-checks that the form has still not opened when it writes.
    const bool opened = domain::published(form.value()) && now >= form->opens_at;
    c.changed_at = now;
    auto updated = forms_.update(id, c, opened ? std::nullopt : std::optional(now));
    if (!updated) return updated;
    if (!more_stock.empty()) engine_.restocked(id, more_stock);
    drop_images(dropped);
    return updated;
}

domain::Result<domain::Form> FormService::publish(domain::UserId caller, domain::FormId id,
                                                  domain::Visibility visibility) {
    if (visibility == domain::Visibility::DRAFT) {
        return domain::invalid_fields(
            {{"visibility", "must be PUBLIC or UNLISTED: a published form stays published"}});
    }
    auto form = owned(caller, id);
    if (!form) return form;
    const auto now = clock_.now_millis();
    if (!domain::published(form.value()) && form->closes_at <= now) {
        return domain::invalid_fields(
            {{"closes_at", "has passed: move the order window before publishing"}});
    }
    return forms_.set_visibility(id, visibility, now);
}

domain::Result<domain::Form> FormService::copy(domain::UserId caller, domain::FormId id) {
    auto form = owned(caller, id);
    if (!form) return form;
    return forms_.create(draft_of(form.value(), clock_.now_millis()));
}

std::optional<domain::Error> FormService::remove(domain::UserId caller, domain::FormId id) {
    auto form = owned(caller, id);
    if (!form) return form.error();
    auto images = forms_.remove(id);
    if (!images) return images.error();
    drop_images(images.value());
    return std::nullopt;
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
