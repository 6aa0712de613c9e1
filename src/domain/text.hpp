#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"

namespace formlympics::domain {

// Whether a text may span lines: a description may hold line breaks and tabs, a name may not.
enum class TextKind { line, multiline };

// Whether UTF-8 text holds a control character: any of C0 (NUL included), DEL or C1, the
// bidirectional embeddings, overrides and isolates (which make text read differently from how it
// is stored), and in line text also tab, line feed, carriage return and the Unicode line and
// paragraph separators. Such characters are never accepted: they are invisible to people, and
// PostgreSQL cannot store NUL at all.
bool has_control(std::string_view utf8, TextKind kind);

// What a field holding a control character is told (rule "control_characters").
FieldError control_characters_error(std::string field, TextKind kind);

// Whether text shows nothing: empty, or only spaces (ASCII, no-break, ideographic, the others of
// Unicode), the Hangul fillers and format characters that draw nothing (zero-width joiners,
// direction marks, soft hyphens, variation selectors, tags).
bool is_blank(std::string_view utf8);

// The text without leading and trailing spaces and tabs.
std::string trimmed(std::string_view text);

// Length in Unicode code points of a UTF-8 string.
std::size_t text_length(std::string_view utf8);

// The one rule for a text field: no control characters, `min` to `max` code points and, when
// required (min > 0), not blank. Adds what is wrong to `out` under `field`.
void check_text(std::vector<FieldError>& out, std::string field, std::string_view value,
                std::size_t min, std::size_t max, TextKind kind = TextKind::line);

}  // namespace formlympics::domain
