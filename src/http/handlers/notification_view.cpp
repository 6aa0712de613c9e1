#include "http/handlers/notification_view.hpp"

#include <boost/json.hpp>

#include "util/rfc3339.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

json::object notification_json(const domain::Notification& n) {
    boost::system::error_code ec;
    auto data = json::parse(n.data, ec);
    return json::object{{"id", n.id},
                        {"kind", domain::event_name(n.kind)},
                        {"data", ec ? json::value(json::object{}) : std::move(data)},
                        {"created_at", util::format_rfc3339(n.created_at)},
                        {"read", n.read}};
}

}  // namespace formlympics::http::handlers
