// Signing in and out: bearer tokens for API clients, session cookies for the web app.
#include "http/handlers/sessions.hpp"

#include <boost/json.hpp>

#include "http/handlers/user_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {

namespace {

struct EmailAndPassword {
    std::string email;
    std::string password;
};

domain::Result<EmailAndPassword> email_and_password(const RequestContext& ctx) {
    auto body = parse_json_object(ctx.request);
    if (!body) return body.error();
    ObjectReader in(body.value(), {"email", "password"});
    EmailAndPassword out{in.string("email"), in.string("password")};
    if (auto e = in.error()) return *e;
    return out;
}

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

}  // namespace

Response token_pair_response(const service::TokenPair& tokens) {
    auto r = json_response(200, token_pair_json(tokens));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

// POST /api/v1/sessions: signs in with email and password and answers a bearer token pair.
Response create_session(service::BearerTokens& tokens, const RequestContext& ctx) {
    auto in = email_and_password(ctx);
    if (!in) return problem_response(in.error());
    auto pair = tokens.sign_in(in->email, in->password, ctx.client_address);
    if (!pair) return problem_response(pair.error());
    return token_pair_response(pair.value());
}

// POST /api/v1/sessions/refresh: trades a refresh token for a new pair.
Response refresh_session(service::BearerTokens& tokens, const RequestContext& ctx) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"refresh_token"});
    const auto refresh_token = in.string("refresh_token");
    if (auto e = in.error()) return problem_response(*e);
    auto pair = tokens.refresh(refresh_token);
    if (!pair) return problem_response(pair.error());
    return token_pair_response(pair.value());
}

// DELETE /api/v1/sessions/current: signs this credential out alone.
Response delete_current_session(service::BearerTokens& tokens, service::WebSessions& sessions,
                                const SessionAuthenticator& cookies, const RequestContext& ctx,
                                const domain::Caller& caller) {
    auto r = no_content();
    if (caller.session_id.empty()) {
        tokens.sign_out(caller);
    } else if (auto cookie = session_cookie(ctx.request); cookie && cookie.value()) {
        // A browser: as DELETE /api/v1/web/session (the pipeline already checked it came from
        // the app's own pages).
        sessions.end(*cookie.value());
        r.headers.emplace_back("Set-Cookie", cookies.clear_cookie());
    }
    return r;
}

Response delete_sessions(service::AccountService& accounts, const SessionAuthenticator& cookies,
                         const RequestContext& ctx, const domain::Caller& caller) {
    accounts.sign_out_everywhere(caller);
    auto r = no_content();
    // A browser that signed out everywhere keeps no dead cookie.
    if (auto cookie = session_cookie(ctx.request); cookie && cookie.value()) {
        r.headers.emplace_back("Set-Cookie", cookies.clear_cookie());
    }
    return r;
}

Response create_web_session(service::WebSessions& sessions, service::AccountService& accounts,
                            const SessionAuthenticator& cookies, const RequestContext& ctx) {
    auto in = email_and_password(ctx);
    if (!in) return problem_response(in.error());
    auto begun = sessions.begin(in->email, in->password, ctx.client_address);
    // Signing in as someone (else) ends whatever session this browser had.
    if (auto old = session_cookie(ctx.request); begun && old && old.value()) {
        sessions.end(*old.value());
    }
    if (!begun) return problem_response(begun.error());
    auto user = accounts.profile(begun->caller.id);
    if (!user) return problem_response(user.error());
    auto r = json_response(200, boost::json::object{{"user", user_profile_json(user.value())}});
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("Set-Cookie", cookies.set_cookie(begun->cookie));
    return r;
}

Response delete_web_session(service::WebSessions& sessions, const SessionAuthenticator& cookies,
                            const RequestContext& ctx) {
    auto cookie = session_cookie(ctx.request);
    if (cookie && cookie.value()) sessions.end(*cookie.value());
    auto r = no_content();
    r.headers.emplace_back("Set-Cookie", cookies.clear_cookie());
    return r;
}

Response get_time(const util::Clock& clock, const RequestContext&) {
    auto r = json_response(200, boost::json::object{{"now_ms", clock.now_millis()}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

}  // namespace formlympics::http::handlers
