#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "support/http_client.hpp"

namespace formlympics::test {

// Makes attempt i (on a connection of the calling thread); the id it produced, if any.
using Attempt = std::function<std::optional<std::int64_t>(std::size_t i, HttpClient& client)>;

// Runs `attempts` attempts from `threads` threads that all start at the same instant, each
// thread with its own keep-alive connection; the ids the attempts produced.
std::vector<std::int64_t> burst(std::uint16_t port, std::size_t attempts, std::size_t threads,
                                const Attempt& attempt);

}  // namespace formlympics::test
