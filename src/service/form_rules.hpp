#pragma once

#include <vector>

#include "domain/error.hpp"
#include "domain/form.hpp"
#include "domain/form_input.hpp"

namespace formlympics::service {

// The rules a new form breaks, every field at fault; empty when all hold. Gives every option of
// a group the group's limit, which the seller may state on any one of them.
std::vector<domain::FieldError> check_new_form(domain::NewForm& form);

// The rules a seller's change to `form` breaks at `now`; empty when all hold. A draft, or a
// form before its opening, may change in full; after the opening only the description,
// closes_at (not into the past), added stock and delivery options that keep what buyers agreed
// to. Fills in group limits as check_new_form does, as changes to the products concerned.
std::vector<domain::FieldError> check_form_change(const domain::Form& form,
                                                  domain::FormChanges& change, domain::Millis now);

}  // namespace formlympics::service
