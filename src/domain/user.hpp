#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/bank.hpp"

namespace formlympics::domain {

using UserId = std::int64_t;

struct Address {
    std::string address1;
    std::string address2;
    std::string zipcode;
};

// An account at a bank: where buyers transfer deposits to, or where refunds go.
struct BankAccount {
    Bank bank;
    std::string account_number;
    std::string holder_name;
};
using RefundAccount = BankAccount;

// Who is calling: the user a verified, unrevoked access token names. All a request needs to be
// authorised; the profile is read only where a route shows it.
struct Caller {
    UserId id = 0;
    // The session generation of the credential it came with (see service::TokenRevocations).
    std::int64_t generation = 0;
    // The bearer token's id (its `jti`, 16 hex digits read as a number), so that token alone
    // can be revoked; 0 for a session cookie or a token signed without one.
    std::uint64_t token_id = 0;
    // The browser session a session cookie names; empty for a bearer token.
    std::string session_id{};
    // The display name the credential carries (as it was when the credential was signed, at
    // most a token's lifetime ago), for what others are told of this caller's actions; empty
    // when the credential carries none.
    std::string name{};
};

// A user's profile. Never carries the password hash, so it is safe to cache and render.
struct User {
    UserId id = 0;
    std::string name;
    std::string email;
    std::string phone;
    std::optional<Address> address;
    std::optional<RefundAccount> refund_account;
};

// What sign-up stores: the profile fields and the already-hashed password.
struct NewUser {
    std::string name;
    std::string email;
    std::string phone;
    std::string password_hash;
};

// What sign-in needs to check a password.
struct Credentials {
    UserId id = 0;
    std::string password_hash;
    std::string name{};
};

}  // namespace formlympics::domain
