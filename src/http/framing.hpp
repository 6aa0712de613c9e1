#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace formlympics::http {

// The length of the request head (request line, header fields and the empty line that ends
// them) at the start of `bytes`; 0 while it has not all arrived. A head ended by bare line feeds
// counts as complete, so that framing_defect can refuse it.
std::size_t head_length(std::string_view bytes);

// Whether two ASCII strings are equal ignoring case (header names, tokens, codings).
bool iequals(std::string_view a, std::string_view b);
// The text without the spaces and tabs around it (RFC 9110 optional whitespace).
std::string_view trim(std::string_view s);

// Why a complete request head would let two parties disagree on where the request ends (the
// stuff of request smuggling), or nullopt when it is sound. Checked on the bytes as received,
// before the HTTP parser reads them, since the parser forgives some of these:
// - every line ends in CRLF (no bare LF or CR); no obs-fold continuation lines;
// - field names are tokens, with no whitespace before the colon; values hold no control
//   characters but tab;
// - HTTP/1.1 has exactly one Host, HTTP/1.0 at most one;
// - Transfer-Encoding, only in HTTP/1.1, is exactly one field saying "chunked", and never comes
//   with Content-Length;
// - Content-Length is one field of plain decimal digits.
std::optional<std::string> framing_defect(std::string_view head);

// Whether a sound head asks for "Expect: 100-continue" before the client sends its body.
bool expects_continue(std::string_view head);

// The origin-form of a request target: an absolute-form target ("http://host/path?q", which
// RFC 9112 section 3.2.2 obliges servers to accept) loses its scheme and authority.
std::string_view origin_form(std::string_view target);

}  // namespace formlympics::http
