// POST /api/v1/users: signs a visitor up.
#include "http/handlers/users.hpp"

#include <boost/json.hpp>

#include "domain/account_rules.hpp"
#include "http/handlers/user_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {

Response create_user(service::AccountService& accounts, const RequestContext& ctx) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"name", "email", "password", "phone"});
    domain::SignUp s{in.string("name"), in.string("email"), in.string("password"),
                     in.string("phone")};
    if (auto e = in.error(domain::check_sign_up(s))) return problem_response(*e);

    auto user = accounts.sign_up(s, ctx.client_address);
    if (!user) return problem_response(user.error());
    auto r = json_response(201, user_summary_json(user.value()));
    r.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(user->id));
    return r;
}

}  // namespace formlympics::http::handlers
