#pragma once

#include <spdlog/common.h>

#include <optional>
#include <string_view>

namespace formlympics::util {

// The spdlog level named by one of trace, debug, info, warn, error, off; nullopt otherwise.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);
// Sends log lines to stderr with UTC timestamps at the given level.
void init_logging(spdlog::level::level_enum level);

}  // namespace formlympics::util
