#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace formlympics::util {

// Text encodings of bytes, on libsodium.

// Base64url without padding (RFC 4648 section 5), as JWT uses it.
std::string base64url_encode(std::string_view bytes);
// The decoded bytes, or nullopt when the text has padding, a foreign character or a bad length.
std::optional<std::string> base64url_decode(std::string_view text);

// Lower-case hexadecimal, two digits per byte.
std::string hex_encode(std::string_view bytes);
// The decoded bytes, or nullopt when the text is not an even run of hexadecimal digits.
std::optional<std::string> hex_decode(std::string_view text);

}  // namespace formlympics::util
