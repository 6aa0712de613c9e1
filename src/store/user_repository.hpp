#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "domain/user.hpp"

namespace formlympics::store {

// Persistent users. Infrastructure failures throw; expected outcomes are values.
class UserRepository {
  public:
    virtual ~UserRepository() = default;

    // Stores a new user; Errc::email_taken when the email (case-insensitively) is already used.
    virtual domain::Result<domain::User> create(const domain::NewUser& user) = 0;
    // The id and password hash of the user with that email key; nullopt when there is none.
    virtual std::optional<domain::Credentials> find_credentials(std::string_view email_key) = 0;
    // The user's profile; nullopt when there is no such user.
    virtual std::optional<domain::User> find(domain::UserId id) = 0;
    // Replaces the address; the updated profile, or nullopt when there is no such user.
    virtual std::optional<domain::User> set_address(domain::UserId id,
                                                    const domain::Address& address) = 0;
    // Replaces the refund account; the updated profile, or nullopt when there is no such user.
    virtual std::optional<domain::User> set_refund_account(
        domain::UserId id, const domain::RefundAccount& account) = 0;
    // Revokes every token of the user issued at or before `now` (seconds since the epoch), and
    // their unused stream tickets. Returns the cutoff stored: `now`, or one past the user's
    // earlier cutoff when that is not older (a second revocation within a second reaches the
    // token signed in between, which was dated after the first). Never lowers a cutoff.
    virtual std::int64_t revoke_tokens(domain::UserId id, std::int64_t now) = 0;
    // The user's revocation (issued_up_to), if any.
    virtual std::optional<std::int64_t> token_revocation(domain::UserId id) = 0;
    // Every revocation reaching tokens issued after `issued_after`: those still refusing a token
    // that has not expired.
    virtual std::vector<std::pair<domain::UserId, std::int64_t>> token_revocations(
        std::int64_t issued_after) = 0;
};

}  // namespace formlympics::store
