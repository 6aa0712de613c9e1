#include "domain/delivery.hpp"

#include <algorithm>

#include "domain/account_rules.hpp"
#include "domain/text.hpp"

namespace formlympics::domain {
namespace {

constexpr const char* kMissing = "is required: give it here or save it in your profile";

// Whether a required field has a value; names it as missing when it has none.
bool present(std::vector<FieldError>& errors, const char* field, const std::string& value) {
    if (value.empty()) errors.push_back({field, kMissing});
    return !value.empty();
}

}  // namespace

std::vector<FieldError> check_delivery_options(const std::vector<DeliveryOption>& options,
                                               std::optional<std::int64_t> free_shipping_over) {
    std::vector<FieldError> out;
    if (options.size() > kMaxDeliveryOptions) {
        out.push_back({"delivery_options", "must hold at most 5 options"});
    }
    for (std::size_t i = 0; i < options.size(); ++i) {
        const auto& o = options[i];
        const auto at = "delivery_options[" + std::to_string(i) + "]";
        check_text(out, at + ".label", o.label, 1, 50);
        if (o.fee < 0 || o.fee > kMaxShippingFee) {
            out.push_back({at + ".fee", "must be 0 to 1,000,000 won"});
        }
        if (o.kind == DeliveryKind::PICKUP) {
            check_text(out, at + ".pickup_note", o.pickup_note, 1, 500, TextKind::multiline);
        } else if (!o.pickup_note.empty()) {
            out.push_back({at + ".pickup_note", "only a PICKUP option has a pickup note"});
        }
    }
    if (free_shipping_over) {
        if (options.empty()) {
            out.push_back({"free_shipping_over", "needs delivery options"});
        } else if (*free_shipping_over < 0 || *free_shipping_over > 100'000'000'000) {
            out.push_back({"free_shipping_over", "must be 0 to 100,000,000,000 won"});
        }
    }
    return out;
}

void fill_from_profile(DeliveryRequest& request, const User& profile) {
    Recipient saved{profile.name, profile.phone, "", "", ""};
    if (profile.address) {
        saved.address1 = profile.address->address1;
        saved.address2 = profile.address->address2;
        saved.zipcode = profile.address->zipcode;
    }
    request.profile = std::move(saved);
}

Result<Delivery> resolve_delivery(const std::vector<DeliveryOption>& options,
                                  const DeliveryRequest& request) {
    std::vector<FieldError> errors;
    const auto chosen = std::find_if(options.begin(), options.end(),
                                     [&](const auto& o) { return o.id == request.option_id; });
    if (chosen == options.end()) {
        errors.push_back({"delivery.option_id", "must be the id of one of the form's options"});
    }
    Delivery d;
    auto& r = d.recipient;
    const auto saved = request.profile.value_or(Recipient{});
    r.name = trimmed(request.recipient_name.value_or(saved.name));
    r.phone = trimmed(request.phone.value_or(saved.phone));
    if (present(errors, "delivery.recipient_name", r.name)) {
        check_text(errors, "delivery.recipient_name", r.name, 1, 50);
    }
    if (present(errors, "delivery.phone", r.phone) && !valid_phone(r.phone)) {
        errors.push_back({"delivery.phone", std::string(kPhoneRule)});
    }
    const bool pickup = chosen != options.end() && chosen->kind == DeliveryKind::PICKUP;
    if (pickup) {
        for (const auto& [field, value] : {std::pair{"delivery.address1", &request.address1},
                                           std::pair{"delivery.address2", &request.address2},
                                           std::pair{"delivery.zipcode", &request.zipcode}}) {
            // Empty is fine: a client that sends every field to keep the order off the
            // profile sends a pickup's address empty.
            if (*value && !trimmed(**value).empty()) {
                errors.push_back({field, "a PICKUP option has no address; leave it out"});
            }
        }
    } else if (request.gives_address()) {
        r.address1 = trimmed(request.address1.value_or(""));
        r.address2 = trimmed(request.address2.value_or(""));
        r.zipcode = trimmed(request.zipcode.value_or(""));
    } else {
        r.address1 = trimmed(saved.address1);
        r.address2 = trimmed(saved.address2);
        r.zipcode = trimmed(saved.zipcode);
    }
    if (!pickup) {
        if (present(errors, "delivery.address1", r.address1)) {
            check_text(errors, "delivery.address1", r.address1, 1, 200);
        }
        check_text(errors, "delivery.address2", r.address2, 0, 200);
        if (present(errors, "delivery.zipcode", r.zipcode) && !valid_zipcode(r.zipcode)) {
            errors.push_back({"delivery.zipcode", "must be 5 digits"});
        }
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));
    d.option = *chosen;
    return d;
}

std::int64_t shipping_fee(const DeliveryOption& option,
                          std::optional<std::int64_t> free_shipping_over,
                          std::int64_t items_total) {
    if (free_shipping_over && items_total >= *free_shipping_over) return 0;
    return option.fee;
}

}  // namespace formlympics::domain
