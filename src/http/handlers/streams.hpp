#pragma once

#include "http/credentials.hpp"
#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/form_watch.hpp"
#include "service/notification_service.hpp"
#include "service/notification_streams.hpp"

namespace formlympics::http::handlers {

// GET /api/v1/me/notifications/stream?forms=&last_event_id=: the caller's notifications as
// Server-Sent Events, by bearer token, session cookie or a single-use ?ticket=; Last-Event-ID (or
// ?last_event_id=, for a new EventSource that cannot send the header) resumes. ?forms= (up to 10
// ids) adds those forms' live stock and status to the same connection.
Response notification_stream(service::NotificationStreams& streams,
                             service::NotificationService& notifications,
                             service::AccountService& accounts, service::FormWatch& watch,
                             const SessionAuthenticator& cookies, const RequestContext& ctx);
// POST /api/v1/me/notifications/stream-tickets: 201 {ticket, expires_at}.
Response issue_stream_ticket(service::NotificationService& notifications, const RequestContext& ctx,
                             const domain::Caller& caller);
// GET /api/v1/forms/{id}/stream: the form's stock and status as Server-Sent Events.
Response form_stream(service::FormWatch& watch, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
