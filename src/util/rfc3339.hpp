#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace formlympics::util {

// Milliseconds since the Unix epoch, UTC.
using Millis = std::int64_t;

// Parses an RFC 3339 date-time ("2026-12-01T10:00:00+09:00", "...T01:00:00.5Z"); nullopt for any
// other text, including dates that do not exist and instants outside the years 0000 to 9999 UTC
// (so that whatever parses, formats).
std::optional<Millis> parse_rfc3339(std::string_view text);
// Formats as RFC 3339 in UTC: "2026-12-01T01:00:00Z", with milliseconds when they are not zero.
std::string format_rfc3339(Millis ms);

}  // namespace formlympics::util
