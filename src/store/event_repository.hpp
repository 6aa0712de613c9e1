#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/notification.hpp"

namespace formlympics::store {

struct NotificationPage {
    std::vector<domain::Notification> items;
    std::int64_t unread = 0;
    std::optional<std::int64_t> next_cursor;
};

// The outbox and the notifications it turns into.
class EventRepository {
  public:
    virtual ~EventRepository() = default;

    // Outbox events not yet published, oldest first.
    virtual std::vector<domain::OutboxEvent> unpublished(std::size_t limit) = 0;
    // Marks events published (after the bus acknowledged them).
    virtual void mark_published(const std::vector<std::int64_t>& ids, domain::Millis now) = 0;

    // Sends events to the bus; true once the bus acknowledged all of them.
    using Publish = std::function<bool(const std::vector<domain::OutboxEvent>&)>;
    // Takes the relay's turn, then passes up to `limit` waiting events, oldest first, to
    // `publish` and marks them published at `now` if it returned true; how many were marked.
    // Only one relay holds the turn at a time, across the instances sharing a PostgreSQL
    // database (and within the process on SQLite), so each event normally goes to the bus once
    // and in order; nullopt when another relay holds it now.
    virtual std::optional<std::size_t> relay(std::size_t limit, domain::Millis now,
                                             const Publish& publish) = 0;
    // Stores the notifications the events become, in one transaction; those stored now, in
    // order. An event stored before (a redelivery) stores nothing again.
    virtual std::vector<domain::Notification> store_notifications(
        const std::vector<domain::OutboxEvent>& events) = 0;
    // The user's notifications, newest first, ids below `before`, with the unread count.
    virtual NotificationPage notifications(domain::UserId user, std::size_t limit,
                                           std::optional<std::int64_t> before) = 0;
    // Marks the user's notifications up to `up_to_id` read; the unread count left.
    virtual std::int64_t mark_read(domain::UserId user, std::int64_t up_to_id) = 0;
    // The user's notifications with ids above `after`, oldest first: what a stream that last
    // sent `after` sends next. One user's ids become visible in increasing order.
    virtual std::vector<domain::Notification> notifications_after(domain::UserId user,
                                                                  std::int64_t after,
                                                                  std::size_t limit) = 0;
    // The id of the user's newest notification and the unread count, read together.
    virtual domain::NotificationMark notification_mark(domain::UserId user) = 0;

    // Keeps a stream ticket (by its hash) for the caller until `expires_at`; it stands for the
    // caller's token, and carries its generation so that revoking the token reaches it.
    virtual void add_stream_ticket(const std::string& ticket_hash, const domain::Caller& caller,
                                   domain::Millis expires_at) = 0;
    // Removes the ticket and returns its caller, when it exists and has not expired at `now`.
    virtual std::optional<domain::Caller> take_stream_ticket(const std::string& ticket_hash,
                                                             domain::Millis now) = 0;
};

}  // namespace formlympics::store
