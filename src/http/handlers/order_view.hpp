#pragma once

#include <boost/json/object.hpp>

#include "domain/order.hpp"

namespace formlympics::http::handlers {

// An order with its items and deposit instructions.
boost::json::object order_json(const domain::Order& order);

}  // namespace formlympics::http::handlers
