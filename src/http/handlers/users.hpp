#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/users: signs a visitor up; 201 with the new account.
Response create_user(service::AccountService& accounts, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
