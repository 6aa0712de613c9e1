#include "http/handlers/order_view.hpp"

#include <boost/json.hpp>

#include "http/handlers/banks.hpp"
#include "http/handlers/form_view.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

namespace {

// {code, name: {ko, en}}, as the shipped notification names it.
json::object courier_json(domain::Courier courier) {
    const auto& row = domain::courier_row(courier);
    return {{"code", domain::kCouriers.name(courier)},
            {"name", json::object{{"ko", row.ko}, {"en", row.en}}}};
}

}  // namespace

json::object order_json(const domain::Order& o) {
    json::array items;
    for (const auto& i : o.items) {
        json::object item{{"product_id", i.product_id},
                          {"name", i.product_name},
                          {"quantity", i.quantity},
                          {"unit_price", i.unit_price}};
        item["group"] = i.group.empty() ? json::value(nullptr) : json::value(i.group);
        item["option"] = i.group.empty() ? json::value(nullptr) : json::value(i.option);
        items.push_back(std::move(item));
    }
    json::array answers;
    for (const auto& a : o.answers) {
        answers.push_back(
            json::object{{"question_id", a.question_id}, {"label", a.label}, {"value", a.value}});
    }
    json::object out{{"id", o.id},
                     {"form_id", o.form_id},
                     {"buyer_id", o.buyer_id},
                     {"status", domain::status_name(o.status)},
                     {"items", std::move(items)},
                     {"answers", std::move(answers)},
                     {"total", o.total},
                     {"items_total", o.total},
                     {"shipping_fee", o.shipping_fee},
                     {"discount", o.discount},
                     {"amount", o.amount()},
                     {"deposit",
                      {{"bank", domain::bank_code(o.deposit_account.bank)},
                       {"bank_name", bank_name_json(o.deposit_account.bank)},
                       {"account_number", o.deposit_account.account_number},
                       {"holder_name", o.deposit_account.holder_name},
                       {"depositor_name", o.depositor_name},
                       {"amount", o.amount()},
                       {"deadline", util::format_rfc3339(o.deposit_deadline)}}},
                     {"created_at", util::format_rfc3339(o.created_at)},
                     {"updated_at", util::format_rfc3339(o.updated_at)}};
    out["tracking_number"] = nullptr;
    out["courier"] = nullptr;
    out["tracking_url"] = nullptr;
    if (o.shipment) {
        const auto& s = *o.shipment;
        out["tracking_number"] = s.tracking_number;
        if (s.courier) out["courier"] = courier_json(*s.courier);
        out["tracking_url"] = domain::tracking_url(s.courier, s.tracking_number);
    }
    out["user_coupon_id"] = o.user_coupon_id ? json::value(*o.user_coupon_id) : nullptr;
    out["paid_at"] = o.paid_at ? json::value(util::format_rfc3339(*o.paid_at)) : nullptr;
    // What the seller owes back on a paid order they cancelled, and where it goes: the buyer's
    // refund account as it is now, so one added after the cancellation shows too; and once the
    // seller marks it sent, when.
    out["refund"] = nullptr;
    if (o.refunded_or_due()) {
        out["refund"] = json::object{
            {"amount", o.amount()},
            {"account", o.refund_account ? json::value(bank_account_json(*o.refund_account))
                                         : json::value(nullptr)},
            {"refunded_at", o.refunded_at ? json::value(util::format_rfc3339(*o.refunded_at))
                                          : json::value(nullptr)}};
    }
    // Personal data: order_json is only ever shown to the order's buyer and the form's seller.
    if (o.delivery) {
        const auto& r = o.delivery->recipient;
        json::object d{{"option", delivery_option_json(o.delivery->option)},
                       {"recipient_name", r.name},
                       {"phone", r.phone}};
        if (o.delivery->option.kind != domain::DeliveryKind::PICKUP) {
            d["address1"] = r.address1;
            d["address2"] = r.address2;
            d["zipcode"] = r.zipcode;
        }
        out["delivery"] = std::move(d);
    }
    return out;
}

}  // namespace formlympics::http::handlers
