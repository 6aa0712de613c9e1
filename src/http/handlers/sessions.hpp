#pragma once

#include "http/credentials.hpp"
#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/web_sessions.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/sessions: signs in with email and password; 200 with a bearer token.
Response create_session(service::AccountService& accounts, const RequestContext& ctx);
// DELETE /api/v1/sessions: signs out everywhere; every token the caller holds (this one too)
// is refused from then on, on every instance. 204.
Response delete_sessions(service::AccountService& accounts, const SessionAuthenticator& cookies,
                         const RequestContext& ctx, const domain::Caller& caller);

// POST /api/v1/web/session: the web app signs in with email and password; 200 {user} and the
// session cookie. Only from the app's own pages (403 otherwise), so no other site can sign a
// visitor in to an account of its choosing.
Response create_web_session(service::WebSessions& sessions, service::AccountService& accounts,
                            const SessionAuthenticator& cookies, const RequestContext& ctx);
// DELETE /api/v1/web/session: signs this browser out; its session ends on every instance and
// the cookie is removed. 204, also when it was already signed out.
Response delete_web_session(service::WebSessions& sessions, const SessionAuthenticator& cookies,
                            const RequestContext& ctx);
// GET /api/v1/time: the server's clock, so a page counts down to an opening on server time.
Response get_time(const util::Clock& clock, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
