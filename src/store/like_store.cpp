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

// An outbox event that is written once whatever retries come: its dedup key is the kind and
// `once_per`.
void queue_once(SqlSession& s, domain::EventKind kind, domain::UserId receiver,
                const std::string& payload, const std::string& once_per, domain::Millis now) {
    const std::string name(domain::event_name(kind));
    s.execute(
        "INSERT INTO outbox (kind, receiver_id, payload, dedup_key, created_at) VALUES ($1, $2, "
        "$3, $4, $5) ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING",
        SqlParams().add(name).add(receiver).add(payload).add(name + ":" + once_per).add(now));
}

}  // namespace

domain::Result<LikeState> LikeStore::like(domain::FormId form, domain::UserId user,
                                          domain::Millis now) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<LikeState> {
        // The names the notifications carry come with the form's row: no read of their own.
        const auto f = s.query(
            std::string("SELECT f.seller_id, f.title, f.opens_at, f.opening_soon_sent, u.name, "
                        "(SELECT name FROM users WHERE id = $2) FROM forms f JOIN users u ON "
                        "u.id = f.seller_id WHERE f.id = $1 AND f.visibility <> 'DRAFT'") +
                s.for_update_of("f"),
            SqlParams().add(form).add(user));
        if (f.empty()) return domain::fail(domain::Errc::not_found, "no such form");
        const auto seller = f.int64(0, 0);
        if (seller == user) {
            return domain::fail(domain::Errc::forbidden, "sellers cannot like their own form");
        }
        const auto inserted = s.query(
            "INSERT INTO likes (form_id, user_id, created_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (form_id, user_id) DO NOTHING RETURNING form_id",
            SqlParams().add(form).add(user).add(now));
        if (!inserted.empty()) {
            // Tell the seller, in this transaction, once per liker, form and day however often
            // they toggle.
            const auto day = now / (24LL * 3600 * 1000);
            const FormNotice notice{form, f.str(0, 1), seller, f.str(0, 4)};
            queue_once(
                s, domain::EventKind::form_liked, seller,
                like_payload(form, notice.title, user, f.text(0, 5).value_or("")),
                std::to_string(form) + ":" + std::to_string(user) + ":" + std::to_string(day), now);
            // Likers were told the form opens soon before this one came: tell it too, once.
            const auto opens_at = f.int64(0, 2);
            if (f.int64(0, 3) != 0 && now < opens_at) {
                queue_once(s, domain::EventKind::opening_soon, user,
                           opening_soon_payload(notice, opens_at),
                           std::to_string(form) + ":" + std::to_string(user), now);
            }
        }
        return *apply(s, form, true, !inserted.empty());
    });
}

std::optional<LikeState> LikeStore::unlike(domain::FormId form, domain::UserId user) {
    return db_.write_result([&](SqlSession& s) -> std::optional<LikeState> {
        if (s.query(std::string("SELECT id FROM forms WHERE id = $1 AND visibility <> 'DRAFT'") +
                        s.for_update(),
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

std::optional<LikeState> LikeStore::state(domain::FormId form, domain::UserId user) {
    return db_.read_result([&](SqlSession& s) -> std::optional<LikeState> {
        const auto r = s.query(
            "SELECT f.likes, (SELECT COUNT(*) FROM likes l WHERE l.form_id = f.id AND "
            "l.user_id = $2) FROM forms f WHERE f.id = $1 AND f.visibility <> 'DRAFT'",
            SqlParams().add(form).add(user));
        if (r.empty()) return std::nullopt;
        return LikeState{r.int64(0, 1) > 0, r.int64(0, 0)};
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
