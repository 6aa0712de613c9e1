#include "service/account_service.hpp"

#include "service/verified_tokens.hpp"
#include "util/decimal.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;
using domain::fail;

domain::Error too_many(const std::string& what, std::chrono::milliseconds wait) {
    const auto seconds = static_cast<int>((wait.count() + 999) / 1000);
    auto e = fail(Errc::too_many_requests,
                  "too many " + what + "; try again in " + std::to_string(seconds) + " s");
    e.retry_after = seconds;
    return e;
}

}  // namespace

AccountService::AccountService(store::UserRepository& users, service::UserCache& cache,
                               TokenRevocations& revocations, const util::PasswordHasher& hasher,
                               const util::JwtCodec& jwt, const util::Clock& clock,
                               SignInLimits* limits)
    : users_(users),
      cache_(cache),
      revocations_(revocations),
      hasher_(hasher),
      jwt_(jwt),
      clock_(clock),
      limits_(limits) {}

domain::Result<domain::User> AccountService::sign_up(const domain::SignUp& r,
                                                     std::string_view address) {
    if (limits_) {
        if (const auto wait = limits_->before_sign_up(address); wait.count() > 0) {
            return too_many("sign-ups from this address", wait);
        }
        limits_->sign_up_attempted(address);
    }
    if (auto errors = domain::check_sign_up(r); !errors.empty())
        return domain::invalid_fields(std::move(errors));
    return users_.create(domain::NewUser{r.name, r.email, r.phone, hasher_.hash(r.password)});
}

domain::Result<domain::Caller> AccountService::check_password(std::string_view email,
                                                              std::string_view password,
                                                              std::string_view address) {
    if (limits_) {
        if (const auto wait = limits_->before_sign_in(email, address); wait.count() > 0) {
            return too_many("failed sign-ins", wait);
        }
    }
    auto creds =
        email.size() <= 254 ? users_.find_credentials(domain::email_key(email)) : std::nullopt;
    bool right = false;
    if (creds) {
        right = hasher_.verify(creds->password_hash, password);
    } else {
        hasher_.verify_nothing(password);
    }
    if (!right) {
        if (limits_) limits_->sign_in_failed(email, address);
        return fail(Errc::invalid_credentials, "the email or password is wrong");
    }
    if (limits_) limits_->sign_in_succeeded(email, address);
    // Signing in is the moment before a user starts clicking: have their profile ready.
    if (auto user = users_.find(creds->id)) cache_.put(*user);
    return domain::Caller{
        creds->id, revocations_.current_generation(creds->id), 0, {}, creds->name};
}

domain::Result<domain::Caller> AccountService::authenticate(std::string_view token) const {
    const auto now = clock_.now_seconds();
    auto& verified = VerifiedTokens::of_this_thread(this);
    const auto* kept = verified.find(token, now);
    domain::Caller caller;
    if (kept != nullptr) {
        caller = *kept;
    } else {
        const auto check = jwt_.verify(token, now);
        const auto id = check.claims ? util::parse_decimal(check.claims->sub) : std::nullopt;
        // A session cookie's token is not a bearer token: its session's revocation is checked
        // where cookies are (service::WebSessions), not here. A token signed without an id
        // (before tokens had one) can only be revoked with all the user's others.
        const auto token_id = check.claims ? parse_token_id(check.claims->jti) : std::nullopt;
        if (!id || *id <= 0 || !check.claims->sid.empty() ||
            (!token_id && !check.claims->jti.empty())) {
            return fail(Errc::unauthorized, "the access token is invalid or expired");
        }
        caller =
            domain::Caller{*id, check.claims->gen, token_id.value_or(0), {}, check.claims->name};
        verified.keep(token, {caller, check.claims->exp}, now);
    }
    if (revocations_.revoked(caller)) {
        return fail(Errc::unauthorized, "the access token was revoked; sign in again");
    }
    return caller;
}

