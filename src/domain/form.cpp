#include "domain/form.hpp"

#include <algorithm>

namespace formlympics::domain {

std::string_view status_name(FormStatus status) {
    switch (status) {
        case FormStatus::upcoming:
            return "upcoming";
        case FormStatus::open:
            return "open";
        case FormStatus::sold_out:
            return "sold_out";
        case FormStatus::closed:
            return "closed";
    }
    return "closed";
}

std::optional<FormStatus> parse_form_status(std::string_view name) {
    for (auto s :
         {FormStatus::upcoming, FormStatus::open, FormStatus::sold_out, FormStatus::closed}) {
        if (status_name(s) == name) return s;
    }
    return std::nullopt;
}

FormStatus form_status(const Form& form, Millis now) {
    if (form.closed_at || now >= form.closes_at) return FormStatus::closed;
    if (now < form.opens_at) return FormStatus::upcoming;
    const bool any_left = std::any_of(form.products.begin(), form.products.end(),
                                      [](const Product& p) { return p.stock_remaining > 0; });
    return any_left ? FormStatus::open : FormStatus::sold_out;
}

}  // namespace formlympics::domain
