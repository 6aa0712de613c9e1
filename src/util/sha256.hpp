#pragma once

#include <string>
#include <string_view>

namespace formlympics::util {

// The SHA-256 digest of the bytes, hex-encoded.
std::string sha256_hex(std::string_view bytes);

}  // namespace formlympics::util
