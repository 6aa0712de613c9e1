#include "kafka/event_codec.hpp"

#include <boost/json.hpp>

namespace formlympics::kafka {

namespace json = boost::json;

std::string encode_event(const domain::OutboxEvent& e) {
    return json::serialize(json::object{{"id", e.id},
                                        {"kind", domain::event_name(e.kind)},
                                        {"receiver_id", e.receiver_id},
                                        {"payload", e.payload},
                                        {"created_at", e.created_at}});
}

std::optional<domain::OutboxEvent> decode_event(std::string_view value) {
    json::error_code ec;
    const auto v = json::parse(value, ec);
    if (ec || !v.is_object()) return std::nullopt;
    const auto& o = v.get_object();
    const auto* id = o.if_contains("id");
    const auto* kind = o.if_contains("kind");
    const auto* receiver = o.if_contains("receiver_id");
    const auto* payload = o.if_contains("payload");
    const auto* created = o.if_contains("created_at");
    if (id == nullptr || !id->is_int64() || kind == nullptr || !kind->is_string() ||
        receiver == nullptr || !receiver->is_int64() || payload == nullptr ||
        !payload->is_string() || created == nullptr || !created->is_int64()) {
        return std::nullopt;
    }
    if (id->get_int64() <= 0 || receiver->get_int64() <= 0) return std::nullopt;
    const auto known = domain::parse_event_kind(kind->get_string());
    if (!known) return std::nullopt;
    return domain::OutboxEvent{id->get_int64(), *known, receiver->get_int64(),
                               std::string(payload->get_string()), created->get_int64()};
}

}  // namespace formlympics::kafka
