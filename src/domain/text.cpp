#include "domain/text.hpp"

#include <algorithm>

namespace formlympics::domain {

bool has_control(std::string_view s, TextKind kind) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\t' || c == '\n' || c == '\r') {
            if (kind == TextKind::line) return true;
        } else if (c < 0x20 || c == 0x7f) {
            return true;
        } else if (c == 0xc2 && i + 1 < s.size()) {
            // U+0080..U+009F, the C1 controls, are 0xC2 0x80..0x9F in UTF-8.
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9f) return true;
        }
    }
    return false;
}

std::size_t text_length(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace formlympics::domain
