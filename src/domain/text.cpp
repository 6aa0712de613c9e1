#include "domain/text.hpp"

#include <algorithm>
#include <utility>

namespace formlympics::domain {
namespace {

// The code point starting at s[i] and its length in bytes; U+FFFD for a byte that does not
// start one (the JSON parser has already refused invalid UTF-8).
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (c >= 0x80 && (c < 0xc0 || i + n > s.size())) return {0xfffd, 1};
    char32_t cp = n == 1 ? c : c & (0xff >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    }
    return {cp, n};
}

bool is_line_break(char32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

// C0, DEL and C1; the bidirectional embeddings, overrides, isolates and marks; and the format
// characters that are invisible and have no use in text people type: the zero-width space, the
// word joiner and invisible operators, the byte order mark, the soft hyphen, the interlinear
// annotation marks, the language tag. The joiners (ZWJ, ZWNJ), variation selectors and the tag
// letters stay: emoji sequences and scripts need them.
bool is_control(char32_t cp) {
    constexpr std::pair<char32_t, char32_t> kRefused[] = {
        {0x00, 0x1f},     {0x7f, 0x9f},     {0xad, 0xad},       {0x61c, 0x61c},   {0x180e, 0x180e},
        {0x200b, 0x200b}, {0x200e, 0x200f}, {0x202a, 0x202e},   {0x2060, 0x2064}, {0x2066, 0x206f},
        {0xfeff, 0xfeff}, {0xfff9, 0xfffb}, {0xe0001, 0xe0001},
    };
    for (const auto& [first, last] : kRefused) {
        if (cp >= first && cp <= last) return true;
    }
    return false;
}

// Spaces, fillers and the format characters that draw nothing on their own: joiners and
// direction marks, soft hyphens, invisible operators, variation selectors, tags.
bool shows_nothing(char32_t cp) {
    constexpr std::pair<char32_t, char32_t> kInvisible[] = {
        {' ', ' '},         {'\t', '\t'},       {0xa0, 0xa0},       {0xad, 0xad},
        {0x34f, 0x34f},     {0x61c, 0x61c},     {0x115f, 0x1160},   {0x1680, 0x1680},
        {0x17b4, 0x17b5},   {0x180b, 0x180f},   {0x2000, 0x200f},   {0x202f, 0x202f},
        {0x205f, 0x2064},   {0x206a, 0x206f},   {0x2800, 0x2800},   {0x3000, 0x3000},
        {0x3164, 0x3164},   {0xfe00, 0xfe0f},   {0xfeff, 0xfeff},   {0xffa0, 0xffa0},
        {0x1d173, 0x1d17a}, {0xe0000, 0xe007f}, {0xe0100, 0xe01ef},
    };
    for (const auto& [first, last] : kInvisible) {
        if (cp >= first && cp <= last) return true;
    }
    return false;
}

}  // namespace

bool has_control(std::string_view s, TextKind kind) {
    for (std::size_t i = 0; i < s.size();) {
        const auto [cp, n] = code_point(s, i);
        if (is_line_break(cp) ? kind == TextKind::line : is_control(cp)) return true;
        i += n;
    }
    return false;
}

std::string trimmed(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

FieldError control_characters_error(std::string field, TextKind kind) {
    return {std::move(field),
            kind == TextKind::line ? "must not contain control characters or line breaks"
                                   : "must not contain control characters",
            "control_characters"};
}

bool is_blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto [cp, n] = code_point(s, i);
        if (!shows_nothing(cp) && !is_line_break(cp)) return false;
        i += n;
    }
    return true;
}

std::size_t text_length(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void check_text(std::vector<FieldError>& out, std::string field, std::string_view value,
                std::size_t min, std::size_t max, TextKind kind) {
    const auto n = text_length(value);
    if (has_control(value, kind)) {
        out.push_back(control_characters_error(std::move(field), kind));
    } else if (min > 0 && is_blank(value)) {
        out.push_back({std::move(field), "must not be blank", "blank"});
    } else if (n < min || n > max) {
        out.push_back(
            {std::move(field),
             "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters",
             "length"});
    }
}

}  // namespace formlympics::domain
