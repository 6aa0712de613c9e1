#include "http/handlers/user_view.hpp"

#include <boost/json.hpp>

#include "http/handlers/form_view.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

json::object user_summary_json(const domain::User& u) {
    return json::object{{"id", u.id}, {"name", u.name}, {"email", u.email}, {"phone", u.phone}};
}

json::object user_profile_json(const domain::User& u) {
    auto o = user_summary_json(u);
    if (u.address) {
        o["address"] = json::object{{"address1", u.address->address1},
                                    {"address2", u.address->address2},
                                    {"zipcode", u.address->zipcode}};
    } else {
        o["address"] = nullptr;
    }
    if (u.refund_account) {
        o["refund_account"] = bank_account_json(*u.refund_account);
    } else {
        o["refund_account"] = nullptr;
    }
    return o;
}

json::object token_pair_json(const service::TokenPair& t) {
    return json::object{{"access_token", t.access_token},
                        {"token_type", "Bearer"},
                        {"expires_in", t.expires_in},
                        {"refresh_token", t.refresh_token},
                        {"refresh_expires_in", t.refresh_expires_in}};
}

}  // namespace formlympics::http::handlers
