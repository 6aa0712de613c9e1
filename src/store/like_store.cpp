#include "store/like_store.hpp"

#include "domain/event_kind.hpp"
#include "store/event_payloads.hpp"

namespace formlympics::store {
namespace {

// The caller's state and the count after a change; the counter moves only when a row did.
std::optional<LikeState> apply(SqlSession& s, domain::FormId form, bool liked, bool changed) {
    const std::string delta = liked ? "+ 1" : "- 1";
    if (changed) {
        s.execute("UPDATE forms SET likes = likes " + delta + " WHERE id = $1",
                  SqlParams().add(form));
    }
    const auto r = s.query("SELECT likes FROM forms WHERE id = $1", SqlParams().add(form));
    if (r.empty()) return std::nullopt;
    return LikeState{liked, r.int64(0, 0)};
}

}  // namespace

std::optional<LikeState> LikeStore::like(domain::FormId form, domain::UserId user,
                                         domain::Millis now) {
    return db_.write_result([&](SqlSession& s) -> std::optional<LikeState> {
        const auto f =
            s.query(std::string("SELECT seller_id FROM forms WHERE id = $1") + s.for_update(),
                    SqlParams().add(form));
        if (f.empty()) return std::nullopt;
        const auto inserted = s.query(
            "INSERT INTO likes (form_id, user_id, created_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (form_id, user_id) DO NOTHING RETURNING form_id",
            SqlParams().add(form).add(user).add(now));
        const auto seller = f.int64(0, 0);
        if (!inserted.empty() && seller != user) {
            // Tell the seller, in this transaction, once per liker, form and day however often
            // they toggle.
            const auto day = now / (24 * 3600 * 1000);
            const std::string kind(domain::event_name(domain::EventKind::form_liked));
            s.execute(
                "INSERT INTO outbox (kind, receiver_id, payload, dedup_key, created_at) VALUES "
                "($1, $2, $3, $4, $5) ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL "
                "DO NOTHING",
                SqlParams()
                    .add(kind)
                    .add(seller)
                    .add(like_payload(form, user))
                    .add(kind + ":" + std::to_string(form) + ":" + std::to_string(user) + ":" +
                         std::to_string(day))
                    .add(now));
        }
        return apply(s, form, true, !inserted.empty());
    });
}

std::optional<LikeState> LikeStore::unlike(domain::FormId form, domain::UserId user) {
    return db_.write_result([&](SqlSession& s) -> std::optional<LikeState> {
        if (s.query(std::string("SELECT id FROM forms WHERE id = $1") + s.for_update(),
                    SqlParams().add(form))
                .empty()) {
            return std::nullopt;
        }
        const auto deleted =
            s.query("DELETE FROM likes WHERE form_id = $1 AND user_id = $2 RETURNING form_id",
                    SqlParams().add(form).add(user));
        return apply(s, form, false, !deleted.empty());
    });
}

std::vector<domain::FormId> LikeStore::liked_by(domain::UserId user) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT form_id FROM likes WHERE user_id = $1 ORDER BY created_at DESC, form_id DESC",
            SqlParams().add(user));
        std::vector<domain::FormId> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.int64(i, 0));
        return out;
    });
}

}  // namespace formlympics::store
