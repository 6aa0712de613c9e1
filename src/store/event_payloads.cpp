#include "store/event_payloads.hpp"

#include <boost/json.hpp>

#include "util/rfc3339.hpp"

namespace formlympics::store {
namespace json = boost::json;

namespace {

json::object party(domain::UserId id, const std::string& name) {
    return {{"id", id}, {"name", name}};
}

json::object names(std::string_view ko, std::string_view en) { return {{"ko", ko}, {"en", en}}; }

json::object form_fields(const FormNotice& form) {
    return {{"form_id", form.id},
            {"form_title", form.title},
            {"seller", party(form.seller_id, form.seller_name)}};
}

// The step's news: what was shipped and where to follow it.
void add_shipment(json::object& o, const domain::Shipment& s) {
    o["tracking_number"] = s.tracking_number;
    if (s.courier) {
        const auto& row = domain::courier_row(*s.courier);
        o["courier"] = json::object{{"code", domain::kCouriers.name(*s.courier)},
                                    {"name", names(row.ko, row.en)}};
    } else {
        o["courier"] = nullptr;
    }
    o["tracking_url"] = domain::tracking_url(s.courier, s.tracking_number);
}

json::value refund_account_json(const std::optional<domain::RefundAccount>& a) {
    if (!a) return nullptr;
    const auto& bank = domain::bank_row(a->bank);
    return json::object{{"bank", bank.code},
                        {"bank_name", names(bank.ko, bank.en)},
                        {"account_number", a->account_number},
                        {"holder_name", a->holder_name}};
}

}  // namespace

std::string like_payload(domain::FormId form, const std::string& form_title, domain::UserId liker,
                         const std::string& liker_name) {
    return json::serialize(json::object{{"form_id", form},
                                        {"form_title", form_title},
                                        {"user_id", liker},
                                        {"liker", party(liker, liker_name)}});
}

std::string order_payload(domain::EventKind kind, const domain::Order& order,
                          domain::OrderStatus status, domain::UserId receiver,
                          const OrderNoticeExtras& extras) {
    using domain::EventKind;
    json::array items;
    for (const auto& i : order.items) {
        json::object item{
            {"product_id", i.product_id}, {"name", i.product_name}, {"quantity", i.quantity}};
        // An option reads as "Photo card · Version A" without another request.
        if (!i.group.empty()) {
            item["group"] = i.group;
            item["option"] = i.option;
        }
        items.push_back(std::move(item));
    }
    json::object o{{"order_id", order.id},
                   {"form_id", order.form_id},
                   {"form_title", order.form_title},
                   {"buyer_id", order.buyer_id},
                   {"status", domain::status_name(status)},
                   {"items", std::move(items)},
                   {"amount", order.amount()}};
    const bool to_buyer = receiver == order.buyer_id;
    if (to_buyer) {
        o["seller"] = party(order.seller_id, order.seller_name);
    } else {
        o["buyer"] = party(order.buyer_id, order.buyer_name);
    }
    if (kind == EventKind::order_placed) o["depositor_name"] = order.depositor_name;
    if (kind == EventKind::order_placed || kind == EventKind::order_expired) {
        o["deposit_deadline"] = util::format_rfc3339(order.deposit_deadline);
    }
    if (kind == EventKind::shipped && extras.shipment) add_shipment(o, *extras.shipment);
    // Picked up or handed over in person, not brought by a courier.
    if (kind == EventKind::delivered) o["handed_over"] = !order.sent_by_post() && !order.shipment;
    if (kind == EventKind::order_cancelled) {
        o["cancelled_by"] = to_buyer ? "seller" : "buyer";
        // Personal data goes only to whom it belongs: never into the seller's notification.
        if (to_buyer) {
            o["refund_account"] = refund_account_json(extras.refund_account);
            o["refund_due"] = order.status != domain::OrderStatus::CREATED && order.amount() > 0;
        }
    }
    return json::serialize(o);
}

std::string opening_soon_payload(const FormNotice& form, domain::Millis opens_at) {
    auto o = form_fields(form);
    o["title"] = form.title;
    o["opens_at"] = util::format_rfc3339(opens_at);
    return json::serialize(o);
}

std::string restocked_payload(const FormNotice& form, domain::ProductId product,
                              const std::string& product_name, std::int64_t remaining) {
    auto o = form_fields(form);
    o["product_id"] = product;
    o["product_name"] = product_name;
    o["remaining"] = remaining;
    return json::serialize(o);
}

}  // namespace formlympics::store
