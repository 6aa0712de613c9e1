#include "store/event_payloads.hpp"

#include <boost/json.hpp>

#include "util/rfc3339.hpp"

namespace formlympics::store {
namespace json = boost::json;

std::string like_payload(domain::FormId form, domain::UserId liker) {
    return json::serialize(json::object{{"form_id", form}, {"user_id", liker}});
}

std::string order_payload(domain::OrderId order, domain::FormId form, domain::UserId buyer,
                          domain::OrderStatus status) {
    return json::serialize(json::object{{"order_id", order},
                                        {"form_id", form},
                                        {"buyer_id", buyer},
                                        {"status", domain::status_name(status)}});
}

std::string opening_soon_payload(domain::FormId form, const std::string& title,
                                 domain::Millis opens_at) {
    return json::serialize(json::object{
        {"form_id", form}, {"title", title}, {"opens_at", util::format_rfc3339(opens_at)}});
}

std::string restocked_payload(domain::FormId form, domain::ProductId product,
                              std::int64_t remaining) {
    return json::serialize(
        json::object{{"form_id", form}, {"product_id", product}, {"remaining", remaining}});
}

}  // namespace formlympics::store
