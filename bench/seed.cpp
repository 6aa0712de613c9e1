#include "bench/seed.hpp"

#include <memory>

#include "store/postgres/pg_session.hpp"
#include "store/sqlite/sqlite_session.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"

namespace formlympics::bench {

Accounts seed_accounts(const std::string& url, const std::string& secret, std::size_t buyers,
                       const std::string& tag) {
    std::unique_ptr<store::SqliteDatabase> sqlite;
    std::unique_ptr<store::PgPool> pg;
    std::unique_ptr<store::SqlDatabase> db;
    if (url.starts_with("sqlite:")) {
        sqlite = std::make_unique<store::SqliteDatabase>(url.substr(7), 1);
        db = std::make_unique<store::SqliteSqlDatabase>(*sqlite);
    } else {
        pg = std::make_unique<store::PgPool>(url, 1, std::chrono::seconds(10));
        db = std::make_unique<store::PgSqlDatabase>(*pg);
    }
    std::vector<std::int64_t> ids;
    db->write([&](store::SqlSession& s) {
        constexpr std::size_t kChunk = 400;
        for (std::size_t start = 0; start <= buyers; start += kChunk) {
            const auto n = std::min(kChunk, buyers + 1 - start);
            store::SqlParams p;
            for (std::size_t i = start; i < start + n; ++i) {
                const auto email = tag + "-" + std::to_string(i) + "@bench.example";
                p.add(i == 0 ? "Bench seller" : "Bench buyer").add(email).add(email);
                p.add("01012345678").add("not-a-hash");
            }
            const auto rows = s.query(
                "INSERT INTO users (name, email, email_key, phone, "
                "password_hash) VALUES " +
                    store::values_list(n, 5) + " RETURNING id",
                p);
            for (std::size_t r = 0; r < rows.size(); ++r) ids.push_back(rows.int64(r, 0));
        }
    });
    util::JwtCodec jwt(secret, "formlympics");
    const auto now = util::SystemClock().now_seconds();
    // Signed as the server signs a sign-in's token: with the user's display name.
    auto token = [&](std::int64_t id, const char* name) {
        util::JwtClaims claims{std::to_string(id), "formlympics", now, now + 3600, {}};
        claims.name = name;
        return jwt.sign(claims);
    };
    Accounts out;
    out.seller = token(ids.at(0), "Bench seller");
    for (std::size_t i = 1; i < ids.size(); ++i) {
        out.buyers.push_back(token(ids[i], "Bench buyer"));
        out.buyer_ids.push_back(ids[i]);
    }
    return out;
}

}  // namespace formlympics::bench
