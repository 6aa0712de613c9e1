#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace formlympics::http::handlers {

// GET /api/v1/me: the caller's profile.
Response get_me(service::AccountService& accounts, const RequestContext& ctx,
                const domain::Caller& caller);
// PUT /api/v1/me/address: replaces the caller's address; the updated profile.
Response put_address(service::AccountService& accounts, const RequestContext& ctx,
                     const domain::Caller& caller);
// PUT /api/v1/me/refund-account: replaces the caller's refund account; the updated profile.
Response put_refund_account(service::AccountService& accounts, const RequestContext& ctx,
                            const domain::Caller& caller);

}  // namespace formlympics::http::handlers
