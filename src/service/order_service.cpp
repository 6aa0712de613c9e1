#include "service/order_service.hpp"

#include "store/event_payloads.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;
using domain::OrderAction;

// A step that lost a race is judged again on the status that won, this often at most.
constexpr int kTransitionAttempts = 3;

// Who hears of a lifecycle step, and as what: the other party.
store::NewEvent event_for(const domain::Order& o, OrderAction action, domain::OrderStatus to,
                          const store::OrderNoticeExtras& extras = {}) {
    using domain::EventKind;
    const auto notice = [&](EventKind kind, domain::UserId receiver) {
        return store::NewEvent{kind, receiver, store::order_payload(kind, o, to, receiver, extras)};
    };
    switch (action) {
        case OrderAction::confirm_deposit:
            return notice(EventKind::deposit_confirmed, o.buyer_id);
        case OrderAction::ship:
            return notice(EventKind::shipped, o.buyer_id);
        case OrderAction::deliver:
            return notice(EventKind::delivered, o.buyer_id);
        case OrderAction::cancel_by_buyer:
            return notice(EventKind::order_cancelled, o.seller_id);
        case OrderAction::cancel_by_seller:
            return notice(EventKind::order_cancelled, o.buyer_id);
        case OrderAction::expire:
            return notice(EventKind::order_expired, o.buyer_id);
    }
    throw std::logic_error("an order action without an event");
}

}  // namespace

OrderService::OrderService(store::OrderRepository& orders, store::FormRepository& forms,
                           SaleEngine& engine, const util::Clock& clock)
    : orders_(orders), forms_(forms), engine_(engine), clock_(clock) {}

domain::Result<domain::Order> OrderService::get(domain::UserId caller, domain::OrderId id) {
    auto order = orders_.find(id);
    // Strangers learn nothing, not even that the order exists.
    if (!order || (order->buyer_id != caller && order->seller_id != caller)) {
        return domain::fail(Errc::not_found, "no such order");
    }
    return std::move(*order);
}

domain::Page<domain::Order> OrderService::mine(domain::UserId caller,
                                               std::optional<domain::FormId> form,
                                               std::size_t limit,
                                               std::optional<domain::OrderId> cursor) {
    return orders_.list_for_buyer(caller, form, limit, cursor);
}

domain::Result<domain::Page<domain::Order>> OrderService::for_form(
    domain::UserId caller, domain::FormId form, const store::OrderFilter& filter, std::size_t limit,
    std::optional<domain::OrderId> cursor) {
    auto f = forms_.find(form);
    // Someone else's draft is not theirs to learn of: the same answer as no form.
    if (!f || (f->seller_id != caller && !domain::published(*f))) {
        return domain::fail(Errc::not_found, "no such form");
    }
    if (f->seller_id != caller)
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    return orders_.list_for_form(form, filter, limit, cursor);
}

domain::Result<domain::Order> OrderService::transition(
    domain::UserId caller, domain::OrderId id, OrderAction action,
    const std::optional<domain::Shipment>& shipment) {
    auto order = get(caller, id);
    if (!order) return order.error();
    const bool seller = order->seller_id == caller;
    if (action == OrderAction::cancel_by_buyer && seller) action = OrderAction::cancel_by_seller;
    const bool sellers_step = action != OrderAction::cancel_by_buyer;
    if (sellers_step && !seller) {
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    }
    store::OrderNoticeExtras extras{shipment, std::nullopt};
    // The order as read carries the buyer's refund account as it is now: the buyer's
    // notification (written with the change) says where the refund goes.
    if (action == OrderAction::cancel_by_seller) extras.refund_account = order->refund_account;
    // The change is conditional on the status read; if another step won the race (the seller
    // confirmed the deposit while cancelling, say), judge the action again on the new status.
    std::optional<domain::Result<domain::Order>> changed;
    for (int attempt = 0; attempt < kTransitionAttempts; ++attempt) {
        if (attempt > 0) {
            order = get(caller, id);
            if (!order) return order.error();
        }
        auto next = domain::next_status(order.value(), action);
        if (!next) return next.error();
        changed =
            orders_.change_status(id, order->status, next.value(), clock_.now_millis(), shipment,
                                  {event_for(order.value(), action, next.value(), extras)});
        if (*changed || changed->error().code != Errc::invalid_transition) break;
    }
    if (!*changed) return changed->error();
    if (!domain::is_active((*changed)->status)) returned_stock(changed->value());
    return std::move(changed->value());
}

domain::Result<domain::Order> OrderService::mark_refunded(domain::UserId caller,
                                                          domain::OrderId id) {
    auto order = get(caller, id);
    if (!order) return order.error();
    if (order->seller_id != caller) {
        return domain::fail(Errc::forbidden, "only the form's seller may do that");
    }
    const auto kind = domain::EventKind::refunded;
    return orders_.mark_refunded(
        id, clock_.now_millis(),
        {{kind, order->buyer_id,
          store::order_payload(kind, order.value(), order->status, order->buyer_id, {})}});
}

std::size_t OrderService::expire_unpaid(std::size_t limit) {
    std::size_t expired = 0;
    for (auto id : orders_.unpaid_past_deadline(clock_.now_millis(), limit)) {
        auto found = orders_.find(id);
        if (!found) continue;
        auto order = orders_.change_status(
            id, domain::OrderStatus::CREATED, domain::OrderStatus::EXPIRED, clock_.now_millis(),
            std::nullopt, {event_for(*found, OrderAction::expire, domain::OrderStatus::EXPIRED)});
        if (!order) continue;  // paid or cancelled meanwhile, or another sweeper got it
        returned_stock(order.value());
        ++expired;
    }
    return expired;
}

void OrderService::returned_stock(const domain::Order& order) {
    std::vector<domain::ProductId> products;
    for (const auto& item : order.items) products.push_back(item.product_id);
    engine_.restocked(order.form_id, products);
}

}  // namespace formlympics::service
