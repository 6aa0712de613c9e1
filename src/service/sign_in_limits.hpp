#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "service/attempt_limiter.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// How hard guessing passwords and mass sign-ups are made.
struct SignInRules {
    // Wrong passwords for one account from one address: 5 a minute, then waits from 1 s
    // doubling to 15 min.
    AttemptRule pair{5, std::chrono::minutes(1), std::chrono::seconds(1), std::chrono::minutes(15)};
    // Wrong passwords for one account from anywhere: looser, and the waits stay short, so an
    // attacker with many addresses slows the owner down without locking them out.
    AttemptRule account{20, std::chrono::minutes(1), std::chrono::seconds(1),
                        std::chrono::minutes(1)};
    // Wrong passwords from one address across accounts (spraying); generous, since a mobile
    // carrier puts many people behind one address.
    AttemptRule address{50, std::chrono::minutes(1), std::chrono::seconds(1),
                        std::chrono::minutes(5)};
    // Sign-ups from one address.
    AttemptRule sign_up{10, std::chrono::minutes(10), std::chrono::seconds(1),
                        std::chrono::minutes(10)};
    // After a right password, that address is exempt from the account's cap this long.
    std::chrono::milliseconds known_address{std::chrono::hours(24 * 30)};
};

// The limits on signing in and up, per account, per client address and per both. They answer
// the same whether or not an email belongs to an account: keys are built from the email as
// typed (hashed), never from a lookup.
class SignInLimits {
  public:
    SignInLimits(AttemptLimiter& limiter, const util::Clock& clock, SignInRules rules)
        : limiter_(limiter), clock_(clock), rules_(rules) {}

    // How long this address must wait before trying this email again; zero when it may now.
    std::chrono::milliseconds before_sign_in(std::string_view email, std::string_view address);
    void sign_in_failed(std::string_view email, std::string_view address);
    void sign_in_succeeded(std::string_view email, std::string_view address);

    // How long this address must wait before signing up again; zero when it may now.
    std::chrono::milliseconds before_sign_up(std::string_view address);
    void sign_up_attempted(std::string_view address);

  private:
    struct Keys {
        std::string pair, account, address, known;
    };
    static Keys keys(std::string_view email, std::string_view address);

    AttemptLimiter& limiter_;
    const util::Clock& clock_;
    SignInRules rules_;
};

}  // namespace formlympics::service
