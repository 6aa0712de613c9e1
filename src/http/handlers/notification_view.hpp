#pragma once

#include <boost/json/object.hpp>

#include "domain/notification.hpp"

namespace formlympics::http::handlers {

// A notification as the API shows it, in lists and on streams:
// {id, kind, data, created_at, read}.
boost::json::object notification_json(const domain::Notification& n);

}  // namespace formlympics::http::handlers
