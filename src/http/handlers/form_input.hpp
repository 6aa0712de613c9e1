#pragma once

#include <boost/json/object.hpp>

#include "domain/form_input.hpp"
#include "domain/result.hpp"

namespace formlympics::http::handlers {

// The body of POST /api/v1/forms as a new form: validation_failed naming every field at fault,
// the rules broken by the fields that read beside those that did not.
domain::Result<domain::NewForm> read_new_form(const boost::json::object& body);
// The body of PATCH /api/v1/forms/{id} as changes; validation_failed naming the fields.
domain::Result<domain::FormChanges> read_changes(const boost::json::object& body);

}  // namespace formlympics::http::handlers
