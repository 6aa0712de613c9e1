#include "store/token_store.hpp"

namespace formlympics::store {
namespace {

void insert_refresh(SqlSession& s, const RefreshToken& t) {
    s.execute(
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, generation, access_jti, "
        "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        SqlParams()
            .add(t.token_hash)
            .add(t.family_id)
            .add(t.user_id)
            .add(t.generation)
            .add(t.access_jti)
            .add(t.created_at)
            .add(t.expires_at));
}

// Ends every refresh token of the family and revokes the access tokens issued with them that
// may still be live.
void end_family(SqlSession& s, const std::string& family, std::int64_t now,
                std::int64_t access_since, std::int64_t access_ttl) {
    s.execute(
        "UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
        SqlParams().add(family).add(now));
    s.execute(
        "INSERT INTO revoked_tokens (jti, user_id, expires_at) "
        "SELECT access_jti, user_id, created_at + $3 FROM refresh_tokens "
        "WHERE family_id = $1 AND created_at >= $2 ON CONFLICT (jti) DO NOTHING",
        SqlParams().add(family).add(access_since).add(access_ttl));
}

}  // namespace

void TokenStore::create_refresh(const RefreshToken& token) {
    db_.write([&](SqlSession& s) { insert_refresh(s, token); });
}

RefreshUse TokenStore::use_refresh(std::string_view hash, RefreshToken next, std::int64_t now,
                                   std::int64_t access_since, std::int64_t access_ttl) {
    return db_.write_result([&](SqlSession& s) -> RefreshUse {
        // The conditional update is the arbiter: of two uses of one token, one spends it and the
        // other finds it spent.
        const auto spent = s.query(
            "UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL "
            "AND revoked_at IS NULL AND expires_at > $2 RETURNING family_id, user_id, generation",
            SqlParams().add(std::string(hash)).add(now));
        if (!spent.empty()) {
            next.family_id = spent.str(0, 0);
            next.user_id = spent.int64(0, 1);
            next.generation = spent.int64(0, 2);
            // Signing out everywhere may have raced this family's rows: the generation decides.
            // The successor's access token carries the user's name as it is now.
            const auto current = s.query(
                "SELECT u.name, (SELECT generation FROM token_revocations WHERE user_id = u.id) "
                "FROM users u WHERE u.id = $1",
                SqlParams().add(next.user_id));
            if (current.empty() ||
                (current.opt_int64(0, 1) && next.generation < *current.opt_int64(0, 1))) {
                end_family(s, next.family_id, now, access_since, access_ttl);
                return RefreshUse{RefreshUse::Outcome::ended, next.user_id, 0};
            }
            insert_refresh(s, next);
            return RefreshUse{RefreshUse::Outcome::rotated, next.user_id, next.generation,
                              current.str(0, 0)};
        }
        const auto old =
            s.query("SELECT family_id, user_id, used_at FROM refresh_tokens WHERE token_hash = $1",
                    SqlParams().add(std::string(hash)));
        if (old.empty() || !old.opt_int64(0, 2)) return RefreshUse{};
        end_family(s, old.str(0, 0), now, access_since, access_ttl);
        return RefreshUse{RefreshUse::Outcome::reused, old.int64(0, 1), 0};
    });
}

void TokenStore::revoke_access(domain::UserId user, const std::string& jti, std::int64_t expires_at,
                               std::int64_t now, std::int64_t access_since,
                               std::int64_t access_ttl) {
    db_.write([&](SqlSession& s) {
        s.execute(
            "INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (jti) DO NOTHING",
            SqlParams().add(jti).add(user).add(expires_at));
        const auto family =
            s.query("SELECT family_id FROM refresh_tokens WHERE access_jti = $1 AND user_id = $2",
                    SqlParams().add(jti).add(user));
        if (!family.empty()) end_family(s, family.str(0, 0), now, access_since, access_ttl);
    });
}

std::vector<RevokedToken> TokenStore::revoked_tokens(std::int64_t live_after,
                                                     std::optional<domain::UserId> user) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT jti, user_id, expires_at FROM revoked_tokens WHERE expires_at > $1 AND "
            "($2 = 0 OR user_id = $2)",
            SqlParams().add(live_after).add(user.value_or(0)));
        std::vector<RevokedToken> out;
        out.reserve(r.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            out.push_back(RevokedToken{r.str(i, 0), r.int64(i, 1), r.int64(i, 2)});
        }
        return out;
    });
}

}  // namespace formlympics::store
