#pragma once

#include "http/credentials.hpp"
#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/bearer_tokens.hpp"
#include "service/web_sessions.hpp"

namespace formlympics::http::handlers {

// 200 with a token pair, never cached: what a sign-in, a refresh and a bearer client's password
// change answer.
Response token_pair_response(const service::TokenPair& tokens);
// POST /api/v1/sessions: signs in with email and password; 200 with a bearer token pair.
Response create_session(service::BearerTokens& tokens, const RequestContext& ctx);
// POST /api/v1/sessions/refresh: spends a refresh token; 200 with a new pair, 401
// refresh_token_reused for one spent before (its family ends), 401 unauthorized otherwise.
Response refresh_session(service::BearerTokens& tokens, const RequestContext& ctx);
// DELETE /api/v1/sessions/current: signs the caller's access token out alone (with its refresh
// family), on every instance; a browser's session ends as with DELETE /api/v1/web/session. 204.
Response delete_current_session(service::BearerTokens& tokens, service::WebSessions& sessions,
                                const SessionAuthenticator& cookies, const RequestContext& ctx,
                                const domain::Caller& caller);
// DELETE /api/v1/sessions: signs out everywhere; every token the caller holds (this one too)
// is refused from then on, on every instance. 204.
Response delete_sessions(service::AccountService& accounts, const SessionAuthenticator& cookies,
                         const RequestContext& ctx, const domain::Caller& caller);

// POST /api/v1/web/session: the web app signs in with email and password; 200 {user} and the
// session cookie. Its route is same-site (the pipeline answers 403 to any other page), so no
// other site can sign a visitor in to an account of its choosing.
Response create_web_session(service::WebSessions& sessions, service::AccountService& accounts,
                            const SessionAuthenticator& cookies, const RequestContext& ctx);
// DELETE /api/v1/web/session: signs this browser out; its session ends on every instance and
// the cookie is removed. 204, also when it was already signed out.
Response delete_web_session(service::WebSessions& sessions, const SessionAuthenticator& cookies,
                            const RequestContext& ctx);
// GET /api/v1/time: the server's clock, so a page counts down to an opening on server time.
Response get_time(const util::Clock& clock, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
