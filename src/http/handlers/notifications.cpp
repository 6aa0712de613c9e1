// GET /api/v1/me/notifications, POST /api/v1/me/notifications/read: the caller's notifications.
#include "http/handlers/notifications.hpp"

#include <boost/json.hpp>

#include "http/handlers/notification_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

Response my_notifications(service::NotificationService& notifications, const RequestContext& ctx,
                          const domain::Caller& caller) {
    auto page = page_params(ctx.query);
    if (!page) return problem_response(page.error());
    const auto result = notifications.list(caller.id, page->limit, page->cursor);
    json::array items;
    for (const auto& n : result.items) items.push_back(notification_json(n));
    json::object out{{"items", std::move(items)}, {"unread", result.unread}};
    out["next_cursor"] =
        result.next_cursor ? json::value(std::to_string(*result.next_cursor)) : nullptr;
    return json_response(200, out);
}

Response read_notifications(service::NotificationService& notifications, const RequestContext& ctx,
                            const domain::Caller& caller) {
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"up_to_id"});
    const auto up_to = in.integer("up_to_id");
    if (!in.error() && up_to < 1) in.fail("up_to_id", "must be a notification's id (1 or more)");
    if (auto e = in.error()) return problem_response(*e);
    return json_response(200, json::object{{"unread", notifications.mark_read(caller.id, up_to)}});
}

}  // namespace formlympics::http::handlers
