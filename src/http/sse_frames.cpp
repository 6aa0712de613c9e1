#include "http/sse_frames.hpp"

#include <boost/json.hpp>

#include "http/handlers/notification_view.hpp"

namespace formlympics::http {
namespace json = boost::json;
namespace {

std::string event(std::int64_t id, std::string_view name, const json::value& data) {
    const auto text = json::serialize(data);
    std::string out;
    out.reserve(text.size() + name.size() + 40);
    if (id != 0) out.append("id: ").append(std::to_string(id)).append("\n");
    out.append("event: ").append(name).append("\ndata: ").append(text).append("\n\n");
    return out;
}

}  // namespace

std::string SseFrames::retry(std::chrono::milliseconds delay) const {
    return "retry: " + std::to_string(delay.count()) + "\n\n";
}

std::string SseFrames::unread(const domain::NotificationMark& mark) const {
    return event(0, "unread", json::object{{"unread", mark.unread}, {"as_of", mark.newest}});
}

std::string SseFrames::notification(const domain::Notification& n) const {
    return event(n.id, domain::event_name(n.kind), handlers::notification_json(n));
}

std::string SseFrames::stock(const domain::Product& p) const {
    return event(
        0, "stock",
        json::object{
            {"form_id", p.form_id}, {"product_id", p.id}, {"remaining", p.stock_remaining}});
}

std::string SseFrames::form_status(domain::FormId form, service::FormStreamStatus status) const {
    using S = service::FormStreamStatus;
    const char* name = status == S::opened     ? "opened"
                       : status == S::sold_out ? "sold_out"
                                               : "closed";
    return event(0, name, json::object{{"form_id", form}});
}

}  // namespace formlympics::http
