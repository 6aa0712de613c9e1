#include "store/user_store.hpp"

#include "domain/account_rules.hpp"
#include "store/user_columns.hpp"

namespace formlympics::store {
namespace {

const std::string kReturning = std::string(" RETURNING ") + kUserColumns;

std::optional<domain::User> first_user(const SqlRows& r) {
    if (r.empty()) return std::nullopt;
    return read_user_row([&](int c) { return r.int64(0, static_cast<std::size_t>(c)); },
                         [&](int c) { return r.text(0, static_cast<std::size_t>(c)); });
}

}  // namespace

domain::Result<domain::User> UserStore::create(const domain::NewUser& u) {
    SqlParams p;
    p.add(u.name).add(u.email).add(domain::email_key(u.email)).add(u.phone).add(u.password_hash);
    // ON CONFLICT DO NOTHING returns no row for a taken email: no dialect-specific error codes.
    auto user = write_one(
        "INSERT INTO users (name, email, email_key, phone, password_hash) VALUES ($1, $2, $3, $4, "
        "$5) ON CONFLICT (email_key) DO NOTHING",
        p);
    if (!user) return domain::fail(domain::Errc::email_taken, "an account with that email exists");
    return std::move(*user);
}

std::optional<domain::Credentials> UserStore::find_credentials(std::string_view key) {
    return db_.read_result([&](SqlSession& s) -> std::optional<domain::Credentials> {
        const auto r = s.query("SELECT id, password_hash, name FROM users WHERE email_key = $1",
                               SqlParams().add(std::string(key)));
        if (r.empty()) return std::nullopt;
        return domain::Credentials{r.int64(0, 0), r.str(0, 1), r.str(0, 2)};
    });
}

std::optional<domain::User> UserStore::find(domain::UserId id) {
    return db_.read_result([&](SqlSession& s) {
        return first_user(s.query(std::string("SELECT ") + kUserColumns +
                                      " FROM users WHERE id = $1 AND deleted_at IS NULL",
                                  SqlParams().add(id)));
    });
}

std::optional<domain::User> UserStore::write_one(const std::string& sql, const SqlParams& params) {
    return db_.write_result(
        [&](SqlSession& s) { return first_user(s.query(sql + kReturning, params)); });
}

// CURRENT_TIMESTAMP reads the same in both dialects.
std::optional<domain::User> UserStore::set_address(domain::UserId id, const domain::Address& a) {
    SqlParams p;
    p.add(a.address1).add(a.address2).add(a.zipcode).add(id);
    return write_one(
        "UPDATE users SET address1 = $1, address2 = $2, zipcode = $3, "
        "updated_at = CURRENT_TIMESTAMP WHERE id = $4",
        p);
}

std::optional<domain::User> UserStore::set_refund_account(domain::UserId id,
                                                          const domain::RefundAccount& r) {
    SqlParams p;
    p.add(std::string(domain::bank_code(r.bank))).add(r.account_number).add(r.holder_name).add(id);
    return write_one(
        "UPDATE users SET refund_bank = $1, refund_account_number = $2, refund_holder_name = $3, "
        "updated_at = CURRENT_TIMESTAMP WHERE id = $4",
        p);
}

std::optional<domain::User> UserStore::set_name_and_phone(domain::UserId id,
                                                          const std::string& name,
                                                          const std::string& phone) {
    return write_one(
        "UPDATE users SET name = $1, phone = $2, updated_at = CURRENT_TIMESTAMP "
        "WHERE id = $3 AND deleted_at IS NULL",
        SqlParams().add(name).add(phone).add(id));
}

bool UserStore::set_password_hash(domain::UserId id, const std::string& hash,
                                  const std::string& expected) {
    return db_.write_result([&](SqlSession& s) {
        return s.execute(
                   "UPDATE users SET password_hash = $1, updated_at = CURRENT_TIMESTAMP "
                   "WHERE id = $2 AND deleted_at IS NULL AND password_hash = $3",
                   SqlParams().add(hash).add(id).add(expected)) == 1;
    });
}

TokenRevocation UserStore::revoke_tokens(domain::UserId id, std::int64_t generation,
                                         std::int64_t now) {
    return db_.write_result([&](SqlSession& s) {
        // Only a higher generation replaces the stored one (and dates the raise): a repeated
        // sign-out with the same token changes nothing. Reads the same in both dialects.
        const auto r = s.query(
            "INSERT INTO token_revocations (user_id, generation, revoked_before) "
            "VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET "
            "revoked_before = CASE WHEN excluded.generation > token_revocations.generation "
            "THEN excluded.revoked_before ELSE token_revocations.revoked_before END, "
            "generation = CASE WHEN excluded.generation > token_revocations.generation "
            "THEN excluded.generation ELSE token_revocations.generation END "
            "RETURNING generation, revoked_before",
            SqlParams().add(id).add(generation).add(now));
        // A stream ticket is a credential too: the user's unused ones go with the tokens.
        const auto stored = SqlParams().add(id).add(r.int64(0, 0)).add(now);
        s.execute("DELETE FROM stream_tickets WHERE user_id = $1 AND token_generation < $2",
                  SqlParams().add(id).add(r.int64(0, 0)));
        // Refresh tokens and browser sessions carry the generation too; marking them revoked
        // ends them in the store (a renewal or refresh reads it) and tells every instance.
        for (const char* table : {"refresh_tokens", "web_sessions"}) {
            s.execute(std::string("UPDATE ") + table +
                          " SET revoked_at = $3 WHERE user_id = $1 AND generation < $2 AND "
                          "revoked_at IS NULL",
                      stored);
        }
        return TokenRevocation{r.int64(0, 0), r.int64(0, 1)};
    });
}

std::optional<TokenRevocation> UserStore::token_revocation(domain::UserId id) {
    return db_.read_result([&](SqlSession& s) -> std::optional<TokenRevocation> {
        const auto r =
            s.query("SELECT generation, revoked_before FROM token_revocations WHERE user_id = $1",
                    SqlParams().add(id));
        if (r.empty()) return std::nullopt;
        return TokenRevocation{r.int64(0, 0), r.int64(0, 1)};
    });
}

std::vector<std::pair<domain::UserId, TokenRevocation>> UserStore::token_revocations(
    std::int64_t raised_after) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT user_id, generation, revoked_before FROM token_revocations "
            "WHERE revoked_before > $1",
            SqlParams().add(raised_after));
        std::vector<std::pair<domain::UserId, TokenRevocation>> out;
        out.reserve(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            out.emplace_back(r.int64(i, 0), TokenRevocation{r.int64(i, 1), r.int64(i, 2)});
        }
        return out;
    });
}

}  // namespace formlympics::store
