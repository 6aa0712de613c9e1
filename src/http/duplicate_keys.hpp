#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace formlympics::http {

// The first key that appears twice in one object of the JSON text, at any depth; nullopt when
// none does. Parsers disagree on which of two values a repeated key means (the first, the last,
// both), so a body that has one is refused rather than read one way here and another elsewhere.
// `max_depth` bounds nesting as the parse of the body does; text that is not JSON has none.
std::optional<std::string> duplicate_key(std::string_view text, std::size_t max_depth);

}  // namespace formlympics::http
