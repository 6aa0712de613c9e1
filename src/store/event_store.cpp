#include "store/event_store.hpp"

#include <set>

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

// Braced initialisation reads the columns left to right.
domain::Notification notification_at(const SqlRows& rows, std::size_t i) {
    RowReader r(rows, i);
    return {r.int64(), r.int64(), r.int64(),     domain::stored_event_kind(r.str()),
            r.str(),   r.int64(), r.int64() != 0};
}

// Takes the relay's turn on PostgreSQL: 1 when this transaction has it, 0 when another has.
constexpr const char* kRelayTurn =
    "SELECT CASE WHEN pg_try_advisory_xact_lock(7413030) THEN 1 ELSE 0 END";

std::vector<domain::OutboxEvent> unpublished_in(SqlSession& s, std::size_t limit) {
    const auto r = s.query(
        "SELECT id, kind, receiver_id, payload, created_at FROM outbox WHERE published_at IS "
        "NULL ORDER BY id LIMIT $1",
        SqlParams().add(static_cast<std::int64_t>(limit)));
    std::vector<domain::OutboxEvent> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        RowReader c(r, i);
        out.push_back(
            {c.int64(), domain::stored_event_kind(c.str()), c.int64(), c.str(), c.int64()});
    }
    return out;
}

void mark_published_in(SqlSession& s, const std::vector<std::int64_t>& ids, domain::Millis now) {
    s.execute("UPDATE outbox SET published_at = $1 WHERE id IN " + id_list(ids),
              SqlParams().add(now));
}

std::vector<std::int64_t> ids_of(const std::vector<domain::OutboxEvent>& events) {
    std::vector<std::int64_t> ids;
    ids.reserve(events.size());
    for (const auto& e : events) ids.push_back(e.id);
    return ids;
}

constexpr const char* kNotificationColumns =
    "SELECT id, event_id, user_id, kind, data, created_at, read FROM notifications WHERE ";

}  // namespace

std::vector<domain::OutboxEvent> EventStore::unpublished(std::size_t limit) {
    return db_.read_result([&](SqlSession& s) { return unpublished_in(s, limit); });
}

void EventStore::mark_published(const std::vector<std::int64_t>& ids, domain::Millis now) {
    if (ids.empty()) return;
    db_.write([&](SqlSession& s) { mark_published_in(s, ids, now); });
}

std::optional<std::size_t> EventStore::relay(std::size_t limit, domain::Millis now,
                                             const Publish& publish) {
    if (db_.dialect() == SqlSession::Dialect::postgres) {
        // The turn is a transaction-scoped advisory lock: it ends with the transaction, also
        // when the instance dies, and another relay never waits for it. The transaction only
        // reads until the bus acknowledged, so it holds no row lock meanwhile.
        std::optional<std::size_t> moved;
        db_.write([&](SqlSession& s) {
            if (s.query(kRelayTurn).int64(0, 0) == 0) return;
            const auto waiting = unpublished_in(s, limit);
            moved = 0;
            if (waiting.empty() || !publish(waiting)) return;
            mark_published_in(s, ids_of(waiting), now);
            moved = waiting.size();
        });
        return moved;
    }
    // SQLite: one process serves the file, so the turn is this store's. The writer is not held
    // while publishing: the in-process bus stores notifications through it.
    std::unique_lock turn(relay_turn_, std::try_to_lock);
    if (!turn) return std::nullopt;
    const auto waiting = unpublished(limit);
    if (waiting.empty() || !publish(waiting)) return 0;
    mark_published(ids_of(waiting), now);
    return waiting.size();
}

