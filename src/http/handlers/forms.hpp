#pragma once

#include <string_view>

#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "service/form_service.hpp"
#include "util/clock.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/forms: publishes a sale form; 201 with the seller's view of it.
Response create_form(service::FormService& forms, const util::Clock& clock,
                     const RequestContext& ctx, const domain::Caller& caller);
// The key prefix of a form's answers kept in memory (its JSON, its pages and its coupons):
// forget it when the form changes.
std::string form_cache_prefix(domain::FormId id);
// Forgets the form's kept answers that show its stock (its JSON and its pages), not its coupons.
void forget_stock_views(ResponseCache& cache, domain::FormId id);
// What every form's kept answers start with.
inline constexpr std::string_view kFormCachePrefix = "form:";
// How long a rendering of the form may be kept: a second (stock sold on another instance shows
// within it), and not past the form's next opening or closing, where its status changes.
ResponseCache::Deadline form_cache_deadline(const domain::Form& form, domain::Millis now);

// GET /api/v1/forms/{id}: the public view of a form, kept in `cache` (ETag, 304).
Response get_form(service::FormService& forms, const util::Clock& clock, ResponseCache& cache,
                  const RequestContext& ctx);
// The same from memory, on the network thread; nullopt when it is not kept.
std::optional<Response> get_form_from_memory(const ResponseCache& cache, const util::Clock& clock,
                                             const RequestContext& ctx);
// GET /api/v1/forms?status=&limit=&cursor=: forms newest first.
// GET /api/v1/me/forms?limit=&cursor=: the caller's own forms, newest first, each in the
// seller's view with `order_counts` by status.
Response my_forms(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                  const domain::Caller& caller);
// GET /api/v1/me/forms/{id}: one of the caller's forms as my_forms shows it; 404 for another's.
Response my_form(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                 const domain::Caller& caller);
Response list_forms(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx);
// PATCH /api/v1/forms/{id}: the seller changes a form.
Response patch_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller);
// POST /api/v1/forms/{id}/close: the seller ends the sale early.
Response publish_form(service::FormService& forms, const util::Clock& clock,
                      const RequestContext& ctx, const domain::Caller& caller);
Response copy_form(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx,
                   const domain::Caller& caller);
Response delete_form(service::FormService& forms, const RequestContext& ctx,
                     const domain::Caller& caller);
Response close_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller);

}  // namespace formlympics::http::handlers
