#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enum_names.hpp"
#include "domain/error.hpp"
#include "domain/result.hpp"
#include "domain/user.hpp"

namespace formlympics::domain {

// How an order reaches its buyer.
enum class DeliveryKind { COURIER, CONVENIENCE_STORE, PICKUP };

// 택배, 편의점 택배, 직접 수령.
inline constexpr EnumNames kDeliveryKinds{std::array<std::pair<DeliveryKind, std::string_view>, 3>{{
    {DeliveryKind::COURIER, "COURIER"},
    {DeliveryKind::CONVENIENCE_STORE, "CONVENIENCE_STORE"},
    {DeliveryKind::PICKUP, "PICKUP"},
}}};

inline constexpr std::size_t kMaxDeliveryOptions = 5;
inline constexpr std::int64_t kMaxShippingFee = 1'000'000;  // won

// One way a form delivers, with its fee in won. `pickup_note` says where and when (PICKUP only).
struct DeliveryOption {
    std::int64_t id = 0;  // 0 until stored
    DeliveryKind kind = DeliveryKind::COURIER;
    std::string label;
    std::int64_t fee = 0;
    std::string pickup_note;
};

// Who receives an order and where.
struct Recipient {
    std::string name;
    std::string phone;
    std::string address1;
    std::string address2;
    std::string zipcode;
};

// What an order request says of its delivery; what is left out comes from the buyer's profile:
// the name and the phone each, the address only as a whole (a request that gives any of
// address1, address2 and zipcode gives the address, so two addresses are never mixed).
struct DeliveryRequest {
    std::int64_t option_id = 0;
    std::optional<std::string> recipient_name;
    std::optional<std::string> phone;
    std::optional<std::string> address1;
    std::optional<std::string> address2;
    std::optional<std::string> zipcode;
    // The buyer's profile, for what the request left out; kept apart from what the buyer sent,
    // which alone an Idempotency-Key is held to.
    std::optional<Recipient> profile;

    bool gives_address() const { return address1 || address2 || zipcode; }
    // Whether something is left to the buyer's profile, which must then be read.
    bool needs_profile() const {
        return !profile && (!recipient_name || !phone || !gives_address());
    }
};

// Keeps the buyer's profile (name, phone, saved address) beside the request.
void fill_from_profile(DeliveryRequest& request, const User& profile);

// The delivery frozen on an order: the option as it was and the recipient as given.
struct Delivery {
    DeliveryOption option;
    Recipient recipient;
};

// The problems of a form's delivery options and free-shipping threshold, under `delivery_options`
// and `free_shipping_over`; empty when all hold.
std::vector<FieldError> check_delivery_options(const std::vector<DeliveryOption>& options,
                                               std::optional<std::int64_t> free_shipping_over);

// The delivery of an order on a form with `options`: the chosen option and the recipient, each
// field trimmed. validation_failed naming every missing or invalid field (`delivery.<field>`).
// A PICKUP has no address: address fields sent with one are refused unless empty.
Result<Delivery> resolve_delivery(const std::vector<DeliveryOption>& options,
                                  const DeliveryRequest& request);

// The fee an order pays: none when its items reach the free-shipping threshold.
std::int64_t shipping_fee(const DeliveryOption& option,
                          std::optional<std::int64_t> free_shipping_over, std::int64_t items_total);

}  // namespace formlympics::domain
