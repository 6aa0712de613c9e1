#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.hpp"

namespace formlympics::domain {

// The couriers Korean goods sellers ship with, whose public tracking pages a buyer can open.
enum class Courier { CJ, EPOST, HANJIN, LOTTE, LOGEN, GS_POSTBOX, CU_POST };

// The couriers by wire name, e.g. "CJ".
inline constexpr EnumNames kCouriers{std::array<std::pair<Courier, std::string_view>, 7>{{
    {Courier::CJ, "CJ"},
    {Courier::EPOST, "EPOST"},
    {Courier::HANJIN, "HANJIN"},
    {Courier::LOTTE, "LOTTE"},
    {Courier::LOGEN, "LOGEN"},
    {Courier::GS_POSTBOX, "GS_POSTBOX"},
    {Courier::CU_POST, "CU_POST"},
}}};

// A courier's names and where its tracking page is: `tracking_prefix` followed by the number.
struct CourierRow {
    Courier courier;
    std::string_view ko;
    std::string_view en;
    std::string_view tracking_prefix;
};

// One row per courier, in kCouriers' order.
extern const std::array<CourierRow, 7> kCourierRows;

// The courier's row.
const CourierRow& courier_row(Courier courier);

// Where a buyer follows a parcel: the courier's own tracking page for the number's digits when
// it is only digits, spaces and dashes; otherwise, or without a courier, a web search for the
// number as given.
std::string tracking_url(std::optional<Courier> courier, std::string_view tracking_number);

// What the seller says of a shipment: its tracking number and, optionally, its courier.
struct Shipment {
    std::string tracking_number;
    std::optional<Courier> courier;
};

}  // namespace formlympics::domain
