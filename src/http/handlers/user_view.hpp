#pragma once

#include <boost/json/object.hpp>

#include "domain/user.hpp"

namespace formlympics::http::handlers {

// {id, name, email, phone}: what sign-up answers.
boost::json::object user_summary_json(const domain::User& user);
// The full profile: the summary plus address and refund_account (null where unset).
boost::json::object user_profile_json(const domain::User& user);

}  // namespace formlympics::http::handlers
