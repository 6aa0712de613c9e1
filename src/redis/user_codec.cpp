#include "redis/user_codec.hpp"

#include <boost/json.hpp>

namespace formlympics::redis {
namespace json = boost::json;
namespace {

constexpr std::string_view kVersion = "u1:";

}  // namespace

std::string encode_user(const domain::User& u) {
    json::array a{u.id, u.name, u.email, u.phone};
    if (u.address) {
        a.push_back(json::array{u.address->address1, u.address->address2, u.address->zipcode});
    } else {
        a.push_back(nullptr);
    }
    if (u.refund_account) {
        const auto& r = *u.refund_account;
        a.push_back(json::array{domain::bank_code(r.bank), r.account_number, r.holder_name});
    } else {
        a.push_back(nullptr);
    }
    return std::string(kVersion) + json::serialize(a);
}

std::optional<domain::User> decode_user(std::string_view bytes) {
    if (!bytes.starts_with(kVersion)) return std::nullopt;
    try {
        const auto v = json::parse(bytes.substr(kVersion.size()));
        const auto& a = v.as_array();
        domain::User u;
        u.id = a.at(0).to_number<domain::UserId>();
        u.name = a.at(1).as_string();
        u.email = a.at(2).as_string();
        u.phone = a.at(3).as_string();
        if (!a.at(4).is_null()) {
            const auto& d = a.at(4).as_array();
            u.address =
                domain::Address{std::string(d.at(0).as_string()), std::string(d.at(1).as_string()),
                                std::string(d.at(2).as_string())};
        }
        if (!a.at(5).is_null()) {
            const auto& r = a.at(5).as_array();
            auto bank = domain::parse_bank(r.at(0).as_string());
            if (!bank) return std::nullopt;
            u.refund_account = domain::RefundAccount{*bank, std::string(r.at(1).as_string()),
                                                     std::string(r.at(2).as_string())};
        }
        return u;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace formlympics::redis
