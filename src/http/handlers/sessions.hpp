#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/sessions: signs in with email and password; 200 with a bearer token.
Response create_session(service::AccountService& accounts, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
