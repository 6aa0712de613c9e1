// Coupons: creating, listing and claiming them.
#include "http/handlers/coupons.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "http/handlers/forms.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;
using domain::Errc;

namespace {

json::object coupon_json(const domain::Coupon& c) {
    return {{"id", c.id},
            {"form_id", c.form_id},
            {"name", c.name},
            {"discount", c.discount},
            {"quantity", c.quantity},
            {"remaining", c.remaining()},
            {"claim_opens_at", util::format_rfc3339(c.claim_opens_at)},
            {"claim_closes_at", util::format_rfc3339(c.claim_closes_at)}};
}

json::object user_coupon_json(const domain::UserCoupon& u) {
    json::object o{
        {"id", u.id},     {"coupon_id", u.coupon_id}, {"form_id", u.form_id},
        {"name", u.name}, {"discount", u.discount},   {"status", domain::status_name(u.status)}};
    o["order_id"] = u.order_id ? json::value(*u.order_id) : nullptr;
    return o;
}

Response not_found(const char* what) {
    return problem_response(domain::fail(Errc::not_found, what));
}

std::string coupons_key(domain::FormId form) { return form_cache_prefix(form) + "coupons"; }

}  // namespace

Response create_coupon(service::CouponService& coupons, const RequestContext& ctx,
                       const domain::Caller& caller) {
    auto form = ctx.id_param("id");
    if (!form) return not_found("no such form");
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(),
                    {"name", "discount", "quantity", "claim_opens_at", "claim_closes_at"});
    service::CouponInput input{in.string("name"), in.integer("discount"), in.integer("quantity"),
                               in.optional_time("claim_opens_at"),
                               in.optional_time("claim_closes_at")};
    if (auto e = in.error()) return problem_response(*e);
    auto coupon = coupons.create(caller.id, *form, input);
    if (!coupon) return problem_response(coupon.error());
    return json_response(201, coupon_json(coupon.value()));
}

Response list_coupons(service::CouponService& coupons, ResponseCache& cache,
                      const RequestContext& ctx) {
    auto form = ctx.id_param("id");
    if (!form) return not_found("no such form");
    if (auto e = unknown_parameters(ctx.query)) return problem_response(*e);
    auto list = coupons.list(*form);
    if (!list) return problem_response(list.error());
    json::array items;
    for (const auto& c : list.value()) items.push_back(coupon_json(c));
    constexpr auto kFreshFor = std::chrono::seconds(1);
    return cache.keep(coupons_key(*form),
                      json_response(200, json::object{{"items", std::move(items)}}), ctx.request,
                      {ResponseCache::Clock::now() + kFreshFor});
}

std::optional<Response> list_coupons_from_memory(const ResponseCache& cache,
                                                 const RequestContext& ctx) {
    auto form = ctx.id_param("id");
    // A query is checked (and refused) by the handler.
    if (!form || !ctx.request.query.empty()) return std::nullopt;
    return cache.answer(coupons_key(*form), ctx.request, 0);
}

void claim_coupon(service::CouponService& coupons, ResponseCache& cache, const RequestContext& ctx,
                  const domain::Caller& caller, Done done) {
    auto coupon = ctx.id_param("id");
    if (!coupon) return done(not_found("no such coupon"));
    coupons.claim(caller.id, *coupon, [&cache, done = std::move(done)](auto claimed) {
        if (!claimed) return done(internal_error_response());
        if (!*claimed) return done(problem_response(claimed->error()));
        // What remains of the coupon changed.
        cache.forget(coupons_key(claimed->value().form_id));
        done(json_response(201, user_coupon_json(claimed->value())));
    });
}

Response my_coupons(service::CouponService& coupons, const RequestContext& ctx,
                    const domain::Caller& caller) {
    if (auto e = unknown_parameters(ctx.query)) return problem_response(*e);
    json::array items;
    for (const auto& u : coupons.mine(caller.id)) items.push_back(user_coupon_json(u));
    return json_response(200, json::object{{"items", std::move(items)}});
}

}  // namespace formlympics::http::handlers
