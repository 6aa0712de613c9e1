// POST /api/v1/forms, GET /api/v1/forms, GET/PATCH/DELETE /api/v1/forms/{id},
// POST /api/v1/forms/{id}/publish, /copy and /close: sale forms.
#include "http/handlers/forms.hpp"

#include <boost/json.hpp>

#include "domain/text.hpp"
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

std::optional<domain::BankAccount> read_bank_account(ObjectReader& in, bool optional) {
    const auto* o = in.object("bank_account", optional);
    if (o == nullptr) return std::nullopt;
    ObjectReader b(*o, {"bank", "account_number", "holder_name"}, "bank_account.");
    const auto bank = b.string("bank");
    domain::BankAccount account{domain::Bank::KAKAO, b.string("account_number"),
                                b.string("holder_name")};
    in.absorb(b);
    auto parsed = domain::parse_bank(bank);
    if (!parsed) {
        // A bank left out or of another type was named by the reader already.
        const auto* given = o->if_contains("bank");
        if (given != nullptr && given->is_string()) {
            in.fail("bank_account.bank", std::string(domain::kBankRule));
        }
        return std::nullopt;
    }
    account.bank = *parsed;
    return account;
}

domain::DeliveryOption read_delivery_option(ObjectReader& d, bool with_id) {
    domain::DeliveryOption o;
    if (with_id) o.id = d.optional_integer("id").value_or(0);
    const auto kind = d.string("kind");
    o.label = d.string("label");
    o.fee = d.integer("fee");
    o.pickup_note = d.optional_string("pickup_note", domain::TextKind::multiline).value_or("");
    if (auto parsed = domain::kDeliveryKinds.parse(kind)) {
        o.kind = *parsed;
    } else if (!kind.empty()) {
        d.fail("kind", "must be one of " + domain::kDeliveryKinds.listed());
    }
    return o;
}

// The delivery options of a form: on creation without ids, on a change with the ids of those kept.
std::vector<domain::DeliveryOption> read_delivery_options(ObjectReader& in, bool with_ids) {
    std::vector<domain::DeliveryOption> out;
    auto one = [&](ObjectReader& d) { out.push_back(read_delivery_option(d, with_ids)); };
    if (with_ids) {
        in.each_object("delivery_options", {"id", "kind", "label", "fee", "pickup_note"}, true,
                       one);
    } else {
        in.each_object("delivery_options", {"kind", "label", "fee", "pickup_note"}, true, one);
    }
    return out;
}

// A buyer has a day to transfer unless the seller says otherwise, and at most 30 days.
constexpr std::int64_t kDefaultDepositHours = 24;
constexpr std::int64_t kMaxDepositHours = 720;

int hours(ObjectReader& in, std::int64_t value) {
    if (value < 1 || value > kMaxDepositHours) {
        in.fail("deposit_deadline_hours", "must be 1 to " + std::to_string(kMaxDepositHours));
    }
    return static_cast<int>(std::clamp<std::int64_t>(value, 0, kMaxDepositHours));
}

std::optional<std::string> trimmed(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return domain::trimmed(*text);
}

// A product's option group, when it names one: its option is then required.
void read_group(ObjectReader& p, std::string& group, std::string& option,
                std::optional<std::int64_t>& limit) {
    // Trimmed, so " 포토카드" and "포토카드" are one group, as they look.
    group = domain::trimmed(p.optional_string("group").value_or(""));
    option = domain::trimmed(p.optional_string("option").value_or(""));
    limit = p.optional_integer("group_limit");
}

domain::NewProduct read_new_product(ObjectReader& p) {
    domain::NewProduct np;
    np.name = p.string("name");
    np.price = p.integer("price");
    np.stock = p.integer("stock");
    np.per_buyer_limit = p.optional_integer("per_buyer_limit");
    read_group(p, np.group, np.option, np.group_limit);
    return np;
}

// The form's questions, in the seller's order (the whole list, on creation and on a change).
std::optional<std::vector<domain::Question>> read_questions(ObjectReader& in) {
    if (in.array("questions", true) == nullptr) return std::nullopt;
    std::vector<domain::Question> out;
    in.each_object("questions", {"label", "kind", "choices", "required"}, true,
                   [&](ObjectReader& q) {
                       domain::Question x;
                       x.label = domain::trimmed(q.string("label"));
                       const auto kind = q.string("kind");
                       // Answers are trimmed, so choices are too: " a" could never be chosen.
                       for (auto& c : q.strings("choices")) x.choices.push_back(domain::trimmed(c));
                       x.required = q.optional_boolean("required").value_or(false);
                       if (auto parsed = domain::kQuestionKinds.parse(kind)) {
                           x.kind = *parsed;
                       } else if (!kind.empty()) {
                           q.fail("kind", "must be one of " + domain::kQuestionKinds.listed());
                       }
                       out.push_back(std::move(x));
                   });
    return out;
}

