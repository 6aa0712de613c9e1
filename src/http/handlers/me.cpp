// GET, PUT and DELETE /api/v1/me, PUT /api/v1/me/address, PUT /api/v1/me/refund-account,
// PUT /api/v1/me/password: the caller's account.
#include "http/handlers/me.hpp"

#include <boost/json.hpp>

#include "domain/account_rules.hpp"
#include "http/handlers/sessions.hpp"
#include "http/handlers/user_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {
namespace {

Response profile_or_problem(const domain::Result<domain::User>& user) {
    if (!user) return problem_response(user.error());
    return json_response(200, user_profile_json(user.value()));
}

}  // namespace

Response get_me(service::AccountService& accounts, const RequestContext&,
                const domain::Caller& caller) {
    return profile_or_problem(accounts.profile(caller.id));
}

Response put_address(service::AccountService& accounts, const RequestContext& ctx,
                     const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"address1", "address2", "zipcode"});
    domain::Address a{in.string("address1"), in.optional_string("address2").value_or(""),
                      in.string("zipcode")};
    if (auto e = in.error(domain::check_address(a))) return problem_response(*e);
    return profile_or_problem(accounts.set_address(caller.id, a));
}

Response put_refund_account(service::AccountService& accounts, const RequestContext& ctx,
                            const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"bank", "account_number", "holder_name"});
    const auto bank_name = in.string("bank");
    const auto number = in.string("account_number");
    const auto holder = in.string("holder_name");
    const auto bank = domain::parse_bank(bank_name);
    auto broken = domain::check_refund_account({bank.value_or(domain::Bank{}), number, holder});
    if (!bank) broken.insert(broken.begin(), {"bank", std::string(domain::kBankRule)});
    if (auto e = in.error(broken)) return problem_response(*e);
    if (!bank) return problem_response(domain::invalid_fields(std::move(broken)));
    return profile_or_problem(
        accounts.set_refund_account(caller.id, domain::RefundAccount{*bank, number, holder}));
}

Response put_me(service::AccountService& accounts, const RequestContext& ctx,
                const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"name", "phone"});
    service::NameAndPhone change{in.string("name"), in.string("phone")};
    if (auto e = in.error(domain::check_name_and_phone(change.name, change.phone)))
        return problem_response(*e);
    return profile_or_problem(accounts.set_name_and_phone(caller.id, change));
}

Response put_password(const AccountCredentials& credentials, const RequestContext& ctx,
                      const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"current_password", "new_password"});
    const auto current = in.string("current_password");
    const auto next = in.string("new_password");
    if (auto e = in.error()) return problem_response(*e);
    auto fresh = credentials.accounts.change_password(caller, current, next, ctx.client_address);
    if (!fresh) return problem_response(fresh.error());
    // Every credential of the user was revoked, the caller's too: it gets a fresh one of its
    // own kind, so the client carries on signed in.
    if (caller.session_id.empty()) {
        return token_pair_response(credentials.tokens.issue(fresh.value()));
    }
    Response r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", credentials.cookies.set_cookie(
                                             credentials.sessions.begin_for(fresh.value()).cookie));
    return r;
}

Response delete_me(const AccountCredentials& credentials, const RequestContext& ctx,
                   const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"password"});
    const auto password = in.string("password");
    if (auto e = in.error()) return problem_response(*e);
    auto deleted = credentials.accounts.delete_account(caller, password, ctx.client_address);
    if (!deleted) return problem_response(deleted.error());
    Response r;
    r.status = 204;
    if (!caller.session_id.empty()) {
        r.headers.emplace_back("Set-Cookie", credentials.cookies.clear_cookie());
    }
    return r;
}

}  // namespace formlympics::http::handlers
