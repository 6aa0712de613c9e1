#pragma once

#include "http/router.hpp"
#include "service/notification_service.hpp"

namespace formlympics::http::handlers {

// GET /api/v1/me/notifications?cursor=&limit=: {items, unread, next_cursor}.
Response my_notifications(service::NotificationService& notifications, const RequestContext& ctx,
                          const domain::Caller& caller);
// POST /api/v1/me/notifications/read {up_to_id}: marks read; {unread}.
Response read_notifications(service::NotificationService& notifications, const RequestContext& ctx,
                            const domain::Caller& caller);

}  // namespace formlympics::http::handlers
