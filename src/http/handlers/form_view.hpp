#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "domain/form.hpp"
#include "http/message.hpp"

namespace formlympics::http::handlers {

// 404 not_found: the id names no form the caller may see.
Response no_such_form();
// The public view of a form (no bank account) with its status at `now`.
boost::json::object form_json(const domain::Form& form, domain::Millis now);
// The seller's view: the public one plus the bank account buyers transfer to.
boost::json::object form_json_for_seller(const domain::Form& form, domain::Millis now);
// {bank (its code), bank_name: {ko, en}, account_number, holder_name}.
boost::json::object bank_account_json(const domain::BankAccount& account);
// {id, url, thumb_url, width, height, position}: where to load an image and its size.
boost::json::object image_json(const domain::Image& image);
// The images as an array of image_json.
boost::json::array images_json(const std::vector<domain::Image>& images);
// {id, kind, label, fee} and, for PICKUP, pickup_note.
boost::json::object delivery_option_json(const domain::DeliveryOption& option);

}  // namespace formlympics::http::handlers
