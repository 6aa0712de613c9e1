#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace formlympics::util {

// A non-negative integer in canonical decimal: digits only, no sign, no leading zero (but "0"
// itself), no more than fits an int64. Anything else (" 1", "+1", "01", "1e3") is nullopt, so
// every number has exactly one spelling: ids in paths, cursors and headers are never aliased.
inline std::optional<std::int64_t> parse_decimal(std::string_view text) {
    if (text.empty() || text.size() > 19 || (text.size() > 1 && text.front() == '0')) {
        return std::nullopt;
    }
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

}  // namespace formlympics::util
