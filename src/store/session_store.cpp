#include "store/session_store.hpp"

namespace formlympics::store {

void SessionStore::create(const WebSession& w) {
    db_.write_result([&](SqlSession& s) {
        return s.execute(
            "INSERT INTO web_sessions (id, user_id, generation, created_at, last_seen_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            SqlParams()
                .add(w.id)
                .add(w.user_id)
                .add(w.generation)
                .add(w.created_at)
                .add(w.last_seen_at));
    });
}

std::optional<WebSession> SessionStore::find(std::string_view id) {
    return db_.read_result([&](SqlSession& s) -> std::optional<WebSession> {
        const auto r = s.query(
            "SELECT w.user_id, w.generation, w.created_at, w.last_seen_at, w.revoked_at, "
            "COALESCE(u.name, '') FROM web_sessions w LEFT JOIN users u ON u.id = w.user_id "
            "WHERE w.id = $1",
            SqlParams().add(std::string(id)));
        if (r.empty()) return std::nullopt;
        return WebSession{std::string(id), r.int64(0, 0),     r.int64(0, 1), r.int64(0, 2),
                          r.int64(0, 3),   r.opt_int64(0, 4), r.str(0, 5)};
    });
}

bool SessionStore::touch(std::string_view id, std::int64_t now, std::int64_t idle_after) {
    return db_.write_result([&](SqlSession& s) {
        return s.execute(
                   "UPDATE web_sessions SET last_seen_at = $2 WHERE id = $1 AND "
                   "revoked_at IS NULL AND last_seen_at > $3",
                   SqlParams().add(std::string(id)).add(now).add(idle_after)) == 1;
    });
}

std::optional<domain::UserId> SessionStore::revoke(std::string_view id, std::int64_t now) {
    return db_.write_result([&](SqlSession& s) -> std::optional<domain::UserId> {
        const auto r = s.query(
            "UPDATE web_sessions SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 "
            "RETURNING user_id",
            SqlParams().add(std::string(id)).add(now));
        if (r.empty()) return std::nullopt;
        return r.int64(0, 0);
    });
}

std::vector<std::pair<domain::UserId, std::string>> SessionStore::revoked_since(
    std::int64_t after, std::optional<domain::UserId> user) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT user_id, id FROM web_sessions WHERE revoked_at > $1 AND "
            "($2 = 0 OR user_id = $2)",
            SqlParams().add(after).add(user.value_or(0)));
        std::vector<std::pair<domain::UserId, std::string>> out;
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            out.emplace_back(r.int64(i, 0), r.text(i, 1).value_or(""));
        }
        return out;
    });
}

}  // namespace formlympics::store
