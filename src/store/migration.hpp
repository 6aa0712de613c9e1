#pragma once

#include <string_view>
#include <vector>

namespace formlympics::store {

// One versioned SQL migration; `name` (e.g. "0001_users") orders and identifies it.
struct Migration {
    std::string_view dialect;  // "sqlite" or "postgres"
    std::string_view name;
    std::string_view sql;
};

// Every migration compiled into the binary from migrations/ (generated at build time).
const std::vector<Migration>& embedded_migrations();

// The migrations of one dialect, in the order they apply.
std::vector<Migration> migrations_for(std::string_view dialect);

}  // namespace formlympics::store
