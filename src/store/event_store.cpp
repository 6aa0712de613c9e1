#include "store/event_store.hpp"

#include "store/form_rows.hpp"
#include "store/sql_builder.hpp"

namespace formlympics::store {
namespace {

std::int64_t unread_of(SqlSession& s, domain::UserId user) {
    return s
        .query("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read = 0",
               SqlParams().add(user))
        .int64(0, 0);
}

}  // namespace

std::vector<domain::OutboxEvent> EventStore::unpublished(std::size_t limit) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT id, kind, receiver_id, payload, created_at FROM outbox WHERE published_at IS "
            "NULL ORDER BY id LIMIT $1",
            SqlParams().add(static_cast<std::int64_t>(limit)));
        std::vector<domain::OutboxEvent> out;
        for (std::size_t i = 0; i < r.size(); ++i) {
            out.push_back({r.int64(i, 0), r.str(i, 1), r.int64(i, 2), r.str(i, 3), r.int64(i, 4)});
        }
        return out;
    });
}

void EventStore::mark_published(const std::vector<std::int64_t>& ids, domain::Millis now) {
    if (ids.empty()) return;
    db_.write([&](SqlSession& s) {
        s.execute("UPDATE outbox SET published_at = $1 WHERE id IN " + id_list(ids),
                  SqlParams().add(now));
    });
}

std::optional<domain::Notification> EventStore::store_notification(const domain::OutboxEvent& e) {
    return db_.write_result([&](SqlSession& s) -> std::optional<domain::Notification> {
        const auto r = s.query(
            "INSERT INTO notifications (event_id, user_id, kind, data, created_at) VALUES ($1, $2, "
            "$3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING id",
            SqlParams().add(e.id).add(e.receiver_id).add(e.kind).add(e.payload).add(e.created_at));
        if (r.empty()) return std::nullopt;
        return domain::Notification{r.int64(0, 0), e.id,         e.receiver_id, e.kind,
                                    e.payload,     e.created_at, false};
    });
}

NotificationPage EventStore::notifications(domain::UserId user, std::size_t limit,
                                           std::optional<std::int64_t> before) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder q(
            "SELECT id, event_id, user_id, kind, data, created_at, read FROM notifications WHERE "
            "user_id = ");
        q.param(user);
        if (before) q.sql(" AND id < ").param(*before);
        q.sql(" ORDER BY id DESC LIMIT ").param(static_cast<std::int64_t>(limit + 1));
        const auto r = s.query(q.text(), q.params());
        NotificationPage page;
        for (std::size_t i = 0; i < r.size() && i < limit; ++i) {
            page.items.push_back({r.int64(i, 0), r.int64(i, 1), r.int64(i, 2), r.str(i, 3),
                                  r.str(i, 4), r.int64(i, 5), r.int64(i, 6) != 0});
        }
        if (r.size() > limit) page.next_cursor = page.items.back().id;
        page.unread = unread_of(s, user);
        return page;
    });
}

std::int64_t EventStore::mark_read(domain::UserId user, std::int64_t up_to_id) {
    return db_.write_result([&](SqlSession& s) {
        s.execute("UPDATE notifications SET read = 1 WHERE user_id = $1 AND id <= $2 AND read = 0",
                  SqlParams().add(user).add(up_to_id));
        return unread_of(s, user);
    });
}

}  // namespace formlympics::store
