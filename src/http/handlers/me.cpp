// GET /api/v1/me, PUT /api/v1/me/address, PUT /api/v1/me/refund-account: the caller's profile.
#include "http/handlers/me.hpp"

#include <boost/json.hpp>

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
    if (auto e = in.error()) return problem_response(*e);
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
    if (auto e = in.error()) return problem_response(*e);
    const auto bank = domain::parse_bank(bank_name);
    if (!bank) {
        return problem_response(domain::invalid_fields({{"bank", std::string(domain::kBankRule)}}));
    }
    return profile_or_problem(
        accounts.set_refund_account(caller.id, domain::RefundAccount{*bank, number, holder}));
}

}  // namespace formlympics::http::handlers
