#include "store/sqlite/sqlite_user_repository.hpp"

#include <sqlite3.h>

#include "domain/account_rules.hpp"
#include "store/user_columns.hpp"

namespace formlympics::store {
namespace {

const std::string kReturning = std::string(" RETURNING ") + kUserColumns;

std::optional<domain::User> read_one(SqliteStatement& st) {
    if (!st.step()) return std::nullopt;
    return read_user_row([&](int i) { return st.int64(i); }, [&](int i) { return st.text(i); });
}

}  // namespace

domain::Result<domain::User> SqliteUserRepository::create(const domain::NewUser& u) {
    try {
        return db_.write([&](SqliteConnection& c) {
            auto st = c.prepare(
                "INSERT INTO users (name, email, email_key, phone, password_hash) "
                "VALUES (?, ?, ?, ?, ?)" +
                kReturning);
            st.bind(1, u.name).bind(2, u.email).bind(3, domain::email_key(u.email));
            st.bind(4, u.phone).bind(5, u.password_hash);
            return *read_one(st);
        });
    } catch (const SqliteError& e) {
        if (e.code() == SQLITE_CONSTRAINT_UNIQUE) {
            return domain::fail(domain::Errc::email_taken, "an account with that email exists");
        }
        throw;
    }
}

std::optional<domain::Credentials> SqliteUserRepository::find_credentials(std::string_view key) {
    return db_.read([&](SqliteConnection& c) -> std::optional<domain::Credentials> {
        auto st = c.prepare("SELECT id, password_hash FROM users WHERE email_key = ?");
        st.bind(1, key);
        if (!st.step()) return std::nullopt;
        return domain::Credentials{st.int64(0), st.text(1).value_or("")};
    });
}

std::optional<domain::User> SqliteUserRepository::find(domain::UserId id) {
    return db_.read([&](SqliteConnection& c) {
        auto st = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
        st.bind(1, id);
        return read_one(st);
    });
}

std::optional<domain::User> SqliteUserRepository::set_address(domain::UserId id,
                                                              const domain::Address& a) {
    return db_.write([&](SqliteConnection& c) {
        auto st = c.prepare(
            "UPDATE users SET address1 = ?, address2 = ?, zipcode = ?, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?" +
            kReturning);
        st.bind(1, a.address1).bind(2, a.address2).bind(3, a.zipcode).bind(4, id);
        return read_one(st);
    });
}

std::optional<domain::User> SqliteUserRepository::set_refund_account(
    domain::UserId id, const domain::RefundAccount& r) {
    return db_.write([&](SqliteConnection& c) {
        auto st = c.prepare(
            "UPDATE users SET refund_bank = ?, refund_account_number = ?, refund_holder_name = ?, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?" +
            kReturning);
        st.bind(1, domain::bank_name(r.bank)).bind(2, r.account_number).bind(3, r.holder_name);
        st.bind(4, id);
        return read_one(st);
    });
}

}  // namespace formlympics::store
