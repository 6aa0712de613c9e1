#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/sessions: signs in with email and password; 200 with a bearer token.
Response create_session(service::AccountService& accounts, const RequestContext& ctx);
// DELETE /api/v1/sessions: signs out everywhere; every token the caller holds (this one too)
// is refused from then on, on every instance. 204.
Response delete_sessions(service::AccountService& accounts, const RequestContext& ctx,
                         const domain::Caller& caller);

}  // namespace formlympics::http::handlers
