#pragma once

#include <boost/json/object.hpp>

#include "domain/user.hpp"
#include "service/bearer_tokens.hpp"

namespace formlympics::http::handlers {

// {id, name, email, phone}: what sign-up answers.
boost::json::object user_summary_json(const domain::User& user);
// The full profile: the summary plus address and refund_account (null where unset).
boost::json::object user_profile_json(const domain::User& user);
// {access_token, token_type, expires_in, refresh_token, refresh_expires_in}: what a sign-in, a
// refresh and a bearer client's password change answer.
boost::json::object token_pair_json(const service::TokenPair& tokens);

}  // namespace formlympics::http::handlers
