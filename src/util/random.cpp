#include "util/random.hpp"

#include <sodium.h>

#include <stdexcept>

#include "util/encoding.hpp"

namespace formlympics::util {

std::string random_hex(std::size_t bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return hex_encode(raw);
}

}  // namespace formlympics::util
