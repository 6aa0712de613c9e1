// POST /api/v1/sessions: signs in with email and password and answers a bearer token.
#include "http/handlers/sessions.hpp"

#include <boost/json.hpp>

#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {

Response create_session(service::AccountService& accounts, const RequestContext& ctx) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"email", "password"});
    const auto email = in.string("email");
    const auto password = in.string("password");
    if (auto e = in.error()) return problem_response(*e);

    auto token = accounts.sign_in(email, password, ctx.client_address);
    if (!token) return problem_response(token.error());
    auto r = json_response(200, boost::json::object{{"access_token", token->access_token},
                                                    {"token_type", "Bearer"},
                                                    {"expires_in", token->expires_in}});
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response delete_sessions(service::AccountService& accounts, const RequestContext&,
                         const domain::Caller& caller) {
    accounts.sign_out_everywhere(caller);
    Response r;
    r.status = 204;
    return r;
}

}  // namespace formlympics::http::handlers