domain::Result<domain::User> AccountService::profile(domain::UserId id) {
    if (auto cached = cache_.get(id)) return *cached;
    auto user = users_.find(id);
    if (!user) return fail(Errc::unauthorized, "the account no longer exists");
    cache_.put(*user);
    return *user;
}

bool AccountService::still_valid(const domain::Caller& caller) const {
    return !revocations_.revoked(caller);
}

void AccountService::sign_out_everywhere(const domain::Caller& caller) {
    revocations_.revoke_all(caller);
}

domain::Result<domain::User> AccountService::updated(domain::UserId id,
                                                     std::optional<domain::User> user) {
    cache_.invalidate(id);
    if (!user) return fail(Errc::not_found, "no such user");
    return *user;
}

domain::Result<domain::User> AccountService::set_address(domain::UserId id,
                                                         const domain::Address& a) {
    if (auto errors = domain::check_address(a); !errors.empty())
        return domain::invalid_fields(std::move(errors));
    return updated(id, users_.set_address(id, a));
}

domain::Result<domain::User> AccountService::set_refund_account(domain::UserId id,
                                                                const domain::RefundAccount& r) {
    if (auto errors = domain::check_refund_account(r); !errors.empty()) {
        return domain::invalid_fields(std::move(errors));
    }
    return updated(id, users_.set_refund_account(id, r));
}

domain::Result<domain::User> AccountService::set_name_and_phone(domain::UserId id,
                                                                const NameAndPhone& change) {
    if (auto errors = domain::check_name_and_phone(change.name, change.phone); !errors.empty()) {
        return domain::invalid_fields(std::move(errors));
    }
    return updated(id, users_.set_name_and_phone(id, change.name, change.phone));
}

domain::Result<domain::Credentials> AccountService::confirm_password(const domain::Caller& caller,
                                                                     std::string_view password,
                                                                     std::string_view address) {
    const auto user = users_.find(caller.id);
    if (!user) return fail(Errc::unauthorized, "the account no longer exists");
    // Read before the check: a change made after it no longer matches this hash.
    const auto before = users_.find_credentials(domain::email_key(user->email));
    if (!before) return fail(Errc::unauthorized, "the account no longer exists");
    // Through the sign-in limits, keyed on the account's email: a stolen session guessing the
    // password is slowed exactly as a sign-in would be.
    auto checked = check_password(user->email, password, address);
    if (checked && checked->id == caller.id) return *before;
    if (!checked && checked.error().code == Errc::too_many_requests) return checked.error();
    return fail(Errc::wrong_password, "the password is wrong");
}

domain::Result<domain::Caller> AccountService::change_password(const domain::Caller& caller,
                                                               std::string_view current,
                                                               std::string_view next,
                                                               std::string_view address) {
    if (auto errors = domain::check_new_password(next, "new_password"); !errors.empty()) {
        return domain::invalid_fields(std::move(errors));
    }
    auto confirmed = confirm_password(caller, current, address);
    if (!confirmed) return confirmed.error();
    // Only over the password just checked: of two changes at once, the second finds the first's
    // and is refused, so no session the first ended lives on through the second.
    if (!users_.set_password_hash(caller.id, hasher_.hash(next), confirmed->password_hash)) {
        return fail(Errc::wrong_password, "the password changed meanwhile; sign in again");
    }
    // Everything signed in before (this credential too: the caller gets a fresh one).
    const auto generation = revocations_.revoke_all(caller);
    return domain::Caller{caller.id, generation, 0, {}, confirmed->name};
}

domain::Result<domain::UserId> AccountService::delete_account(const domain::Caller& caller,
                                                              std::string_view password,
                                                              std::string_view address) {
    if (auto confirmed = confirm_password(caller, password, address); !confirmed) {
        return confirmed.error();
    }
    auto erased = users_.erase(caller.id, clock_.now_seconds());
    if (!erased) return erased.error();
    // Ends every credential and, through the revocation's listener, every open stream.
    revocations_.revoke_all(caller);
    cache_.invalidate(caller.id);
    return erased;
}

}  // namespace formlympics::service
