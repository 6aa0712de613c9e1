#pragma once

#include <optional>
#include <string>

#include "domain/user.hpp"

namespace formlympics::store {

// The users columns every profile query selects, in the order read_user_row expects.
inline constexpr const char* kUserColumns =
    "id, name, email, phone, address1, address2, zipcode, refund_bank, refund_account_number, "
    "refund_holder_name";

// Builds a profile from the ten columns above; `text(i)` is nullopt for SQL NULL.
template <class IdAt, class TextAt>
domain::User read_user_row(IdAt id_at, TextAt text) {
    domain::User u;
    u.id = id_at(0);
    u.name = text(1).value_or("");
    u.email = text(2).value_or("");
    u.phone = text(3).value_or("");
    if (auto a1 = text(4)) {
        u.address = domain::Address{*a1, text(5).value_or(""), text(6).value_or("")};
    }
    if (auto bank = text(7)) {
        u.refund_account = domain::RefundAccount{domain::stored_bank(*bank), text(8).value_or(""),
                                                 text(9).value_or("")};
    }
    return u;
}

}  // namespace formlympics::store
