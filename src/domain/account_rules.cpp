#include "domain/account_rules.hpp"

#include <algorithm>

namespace formlympics::domain {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

namespace {

bool valid_email(std::string_view e) {
    if (e.size() < 3 || e.size() > 254 || has_control(e, TextKind::line)) return false;
    const auto at = e.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || e.find('@', at + 1) != e.npos) {
        return false;
    }
    const auto domain = e.substr(at + 1);
    if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
    if (domain.find('.') == std::string_view::npos || domain.find("..") != e.npos) return false;
    return std::none_of(e.begin(), e.end(), [](char c) { return c == ' '; });
}

bool valid_account_number(std::string_view a) {
    const auto digits = std::count_if(a.begin(), a.end(), is_digit);
    return a.size() <= 30 && digits >= 6 &&
           std::all_of(a.begin(), a.end(), [](char c) { return is_digit(c) || c == '-'; });
}

void check_password(std::vector<FieldError>& out, std::string_view field, std::string_view pw) {
    const auto length = text_length(pw);
    if (length < kMinPasswordLength || length > kMaxPasswordLength) {
        out.push_back({std::string(field), "must be 8 to 128 characters"});
    } else if (is_blank(pw)) {
        out.push_back({std::string(field), "must not be blank"});
    }
}

void check_phone(std::vector<FieldError>& out, std::string_view phone) {
    if (!valid_phone(phone)) {
        out.push_back({"phone", std::string(kPhoneRule)});
    }
}

}  // namespace

std::vector<FieldError> check_sign_up(const SignUp& s) {
    std::vector<FieldError> out;
    check_text(out, "name", s.name, 1, 50);
    if (!valid_email(s.email)) out.push_back({"email", "must be a valid email address"});
    check_password(out, "password", s.password);
    check_phone(out, s.phone);
    return out;
}

std::vector<FieldError> check_name_and_phone(std::string_view name, std::string_view phone) {
    std::vector<FieldError> out;
    check_text(out, "name", name, 1, 50);
    check_phone(out, phone);
    return out;
}

std::vector<FieldError> check_new_password(std::string_view password, std::string_view field) {
    std::vector<FieldError> out;
    check_password(out, field, password);
    return out;
}

std::vector<FieldError> check_address(const Address& a) {
    std::vector<FieldError> out;
    check_text(out, "address1", a.address1, 1, 200);
    check_text(out, "address2", a.address2, 0, 200);
    if (!valid_zipcode(a.zipcode)) out.push_back({"zipcode", "must be 5 digits"});
    return out;
}

std::vector<FieldError> check_refund_account(const RefundAccount& r) {
    std::vector<FieldError> out;
    if (!valid_account_number(r.account_number)) {
        out.push_back({"account_number", "must be 6 to 30 digits and hyphens"});
    }
    check_text(out, "holder_name", r.holder_name, 1, 50);
    return out;
}

std::string email_key(std::string_view email) {
    std::string key(email);
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return key;
}

bool valid_phone(std::string_view p) {
    if (p.empty() || !is_digit(p.front()) || !is_digit(p.back())) return false;
    std::size_t digits = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (is_digit(p[i])) {
            ++digits;
        } else if (p[i] != '-' || !is_digit(p[i + 1])) {
            return false;  // one dash between digits
        }
    }
    return digits >= 9 && digits <= 12;
}

bool valid_zipcode(std::string_view z) {
    return z.size() == 5 && std::all_of(z.begin(), z.end(), is_digit);
}

}  // namespace formlympics::domain