std::vector<domain::Notification> EventStore::store_notifications(
    const std::vector<domain::OutboxEvent>& events) {
    if (events.empty()) return {};
    return db_.write_result([&](SqlSession& s) {
        // Lock the receivers' head rows first: a user's notifications then take ids, and commit,
        // one transaction after another, so a stream resuming after an id never misses a
        // later-committed one. In ascending order, so two instances never wait on each other.
        const std::set<domain::UserId> receivers = [&] {
            std::set<domain::UserId> out;
            for (const auto& e : events) out.insert(e.receiver_id);
            return out;
        }();
        for (auto user : receivers) {
            s.execute(
                "INSERT INTO notification_heads (user_id) VALUES ($1) ON CONFLICT (user_id) DO "
                "UPDATE SET user_id = excluded.user_id",
                SqlParams().add(user));
        }
        std::vector<domain::Notification> stored;
        for (const auto& e : events) {
            // An account erased while its event waited (or was on its way) gets none: the
            // erasure took its head row first, so this sees it committed.
            const auto r = s.query(
                "INSERT INTO notifications (event_id, user_id, kind, data, created_at) SELECT $1, "
                "$2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = $2 AND "
                "deleted_at IS NOT NULL) ON CONFLICT (event_id) DO NOTHING RETURNING id",
                SqlParams()
                    .add(e.id)
                    .add(e.receiver_id)
                    .add(std::string(domain::event_name(e.kind)))
                    .add(e.payload)
                    .add(e.created_at));
            if (r.empty()) continue;
            stored.push_back(domain::Notification{r.int64(0, 0), e.id, e.receiver_id, e.kind,
                                                  e.payload, e.created_at, false});
        }
        return stored;
    });
}

NotificationPage EventStore::notifications(domain::UserId user, std::size_t limit,
                                           std::optional<std::int64_t> before) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder q(std::string(kNotificationColumns) + "user_id = ");
        q.param(user);
        if (before) q.sql(" AND id < ").param(*before);
        q.sql(" ORDER BY id DESC LIMIT ").param(static_cast<std::int64_t>(limit + 1));
        const auto r = s.query(q.text(), q.params());
        NotificationPage page;
        for (std::size_t i = 0; i < r.size() && i < limit; ++i) {
            page.items.push_back(notification_at(r, i));
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

std::vector<domain::Notification> EventStore::notifications_after(domain::UserId user,
                                                                  std::int64_t after,
                                                                  std::size_t limit) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            std::string(kNotificationColumns) + "user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            SqlParams().add(user).add(after).add(static_cast<std::int64_t>(limit)));
        std::vector<domain::Notification> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(notification_at(r, i));
        return out;
    });
}

domain::NotificationMark EventStore::notification_mark(domain::UserId user) {
    return db_.read_result([&](SqlSession& s) {
        // One statement, so the count is of the notifications up to the newest it names.
        const auto r = s.query(
            "SELECT COALESCE(MAX(id), 0), COALESCE(SUM(CASE WHEN read = 0 THEN 1 ELSE 0 END), 0) "
            "FROM notifications WHERE user_id = $1",
            SqlParams().add(user));
        return domain::NotificationMark{r.int64(0, 0), r.int64(0, 1)};
    });
}

void EventStore::add_stream_ticket(const std::string& ticket_hash, const domain::Caller& caller,
                                   domain::Millis expires_at) {
    db_.write([&](SqlSession& s) {
        // Expired tickets go as new ones come.
        s.execute("DELETE FROM stream_tickets WHERE expires_at < $1",
                  SqlParams().add(expires_at - 3600LL * 1000));
        s.execute(
            "INSERT INTO stream_tickets (ticket_hash, user_id, token_generation, expires_at) "
            "VALUES ($1, $2, $3, $4)",
            SqlParams().add(ticket_hash).add(caller.id).add(caller.generation).add(expires_at));
    });
}

std::optional<domain::Caller> EventStore::take_stream_ticket(const std::string& ticket_hash,
                                                             domain::Millis now) {
    return db_.write_result([&](SqlSession& s) -> std::optional<domain::Caller> {
        // Deleting is what makes it single-use: of two racing redemptions, one gets the row.
        const auto r = s.query(
            "DELETE FROM stream_tickets WHERE ticket_hash = $1 "
            "RETURNING user_id, token_generation, expires_at",
            SqlParams().add(ticket_hash));
        if (r.empty() || r.int64(0, 2) <= now) return std::nullopt;
        return domain::Caller{r.int64(0, 0), r.int64(0, 1)};
    });
}

}  // namespace formlympics::store
