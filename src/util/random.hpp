#pragma once

#include <cstddef>
#include <string>

namespace formlympics::util {

// `bytes` cryptographically secure random bytes, hex-encoded (2 characters per byte).
std::string random_hex(std::size_t bytes);

}  // namespace formlympics::util
