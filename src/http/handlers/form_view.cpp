#include "http/handlers/form_view.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/handlers/banks.hpp"
#include "http/problem.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

Response no_such_form() {
    return problem_response(domain::fail(domain::Errc::not_found, "no such form"));
}

json::object bank_account_json(const domain::BankAccount& a) {
    return {{"bank", domain::bank_code(a.bank)},
            {"bank_name", bank_name_json(a.bank)},
            {"account_number", a.account_number},
            {"holder_name", a.holder_name}};
}

json::object image_json(const domain::Image& image) {
    return {{"id", image.id},
            {"url", domain::image_path(image.id, domain::ImageSize::large)},
            {"thumb_url", domain::image_path(image.id, domain::ImageSize::thumb)},
            {"width", image.width},
            {"height", image.height},
            {"position", image.position}};
}

json::array images_json(const std::vector<domain::Image>& images) {
    json::array out;
    for (const auto& image : images) out.push_back(image_json(image));
    return out;
}

json::object delivery_option_json(const domain::DeliveryOption& d) {
    json::object o{{"id", d.id},
                   {"kind", domain::kDeliveryKinds.name(d.kind)},
                   {"label", d.label},
                   {"fee", d.fee},
                   {"pickup_note", nullptr}};
    // An erased seller's note is gone: null, as on an option with none.
    if (d.kind == domain::DeliveryKind::PICKUP && !d.pickup_note.empty()) {
        o["pickup_note"] = d.pickup_note;
    }
    return o;
}

namespace {

json::array questions_json(const std::vector<domain::Question>& questions) {
    json::array out;
    for (const auto& q : questions) {
        json::object o{{"id", q.id},
                       {"label", q.label},
                       {"kind", domain::kQuestionKinds.name(q.kind)},
                       {"required", q.required}};
        json::array choices;
        for (const auto& c : q.choices) choices.emplace_back(c);
        o["choices"] = std::move(choices);
        out.push_back(std::move(o));
    }
    return out;
}

// The option groups, in the order their first option comes, each with its options' ids.
json::array groups_json(const std::vector<domain::Product>& products) {
    json::array out;
    std::vector<std::string> seen;
    for (const auto& p : products) {
        if (p.group.empty() || std::find(seen.begin(), seen.end(), p.group) != seen.end()) continue;
        seen.push_back(p.group);
        json::array ids;
        for (const auto& q : products) {
            if (q.group == p.group) ids.push_back(q.id);
        }
        json::object g{{"name", p.group}, {"product_ids", std::move(ids)}};
        g["limit"] = p.group_limit ? json::value(*p.group_limit) : nullptr;
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace

json::object form_json(const domain::Form& f, domain::Millis now) {
    json::array products;
    for (const auto& p : f.products) {
        json::object o{{"id", p.id},
                       {"name", p.name},
                       {"price", p.price},
                       {"stock_total", p.stock_total},
                       {"stock_remaining", p.stock_remaining}};
        o["per_buyer_limit"] = p.per_buyer_limit ? json::value(*p.per_buyer_limit) : nullptr;
        o["group"] = p.group.empty() ? json::value(nullptr) : json::value(p.group);
        o["option"] = p.group.empty() ? json::value(nullptr) : json::value(p.option);
        o["group_limit"] = p.group_limit ? json::value(*p.group_limit) : nullptr;
        o["images"] = images_json(p.images);
        products.push_back(std::move(o));
    }
    json::object o{{"id", f.id},
                   {"seller", {{"id", f.seller_id}, {"name", f.seller_name}}},
                   {"title", f.title},
                   {"description", f.description},
                   {"opens_at", util::format_rfc3339(f.opens_at)},
                   {"closes_at", util::format_rfc3339(f.closes_at)},
                   {"deposit_deadline_hours", f.deposit_deadline_hours},
                   {"status", domain::status_name(domain::form_status(f, now))},
                   {"likes", f.likes},
                   {"products", std::move(products)}};
    o["closed_at"] = f.closed_at ? json::value(util::format_rfc3339(*f.closed_at)) : nullptr;
    json::array options;
    for (const auto& d : f.delivery_options) options.push_back(delivery_option_json(d));
    o["delivery_options"] = std::move(options);
    o["free_shipping_over"] = f.free_shipping_over ? json::value(*f.free_shipping_over) : nullptr;
    o["groups"] = groups_json(f.products);
    o["questions"] = questions_json(f.questions);
    o["visibility"] = domain::kVisibilities.name(f.visibility);
    o["images"] = images_json(f.images);
    const auto* cover = domain::cover_of(f);
    o["cover"] = cover ? json::value(image_json(*cover)) : json::value(nullptr);
    return o;
}

json::object form_json_for_seller(const domain::Form& f, domain::Millis now) {
    auto o = form_json(f, now);
    o["bank_account"] = bank_account_json(f.bank_account);
    return o;
}

}  // namespace formlympics::http::handlers
