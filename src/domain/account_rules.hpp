#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "domain/user.hpp"

namespace formlympics::domain {

// What a visitor submits to sign up, before hashing.
struct SignUp {
    std::string name;
    std::string email;
    std::string password;
    std::string phone;
};

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 128;

// An ASCII digit, 0 to 9, whatever the locale.
bool is_digit(char c);
// A Korean phone number a courier can call: 9 to 12 digits with single dashes between them
// (010-1234-5678, 02-123-4567, 01012345678).
bool valid_phone(std::string_view phone);
// What a phone number that is not valid is told.
inline constexpr std::string_view kPhoneRule =
    "must be 9 to 12 digits, with single dashes between them";
// A Korean postal code: five digits.
bool valid_zipcode(std::string_view zipcode);
// The fields of a sign-up that break a rule; empty when all hold.
std::vector<FieldError> check_sign_up(const SignUp& s);
// The sign-up rules for a name and a phone on their own (a profile edit); empty when both hold.
std::vector<FieldError> check_name_and_phone(std::string_view name, std::string_view phone);
// The sign-up rule for a password, reported under `field`; empty when it holds.
std::vector<FieldError> check_new_password(std::string_view password, std::string_view field);
// The fields of an address that break a rule; empty when all hold.
std::vector<FieldError> check_address(const Address& a);
// The fields of a refund account that break a rule; empty when all hold.
std::vector<FieldError> check_refund_account(const RefundAccount& r);

// The key under which an email is unique: ASCII letters lowered, so A@x.com and a@X.COM collide.
std::string email_key(std::string_view email);

}  // namespace formlympics::domain
