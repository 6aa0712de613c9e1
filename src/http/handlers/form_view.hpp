#pragma once

#include <boost/json/object.hpp>

#include "domain/form.hpp"

namespace formlympics::http::handlers {

// The public view of a form (no bank account) with its status at `now`.
boost::json::object form_json(const domain::Form& form, domain::Millis now);
// The seller's view: the public one plus the bank account buyers transfer to.
boost::json::object form_json_for_seller(const domain::Form& form, domain::Millis now);
// {bank, account_number, holder_name}.
boost::json::object bank_account_json(const domain::BankAccount& account);
// {id, kind, label, fee} and, for PICKUP, pickup_note.
boost::json::object delivery_option_json(const domain::DeliveryOption& option);

}  // namespace formlympics::http::handlers
