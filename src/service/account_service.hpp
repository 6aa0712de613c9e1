#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/account_rules.hpp"
#include "domain/result.hpp"
#include "domain/user.hpp"
#include "service/sign_in_limits.hpp"
#include "service/token_revocations.hpp"
#include "service/user_cache.hpp"
#include "store/user_repository.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"
#include "util/password_hasher.hpp"

namespace formlympics::service {

// The issuer of every token this server signs (bearer tokens and session cookies).
inline constexpr const char* kTokenIssuer = "formlympics";

// What a person may change of their profile themselves.
struct NameAndPhone {
    std::string name;
    std::string phone;
};

// Sign-up, sign-in, authentication of callers and their profiles.
class AccountService {
  public:
    // Without `limits`, sign-ins and sign-ups are not limited.
    AccountService(store::UserRepository& users, service::UserCache& cache,
                   TokenRevocations& revocations, const util::PasswordHasher& hasher,
                   const util::JwtCodec& jwt, const util::Clock& clock,
                   SignInLimits* limits = nullptr);

    // Creates an account for a visitor at `address`; validation_failed for broken rules,
    // email_taken for a used email, too_many_requests when the address signed up too often.
    domain::Result<domain::User> sign_up(const domain::SignUp& request,
                                         std::string_view address = {});
    // The caller (with the generation a credential signed now carries) for the right email and
    // password; invalid_credentials otherwise, the same answer (and about the same time) for an
    // unknown email as for a wrong password; too_many_requests (with how long to wait) after too
    // many wrong ones, checked before the password so the answer tells nothing.
    domain::Result<domain::Caller> check_password(std::string_view email, std::string_view password,
                                                  std::string_view address = {});
    // The caller a bearer token names, from the token alone (its signature, expiry and the
    // revocations held in memory): never blocks, so any route may run on a network thread.
    // unauthorized for any defect or a revoked token.
    domain::Result<domain::Caller> authenticate(std::string_view token) const;
    // Whether the caller's credential has not been revoked since `authenticate` accepted it.
    bool still_valid(const domain::Caller& caller) const;
    // The caller's profile (through the user cache); unauthorized when the account is gone.
    domain::Result<domain::User> profile(domain::UserId id);
    // Revokes every token the user holds, on every instance.
    void sign_out_everywhere(const domain::Caller& caller);
    // Replaces the caller's name and phone (the sign-up rules); validation_failed or
    // not_found.
    domain::Result<domain::User> set_name_and_phone(domain::UserId id, const NameAndPhone& change);
    // Checks the caller's current password (wrong_password, counted by the sign-in limits, which
    // may answer too_many_requests), then sets the new one (validation_failed by the sign-up
    // rules, changing nothing) and revokes every credential the user holds. The caller with
    // the generation a credential signed now carries, for the caller's own fresh one.
    domain::Result<domain::Caller> change_password(const domain::Caller& caller,
                                                   std::string_view current, std::string_view next,
                                                   std::string_view address = {});
    // Checks the password as change_password does, then deletes the account (open_orders while
    // it has open orders; see store::UserRepository::erase) and revokes every credential.
    domain::Result<domain::UserId> delete_account(const domain::Caller& caller,
                                                  std::string_view password,
                                                  std::string_view address = {});
    // Replaces the caller's address; validation_failed or not_found.
    domain::Result<domain::User> set_address(domain::UserId id, const domain::Address& address);
    // Replaces the caller's refund account; validation_failed or not_found.
    domain::Result<domain::User> set_refund_account(domain::UserId id,
                                                    const domain::RefundAccount& account);

  private:
    domain::Result<domain::User> updated(domain::UserId id, std::optional<domain::User> user);
    // The caller's own password, checked under the sign-in limits: the credentials it matched;
    // wrong_password or too_many_requests otherwise.
    domain::Result<domain::Credentials> confirm_password(const domain::Caller& caller,
                                                         std::string_view password,
                                                         std::string_view address);

    store::UserRepository& users_;
    service::UserCache& cache_;
    TokenRevocations& revocations_;
    const util::PasswordHasher& hasher_;
    const util::JwtCodec& jwt_;
    const util::Clock& clock_;
    SignInLimits* limits_;
};

}  // namespace formlympics::service
