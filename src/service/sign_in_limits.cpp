#include "service/sign_in_limits.hpp"

#include "domain/account_rules.hpp"
#include "util/sha256.hpp"

namespace formlympics::service {

SignInLimits::Keys SignInLimits::keys(std::string_view email, std::string_view address) {
    // Hashed: the limiter (Redis, say) never holds the emails people typed.
    const auto account = util::sha256_hex(domain::email_key(email)).substr(0, 32);
    const std::string at(address);
    return {"signin:pair:" + account + "@" + at, "signin:account:" + account,
            "signin:address:" + at, "signin:known:" + account + "@" + at};
}

std::chrono::milliseconds SignInLimits::before_sign_in(std::string_view email,
                                                       std::string_view address) {
    const auto k = keys(email, address);
    const auto now = clock_.now_millis();
    std::vector<std::string> counted = {k.pair, k.address};
    if (!limiter_.marked(k.known, now)) counted.push_back(k.account);
    return limiter_.wait(counted, now);
}

void SignInLimits::sign_in_failed(std::string_view email, std::string_view address) {
    const auto k = keys(email, address);
    limiter_.count(
        {{k.pair, rules_.pair}, {k.account, rules_.account}, {k.address, rules_.address}},
        clock_.now_millis());
}

void SignInLimits::sign_in_succeeded(std::string_view email, std::string_view address) {
    const auto k = keys(email, address);
    limiter_.forget(k.pair);
    limiter_.mark(k.known, rules_.known_address, clock_.now_millis());
}

std::chrono::milliseconds SignInLimits::before_sign_up(std::string_view address) {
    return limiter_.wait({"signup:address:" + std::string(address)}, clock_.now_millis());
}

void SignInLimits::sign_up_attempted(std::string_view address) {
    limiter_.count({{"signup:address:" + std::string(address), rules_.sign_up}},
                   clock_.now_millis());
}

}  // namespace formlympics::service
