#pragma once

#include "http/credentials.hpp"
#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/bearer_tokens.hpp"
#include "service/web_sessions.hpp"

namespace formlympics::http::handlers {

// What changing or ending an account's credentials needs.
struct AccountCredentials {
    service::AccountService& accounts;
    service::BearerTokens& tokens;
    service::WebSessions& sessions;
    const SessionAuthenticator& cookies;
};

// GET /api/v1/me: the caller's profile.
Response get_me(service::AccountService& accounts, const RequestContext& ctx,
                const domain::Caller& caller);
// PUT /api/v1/me/address: replaces the caller's address; the updated profile.
Response put_address(service::AccountService& accounts, const RequestContext& ctx,
                     const domain::Caller& caller);
// PUT /api/v1/me/refund-account: replaces the caller's refund account; the updated profile.
Response put_refund_account(service::AccountService& accounts, const RequestContext& ctx,
                            const domain::Caller& caller);

// PUT /api/v1/me {name, phone}: replaces the caller's name and phone (the sign-up rules); the
// updated profile.
Response put_me(service::AccountService& accounts, const RequestContext& ctx,
                const domain::Caller& caller);
// PUT /api/v1/me/password {current_password, new_password}: changes the password and revokes
// every credential of the user; the caller gets a fresh one (a bearer client 200 with a token
// pair, a browser 204 with a new session cookie). 403 wrong_password, 422, 429.
Response put_password(const AccountCredentials& credentials, const RequestContext& ctx,
                      const domain::Caller& caller);
// DELETE /api/v1/me {password}: deletes the account; 204 (a browser's cookie removed), 403
// wrong_password, 409 open_orders.
Response delete_me(const AccountCredentials& credentials, const RequestContext& ctx,
                   const domain::Caller& caller);

}  // namespace formlympics::http::handlers