domain::Visibility read_visibility(ObjectReader& in, domain::Visibility fallback) {
    const auto given = in.optional_string("visibility");
    if (!given) return fallback;
    if (auto v = domain::kVisibilities.parse(*given)) return *v;
    in.fail("visibility", "must be one of " + domain::kVisibilities.listed());
    return fallback;
}

domain::Result<domain::NewForm> read_new_form(const json::object& body) {
    ObjectReader in(body, {"title", "description", "opens_at", "closes_at",
                           "deposit_deadline_hours", "bank_account", "products", "delivery_options",
                           "free_shipping_over", "visibility", "questions"});
    domain::NewForm f;
    f.title = in.string("title");
    f.description = in.optional_string("description", domain::TextKind::multiline).value_or("");
    f.opens_at = in.time("opens_at");
    f.closes_at = in.time("closes_at");
    f.deposit_deadline_hours =
        hours(in, in.optional_integer("deposit_deadline_hours").value_or(kDefaultDepositHours));
    if (auto account = read_bank_account(in, false)) f.bank_account = *account;
    in.each_object("products",
                   {"name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"},
                   false, [&](ObjectReader& p) { f.products.push_back(read_new_product(p)); });
    f.delivery_options = read_delivery_options(in, false);
    f.free_shipping_over = in.optional_integer("free_shipping_over");
    f.visibility = read_visibility(in, domain::Visibility::PUBLIC);
    f.questions = read_questions(in).value_or(std::vector<domain::Question>{});
    if (auto e = in.error()) {
        // Every field at fault in one answer: the rules broken by the fields that did read, beside
        // the fields that did not (a seller fixes an empty form once, not twice).
        if (e->code == domain::Errc::validation_failed) {
            for (auto& broken : service::check_new_form(f)) {
                const bool named =
                    std::any_of(e->fields.begin(), e->fields.end(),
                                [&](const auto& x) { return x.field == broken.field; });
                if (!named) e->fields.push_back(std::move(broken));
            }
        }
        return *e;
    }
    return f;
}

domain::Result<domain::FormChanges> read_changes(const json::object& body) {
    ObjectReader in(body, {"title", "description", "opens_at", "closes_at",
                           "deposit_deadline_hours", "bank_account", "products", "delivery_options",
                           "free_shipping_over", "questions", "add_products", "remove_products"});
    domain::FormChanges c;
    c.title = in.optional_string("title");
    c.description = in.optional_string("description", domain::TextKind::multiline);
    c.opens_at = in.optional_time("opens_at");
    c.closes_at = in.optional_time("closes_at");
    if (auto h = in.optional_integer("deposit_deadline_hours"))
        c.deposit_deadline_hours = hours(in, *h);
    c.bank_account = read_bank_account(in, true);
    in.each_object(
        "products",
        {"id", "name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"}, true,
        [&](ObjectReader& p) {
            domain::ProductChange pc{p.integer("id"),
                                     p.optional_string("name"),
                                     p.optional_integer("price"),
                                     p.optional_integer("stock"),
                                     p.nullable_integer("per_buyer_limit"),
                                     trimmed(p.optional_string("group")),
                                     trimmed(p.optional_string("option")),
                                     p.nullable_integer("group_limit")};
            c.products.push_back(std::move(pc));
        });
    in.each_object("add_products",
                   {"name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"},
                   true, [&](ObjectReader& p) { c.added_products.push_back(read_new_product(p)); });
    if (const auto* removed = in.array("remove_products", true)) {
        for (std::size_t i = 0; i < removed->size(); ++i) {
            const auto& v = (*removed)[i];
            if (v.is_int64() && v.as_int64() > 0) {
                c.removed_products.push_back(v.as_int64());
            } else {
                in.fail("remove_products[" + std::to_string(i) + "]", "must be a product id");
            }
        }
    }
    c.questions = read_questions(in);
    if (in.array("delivery_options", true) != nullptr) {
        c.delivery_options = read_delivery_options(in, true);
    }
    c.free_shipping_over = in.nullable_integer("free_shipping_over");
    if (auto e = in.error()) return *e;
    return c;
}

Response no_such_form() { return problem_response(domain::fail(Errc::not_found, "no such form")); }

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

std::string form_cache_prefix(domain::FormId id) { return "form:" + std::to_string(id) + ":"; }

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
