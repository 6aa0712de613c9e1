#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/user.hpp"

namespace formlympics::redis {

// The cache's own versioned encoding of a profile, independent of the API's JSON.
std::string encode_user(const domain::User& user);
// The profile, or nullopt for an entry of another version or a damaged one.
std::optional<domain::User> decode_user(std::string_view bytes);

}  // namespace formlympics::redis
