// Orders: placing them, reading them and moving them through their lifecycle.
#include "http/handlers/orders.hpp"

#include <boost/json.hpp>

#include "domain/text.hpp"
#include "http/handlers/form_view.hpp"
#include "http/handlers/order_view.hpp"
#include "http/handlers/page_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "util/decimal.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;
using domain::Errc;

namespace {

constexpr std::size_t kMaxKeyBytes = 255;

// 1 to kMaxKeyBytes printable ASCII characters.
bool valid_key(std::string_view key) {
    return !key.empty() && key.size() <= kMaxKeyBytes &&
           std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::optional<domain::DeliveryRequest> read_delivery(ObjectReader& in) {
    const auto* o = in.object("delivery", true);
    if (o == nullptr) return std::nullopt;
    ObjectReader d(*o, {"option_id", "recipient_name", "phone", "address1", "address2", "zipcode"},
                   "delivery.");
    domain::DeliveryRequest r;
    r.option_id = d.integer("option_id");
    r.recipient_name = d.optional_string("recipient_name");
    r.phone = d.optional_string("phone");
    r.address1 = d.optional_string("address1");
    r.address2 = d.optional_string("address2");
    r.zipcode = d.optional_string("zipcode");
    in.absorb(d);
    return r;
}

domain::Result<domain::OrderRequest> read_order(const json::object& body,
                                                const domain::Caller& buyer) {
    ObjectReader in(body, {"items", "depositor_name", "user_coupon_id", "delivery", "answers"});
    domain::OrderRequest r;
    r.buyer_id = buyer.id;
    r.buyer_name = buyer.name;
    r.depositor_name = in.string("depositor_name");
    r.user_coupon_id = in.optional_integer("user_coupon_id");
    r.delivery = read_delivery(in);
    in.each_object("items", {"product_id", "quantity"}, false, [&](ObjectReader& item) {
        r.items.push_back({item.integer("product_id"), item.integer("quantity")});
    });
    in.each_object("answers", {"question_id", "value"}, true, [&](ObjectReader& a) {
        r.answers.push_back({a.integer("question_id"), domain::trimmed(a.string("value"))});
    });
    if (auto e = in.error()) return *e;
    if (auto e = domain::check_order_request(r)) return *e;
    return r;
}

// {tracking_number, courier}: the courier is optional, one of kCouriers.
domain::Result<domain::Shipment> read_shipment(const Request& request) {
    auto body = parse_json_object(request);
    if (!body) return body.error();
    ObjectReader in(body.value(), {"tracking_number", "courier"});
    domain::Shipment s{in.string("tracking_number"), std::nullopt};
    const auto courier = in.optional_string("courier");
    if (auto e = in.error()) return *e;
    std::vector<domain::FieldError> wrong;
    domain::check_text(wrong, "tracking_number", s.tracking_number, 1, 100);
    if (courier) {
        s.courier = domain::kCouriers.parse(*courier);
        if (!s.courier)
            wrong.push_back({"courier", "must be one of " + domain::kCouriers.listed()});
    }
    if (!wrong.empty()) return domain::invalid_fields(std::move(wrong));
    return s;
}

Response page_json(const domain::Page<domain::Order>& page) {
    return page_response(page.items, page.next_cursor, order_json);
}

Response not_found(const char* what) {
    return problem_response(domain::fail(Errc::not_found, what));
}

}  // namespace

void place_order(service::Checkout& checkout, const RequestContext& ctx,
                 const domain::Caller& caller, Done done) {
    auto form = ctx.id_param("id");
    if (!form) return done(not_found("no such form"));
    auto body = parse_json_object(ctx.request);
    if (!body) return done(problem_response(body.error()));
    auto order = read_order(body.value(), caller);
    if (!order) return done(problem_response(order.error()));
    std::optional<std::string> key;
    if (auto given = ctx.request.header("idempotency-key")) {
        if (!valid_key(*given)) {
            return done(problem_response(domain::invalid_fields(
                {{"Idempotency-Key", "must be 1 to 255 printable ASCII characters"}})));
        }
        key = std::string(*given);
    }
    checkout.place(*form, std::move(order.value()), std::move(key),
                   [done = std::move(done)](std::optional<domain::PlaceOutcome> outcome) {
                       if (!outcome) return done(internal_error_response());
                       if (!outcome->order) return done(problem_response(outcome->order.error()));
                       auto r = json_response(201, order_json(outcome->order.value()));
                       r.headers.emplace_back(
                           "Location", "/api/v1/orders/" + std::to_string(outcome->order->id));
                       if (outcome->replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
                       done(std::move(r));
                   });
}

Response get_order(service::OrderService& orders, const RequestContext& ctx,
                   const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return not_found("no such order");
    auto order = orders.get(caller.id, *id);
    if (!order) return problem_response(order.error());
    return json_response(200, order_json(order.value()));
}

Response my_orders(service::OrderService& orders, const RequestContext& ctx,
                   const domain::Caller& caller) {
    auto page = page_params(ctx.query, {"form_id"});
    if (!page) return problem_response(page.error());
    std::optional<domain::FormId> form;
    if (auto f = ctx.query.get("form_id")) {
        form = util::parse_decimal(*f);
        if (!form || *form < 1) {
            return problem_response(domain::invalid_fields({{"form_id", "must be a form id"}}));
        }
    }
    return page_json(orders.mine(caller.id, form, page->limit, page->cursor));
}

Response form_orders(service::OrderService& orders, const RequestContext& ctx,
                     const domain::Caller& caller) {
    auto form = ctx.id_param("id");
    if (!form) return not_found("no such form");
    const Query& query = ctx.query;
    auto page = page_params(query, {"status", "q"});
    if (!page) return problem_response(page.error());
    store::OrderFilter filter;
    std::vector<domain::FieldError> wrong;
    if (auto s = query.get("status"); s && !s->empty()) {
        filter.status = domain::parse_order_status(*s);
        if (!filter.status) {
            wrong.push_back({"status", "must be one of " + domain::kOrderStatuses.listed()});
        }
    }
    if (auto q = query.get("q"); q && !domain::trimmed(*q).empty()) {
        // Trimmed like the names and phones it looks for.
        filter.search = domain::trimmed(*q);
        domain::check_text(wrong, "q", *filter.search, 1, 50);
    }
    if (!wrong.empty()) return problem_response(domain::invalid_fields(std::move(wrong)));
    auto result = orders.for_form(caller.id, *form, filter, page->limit, page->cursor);
    if (!result) return problem_response(result.error());
    return page_json(result.value());
}

Response order_transition(service::OrderService& orders, domain::OrderAction action,
                          const RequestContext& ctx, const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return not_found("no such order");
    std::optional<domain::Shipment> shipment;
    if (action == domain::OrderAction::ship) {
        auto read = read_shipment(ctx.request);
        if (!read) return problem_response(read.error());
        shipment = std::move(read.value());
    }
    auto order = orders.transition(caller.id, *id, action, shipment);
    if (!order) return problem_response(order.error());
    auto out = order_json(order.value());
    // Only a paid order is refunded: cancelling an unpaid one shows the seller no account, and a
    // paid one says null when the buyer has not given one.
    if (order->refund_due()) {
        out["refund_account"] = order->refund_account
                                    ? json::value(bank_account_json(*order->refund_account))
                                    : json::value(nullptr);
    }
    return json_response(200, out);
}

Response order_refunded(service::OrderService& orders, const RequestContext& ctx,
                        const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return not_found("no such order");
    auto order = orders.mark_refunded(caller.id, *id);
    if (!order) return problem_response(order.error());
    return json_response(200, order_json(order.value()));
}

}  // namespace formlympics::http::handlers
