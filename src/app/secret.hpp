#pragma once

#include <string>

#include "app/config.hpp"

namespace formlympics::app {

// The token signing secret: the configured one; on SQLite without one, the secret kept in
// `jwt_secret` (mode 0600) beside the database, generated on first start. Throws
// std::runtime_error with a clear message on PostgreSQL without a configured secret, since
// every instance must share it.
std::string resolve_jwt_secret(const Config& config);

}  // namespace formlympics::app
