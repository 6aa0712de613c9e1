#include "store/postgres/pg_user_repository.hpp"

#include "domain/account_rules.hpp"
#include "store/user_columns.hpp"

namespace formlympics::store {
namespace {

constexpr const char* kUniqueViolation = "23505";
const std::string kReturning = std::string(" RETURNING ") + kUserColumns;

std::optional<domain::User> first_user(const PgResult& r) {
    if (r.rows() == 0) return std::nullopt;
    return read_user_row([&](int c) { return r.int64(0, c); }, [&](int c) { return r.text(0, c); });
}

}  // namespace

domain::Result<domain::User> PgUserRepository::create(const domain::NewUser& u) {
    PgParams p;
    p.add(u.name).add(u.email).add(domain::email_key(u.email)).add(u.phone).add(u.password_hash);
    try {
        return pool_.with([&](PgConnection& c) {
            return *first_user(
                c.exec("INSERT INTO users (name, email, email_key, phone, password_hash) "
                       "VALUES ($1, $2, $3, $4, $5)" +
                           kReturning,
                       p));
        });
    } catch (const PgError& e) {
        if (e.sqlstate() == kUniqueViolation) {
            return domain::fail(domain::Errc::email_taken, "an account with that email exists");
        }
        throw;
    }
}

std::optional<domain::Credentials> PgUserRepository::find_credentials(std::string_view key) {
    PgParams p;
    p.add(key);
    return pool_.with([&](PgConnection& c) -> std::optional<domain::Credentials> {
        auto r = c.exec("SELECT id, password_hash FROM users WHERE email_key = $1", p);
        if (r.rows() == 0) return std::nullopt;
        return domain::Credentials{r.int64(0, 0), r.text(0, 1).value_or("")};
    });
}

std::optional<domain::User> PgUserRepository::find(domain::UserId id) {
    PgParams p;
    p.add(id);
    return pool_.with([&](PgConnection& c) {
        return first_user(
            c.exec(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", p));
    });
}

std::optional<domain::User> PgUserRepository::update_one(const std::string& sql,
                                                         const PgParams& params) {
    return pool_.with(
        [&](PgConnection& c) { return first_user(c.exec(sql + kReturning, params)); });
}

std::optional<domain::User> PgUserRepository::set_address(domain::UserId id,
                                                          const domain::Address& a) {
    PgParams p;
    p.add(a.address1).add(a.address2).add(a.zipcode).add(id);
    return update_one(
        "UPDATE users SET address1 = $1, address2 = $2, zipcode = $3, updated_at = now() "
        "WHERE id = $4",
        p);
}

std::optional<domain::User> PgUserRepository::set_refund_account(domain::UserId id,
                                                                 const domain::RefundAccount& r) {
    PgParams p;
    p.add(domain::bank_name(r.bank)).add(r.account_number).add(r.holder_name).add(id);
    return update_one(
        "UPDATE users SET refund_bank = $1, refund_account_number = $2, refund_holder_name = $3, "
        "updated_at = now() WHERE id = $4",
        p);
}

}  // namespace formlympics::store
