#pragma once

#include <mutex>

#include "store/event_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// EventRepository over either SQL database.
class EventStore final : public EventRepository {
  public:
    explicit EventStore(SqlDatabase& db) : db_(db) {}

    std::vector<domain::OutboxEvent> unpublished(std::size_t limit) override;
    void mark_published(const std::vector<std::int64_t>& ids, domain::Millis now) override;
    std::optional<std::size_t> relay(std::size_t limit, domain::Millis now,
                                     const Publish& publish) override;
    std::vector<domain::Notification> store_notifications(
        const std::vector<domain::OutboxEvent>& events) override;
    NotificationPage notifications(domain::UserId user, std::size_t limit,
                                   std::optional<std::int64_t> before) override;
    std::int64_t mark_read(domain::UserId user, std::int64_t up_to_id) override;
    std::vector<domain::Notification> notifications_after(domain::UserId user, std::int64_t after,
                                                          std::size_t limit) override;
    domain::NotificationMark notification_mark(domain::UserId user) override;
    void add_stream_ticket(const std::string& ticket_hash, const domain::Caller& caller,
                           domain::Millis expires_at) override;
    std::optional<domain::Caller> take_stream_ticket(const std::string& ticket_hash,
                                                     domain::Millis now) override;

  private:
    SqlDatabase& db_;
    std::mutex relay_turn_;  // the turn on SQLite, whose file one process serves
};

}  // namespace formlympics::store
