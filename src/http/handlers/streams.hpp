#pragma once

#include "http/credentials.hpp"
#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/form_watch.hpp"
#include "service/notification_service.hpp"
#include "service/notification_streams.hpp"

namespace formlympics::http::handlers {

// GET /api/v1/me/notifications/stream: the caller's notifications as Server-Sent Events. The
// caller signs in with "Authorization: Bearer" or a single-use ?ticket=; Last-Event-ID resumes.
Response notification_stream(service::NotificationStreams& streams,
                             service::NotificationService& notifications,
                             service::AccountService& accounts, const SessionAuthenticator& cookies,
                             const RequestContext& ctx);
// POST /api/v1/me/notifications/stream-tickets: 201 {ticket, expires_at}.
Response issue_stream_ticket(service::NotificationService& notifications, const RequestContext& ctx,
                             const domain::Caller& caller);
// GET /api/v1/forms/{id}/stream: the form's stock and status as Server-Sent Events.
Response form_stream(service::FormWatch& watch, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
