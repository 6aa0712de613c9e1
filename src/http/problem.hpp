#pragma once

#include <boost/json/value.hpp>

#include "domain/error.hpp"
#include "http/message.hpp"

namespace formlympics::http {

// An RFC 9457 problem response (application/problem+json) for an expected error.
Response problem_response(const domain::Error& error);
// The 500 problem response: it discloses nothing about the failure.
Response internal_error_response();
// A JSON response with the given status.
Response json_response(int status, const boost::json::value& body);

}  // namespace formlympics::http
