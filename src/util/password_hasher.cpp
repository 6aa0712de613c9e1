#include "util/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>
#include <string>

namespace formlympics::util {

PasswordHasher::PasswordHasher(Params params) : params_(params) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    decoy_hash_ = hash("decoy password for unknown accounts");
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops,
                              params_.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id hashing ran out of memory");
    }
    return std::string(out);
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
    // libsodium wants a NUL-terminated hash string.
    const std::string h(hash);
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
    (void)verify(decoy_hash_, password);
}

}  // namespace formlympics::util
