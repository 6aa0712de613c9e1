// POST /api/v1/forms, GET /api/v1/forms, GET/PATCH/DELETE /api/v1/forms/{id},
// POST /api/v1/forms/{id}/publish, /copy and /close: sale forms.
#include "http/handlers/forms.hpp"

#include <boost/json.hpp>

#include "domain/text.hpp"
#include "http/handlers/form_input.hpp"
#include "http/handlers/form_view.hpp"
#include "http/handlers/page_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "util/decimal.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;
using domain::Errc;

namespace {

// The seller's view of a form with `order_counts`: every status, 0 where it has none.
json::object seller_form_json(const service::SellerForm& f, domain::Millis now) {
    auto o = form_json_for_seller(f.form, now);
    json::object counts;
    for (const auto& [status, name] : domain::kOrderStatuses.rows()) {
        const auto it = f.orders.find(std::string(name));
        counts[name] = it == f.orders.end() ? 0 : it->second;
    }
    o["order_counts"] = std::move(counts);
    return o;
}

}  // namespace

Response create_form(service::FormService& forms, const util::Clock& clock,
                     const RequestContext& ctx, const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    auto input = read_new_form(body.value());
    if (!input) return problem_response(input.error());
    auto form = forms.create(caller.id, std::move(input.value()));
    if (!form) return problem_response(form.error());
    auto r = json_response(201, form_json_for_seller(form.value(), clock.now_millis()));
    r.headers.emplace_back("Location", "/api/v1/forms/" + std::to_string(form->id));
    return r;
}

std::string form_cache_prefix(domain::FormId id) {
    return std::string(kFormCachePrefix) + std::to_string(id) + ":";
}

void forget_stock_views(ResponseCache& cache, domain::FormId id) {
    const auto prefix = form_cache_prefix(id);
    cache.forget(prefix + "json");
    cache.forget(prefix + "page:");
}

ResponseCache::Deadline form_cache_deadline(const domain::Form& form, domain::Millis now) {
    constexpr auto kFreshFor = std::chrono::seconds(1);
    ResponseCache::Deadline d{ResponseCache::Clock::now() + kFreshFor};
    for (const auto at : {form.opens_at, form.closes_at}) {
        if (at > now) d.server_ms = std::min(d.server_ms, at);
    }
    return d;
}

Response get_form(service::FormService& forms, const util::Clock& clock, ResponseCache& cache,
                  const RequestContext& ctx) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto form = forms.get(*id);
    if (!form) return problem_response(form.error());
    const auto now = clock.now_millis();
    return cache.keep(form_cache_prefix(*id) + "json",
                      json_response(200, form_json(form.value(), now)), ctx.request,
                      form_cache_deadline(form.value(), now));
}

std::optional<Response> get_form_from_memory(const ResponseCache& cache, const util::Clock& clock,
                                             const RequestContext& ctx) {
    auto id = ctx.id_param("id");
    if (!id) return std::nullopt;
    return cache.answer(form_cache_prefix(*id) + "json", ctx.request, clock.now_millis());
}

Response list_forms(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx) {
    const Query& query = ctx.query;
    auto page = page_params(query, {"status", "q", "seller_id"});
    if (!page) return problem_response(page.error());
    store::FormFilter filter;
    std::vector<domain::FieldError> errors;
    if (auto s = query.get("status"); s && !s->empty()) {
        filter.status = domain::parse_form_status(*s);
        if (!filter.status) {
            errors.push_back({"status", "must be one of " + domain::kFormStatuses.listed()});
        }
    }
    if (auto q = query.get("q")) {
        filter.text = domain::trimmed(*q);
        domain::check_text(errors, "q", filter.text, 0, 100);
    }
    if (auto seller = query.get("seller_id"); seller && !seller->empty()) {
        filter.seller = util::parse_decimal(*seller);
        if (!filter.seller || *filter.seller < 1)
            errors.push_back({"seller_id", "must be a user id"});
    }
    if (!errors.empty()) return problem_response(domain::invalid_fields(std::move(errors)));
    const auto result = forms.list(filter, page->limit, page->cursor);
    const auto now = clock.now_millis();
    json::array items;
    for (const auto& f : result.items) items.push_back(form_json(f, now));
    json::object out{{"items", std::move(items)}};
    out["next_cursor"] =
        result.next_cursor ? json::value(std::to_string(*result.next_cursor)) : nullptr;
    return json_response(200, out);
}

Response my_form(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                 const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto form = forms.mine(caller.id, *id);
    if (!form) return problem_response(form.error());
    return json_response(200, seller_form_json(form.value(), clock.now_millis()));
}

Response my_forms(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                  const domain::Caller& caller) {
    auto page = page_params(ctx.query, {"status"});
    if (!page) return problem_response(page.error());
    store::SellerFilter filter;
    if (auto s = ctx.query.get("status"); s && !s->empty()) {
        filter.drafts = *s == "draft";
        filter.status = domain::parse_form_status(*s);
        if (!filter.drafts && !filter.status) {
            return problem_response(domain::invalid_fields(
                {{"status", "must be draft, " + domain::kFormStatuses.listed()}}));
        }
    }
    const auto result = forms.mine(caller.id, filter, page->limit, page->cursor);
    const auto now = clock.now_millis();
    json::array items;
    for (const auto& f : result.items) items.push_back(seller_form_json(f, now));
    json::object out{{"items", std::move(items)}};
    out["next_cursor"] =
        result.next_cursor ? json::value(std::to_string(*result.next_cursor)) : nullptr;
    return json_response(200, out);
}

Response patch_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    auto changes = read_changes(body.value());
    if (!changes) return problem_response(changes.error());
    auto form = forms.update(caller.id, *id, changes.value());
    if (!form) return problem_response(form.error());
    return json_response(200, form_json_for_seller(form.value(), clock.now_millis()));
}

// POST /api/v1/forms/{id}/publish: makes a draft (or a published form) PUBLIC or UNLISTED.
Response publish_form(service::FormService& forms, const util::Clock& clock,
                      const RequestContext& ctx, const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"visibility"});
    const auto visibility = domain::kVisibilities.parse(in.string("visibility"));
    if (!visibility && !in.error()) in.fail("visibility", "must be PUBLIC or UNLISTED");
    if (auto e = in.error()) return problem_response(*e);
    auto form = forms.publish(caller.id, *id, *visibility);
    if (!form) return problem_response(form.error());
    return json_response(200, form_json_for_seller(form.value(), clock.now_millis()));
}

// POST /api/v1/forms/{id}/copy: a new draft from one of the seller's forms.
Response copy_form(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                   const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto form = forms.copy(caller.id, *id);
    if (!form) return problem_response(form.error());
    auto r = json_response(201, form_json_for_seller(form.value(), clock.now_millis()));
    r.headers.emplace_back("Location", "/api/v1/forms/" + std::to_string(form->id));
    return r;
}

// DELETE /api/v1/forms/{id}: deletes a form that never had an order.
Response delete_form(service::FormService& forms, const RequestContext& ctx,
                     const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    if (auto error = forms.remove(caller.id, *id)) return problem_response(*error);
    Response r;
    r.status = 204;
    return r;
}

Response close_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller) {
    auto id = ctx.id_param("id");
    if (!id) return no_such_form();
    auto form = forms.close(caller.id, *id);
    if (!form) return problem_response(form.error());
    return json_response(200, form_json_for_seller(form.value(), clock.now_millis()));
}

}  // namespace formlympics::http::handlers
