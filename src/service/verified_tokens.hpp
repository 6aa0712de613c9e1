#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/user.hpp"

namespace formlympics::service {

// The access tokens a thread verified lately, so a buyer's next request costs one lookup rather
// than a signature check and a JSON parse (about a tenth of a refused order's work). Keyed by
// the token's exact bytes: only a token that passed verification is kept, and it is dropped as
// it expires; revocation is still checked on every request. One per thread and per owner (the
// service that verified them), so there is no lock and two servers in one process never share.
class VerifiedTokens {
  public:
    struct Entry {
        domain::Caller caller;
        std::int64_t expires_at = 0;  // `exp`: refused from exp + leeway on, as the codec does
    };

    // This thread's tokens verified by `owner`.
    static VerifiedTokens& of_this_thread(const void* owner);

    // The caller of a kept token still valid at `now`; nullptr otherwise.
    const domain::Caller* find(std::string_view token, std::int64_t now);
    void keep(std::string_view token, const Entry& entry, std::int64_t now);
    std::size_t size() const { return entries_.size(); }

  private:
    struct Hash {
        using is_transparent = void;  // NOLINT(readability-identifier-naming): the standard name
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    const void* owner_ = nullptr;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

}  // namespace formlympics::service
