#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formlympics::domain {

// Every kind of event the outbox carries, in one table: its wire name (the notification's
// `kind`) and the family that names its bus topic. Adding a kind is adding its row here, its
// payload in store/event_payloads and the code that writes it.
#define FORMLYMPICS_EVENT_KINDS(X) \
    X(form_liked, "likes")         \
    X(order_placed, "orders")      \
    X(deposit_confirmed, "orders") \
    X(shipped, "orders")           \
    X(delivered, "orders")         \
    X(order_cancelled, "orders")   \
    X(order_expired, "orders")     \
    X(refunded, "orders")          \
    X(opening_soon, "forms")       \
    X(restocked, "forms")

enum class EventKind {
#define FORMLYMPICS_EVENT_ENUM(name, family) name,
    FORMLYMPICS_EVENT_KINDS(FORMLYMPICS_EVENT_ENUM)
#undef FORMLYMPICS_EVENT_ENUM
};

namespace detail {
struct EventKindRow {
    EventKind kind;
    std::string_view name;
    std::string_view family;
};
inline constexpr std::array kEventKinds = {
#define FORMLYMPICS_EVENT_ROW(name, family) EventKindRow{EventKind::name, #name, family},
    FORMLYMPICS_EVENT_KINDS(FORMLYMPICS_EVENT_ROW)
#undef FORMLYMPICS_EVENT_ROW
};
}  // namespace detail

// The wire name of a kind, e.g. "form_liked".
constexpr std::string_view event_name(EventKind kind) {
    return detail::kEventKinds[static_cast<std::size_t>(kind)].name;
}
// The family of a kind, which names its bus topic: "likes", "orders" or "forms".
constexpr std::string_view event_family(EventKind kind) {
    return detail::kEventKinds[static_cast<std::size_t>(kind)].family;
}
// The kind of that wire name, or nullopt.
constexpr std::optional<EventKind> parse_event_kind(std::string_view name) {
    for (const auto& row : detail::kEventKinds) {
        if (row.name == name) return row.kind;
    }
    return std::nullopt;
}
// The kind of a name read back from storage or the bus; an unknown one is corrupt data (thrown).
inline EventKind stored_event_kind(std::string_view name) {
    if (auto k = parse_event_kind(name)) return *k;
    throw std::runtime_error("unknown event kind '" + std::string(name) + "' in stored data");
}

}  // namespace formlympics::domain
