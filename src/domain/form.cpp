#include "domain/form.hpp"

#include <algorithm>

namespace formlympics::domain {

FormStatus form_status(const Form& form, Millis now) {
    if (form.closed_at || now >= form.closes_at) return FormStatus::closed;
    if (now < form.opens_at) return FormStatus::upcoming;
    const bool any_left = std::any_of(form.products.begin(), form.products.end(),
                                      [](const Product& p) { return p.stock_remaining > 0; });
    return any_left ? FormStatus::open : FormStatus::sold_out;
}

const Image* cover_of(const Form& form) {
    if (!form.images.empty()) return &form.images.front();
    for (const auto& p : form.products) {
        if (!p.images.empty()) return &p.images.front();
    }
    return nullptr;
}

}  // namespace formlympics::domain
