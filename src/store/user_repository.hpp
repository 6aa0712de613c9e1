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
// Where a user's tokens stand: those of a generation below `generation` are refused. `raised_at`
// (seconds since the epoch) is when it last rose; every token it refuses was signed before then.
struct TokenRevocation {
    std::int64_t generation = 0;
    std::int64_t raised_at = 0;
    bool operator==(const TokenRevocation&) const = default;
};

class UserRepository {
  public:
    virtual ~UserRepository() = default;

    // Stores a new user; Errc::email_taken when the email (case-insensitively) is already used.
    virtual domain::Result<domain::User> create(const domain::NewUser& user) = 0;
    // The id and password hash of the user with that email key; nullopt when there is none.
    virtual std::optional<domain::Credentials> find_credentials(std::string_view email_key) = 0;
    // The user's profile; nullopt when there is no such user (or it was deleted).
    virtual std::optional<domain::User> find(domain::UserId id) = 0;
    // Replaces the address; the updated profile, or nullopt when there is no such user.
    virtual std::optional<domain::User> set_address(domain::UserId id,
                                                    const domain::Address& address) = 0;
    // Replaces the refund account; the updated profile, or nullopt when there is no such user.
    virtual std::optional<domain::User> set_refund_account(
        domain::UserId id, const domain::RefundAccount& account) = 0;
    // Replaces the name and phone; the updated profile, or nullopt when there is no such user.
    virtual std::optional<domain::User> set_name_and_phone(domain::UserId id,
                                                           const std::string& name,
                                                           const std::string& phone) = 0;
    // Replaces the password hash while it is still `expected`; whether it did (false for no
    // such user, or a hash changed meanwhile).
    virtual bool set_password_hash(domain::UserId id, const std::string& hash,
                                   const std::string& expected) = 0;
    // Deletes the account at `now` (seconds since the epoch), in one transaction: open_orders
    // while it has orders CREATED, PAID or SHIPPED as buyer or on its forms as seller, not_found
    // when there is no such live user. Otherwise its personal data is erased (the row keeps its
    // id for the orders that name it; the email is free again), the recipients frozen on its
    // orders as buyer are erased, its open forms close and lose their bank account, and its
    // likes, notifications and stream tickets go. The id.
    virtual domain::Result<domain::UserId> erase(domain::UserId id, std::int64_t now) = 0;
    // Refuses every token of the user of a generation below `generation` from now on (`now`,
    // seconds since the epoch), ends their refresh tokens and browser sessions of such a
    // generation, and voids their unused stream tickets. Never lowers the generation; the
    // user's revocation as stored afterwards.
    virtual TokenRevocation revoke_tokens(domain::UserId id, std::int64_t generation,
                                          std::int64_t now) = 0;
    // The user's revocation, if any.
    virtual std::optional<TokenRevocation> token_revocation(domain::UserId id) = 0;
    // Every revocation raised after `raised_after`: those that may still refuse a live token.
    virtual std::vector<std::pair<domain::UserId, TokenRevocation>> token_revocations(
        std::int64_t raised_after) = 0;
};

}  // namespace formlympics::store
