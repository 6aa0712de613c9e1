#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace formlympics::util {

// Argon2id password hashing through libsodium, in its self-describing string format.
class PasswordHasher {
  public:
    struct Params {
        unsigned long long ops = 2;                                // passes (t)
        std::size_t memory_bytes = std::size_t{19} * 1024 * 1024;  // m = 19 MiB
    };

    explicit PasswordHasher(Params params);
    PasswordHasher() : PasswordHasher(Params{}) {}

    // An argon2id hash string with a fresh salt; throws std::runtime_error if memory is short.
    std::string hash(std::string_view password) const;
    // True when the password matches the hash; false for a wrong password or a malformed hash.
    bool verify(std::string_view hash, std::string_view password) const;
    // Spends the time of one verification, so unknown accounts answer as slowly as known ones.
    void verify_nothing(std::string_view password) const;

  private:
    Params params_;
    std::string decoy_hash_;
};

}  // namespace formlympics::util
