#pragma once

#include <boost/json/object.hpp>

#include "domain/bank.hpp"
#include "http/router.hpp"

namespace formlympics::http::handlers {

// {ko, en}: the bank's names, for answers that name a bank by its code.
boost::json::object bank_name_json(domain::Bank bank);

// GET /api/v1/banks: every bank an account may be at, {items: [{code, name: {ko, en}}]}, the
// most used first; the same for everyone, so caches may keep it for a day.
Response list_banks(const RequestContext& ctx);

}  // namespace formlympics::http::handlers
