#pragma once

#include "http/router.hpp"
#include "service/form_service.hpp"
#include "util/clock.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/forms: publishes a sale form; 201 with the seller's view of it.
Response create_form(service::FormService& forms, const util::Clock& clock,
                     const RequestContext& ctx, const domain::Caller& caller);
// GET /api/v1/forms/{id}: the public view of a form.
Response get_form(service::FormService& forms, const util::Clock& clock, const RequestContext& ctx);
// GET /api/v1/forms?status=&limit=&cursor=: forms newest first.
Response list_forms(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx);
// PATCH /api/v1/forms/{id}: the seller changes a form.
Response patch_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller);
// POST /api/v1/forms/{id}/close: the seller ends the sale early.
Response close_form(service::FormService& forms, const util::Clock& clock,
                    const RequestContext& ctx, const domain::Caller& caller);

}  // namespace formlympics::http::handlers
