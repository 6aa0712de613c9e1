#pragma once

#include <cstddef>
#include <string_view>

namespace formlympics::domain {

// Whether a text may span lines: a description may hold line breaks and tabs, a name may not.
enum class TextKind { line, multiline };

// Whether UTF-8 text holds a control character: any of C0 (NUL included), DEL or C1, except
// tab, line feed and carriage return in multiline text. Such characters are never accepted:
// they are invisible to people, and PostgreSQL cannot store NUL at all.
bool has_control(std::string_view utf8, TextKind kind);

// Length in Unicode code points of a UTF-8 string.
std::size_t text_length(std::string_view utf8);

}  // namespace formlympics::domain
